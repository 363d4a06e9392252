import { addDays, checkDate, daysBetween, todayUtc } from '../calendar.js';
import type { ESF_ISSUERS, FINDING_CODES, PARTY_TYPES, SUPPLIER_TYPES } from '../enums.js';
import { tEsf as t } from '../i18n/esf.js';
import { DEFAULT_LANG, type Lang } from '../i18n/languages.js';
import type { Country, IdentifierResult } from '../identifiers/types.js';
import { validateIdentifier } from '../identifiers/validate.js';
import {
  type AnswerConfidence,
  answerConfidence,
  type Confidence,
  type ExportEvidence,
  type LineCategory,
  type Rule,
  ruleInForce,
  type Severity,
  type SupplyType,
} from '../rules/index.js';
import { type RuleDate, rateFor, requireRule } from '../vat/rates.js';

export type PartyType = (typeof PARTY_TYPES)[number];
type SupplierType = (typeof SUPPLIER_TYPES)[number];
type EsfIssuer = (typeof ESF_ISSUERS)[number];

/** The `POST /v1/esf/precheck` request. */
export interface EsfPrecheckRequest {
  country: Country;
  supplier: { tin: string; type: SupplierType; vatRegistered?: boolean };
  buyer: { tin?: string; type: PartyType };
  deliveryDate: string;
  issueDate?: string;
  /**
   * Who issued the ESF. A KZ ESF for services from a non-resident (`supplier.type: foreign_company`) is issued by
   * the buyer on the non-resident's behalf from 2026; absent counts as issued by the supplier.
   */
  issuedBy?: EsfIssuer;
  lines: { net: number; vatRate: number; supplyType?: SupplyType; category?: LineCategory }[];
  exportEvidence?: ExportEvidence[];
}

export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  field: string;
  message: string;
  citation?: string;
  confidence?: Confidence;
  ruleId?: string;
}

/**
 * The pre-check's answer, without the audit `checkId`. `confidenceFrom` lists the rows that decided it: the
 * deadline, the identifier format, the rates the lines were checked against and every finding's row.
 */
export interface EsfPrecheckResult extends AnswerConfidence {
  submittable: boolean;
  findings: Finding[];
  /** The issue deadline from the rules data, with the row it comes from (the KG 5-day figure is seed-only). */
  deadline: {
    issueBy: string;
    daysLeft: number;
    calendarDays: number;
    citation: string;
    confidence: Confidence;
    ruleId: string;
  };
  supplierTin: IdentifierResult;
  buyerTin?: IdentifierResult;
}

function finding(
  code: FindingCode,
  severity: Finding['severity'],
  field: string,
  message: string,
  rule?: Rule,
): Finding {
  return {
    code,
    severity,
    field,
    message,
    ...(rule ? { citation: rule.citation, confidence: rule.confidence, ruleId: rule.id } : {}),
  };
}

/** Options of a pre-check. */
export interface PrecheckOptions {
  /** The language of the finding messages (and of the nested TIN results): `ru`, `kk`, `ky` or `en` (default). */
  lang?: Lang;
  /** The date the check is made on (`YYYY-MM-DD`), used as the issue date when the request has none. Defaults to today (UTC). */
  today?: string;
}

/**
 * Checks one ESF (electronic invoice) header and its lines for what gets it rejected or penalised:
 * wrong or personal TINs, lateness, rates that differ from the rules in force on the delivery date,
 * VAT from a non-payer and missing export evidence. Rates and deadlines come from the rules data.
 *
 * @param options - `{ lang, today }`; a bare date string is still taken as `today` (the earlier signature)
 */
export function precheckEsf(request: EsfPrecheckRequest, options: PrecheckOptions | string = {}): EsfPrecheckResult {
  const { lang = DEFAULT_LANG, today = todayUtc() } = typeof options === 'string' ? { today: options } : options;
  checkDate('deliveryDate', request.deliveryDate);
  if (request.issueDate !== undefined) checkDate('issueDate', request.issueDate);
  const issueDate = request.issueDate ?? today;
  // Every rules row here is looked up by the delivery date: a missing one names that field.
  const delivery: RuleDate = { date: request.deliveryDate, field: 'deliveryDate' };
  const findings: Finding[] = [];

  const tins = checkParties(findings, request, issueDate, delivery, lang);
  const deadline = checkTiming(findings, request, issueDate, delivery, lang);
  const issuer = checkIssuer(request, lang);
  if (issuer.finding) findings.push(issuer.finding);
  const rates = checkLines(findings, request, delivery, lang);
  const format = requireRule('identifier.format', request.country, delivery, (r) => r.prefix === undefined);
  const fromFindings = findings.flatMap((f) =>
    f.ruleId && f.confidence ? [{ id: f.ruleId, confidence: f.confidence }] : [],
  );
  return {
    submittable: !findings.some((f) => f.severity === 'error'),
    findings: findings.map((f) => withConfidenceNote(f, lang)),
    deadline,
    ...tins,
    // The deadline carries its row's id and confidence.
    ...answerConfidence([deadline, format, ...rates, ...issuer.rules, ...fromFindings]),
  };
}

/** Validates the supplier's TIN and, when given, the buyer's (as of the issue date), and checks them for the ESF. */
function checkParties(
  findings: Finding[],
  request: EsfPrecheckRequest,
  issueDate: string,
  delivery: RuleDate,
  lang: Lang,
): { supplierTin: IdentifierResult; buyerTin?: IdentifierResult } {
  const { country, supplier, buyer } = request;
  const supplierTin = validateIdentifier(supplier.tin, { country, asOf: issueDate, lang });
  checkTin(findings, country, 'supplier', supplier.type, supplierTin, delivery, lang);
  if (buyer.tin === undefined) return { supplierTin };
  const buyerTin = validateIdentifier(buyer.tin, { country, asOf: issueDate, lang });
  checkTin(findings, country, 'buyer', buyer.type, buyerTin, delivery, lang);
  return { supplierTin, buyerTin };
}

/** The issue deadline from the rules data, and findings for an ESF issued late or before the delivery. */
function checkTiming(
  findings: Finding[],
  request: EsfPrecheckRequest,
  issueDate: string,
  delivery: RuleDate,
  lang: Lang,
): EsfPrecheckResult['deadline'] {
  const { country, deliveryDate } = request;
  const deadlineRule = requireRule('esf.deadline', country, delivery);
  const days = deadlineRule.calendarDays;
  const issueBy = addDays(deliveryDate, days);
  const daysLeft = daysBetween(issueDate, issueBy);
  if (daysLeft < 0) {
    const message = t('ESF_LATE', lang, { daysLate: -daysLeft, issueBy, days });
    findings.push(finding('ESF_LATE', 'warning', 'issueDate', message, deadlineRule));
  }
  if (issueDate < deliveryDate) {
    const rule = requireRule('esf.issue_before_delivery', country, delivery);
    const message = t('ISSUED_BEFORE_DELIVERY', lang, { issueDate, deliveryDate });
    findings.push(finding('ISSUED_BEFORE_DELIVERY', rule.severity, 'issueDate', message, rule));
  }
  const { citation, confidence, id: ruleId } = deadlineRule;
  return { issueBy, daysLeft, calendarDays: days, citation, confidence, ruleId };
}

/** A finding whose rule is `contested` or `seed_only` says so in its message, so a reader does not over-trust it. */
function withConfidenceNote(f: Finding, lang: Lang): Finding {
  const weak = f.confidence === 'contested' || f.confidence === 'seed_only' ? f.confidence : undefined;
  return weak ? { ...f, message: `${f.message}${t('FINDING.confidence', lang, { confidence: weak })}` } : f;
}

/**
 * KZ from 2026: an ESF for services bought from a non-resident is issued by the buyer on the non-resident's
 * behalf (rows `KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026`, `KZ.VAT.NONRESIDENT_ESERVICES.B2B`). A foreign
 * company on a KZ ESF is such a supplier: its goods come in as imports, not on its own ESF.
 */
function checkIssuer(request: EsfPrecheckRequest, lang: Lang): { finding?: Finding; rules: Rule[] } {
  if (request.supplier.type !== 'foreign_company') return { rules: [] };
  const agent = ruleInForce('vat.tax_agent.nonresident_services', request.country, request.deliveryDate);
  if (!agent?.buyerIssuesEsf) return { rules: [] };
  if (request.issuedBy === 'buyer') return { rules: [agent] };
  const message = t('ESF_NOT_ISSUED_BY_BUYER', lang);
  return { finding: finding('ESF_NOT_ISSUED_BY_BUYER', 'error', 'issuedBy', message, agent), rules: [] };
}

function checkTin(
  findings: Finding[],
  country: Country,
  role: 'supplier' | 'buyer',
  type: PartyType,
  tin: IdentifierResult,
  date: RuleDate,
  lang: Lang,
): void {
  const field = `${role}.tin`;
  const personal = tin.details && 'holder' in tin.details && tin.details.holder === 'individual';
  if (type === 'legal_entity' && personal) {
    const rule = requireRule('esf.tin_field', country, date);
    if (country === 'KG') {
      findings.push(finding('PIN_IN_INN_FIELD', 'error', field, t('PIN_IN_INN_FIELD', lang, { role }), rule));
    } else {
      findings.push(finding('IIN_IN_BIN_FIELD', 'error', field, t('IIN_IN_BIN_FIELD', lang, { role }), rule));
    }
  }
  if (!tin.valid) {
    const codes = tin.errors.map((e) => e.code).join(', ');
    const rule = requireRule('identifier.format', country, date, (r) => r.prefix === undefined);
    const code = role === 'supplier' ? 'INVALID_SUPPLIER_TIN' : 'INVALID_BUYER_TIN';
    findings.push(finding(code, 'error', field, t(code, lang, { country, codes }), rule));
  }
}

/** Checks each line's rate; answers the rate rows the lines were checked against (they decide "no mismatch" too). */
function checkLines(
  findings: Finding[],
  request: EsfPrecheckRequest,
  delivery: RuleDate,
  lang: Lang,
): { id: string; confidence: Confidence }[] {
  const { checked, chargedByNonPayer, exportTypes } = checkLineRates(findings, request, delivery, lang);
  if (chargedByNonPayer.length > 0) {
    const rule = requireRule('vat.non_payer_charges', request.country, delivery);
    const message = t('SUPPLIER_NOT_VAT_REGISTERED', lang, { lines: chargedByNonPayer.join(', ') });
    findings.push(finding('SUPPLIER_NOT_VAT_REGISTERED', 'error', 'supplier.vatRegistered', message, rule));
  }
  checkExportEvidence(findings, request, exportTypes, delivery, lang);
  return checked;
}

/** What the line-by-line rate check found besides its findings. */
interface LineRates {
  /** The rate rows the lines were checked against. */
  checked: { id: string; confidence: Confidence }[];
  /** The indexes of lines with VAT from a supplier who is not a VAT payer. */
  chargedByNonPayer: number[];
  /** The export supply types that went out at 0% and so need their evidence. */
  exportTypes: Set<Exclude<SupplyType, 'domestic'>>;
}

/** Compares each line's rate with the rate in force for its supply type and category. */
function checkLineRates(findings: Finding[], request: EsfPrecheckRequest, delivery: RuleDate, lang: Lang): LineRates {
  const rates: LineRates = { checked: [], chargedByNonPayer: [], exportTypes: new Set() };
  const { country, deliveryDate, supplier } = request;
  request.lines.forEach((line, i) => {
    const supplyType = line.supplyType ?? 'domestic';
    if (supplier.vatRegistered === false) {
      if (line.vatRate > 0) rates.chargedByNonPayer.push(i);
      return; // a non-payer charges no VAT: no rate is "expected"
    }
    const expected = rateFor(country, delivery, supplyType, line.category ?? 'standard');
    const { ruleId, confidence, citation } = expected.reason;
    rates.checked.push({ id: ruleId, confidence });
    if (line.vatRate !== expected.rate) {
      const message = t('VAT_RATE_MISMATCH', lang, {
        rate: line.vatRate,
        expected: expected.rate,
        date: deliveryDate,
        country,
        supplyType,
        category: line.category,
      });
      const mismatch = finding('VAT_RATE_MISMATCH', 'error', `lines[${i}].vatRate`, message);
      findings.push({ ...mismatch, citation, confidence, ruleId });
    }
    if (supplyType !== 'domestic' && line.vatRate === 0) rates.exportTypes.add(supplyType);
  });
  return rates;
}

/** A zero-rated export needs its documents (rows `vat.export_evidence`); names the ones not provided. */
function checkExportEvidence(
  findings: Finding[],
  request: EsfPrecheckRequest,
  exportTypes: ReadonlySet<Exclude<SupplyType, 'domestic'>>,
  delivery: RuleDate,
  lang: Lang,
): void {
  const provided = new Set(request.exportEvidence ?? []);
  for (const supplyType of exportTypes) {
    const rule = requireRule('vat.export_evidence', request.country, delivery, (r) => r.supplyType === supplyType);
    const missing = rule.documents.filter((d) => !provided.has(d));
    if (missing.length === 0) continue;
    const message = t('EXPORT_EVIDENCE_MISSING', lang, { eaeu: supplyType === 'eaeu_export', missing });
    findings.push(finding('EXPORT_EVIDENCE_MISSING', 'warning', 'exportEvidence', message, rule));
  }
}
