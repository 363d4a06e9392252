import * as z from 'zod';
import {
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
import { Confidence, CountryCode, codeEnum, Identifier, IsoDate, Money } from './common.js';
import { IdentifierResult } from './identifiers.js';
import type { Expect, Same, WithCheckId } from './same.js';

export const EsfPrecheckRequest = z
  .strictObject({
    country: CountryCode,
    supplier: z.strictObject({
      tin: Identifier,
      type: codeEnum(SUPPLIER_TYPES),
      vatRegistered: z.boolean().optional(),
    }),
    buyer: z.strictObject({
      tin: Identifier.optional(),
      type: codeEnum(PARTY_TYPES),
    }),
    deliveryDate: IsoDate,
    issueDate: IsoDate.optional(),
    lines: z
      .array(
        z.strictObject({
          net: Money,
          vatRate: z.number().min(0).max(100),
          supplyType: codeEnum(SUPPLY_TYPES).optional(),
          category: codeEnum(LINE_CATEGORIES).optional(),
        }),
      )
      .min(1)
      .max(1000),
    exportEvidence: z.array(codeEnum(EXPORT_EVIDENCE)).optional(),
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
