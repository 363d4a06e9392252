import { checkDate } from '../calendar.js';
import { RulesCoverageError } from '../errors.js';
import type { Country } from '../identifiers/types.js';
import {
  type LineCategory,
  type Reason,
  type RuleOf,
  reasonFrom,
  ruleInForce,
  rulesInForce,
  type SupplyType,
} from '../rules/index.js';

/**
 * The date a rule is looked up on: a plain date comes from the request's `date` field; otherwise say which
 * field it came from, so a `RulesCoverageError` names what the caller should change.
 */
export type RuleDate = string | { date: string; field: string };

/** The row of a topic in force, or a `RulesCoverageError` naming what is missing and the field to blame. */
export function requireRule<T extends Parameters<typeof ruleInForce>[0]>(
  topic: T,
  country: Country | 'EAEU',
  on: RuleDate,
  match?: (rule: RuleOf<T>) => boolean,
): RuleOf<T> {
  const { date, field } = typeof on === 'string' ? { date: on, field: 'date' } : on;
  const rule = ruleInForce(topic, country, date, match);
  if (!rule) throw new RulesCoverageError(field, `the rules data has no ${topic} row for ${country} on ${date}`);
  return rule;
}

export interface AppliedRate {
  rate: number;
  reason: Reason;
}

/**
 * The VAT rate in force on `date` for a supply type and line category: 0% for exports, a reduced rate
 * where a row lists the category, else the standard rate.
 */
export function rateFor(
  country: Country,
  on: RuleDate,
  supplyType: SupplyType = 'domestic',
  category: LineCategory = 'standard',
): AppliedRate {
  const date = typeof on === 'string' ? on : on.date;
  if (supplyType !== 'domestic') {
    const zero = requireRule('vat.rate.zero', country, on, (r) => r.supplyTypes.includes(supplyType));
    return { rate: zero.rate, reason: reasonFrom(zero) };
  }
  if (category !== 'standard') {
    const reduced = ruleInForce('vat.rate.reduced', country, date, (r) => r.category === category);
    if (reduced) return { rate: reduced.rate, reason: reasonFrom(reduced) };
  }
  const standard = requireRule('vat.rate.standard', country, on);
  return { rate: standard.rate, reason: reasonFrom(standard) };
}

/** What `GET /v1/vat/rates` answers: every rate row in force on the date. */
export function ratesOn(country: Country, date: string) {
  checkDate('date', date);
  const view = (r: RuleOf<'vat.rate.standard' | 'vat.rate.reduced' | 'vat.rate.zero'>) => ({
    rate: r.rate,
    ...('category' in r ? { category: r.category } : {}),
    ...('supplyTypes' in r ? { supplyTypes: r.supplyTypes } : {}),
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    citation: r.citation,
    confidence: r.confidence,
    ruleId: r.id,
    text: r.text,
  });
  const standard = requireRule('vat.rate.standard', country, date);
  return {
    country,
    date,
    standard: view(standard),
    reduced: rulesInForce('vat.rate.reduced', country, date).map(view),
    zero: rulesInForce('vat.rate.zero', country, date).map(view),
  };
}
