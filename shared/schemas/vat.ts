import * as z from 'zod';
import { Confidence, CountryCode, IsoDate, NonNegativeMoney } from './common.js';
import { ISO_3166_ALPHA2 } from './iso-countries.js';

/** ISO 3166 alpha-2, case-insensitive on input. */
const CountryIso = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 alpha-2 country code')
  .transform((c) => c.toUpperCase())
  .refine((c) => ISO_3166_ALPHA2.has(c), 'not an ISO 3166 alpha-2 country code (e.g. GB, not UK)')
  .meta({ example: 'KG' });

export const VatAssessRequest = z
  .object({
    country: CountryCode,
    date: IsoDate,
    seller: z.object({
      residence: CountryIso,
      regime: z.enum(['general', 'single_tax', 'patent', 'simplified']).optional(),
      vatRegistered: z.boolean().optional(),
      htpResident: z.boolean().optional(),
      activity: z.enum(['trade', 'services']).optional().meta({
        description:
          'KG: what the seller mainly does. Traders leave the single tax (and must register for VAT) above KGS 50 m, services above KGS 30 m. Default `services`.',
      }),
      turnover12m: NonNegativeMoney.optional(),
      firstSaleDate: IsoDate.optional(),
    }),
    buyer: z.object({
      type: z.enum(['business', 'consumer']),
      residence: CountryIso,
      vatRegistered: z.boolean().optional(),
      htpResident: z.boolean().optional(),
    }),
    supply: z.object({
      category: z.enum(['electronic_services', 'services', 'goods']),
      net: NonNegativeMoney.optional(),
      destination: CountryIso.optional(),
      itServices: z.boolean().optional(),
    }),
  })
  .meta({ id: 'VatAssessRequest' });

export const Reason = z.object({
  code: z.string(),
  text: z.string(),
  citation: z.string(),
  confidence: Confidence,
  ruleId: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  note: z.string().optional(),
});

export const VatAssessResponse = z
  .object({
    vatApplies: z.boolean(),
    rate: z.number(),
    liableParty: z.enum(['seller', 'buyer_tax_agent', 'none']),
    registration: z.object({
      required: z.boolean(),
      deadline: z.string().optional(),
      route: z.string().optional(),
      threshold: z.object({ amount: z.number(), currency: z.string(), basis: z.string() }).optional(),
    }),
    filing: z
      .object({ frequency: z.enum(['quarterly', 'monthly']), periodEnd: z.string(), dueDate: z.string() })
      .nullable(),
    amounts: z.object({ net: z.number(), vat: z.number(), gross: z.number() }).optional(),
    evidence: z.array(z.string()).optional(),
    inputVatReclaimable: z.boolean().optional(),
    vatCountry: z.string(),
    reasons: z.array(Reason),
    rulesetVersion: z.string(),
    checkId: z.string(),
  })
  .meta({ id: 'VatAssessResponse' });

export const VatRatesQuery = z.object({ country: CountryCode, date: IsoDate });
export const VatCalendarQuery = z.object({ country: CountryCode, year: z.coerce.number().int().min(2000).max(2100) });
export const RulesQuery = z.object({
  country: z.enum(['KZ', 'KG', 'EAEU']).optional(),
  topic: z.string().max(100).optional(),
  date: IsoDate.optional(),
});

export const RateView = z.object({
  rate: z.number(),
  category: z.string().optional(),
  supplyTypes: z.array(z.string()).optional(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  citation: z.string(),
  confidence: Confidence,
  ruleId: z.string(),
  text: z.string(),
});

export const VatRatesResponse = z
  .object({
    country: CountryCode,
    date: z.string(),
    standard: RateView,
    reduced: z.array(RateView),
    zero: z.array(RateView),
  })
  .meta({ id: 'VatRatesResponse' });

const CalendarPeriod = z.object({
  period: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  frequency: z.enum(['quarterly', 'monthly']),
  ruleId: z.string(),
  citation: z.string(),
  confidence: Confidence,
});

export const VatCalendarResponse = z
  .object({
    country: CountryCode,
    year: z.number(),
    periods: z.array(CalendarPeriod),
    schedules: z.array(
      z.object({ filer: z.enum(['resident', 'nonresident_eservices']), periods: z.array(CalendarPeriod) }),
    ),
  })
  .meta({ id: 'VatCalendarResponse' });

export const RulesResponse = z
  .object({ rulesetVersion: z.string(), count: z.number(), rules: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: 'RulesResponse' });
