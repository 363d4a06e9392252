import { addDays, addMonths, checkDate, daysBetween, todayUtc } from '../calendar.js';
import type { DECIDED_BY } from '../enums.js';
import { InvalidStaysError, RulesCoverageError } from '../errors.js';
import { DEFAULT_LANG, type Lang } from '../i18n/languages.js';
import { tRule as t } from '../i18n/rules.js';
import {
  type AnswerConfidence,
  answerConfidence,
  type Reason,
  type RuleOf,
  reasonIn,
  ruleInForce,
} from '../rules/index.js';

export interface Stay {
  entry: string;
  /** Absent: still in Kazakhstan; the stay runs to `asOf`. */
  exit?: string;
}

/** The `POST /v1/residency/kz` request. */
export interface KzResidencyRequest {
  taxYear: number;
  stays: Stay[];
  asOf?: string;
  citizen?: boolean;
  residencePermit?: boolean;
  familyInKazakhstan?: boolean;
  realEstateAvailable?: boolean;
  aifcProgramme?: boolean;
  treatyCertificate?: boolean;
}

export type DecidedBy = (typeof DECIDED_BY)[number];

export interface DayWindow {
  start: string;
  end: string;
  days: number;
}

/** Options of {@link assessKzResidency}. */
export interface KzResidencyOptions {
  /** Language of the reason texts (default `en`). */
  lang?: Lang;
  /** The day an open stay runs to when the request has no `asOf` (default: today, UTC). */
  today?: string;
}

/** The decision, without the audit `checkId`. */
export interface KzResidencyResult extends AnswerConfidence {
  resident: boolean;
  decidedBy: DecidedBy;
  window?: DayWindow;
  daysInTaxYear: number;
  daysUntilThreshold?: number;
  /** The day threshold that applied (183, or 90 for AIFC programme participants). */
  threshold: number;
  /** The 12-month window ending in the tax year with the most days of presence (how close the day test came). */
  maxWindow: DayWindow;
  reasons: Reason[];
}

/** The 12 months ending on `end`: from the day after the same date a year earlier (31 Mar 2025 → 1 Apr 2024). */
export function windowStart(end: string): string {
  return addDays(addMonths(end, -12), 1);
}

/**
 * Decides Kazakh tax residency for a tax year: the 183-day test (90 days for AIFC programme participants)
 * over every 12-month window ending in the year, the centre-of-vital-interests test, and the treaty
 * certificate that overrides both for foreigners. Every count can be redone by hand from the stays.
 */
export function assessKzResidency(
  request: KzResidencyRequest,
  options: KzResidencyOptions | string = {},
): KzResidencyResult {
  // A string is the `today` date, as callers before the options object passed it.
  const { lang = DEFAULT_LANG, today = todayUtc() } = typeof options === 'string' ? { today: options } : options;
  if (request.asOf !== undefined) checkDate('asOf', request.asOf);
  const asOf = request.asOf ?? today;
  const yearEnd = `${request.taxYear}-12-31`;
  const presence = presenceIn(request.taxYear, checkedIntervals(request.stays, asOf));

  const days183 = rule(
    ruleInForce('residency.days_test', 'KZ', yearEnd, (r) => !r.programme),
    request.taxYear,
  );
  const days90 = ruleInForce('residency.days_test', 'KZ', yearEnd, (r) => r.programme === 'aifc_itrp');
  const dayRule = request.aifcProgramme && days90 ? days90 : days183;
  const { met, maxWindow } = scanWindows(presence, dayRule.days);
  const reasons = [dayTestReason(dayRule, met, maxWindow, lang)];
  // The day test always decides (met or not); the other tests only when they are applied.
  const deciding = [reasons[0]];

  const vital = vitalInterests(request, yearEnd, met === undefined, reasons, lang);
  if (met === undefined && reasons.length > 1) deciding.push(reasons[1]);
  const dayTest: DecidedBy = dayRule.programme ? 'days_90_aifc' : 'days_183';
  const before = met ? dayTest : vital ? 'vital_interests' : 'none';
  const decidedBy = treatyOverride(request, yearEnd, before, reasons, lang);
  if (decidedBy === 'treaty_certificate') deciding.push(reasons.at(-1));
  const resident = decidedBy !== 'none' && decidedBy !== 'treaty_certificate';
  if (resident) {
    const pit = ruleInForce('residency.pit_rates', 'KZ', yearEnd);
    if (pit) reasons.push(reasonIn(pit, lang));
  }

  const untilThreshold = met ? undefined : daysAllowed(presence, asOf, dayRule.days);
  return {
    resident,
    decidedBy,
    ...(met ? { window: met } : {}),
    daysInTaxYear: presence.countIn(presence.yearStart, presence.yearEnd),
    ...(untilThreshold === undefined ? {} : { daysUntilThreshold: untilThreshold }),
    threshold: dayRule.days,
    maxWindow,
    reasons,
    ...answerConfidence(deciding.filter((r): r is Reason => r !== undefined)),
  };
}

/** Days of presence from the first window's start (`origin`) to the end of the tax year, as a prefix sum. */
interface Presence {
  origin: string;
  yearStart: string;
  yearEnd: string;
  /** 1 on each day present, indexed from `origin`. */
  present: Uint8Array;
  /** Days present from `start` to `end`, both inclusive. */
  countIn(start: string, end: string): number;
}

function presenceIn(taxYear: number, intervals: readonly { from: string; to: string }[]): Presence {
  const yearStart = `${taxYear}-01-01`;
  const yearEnd = `${taxYear}-12-31`;
  const origin = windowStart(yearStart);
  const span = daysBetween(origin, yearEnd) + 1;
  const present = new Uint8Array(span);
  for (const { from, to } of intervals) {
    const a = Math.max(0, daysBetween(origin, from));
    const b = Math.min(span - 1, daysBetween(origin, to));
    for (let d = a; d <= b; d++) present[d] = 1;
  }
  const prefix = prefixSum(present);
  const at = (i: number) => prefix[i] ?? 0;
  const countIn = (start: string, end: string) => at(daysBetween(origin, end) + 1) - at(daysBetween(origin, start));
  return { origin, yearStart, yearEnd, present, countIn };
}

function prefixSum(present: Uint8Array, extra: (d: number) => boolean = () => false): Int32Array {
  const prefix = new Int32Array(present.length + 1);
  for (let d = 0; d < present.length; d++) prefix[d + 1] = (prefix[d] ?? 0) + (present[d] || extra(d) ? 1 : 0);
  return prefix;
}

/** Every 12-month window ending in the tax year: the first that meets the threshold, and the fullest one. */
function scanWindows(presence: Presence, threshold: number): { met?: DayWindow; maxWindow: DayWindow } {
  let met: DayWindow | undefined;
  let maxWindow: DayWindow = { start: windowStart(presence.yearStart), end: presence.yearStart, days: -1 };
  for (let end = presence.yearStart; end <= presence.yearEnd; end = addDays(end, 1)) {
    const start = windowStart(end);
    const days = presence.countIn(start, end);
    if (days > maxWindow.days) maxWindow = { start, end, days };
    if (!met && days >= threshold) met = { start, end, days };
  }
  return met ? { met, maxWindow } : { maxWindow };
}

function dayTestReason(
  dayRule: RuleOf<'residency.days_test'>,
  met: DayWindow | undefined,
  max: DayWindow,
  lang: Lang,
): Reason {
  return reasonIn(dayRule, lang, met ? t('REASON.daysMet', lang, met) : t('REASON.daysNotMet', lang, max));
}

/** The centre-of-vital-interests test; explained in `reasons` only when the day test did not decide. */
function vitalInterests(
  request: KzResidencyRequest,
  yearEnd: string,
  explain: boolean,
  reasons: Reason[],
  lang: Lang,
): boolean {
  const vitalRule = ruleInForce('residency.vital_interests', 'KZ', yearEnd);
  if (!vitalRule) return false;
  const status = request.citizen || request.residencePermit;
  const vital = Boolean(status && request.familyInKazakhstan && request.realEstateAvailable);
  if (explain) {
    const missing = [
      ...(status ? [] : (['status'] as const)),
      ...(request.familyInKazakhstan ? [] : (['family'] as const)),
      ...(request.realEstateAvailable ? [] : (['realEstate'] as const)),
    ];
    const outcome = vital ? t('REASON.vitalMet', lang) : t('REASON.vitalNotMet', lang, { missing });
    reasons.push(reasonIn(vitalRule, lang, outcome));
  }
  return vital;
}

/** A foreigner's treaty certificate overrides a resident outcome; a citizen's is noted and ignored. */
function treatyOverride(
  request: KzResidencyRequest,
  yearEnd: string,
  decidedBy: DecidedBy,
  reasons: Reason[],
  lang: Lang,
): DecidedBy {
  const treatyRule = ruleInForce('residency.treaty_certificate', 'KZ', yearEnd);
  if (!request.treatyCertificate || !treatyRule) return decidedBy;
  if (request.citizen) {
    reasons.push(reasonIn(treatyRule, lang, t('REASON.treatyNotApplied', lang)));
    return decidedBy;
  }
  if (decidedBy === 'none') return decidedBy;
  reasons.push(reasonIn(treatyRule, lang, t('REASON.treatyApplied', lang, { test: decidedBy })));
  return 'treaty_certificate';
}

function rule<T extends RuleOf<'residency.days_test'>>(row: T | undefined, taxYear: number): T {
  if (!row) throw new RulesCoverageError('taxYear', `the rules data has no residency rules for ${taxYear}`);
  return row;
}

/** Validates stays (ordered, non-overlapping, exit not before entry; only the last may be open) and closes an open one at `asOf`. */
function checkedIntervals(stays: readonly Stay[], asOf: string): { from: string; to: string }[] {
  const intervals: { from: string; to: string }[] = [];
  stays.forEach((stay, i) => {
    checkDate(`stays.${i}.entry`, stay.entry);
    if (stay.exit !== undefined) checkDate(`stays.${i}.exit`, stay.exit);
    const to = stay.exit ?? asOf;
    if (stay.exit === undefined && i !== stays.length - 1)
      throw new InvalidStaysError(`stays.${i}.exit`, `stay ${i + 1} has no exit but is not the last stay`);
    if (to < stay.entry) {
      throw new InvalidStaysError(
        stay.exit === undefined ? 'asOf' : `stays.${i}.exit`,
        stay.exit === undefined
          ? `the open stay ${i + 1} starts ${stay.entry}, after asOf ${asOf}`
          : `stay ${i + 1} exits ${stay.exit}, before its entry ${stay.entry}`,
      );
    }
    const previous = intervals[i - 1];
    if (previous && stay.entry <= previous.to) {
      throw new InvalidStaysError(
        `stays.${i}.entry`,
        stay.entry < previous.from
          ? `stays must be in date order: stay ${i + 1} (${stay.entry}) comes before stay ${i} (${previous.from})`
          : `stay ${i + 1} (entry ${stay.entry}) overlaps stay ${i} (exit ${previous.to}); a day counts once — merge them`,
      );
    }
    intervals.push({ from: stay.entry, to });
  });
  return intervals;
}

/**
 * Days of presence still allowed from the day after `asOf`: the most consecutive further days in
 * Kazakhstan that keep every window ending in the tax year below the threshold. When the threshold
 * cannot be reached before the year ends, it is every remaining day of the year.
 */
function daysAllowed(presence: Presence, asOf: string, threshold: number): number | undefined {
  const { origin, present, yearStart, yearEnd } = presence;
  if (asOf >= yearEnd) return undefined; // the year is over: nothing left to plan
  // Days from the day after asOf until the first window opens count in no window of the year: all allowed.
  const lead = Math.max(0, daysBetween(addDays(asOf, 1), origin));
  const firstIndex = Math.max(0, daysBetween(origin, addDays(asOf, 1)));
  const lastIndex = present.length - 1;
  const windows: [start: number, end: number][] = [];
  for (let e = daysBetween(origin, yearStart), end = yearStart; e <= lastIndex; e++, end = addDays(end, 1))
    windows.push([Math.max(0, daysBetween(origin, windowStart(end))), e]);

  // Adding more days never lowers a window's count, so the answer is found by bisection.
  const reaches = (added: number) => {
    const prefix = prefixSum(present, (d) => d >= firstIndex && d < firstIndex + added);
    return windows.some(([start, end]) => (prefix[end + 1] ?? 0) - (prefix[start] ?? 0) >= threshold);
  };
  let low = 0;
  let high = lastIndex - firstIndex + 1;
  if (!reaches(high)) return lead + high;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (reaches(mid)) high = mid - 1;
    else low = mid;
  }
  return lead + low;
}
