import { dayOfMonthAfter, pad2, periodEnd } from '../calendar.js';
import { type FILED_BY, FILERS } from '../enums.js';
import { RulesCoverageError } from '../errors.js';
import type { Country } from '../identifiers/types.js';
import { type Filer, type FilingFrequency, inForce, RULES, type RuleOf } from '../rules/index.js';
import { requireRule } from './rates.js';

/** Whose return a filing block is. */
export type FiledBy = (typeof FILED_BY)[number];

export interface FilingObligation {
  /** Whose return it is: the seller's, or the buyer's when the buyer pays the VAT as tax agent. */
  filedBy: FiledBy;
  frequency: FilingFrequency;
  periodEnd: string;
  dueDate: string;
}

/** The return covering `date`: its period end and due date, from the filing row in force at the period end. */
export function filingFor(
  country: Country,
  filer: Filer,
  date: string,
  filedBy: FiledBy = 'seller',
): { filing: FilingObligation; rule: RuleOf<'vat.filing'> } {
  const byDate = requireRule('vat.filing', country, date, (r) => r.filer === filer);
  const end = periodEnd(date, byDate.frequency);
  const rule = requireRule('vat.filing', country, end, (r) => r.filer === filer);
  return {
    filing: {
      filedBy,
      frequency: rule.frequency,
      periodEnd: end,
      dueDate: dayOfMonthAfter(end, rule.monthsAfterPeriodEnd, rule.dueDay),
    },
    rule,
  };
}

/** What `GET /v1/vat/calendar` answers: each filer's periods of the year with their due dates. */
export function filingCalendar(country: Country, year: number) {
  const schedules = FILERS.flatMap((filer) => {
    const periods = [];
    for (let month = 1; month <= 12; month++) {
      const start = `${year}-${pad2(month)}-01`;
      const rule = RULES.find(
        (r): r is RuleOf<'vat.filing'> =>
          r.topic === 'vat.filing' && r.country === country && r.filer === filer && inForce(r, start),
      );
      if (!rule) continue;
      const end = periodEnd(start, rule.frequency);
      if (rule.frequency === 'quarterly' && month % 3 !== 1) continue;
      periods.push({
        period: rule.frequency === 'quarterly' ? `${year}-Q${Math.ceil(month / 3)}` : `${year}-${pad2(month)}`,
        periodStart: start,
        periodEnd: end,
        dueDate: dayOfMonthAfter(end, rule.monthsAfterPeriodEnd, rule.dueDay),
        frequency: rule.frequency,
        ruleId: rule.id,
        citation: rule.citation,
        confidence: rule.confidence,
      });
    }
    return periods.length ? [{ filer, periods }] : [];
  });
  if (schedules.length === 0)
    throw new RulesCoverageError('year', `the rules data has no ${country} VAT filing rules for ${year}`);
  return { country, year, periods: schedules.find((s) => s.filer === 'resident')?.periods ?? [], schedules };
}
