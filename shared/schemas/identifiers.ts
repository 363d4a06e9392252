import * as z from 'zod';
import { CountryCode } from './common.js';

export const IdentifierKind = z.enum(['IIN', 'BIN', 'INN', 'PIN']);

/** The most items one batch request may carry; more is `413`. */
export const MAX_BATCH_ITEMS = 10_000;

export const ValidateIdentifierRequest = z
  .object({
    value: z.string().min(1).max(64),
    country: CountryCode.optional(),
    kind: IdentifierKind.optional(),
  })
  .meta({ id: 'ValidateIdentifierRequest' });

export const BatchItem = ValidateIdentifierRequest.extend({ ref: z.string().max(256).optional() });

export const ValidateBatchRequest = z
  .object({ items: z.array(BatchItem).min(1).max(MAX_BATCH_ITEMS) })
  .meta({ id: 'ValidateBatchRequest' });

const Issue = z.object({ code: z.string(), message: z.string() });

export const IdentifierResult = z
  .object({
    valid: z.boolean(),
    country: CountryCode.nullable(),
    kind: IdentifierKind.nullable(),
    normalized: z.string().nullable(),
    errors: z.array(Issue),
    warnings: z.array(Issue),
    suggestion: z.object({ value: z.string(), reason: z.literal('LEADING_ZERO_LOST') }).optional(),
    details: z.record(z.string(), z.unknown()).meta({
      description:
        'IIN: {holder, birthDate, sex}; BIN: {holder, registered, entityType, division}; KG: {holder, registeredOn?, birthDate?, foreignNational?}; {} when nothing can be decoded',
    }),
    checkId: z.string().meta({ description: 'id of the audit record written for this check' }),
  })
  .meta({ id: 'IdentifierResult' });

export const ValidateBatchResponse = z
  .object({
    summary: z.object({ total: z.number(), valid: z.number(), invalid: z.number(), withWarnings: z.number() }),
    results: z.array(IdentifierResult.extend({ ref: z.string().optional() })),
  })
  .meta({ id: 'ValidateBatchResponse' });
