import * as z from 'zod';
import { DECIDED_BY } from '../enums.js';
import type * as domain from '../residency/kz.js';
import { IsoDate } from './common.js';
import type { Expect, Same, WithCheckId } from './same.js';
import { AnswerConfidenceFields, Reason } from './vat.js';

export const KzResidencyRequest = z
  .strictObject({
    taxYear: z.number().int().min(2000).max(2100),
    stays: z
      .array(z.strictObject({ entry: IsoDate, exit: IsoDate.optional() }))
      .max(2000)
      .meta({
        description:
          'Days in Kazakhstan, in date order; arrival and departure days count; an open stay runs to asOf; overlaps are a 400',
      }),
    asOf: IsoDate.optional(),
    citizen: z.boolean().optional(),
    residencePermit: z.boolean().optional(),
    familyInKazakhstan: z.boolean().optional(),
    realEstateAvailable: z.boolean().optional(),
    aifcProgramme: z.boolean().optional(),
    treatyCertificate: z.boolean().optional(),
  })
  .meta({ id: 'KzResidencyRequest' });

const DayWindow = z.object({ start: z.string(), end: z.string(), days: z.number() });

export const KzResidencyResponse = z
  .object({
    resident: z.boolean(),
    decidedBy: z.enum(DECIDED_BY),
    window: DayWindow.optional(),
    daysInTaxYear: z.number(),
    daysUntilThreshold: z.number().optional(),
    threshold: z.number(),
    maxWindow: DayWindow,
    reasons: z.array(Reason),
    ...AnswerConfidenceFields,
    checkId: z.string(),
  })
  .meta({ id: 'KzResidencyResponse' });

// The domain types and these schemas must describe the same shapes: drift fails `tsc` here.
type _ResidencyChecks = [
  Expect<Same<z.output<typeof KzResidencyRequest>, domain.KzResidencyRequest>>,
  Expect<Same<z.output<typeof KzResidencyResponse>, WithCheckId<domain.KzResidencyResult>>>,
];
