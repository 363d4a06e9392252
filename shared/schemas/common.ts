import * as z from 'zod';
import { DATE_RANGE, isDateInRange } from '../calendar.js';
import { CONFIDENCES, COUNTRIES } from '../enums.js';
import { ISO_3166_ALPHA2 } from './iso-countries.js';

/**
 * A preprocessor that turns a code written in any letter case into its canonical spelling (`kz` → `KZ`,
 * `Legal_Entity` → `legal_entity`); anything else passes through unchanged for the schema to refuse.
 * Integrators copy codes from documents and UIs in whatever case those use, and a case slip is never
 * ambiguous, so refusing it would only cost them a round trip.
 */
function canonicalCase(canonical: Iterable<string>): (input: unknown) => unknown {
  const byFolded = new Map([...canonical].map((code) => [code.toLowerCase(), code]));
  return (input) => (typeof input === 'string' ? (byFolded.get(input.toLowerCase()) ?? input) : input);
}

/**
 * An enumerated request code, accepted in any letter case and answered in canonical case: the one way
 * request schemas declare a closed list (response schemas use plain `z.enum`, since Salyk writes those).
 */
export function codeEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(canonicalCase(values), z.enum(values));
}

/**
 * Message keys (`shared/i18n/api.ts`) carried by refinements in their issue `params`, so the issue formatter
 * can word a custom check in the caller's language.
 */
export const REFINEMENT_KEYS = {
  dateRange: 'field.date.range',
  isoCountry: 'field.isoCountry',
  fromAfterTo: 'field.fromAfterTo',
} as const;

/** A calendar date `YYYY-MM-DD` that exists (31 February is rejected) and lies within `DATE_RANGE`. */
export const IsoDate = z.iso
  .date()
  .refine(isDateInRange, {
    message: `must be from ${DATE_RANGE.min} to ${DATE_RANGE.max}`,
    params: { key: REFINEMENT_KEYS.dateRange },
  })
  .meta({
    description: `Calendar date, YYYY-MM-DD, from ${DATE_RANGE.min} to ${DATE_RANGE.max}`,
    example: '2026-03-10',
  });

/** A country whose identifiers Salyk checks, in a request (any letter case). */
export const CountryCode = codeEnum(COUNTRIES).meta({
  description: 'KZ = Kazakhstan, KG = Kyrgyzstan (any letter case)',
});

/** The same, as Salyk answers it. */
export const CountryCodeOut = z.enum(COUNTRIES).meta({ description: 'KZ = Kazakhstan, KG = Kyrgyzstan' });

/** Any ISO 3166 alpha-2 country (residence, destination), accepted in any letter case, answered upper-case. */
export const CountryIso = z
  .preprocess(
    canonicalCase(ISO_3166_ALPHA2),
    z.string().refine((code) => ISO_3166_ALPHA2.has(code), {
      message: 'not an ISO 3166 alpha-2 country code (e.g. GB, not UK)',
      params: { key: REFINEMENT_KEYS.isoCountry },
    }),
  )
  .meta({ description: 'ISO 3166 alpha-2 country code (any letter case)', pattern: '^[A-Za-z]{2}$', example: 'KG' });

/**
 * A KZ IIN/BIN or KG INN/PIN as the client typed it. Always a JSON string: a number would already have
 * lost its leading zeros before it reached us.
 */
export const Identifier = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: 'The identifier as a string (never a JSON number: numbers lose leading zeros)' });

/** RFC 9457 problem details, as every 4xx/5xx answer carries them. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .meta({ id: 'Problem' });

export const Confidence = z.enum(CONFIDENCES);

export const HealthResponse = z.object({ status: z.literal('ok') }).meta({ id: 'HealthResponse' });

export const OpenApiDocument = z.record(z.string(), z.unknown()).meta({ description: 'OpenAPI 3.1 document' });

/**
 * Money as the contract allows it: a number or a decimal string, in the currency's main unit. Capped at
 * 10^13 so that every amount is still exact to the cent as a double.
 */
export const Money = z
  .union([
    z.number().finite(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, 'a decimal number')
      .transform(Number),
  ])
  .pipe(z.number().min(-1e13).max(1e13))
  .meta({ description: 'Amount in KGS/KZT: a number or a decimal string', example: 1000 });

export const NonNegativeMoney = Money.pipe(z.number().min(0));
