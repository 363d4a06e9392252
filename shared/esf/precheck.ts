import { addDays, checkDate, daysBetween, todayUtc } from '../calendar.js';
import type { FINDING_CODES, PARTY_TYPES, SUPPLIER_TYPES } from '../enums.js';
import type { Country, IdentifierResult } from '../identifiers/types.js';
import { validateIdentifier } from '../identifiers/validate.js';
import type { Confidence, ExportEvidence, LineCategory, Rule, Severity, SupplyType } from '../rules/index.js';
import { type RuleDate, rateFor, requireRule } from '../vat/rates.js';

export type PartyType = (typeof PARTY_TYPES)[number];
export type SupplierType = (typeof SUPPLIER_TYPES)[number];

/** The `POST /v1/esf/precheck` request. */
export interface EsfPrecheckRequest {
  country: Country;
  supplier: { tin: string; type: SupplierType; vatRegistered?: boolean };
  buyer: { tin?: string; type: PartyType };
  deliveryDate: string;
  issueDate?: string;
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

/** The pre-check's answer, without the audit `checkId`. */
export interface EsfPrecheckResult {
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

/**
 * Checks one ESF (electronic invoice) header and its lines for what gets it rejected or penalised:
 * wrong or personal TINs, lateness, rates that differ from the rules in force on the delivery date,
 * VAT from a non-payer and missing export evidence. Rates and deadlines come from the rules data.
 */
export function precheckEsf(request: EsfPrecheckRequest, today: string = todayUtc()): EsfPrecheckResult {
  const { country, supplier, buyer, deliveryDate } = request;
  checkDate('deliveryDate', deliveryDate);
  if (request.issueDate !== undefined) checkDate('issueDate', request.issueDate);
  const issueDate = request.issueDate ?? today;
  // Every rules row here is looked up by the delivery date: a missing one names that field.
  const delivery: RuleDate = { date: deliveryDate, field: 'deliveryDate' };
  const findings: Finding[] = [];

  const supplierTin = validateIdentifier(supplier.tin, { country, asOf: issueDate });
  checkTin(findings, country, 'supplier', supplier.type, supplierTin, delivery);
  let buyerTin: IdentifierResult | undefined;
  if (buyer.tin !== undefined) {
    buyerTin = validateIdentifier(buyer.tin, { country, asOf: issueDate });
    checkTin(findings, country, 'buyer', buyer.type, buyerTin, delivery);
  }

  const deadlineRule = requireRule('esf.deadline', country, delivery);
  const issueBy = addDays(deliveryDate, deadlineRule.calendarDays);
  const daysLeft = daysBetween(issueDate, issueBy);
  if (daysLeft < 0) {
    findings.push(
      finding(
        'ESF_LATE',
        'warning',
        'issueDate',
        `issued ${-daysLeft} day(s) after the deadline ${issueBy} (${deadlineRule.calendarDays} calendar days after delivery); penalties apply`,
        deadlineRule,
      ),
    );
  }
  if (issueDate < deliveryDate) {
    const rule = requireRule('esf.issue_before_delivery', country, delivery);
    findings.push(
      finding(
        'ISSUED_BEFORE_DELIVERY',
        rule.severity,
        'issueDate',
        `issue date ${issueDate} is before the delivery (turnover) date ${deliveryDate}`,
        rule,
      ),
    );
  }

  checkLines(findings, request, delivery);
  return {
    submittable: !findings.some((f) => f.severity === 'error'),
    findings,
    deadline: {
      issueBy,
      daysLeft,
      calendarDays: deadlineRule.calendarDays,
      citation: deadlineRule.citation,
      confidence: deadlineRule.confidence,
      ruleId: deadlineRule.id,
    },
    supplierTin,
    ...(buyerTin ? { buyerTin } : {}),
  };
}

function checkTin(
  findings: Finding[],
  country: Country,
  role: 'supplier' | 'buyer',
  type: PartyType,
  tin: IdentifierResult,
  date: RuleDate,
): void {
  const field = `${role}.tin`;
  const personal = tin.details && 'holder' in tin.details && tin.details.holder === 'individual';
  if (type === 'legal_entity' && personal) {
    const rule = requireRule('esf.tin_field', country, date);
    if (country === 'KG') {
      findings.push(
        finding(
          'PIN_IN_INN_FIELD',
          'error',
          field,
          `the ${role} is a legal entity but its TIN field holds an individual's PIN; use the organisation's INN`,
          rule,
        ),
      );
    } else {
      findings.push(
        finding(
          'IIN_IN_BIN_FIELD',
          'error',
          field,
          `the ${role} is a legal entity but its TIN field holds an IIN (a person's number); use the organisation's BIN`,
          rule,
        ),
      );
    }
  }
  if (!tin.valid) {
    const codes = tin.errors.map((e) => e.code).join(', ');
    const rule = requireRule('identifier.format', country, date, (r) => r.prefix === undefined);
    findings.push(
      finding(
        role === 'supplier' ? 'INVALID_SUPPLIER_TIN' : 'INVALID_BUYER_TIN',
        'error',
        field,
        `the ${role} TIN is not a valid ${country} identifier (${codes})`,
        rule,
      ),
    );
  }
}

function checkLines(findings: Finding[], request: EsfPrecheckRequest, delivery: RuleDate): void {
  const { country, deliveryDate, supplier, lines } = request;
  const chargedByNonPayer: number[] = [];
  const exportTypes = new Set<Exclude<SupplyType, 'domestic'>>();
  lines.forEach((line, i) => {
    const supplyType = line.supplyType ?? 'domestic';
    if (supplier.vatRegistered === false) {
      if (line.vatRate > 0) chargedByNonPayer.push(i);
      return; // a non-payer charges no VAT: no rate is "expected"
    }
    const expected = rateFor(country, delivery, supplyType, line.category ?? 'standard');
    if (line.vatRate !== expected.rate) {
      findings.push({
        ...finding(
          'VAT_RATE_MISMATCH',
          'error',
          `lines[${i}].vatRate`,
          `rate ${line.vatRate}% differs from the ${expected.rate}% in force on ${deliveryDate} for ${country} ${supplyType}${line.category && line.category !== 'standard' ? ` ${line.category}` : ''} supplies`,
        ),
        citation: expected.reason.citation,
        confidence: expected.reason.confidence,
        ruleId: expected.reason.ruleId,
      });
    }
    if (supplyType !== 'domestic' && line.vatRate === 0) exportTypes.add(supplyType);
  });

  if (chargedByNonPayer.length > 0) {
    const rule = requireRule('vat.non_payer_charges', country, delivery);
    findings.push(
      finding(
        'SUPPLIER_NOT_VAT_REGISTERED',
        'error',
        'supplier.vatRegistered',
        `the supplier is not VAT-registered but line(s) ${chargedByNonPayer.join(', ')} charge VAT`,
        rule,
      ),
    );
  }

  const provided = new Set(request.exportEvidence ?? []);
  for (const supplyType of exportTypes) {
    const rule = requireRule('vat.export_evidence', country, delivery, (r) => r.supplyType === supplyType);
    const missing = rule.documents.filter((d) => !provided.has(d));
    if (missing.length > 0) {
      findings.push(
        finding(
          'EXPORT_EVIDENCE_MISSING',
          'warning',
          'exportEvidence',
          `0% ${supplyType === 'eaeu_export' ? 'EAEU export' : 'export'} lines lack: ${missing.join(', ')}`,
          rule,
        ),
      );
    }
  }
}
