import * as z from 'zod';
import { DATE_RANGE, isDateInRange } from '../calendar.js';
import { CONFIDENCES, COUNTRIES } from '../enums.js';

/** A calendar date `YYYY-MM-DD` that exists (31 February is rejected) and lies within `DATE_RANGE`. */
export const IsoDate = z.iso
  .date()
  .refine(isDateInRange, `must be from ${DATE_RANGE.min} to ${DATE_RANGE.max}`)
  .meta({
    description: `Calendar date, YYYY-MM-DD, from ${DATE_RANGE.min} to ${DATE_RANGE.max}`,
    example: '2026-03-10',
  });

export const CountryCode = z.enum(COUNTRIES).meta({ description: 'KZ = Kazakhstan, KG = Kyrgyzstan' });

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
