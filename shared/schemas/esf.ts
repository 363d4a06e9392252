import * as z from 'zod';
import { Confidence, CountryCode, IsoDate, Money } from './common.js';
import { IdentifierResult } from './identifiers.js';

export const EsfPrecheckRequest = z
  .object({
    country: CountryCode,
    supplier: z.object({
      tin: z.string().min(1).max(64),
      type: z.enum(['legal_entity', 'individual_entrepreneur', 'foreign_company']),
      vatRegistered: z.boolean().optional(),
    }),
    buyer: z.object({
      tin: z.string().min(1).max(64).optional(),
      type: z.enum(['legal_entity', 'individual_entrepreneur', 'individual', 'foreign_company']),
    }),
    deliveryDate: IsoDate,
    issueDate: IsoDate.optional(),
    lines: z
      .array(
        z.object({
          net: Money,
          vatRate: z.number().min(0).max(100),
          supplyType: z.enum(['domestic', 'export', 'eaeu_export']).optional(),
          category: z.enum(['standard', 'medicines', 'periodicals']).optional(),
        }),
      )
      .min(1)
      .max(1000),
    exportEvidence: z
      .array(
        z.enum(['contract', 'customs_declaration', 'eaeu_import_statement', 'transport_document', 'bank_proceeds']),
      )
      .optional(),
  })
  .meta({ id: 'EsfPrecheckRequest' });

export const EsfPrecheckResponse = z
  .object({
    submittable: z.boolean(),
    findings: z.array(
      z.object({
        code: z.string(),
        severity: z.enum(['error', 'warning']),
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
