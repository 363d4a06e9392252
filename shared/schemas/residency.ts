import * as z from 'zod';
import { IsoDate } from './common.js';
import { Reason } from './vat.js';

export const KzResidencyRequest = z
  .object({
    taxYear: z.number().int().min(2000).max(2100),
    stays: z
      .array(z.object({ entry: IsoDate, exit: IsoDate.optional() }))
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
    decidedBy: z.enum(['days_183', 'days_90_aifc', 'vital_interests', 'treaty_certificate', 'none']),
    window: DayWindow.optional(),
    daysInTaxYear: z.number(),
    daysUntilThreshold: z.number().optional(),
    threshold: z.number(),
    maxWindow: DayWindow,
    reasons: z.array(Reason),
    checkId: z.string(),
  })
  .meta({ id: 'KzResidencyResponse' });
