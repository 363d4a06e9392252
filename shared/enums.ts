/**
 * Every closed list of values in the contract, written once. The domain types are `(typeof X)[number]`
 * of these tuples and the zod schemas are `z.enum(X)` of the same tuples, so a value added here reaches
 * both — and a value added anywhere else fails the type checks in `shared/schemas/`.
 */

/** Countries whose identifiers Salyk understands. */
export const COUNTRIES = ['KZ', 'KG'] as const;
/** Countries (and the union) a rules row can belong to. */
export const RULE_COUNTRIES = ['KG', 'KZ', 'EAEU'] as const;

/** KZ IIN (person) / BIN (business); KG INN (taxpayer) / PIN (person). */
export const IDENTIFIER_KINDS = ['IIN', 'BIN', 'INN', 'PIN'] as const;
/** Stable error codes of the v1 contract. */
export const IDENTIFIER_ERROR_CODES = [
  'INVALID_CHARACTERS',
  'INVALID_LENGTH',
  'INVALID_CHECKSUM',
  'INVALID_DATE',
  'INVALID_CENTURY_DIGIT',
  'INVALID_COMPONENT',
  'KIND_MISMATCH',
  'UNKNOWN_COUNTRY',
  'LEADING_ZERO_LOST',
  'SPREADSHEET_NUMBER',
  'EMPTY_VALUE',
] as const;
/** Stable warning codes of the v1 contract. */
export const IDENTIFIER_WARNING_CODES = [
  'BIRTH_DATE_IN_FUTURE',
  'STRUCTURE_UNCONFIRMED',
  'FOREIGN_NATIONAL_PIN',
] as const;
export const KZ_BIN_ENTITY_TYPES = [
  'resident_legal_entity',
  'non_resident_legal_entity',
  'joint_individual_entrepreneur',
] as const;
export const KZ_BIN_DIVISIONS = [
  'head_office',
  'branch',
  'representative_office',
  'other_subdivision_or_peasant_farm',
  'peasant_farm',
] as const;

/** How sure we are of a rule, exactly as the research marks it. */
export const CONFIDENCES = ['confirmed', 'secondary', 'seed_only', 'contested'] as const;

export const SUPPLY_TYPES = ['domestic', 'export', 'eaeu_export'] as const;
export const LINE_CATEGORIES = ['standard', 'medicines', 'periodicals'] as const;
export const EXPORT_EVIDENCE = [
  'contract',
  'customs_declaration',
  'eaeu_import_statement',
  'transport_document',
  'bank_proceeds',
] as const;

/** ESF parties; a supplier is never a private `individual`. */
export const PARTY_TYPES = ['legal_entity', 'individual_entrepreneur', 'individual', 'foreign_company'] as const;
export const SUPPLIER_TYPES = ['legal_entity', 'individual_entrepreneur', 'foreign_company'] as const;
export const FINDING_CODES = [
  'PIN_IN_INN_FIELD',
  'IIN_IN_BIN_FIELD',
  'INVALID_SUPPLIER_TIN',
  'INVALID_BUYER_TIN',
  'ESF_LATE',
  'ISSUED_BEFORE_DELIVERY',
  'VAT_RATE_MISMATCH',
  'SUPPLIER_NOT_VAT_REGISTERED',
  'EXPORT_EVIDENCE_MISSING',
  'ESF_NOT_ISSUED_BY_BUYER',
] as const;
/** Who issued an ESF: normally the supplier; for services bought from a non-resident (KZ from 2026) the buyer. */
export const ESF_ISSUERS = ['supplier', 'buyer'] as const;
export const SEVERITIES = ['error', 'warning'] as const;

export const REGIMES = ['general', 'single_tax', 'patent', 'simplified'] as const;
/** KG: traders have a higher single-tax ceiling (the VAT trigger) than services. */
export const SELLER_ACTIVITIES = ['trade', 'services'] as const;
export const BUYER_TYPES = ['business', 'consumer'] as const;
export const SUPPLY_CATEGORIES = ['electronic_services', 'services', 'goods'] as const;
export const LIABLE_PARTIES = ['seller', 'buyer_tax_agent', 'none'] as const;
export const CURRENCIES = ['KGS', 'KZT'] as const;
export const FILING_FREQUENCIES = ['quarterly', 'monthly'] as const;
export const FILERS = ['resident', 'nonresident_eservices'] as const;
/** Whose return a `filing` block is: the seller's, or the buyer's when it pays the VAT as tax agent. */
export const FILED_BY = ['seller', 'buyer'] as const;
/** What a buyer paying VAT for a non-resident keeps to support the VAT it paid (and its offset). */
export const TAX_AGENT_RECORDS = ['contract', 'acceptance_act', 'payment_proof'] as const;

/** Which test decided a residency question. */
export const DECIDED_BY = ['days_183', 'days_90_aifc', 'vital_interests', 'treaty_certificate', 'none'] as const;

/** What was checked: names the operation in audit records. */
export const AUDIT_OPERATIONS = [
  'identifiers.validate',
  'identifiers.validate-batch',
  'esf.precheck',
  'vat.assess',
  'residency.kz',
] as const;
