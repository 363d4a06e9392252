import * as z from 'zod';
import {
  ESF_ISSUERS,
  EXPORT_EVIDENCE,
  FINDING_CODES,
  LINE_CATEGORIES,
  PARTY_TYPES,
  SEVERITIES,
  SUPPLIER_TYPES,
  SUPPLY_TYPES,
} from '../enums.js';
import type * as domain from '../esf/precheck.js';
import type { IdentifierResult as DomainIdentifierResult } from '../identifiers/types.js';
import { Confidence, CountryCode, IsoDate, Money } from './common.js';
import { IdentifierResult } from './identifiers.js';
import type { Expect, Same, WithCheckId } from './same.js';
import { AnswerConfidenceFields } from './vat.js';

export const EsfPrecheckRequest = z
  .object({
    country: CountryCode,
    supplier: z.object({
      tin: z.string().min(1).max(64),
      type: z.enum(SUPPLIER_TYPES),
      vatRegistered: z.boolean().optional(),
    }),
    buyer: z.object({
      tin: z.string().min(1).max(64).optional(),
      type: z.enum(PARTY_TYPES),
    }),
    deliveryDate: IsoDate,
    issueDate: IsoDate.optional(),
    issuedBy: z.enum(ESF_ISSUERS).optional().meta({
      description:
        "Who issued the ESF. KZ from 2026: an ESF for services from a non-resident (supplier.type foreign_company) is issued by the buyer on the non-resident's behalf; anything else is flagged ESF_NOT_ISSUED_BY_BUYER. Absent: the supplier.",
    }),
    lines: z
      .array(
        z.object({
          net: Money,
          vatRate: z.number().min(0).max(100),
          supplyType: z.enum(SUPPLY_TYPES).optional(),
          category: z.enum(LINE_CATEGORIES).optional(),
        }),
      )
      .min(1)
      .max(1000),
    exportEvidence: z.array(z.enum(EXPORT_EVIDENCE)).optional(),
  })
  .meta({ id: 'EsfPrecheckRequest' });

export const EsfPrecheckResponse = z
  .object({
    submittable: z.boolean(),
    findings: z.array(
      z.object({
        code: z.enum(FINDING_CODES),
        severity: z.enum(SEVERITIES),
        field: z.string(),
        message: z.string(),
        citation: z.string().optional(),
        confidence: Confidence.optional(),
        ruleId: z.string().optional(),
      }),
    ),
    deadline: z.object({
      issueBy: z.string(),
      daysLeft: z.number(),
      calendarDays: z.number(),
      citation: z.string(),
      confidence: Confidence,
      ruleId: z.string(),
    }),
    supplierTin: IdentifierResult,
    buyerTin: IdentifierResult.optional(),
    ...AnswerConfidenceFields,
    checkId: z.string(),
  })
  .meta({ id: 'EsfPrecheckResponse' });

/** The pre-check as the API answers it: each TIN result carries the audit record's id too. */
type EsfPrecheckAnswer = WithCheckId<
  Omit<domain.EsfPrecheckResult, 'supplierTin' | 'buyerTin'> & {
    supplierTin: WithCheckId<DomainIdentifierResult>;
    buyerTin?: WithCheckId<DomainIdentifierResult>;
  }
>;

// The domain types and these schemas must describe the same shapes: drift fails `tsc` here.
type _EsfChecks = [
  Expect<Same<z.output<typeof EsfPrecheckRequest>, domain.EsfPrecheckRequest>>,
  Expect<Same<z.output<typeof EsfPrecheckResponse>, EsfPrecheckAnswer>>,
];
