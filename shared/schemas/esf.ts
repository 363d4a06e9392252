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
import type { EsfXmlProblem, EsfXmlProblemCode } from '../esf/xml/index.js';
import type { IdentifierResult as DomainIdentifierResult } from '../identifiers/types.js';
import { Confidence, CountryCode, codeEnum, Identifier, IsoDate, Money } from './common.js';
import { IdentifierResult } from './identifiers.js';
import type { Expect, Same, WithCheckId } from './same.js';
import { AnswerConfidenceFields } from './vat.js';

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
    issuedBy: z.enum(ESF_ISSUERS).optional().meta({
      description:
        "Who issued the ESF. KZ from 2026: an ESF for services from a non-resident (supplier.type foreign_company) is issued by the buyer on the non-resident's behalf; anything else is flagged ESF_NOT_ISSUED_BY_BUYER. Absent: the supplier.",
    }),
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

/**
 * Codes of the problems `parseKzInvoiceXml` finds in an IS ESF `InvoiceV2` document (docs/esf-xml.md).
 * Listed here (not in shared/enums.ts) because only the XML body of `POST /v1/esf/precheck` produces them.
 */
export const ESF_XML_PROBLEM_CODES = [
  'XML_TOO_LARGE',
  'XML_TOO_DEEP',
  'XML_DOCTYPE_FORBIDDEN',
  'XML_NOT_WELL_FORMED',
  'NOT_AN_ESF_INVOICE',
  'MORE_THAN_ONE_INVOICE',
  'MISSING_ELEMENT',
  'INVALID_DATE',
  'MISSING_SELLER_TIN',
  'MISSING_CUSTOMER_TIN',
  'RATE_NOT_ALLOWED',
  'NOT_A_NUMBER',
  'TOO_MANY_LINES',
  'NO_CHECKABLE_LINES',
  'EXTRA_PARTY_NOT_CHECKED',
  'LINE_NOT_CHECKED',
  'CATEGORY_INFERRED_FROM_RATE',
] as const;

/** One problem of the XML document itself, at its XML path. */
const EsfDocumentProblem = z
  .object({
    path: z.string().meta({ example: '/esf:invoiceContainer/invoiceSet/v2:invoice[1]/productSet/products/product[1]' }),
    code: z.enum(ESF_XML_PROBLEM_CODES),
    severity: z.enum(SEVERITIES),
    message: z.string(),
  })
  .meta({ id: 'EsfDocumentProblem' });

/**
 * The route's `200` answer: the pre-check, plus `documentProblems` when the request was the XML document
 * (its warnings only: a document with an error is a `400`).
 */
export const EsfPrecheckAnswer = EsfPrecheckResponse.extend({
  documentProblems: z.array(EsfDocumentProblem).optional().meta({
    description: 'Only for an XML request: warnings about the document itself (e.g. a line the pre-check left out)',
  }),
}).meta({ id: 'EsfPrecheckAnswer' });

type _EsfXmlChecks = [
  Expect<Same<(typeof ESF_XML_PROBLEM_CODES)[number], EsfXmlProblemCode>>,
  Expect<Same<z.output<typeof EsfDocumentProblem>, EsfXmlProblem>>,
];
