import * as z from 'zod';
import {
  IDENTIFIER_ERROR_CODES,
  IDENTIFIER_KINDS,
  IDENTIFIER_WARNING_CODES,
  KZ_BIN_DIVISIONS,
  KZ_BIN_ENTITY_TYPES,
} from '../enums.js';
import type * as domain from '../identifiers/types.js';
import { CountryCode, CountryCodeOut, codeEnum, Identifier } from './common.js';
import type { Expect, Same, WithCheckId } from './same.js';

const IdentifierKind = codeEnum(IDENTIFIER_KINDS);
const IdentifierKindOut = z.enum(IDENTIFIER_KINDS);

/** The most items one batch request may carry; more is `413`. */
export const MAX_BATCH_ITEMS = 10_000;

export const ValidateIdentifierRequest = z
  .strictObject({
    value: Identifier,
    country: CountryCode.optional(),
    kind: IdentifierKind.optional(),
  })
  .meta({ id: 'ValidateIdentifierRequest' });

const BatchItem = ValidateIdentifierRequest.extend({ ref: z.string().max(256).optional() });

export const ValidateBatchRequest = z
  .strictObject({ items: z.array(BatchItem).min(1).max(MAX_BATCH_ITEMS) })
  .meta({ id: 'ValidateBatchRequest' });

const IdentifierDetails = z
  .union([
    z.object({
      holder: z.enum(['legal_entity', 'individual_entrepreneur']),
      registered: z.string(),
      entityType: z.enum(KZ_BIN_ENTITY_TYPES),
      division: z.enum(KZ_BIN_DIVISIONS),
    }),
    z.object({ holder: z.literal('individual'), birthDate: z.string(), sex: z.enum(['male', 'female']) }),
    z.object({
      holder: z.enum(['legal_entity', 'individual']),
      registeredOn: z.string().optional(),
      birthDate: z.string().optional(),
      foreignNational: z.boolean().optional(),
    }),
    z.record(z.string(), z.never()),
  ])
  .meta({
    description:
      'BIN: {holder, registered, entityType, division}; IIN: {holder, birthDate, sex}; KG: {holder, registeredOn?, birthDate?, foreignNational?}; {} when nothing can be decoded',
  });

export const IdentifierResult = z
  .object({
    valid: z.boolean(),
    country: CountryCodeOut.nullable(),
    kind: IdentifierKindOut.nullable(),
    normalized: z.string().nullable(),
    errors: z.array(z.object({ code: z.enum(IDENTIFIER_ERROR_CODES), message: z.string() })),
    warnings: z.array(z.object({ code: z.enum(IDENTIFIER_WARNING_CODES), message: z.string() })),
    suggestion: z.object({ value: z.string(), reason: z.literal('LEADING_ZERO_LOST') }).optional(),
    details: IdentifierDetails,
    checkId: z.string().meta({ description: 'id of the audit record written for this check' }),
  })
  .meta({ id: 'IdentifierResult' });

export const ValidateBatchResponse = z
  .object({
    summary: z.object({ total: z.number(), valid: z.number(), invalid: z.number(), withWarnings: z.number() }),
    results: z.array(IdentifierResult.extend({ ref: z.string().optional() })),
  })
  .meta({ id: 'ValidateBatchResponse' });

// The domain types and these schemas must describe the same shapes: drift fails `tsc` here.
type _IdentifierChecks = [
  Expect<Same<z.output<typeof IdentifierResult>, WithCheckId<domain.IdentifierResult>>>,
  Expect<
    Same<
      z.output<typeof ValidateIdentifierRequest>,
      { value: string } & Omit<domain.ValidateOptions, 'asOf' | 'lang' | 'countryOption'>
    >
  >,
];
