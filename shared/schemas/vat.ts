import * as z from 'zod';
import {
  BUYER_TYPES,
  CURRENCIES,
  FILED_BY,
  FILERS,
  FILING_FREQUENCIES,
  LIABLE_PARTIES,
  LINE_CATEGORIES,
  REGIMES,
  RULE_COUNTRIES,
  SELLER_ACTIVITIES,
  SUPPLY_CATEGORIES,
  SUPPLY_TYPES,
  TAX_AGENT_RECORDS,
} from '../enums.js';
import type { Reason as DomainReason } from '../rules/index.js';
import type * as assess from '../vat/assess.js';
import type { filingCalendar } from '../vat/filing.js';
import type { ratesOn } from '../vat/rates.js';
import { Confidence, CountryCode, CountryCodeOut, CountryIso, codeEnum, IsoDate, NonNegativeMoney } from './common.js';
import type { Expect, Same, WithCheckId } from './same.js';

export const VatAssessRequest = z
  .strictObject({
    country: CountryCode,
    date: IsoDate,
    seller: z.strictObject({
      residence: CountryIso,
      regime: codeEnum(REGIMES).optional(),
      vatRegistered: z.boolean().optional(),
      htpResident: z.boolean().optional(),
      activity: codeEnum(SELLER_ACTIVITIES).optional().meta({
        description:
          'KG: what the seller mainly does. Traders leave the single tax (and must register for VAT) above KGS 50 m, services and every other activity above KGS 30 m. Default `services`, the lower ceiling, so a trader is never told too late; `registration.threshold.basis` and the threshold reason name the activity used.',
      }),
      turnover12m: NonNegativeMoney.optional(),
      firstSaleDate: IsoDate.optional(),
    }),
    buyer: z.strictObject({
      type: codeEnum(BUYER_TYPES),
      residence: CountryIso,
      vatRegistered: z.boolean().optional(),
      htpResident: z.boolean().optional(),
    }),
    supply: z.strictObject({
      category: codeEnum(SUPPLY_CATEGORIES),
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

/** The answer-level confidence fields every VAT, ESF and residency answer carries. */
export const AnswerConfidenceFields = {
  confidence: Confidence.meta({
    description:
      'The weakest confidence (contested < seed_only < secondary < confirmed) among the rules rows that decided this answer. Show seed_only and contested answers with a caveat; do not block on them alone.',
  }),
  confidenceFrom: z.array(z.string()).meta({
    description:
      'Ids of the rules rows that decided the answer (rows cited only to explain it, such as a return due date, are not listed). See GET /v1/rules.',
  }),
};

export const VatAssessResponse = z
  .object({
    vatApplies: z.boolean(),
    rate: z.number(),
    liableParty: z.enum(LIABLE_PARTIES),
    registration: z.object({
      required: z.boolean(),
      deadline: z.string().optional(),
      route: z.string().optional(),
      threshold: z.object({ amount: z.number(), currency: z.enum(CURRENCIES), basis: z.string() }).optional(),
    }),
    filing: z
      .object({
        filedBy: z.enum(FILED_BY).meta({
          description:
            "Whose return: the seller's, or the buyer's when it pays the VAT for a non-resident as tax agent",
        }),
        frequency: z.enum(FILING_FREQUENCIES),
        periodEnd: z.string(),
        dueDate: z.string(),
      })
      .nullable(),
    taxAgent: z
      .object({
        paysVat: z.literal(true),
        issuesEsf: z.boolean(),
        keeps: z.array(z.enum(TAX_AGENT_RECORDS)),
        ruleId: z.string(),
      })
      .optional()
      .meta({
        description:
          "Set when liableParty is buyer_tax_agent: the buyer pays the VAT, issues the ESF on the non-resident's behalf where the rules say so (KZ from 2026, VAT-registered buyer), and keeps these records",
      }),
    amounts: z.object({ net: z.number(), vat: z.number(), gross: z.number() }).optional(),
    evidence: z.array(z.string()).optional(),
    inputVatReclaimable: z.boolean().optional(),
    vatCountry: z.string(),
    reasons: z.array(Reason),
    ...AnswerConfidenceFields,
    rulesetVersion: z.string(),
    checkId: z.string(),
  })
  .meta({ id: 'VatAssessResponse' });

export const VatRatesQuery = z.strictObject({ country: CountryCode, date: IsoDate });
export const VatCalendarQuery = z.strictObject({
  country: CountryCode,
  year: z.coerce.number().int().min(2000).max(2100),
});
export const RulesQuery = z.strictObject({
  country: codeEnum(RULE_COUNTRIES).optional(),
  topic: z.string().max(100).optional(),
  date: IsoDate.optional(),
});

const RateView = z.object({
  rate: z.number(),
  category: z.enum(LINE_CATEGORIES).exclude(['standard']).optional(),
  supplyTypes: z.array(z.enum(SUPPLY_TYPES).exclude(['domestic'])).optional(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  citation: z.string(),
  confidence: Confidence,
  ruleId: z.string(),
  text: z.string(),
});

export const VatRatesResponse = z
  .object({
    country: CountryCodeOut,
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
  frequency: z.enum(FILING_FREQUENCIES),
  ruleId: z.string(),
  citation: z.string(),
  confidence: Confidence,
});

export const VatCalendarResponse = z
  .object({
    country: CountryCodeOut,
    year: z.number(),
    periods: z.array(CalendarPeriod),
    schedules: z.array(z.object({ filer: z.enum(FILERS), periods: z.array(CalendarPeriod) })),
  })
  .meta({ id: 'VatCalendarResponse' });

/** A rules row: the fields every row has, plus its topic's own fields (rate, days, …). */
const RuleRow = z
  .object({
    id: z.string(),
    country: z.enum(RULE_COUNTRIES),
    topic: z.string(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    citation: z.string(),
    source: z.string(),
    confidence: Confidence,
    note: z.string().optional(),
    text: z.string(),
  })
  .catchall(z.unknown());

export const RulesResponse = z
  .object({ rulesetVersion: z.string(), count: z.number(), rules: z.array(RuleRow) })
  .meta({ id: 'RulesResponse' });

// The domain types and these schemas must describe the same shapes: drift fails `tsc` here.
type _VatChecks = [
  Expect<Same<z.output<typeof VatAssessRequest>, assess.VatAssessmentRequest>>,
  Expect<Same<z.output<typeof VatAssessResponse>, WithCheckId<assess.VatAssessment>>>,
  Expect<Same<z.output<typeof Reason>, DomainReason>>,
  Expect<Same<z.output<typeof VatRatesResponse>, ReturnType<typeof ratesOn>>>,
  Expect<Same<z.output<typeof VatCalendarResponse>, ReturnType<typeof filingCalendar>>>,
];
