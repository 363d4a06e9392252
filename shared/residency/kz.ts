import { addDays, addMonths, daysBetween, todayIso } from '../calendar.js';
import { type Reason, type RuleOf, reasonFrom, ruleInForce } from '../rules/index.js';
import { RulesCoverageError } from '../vat/rates.js';

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

export type DecidedBy = 'days_183' | 'days_90_aifc' | 'vital_interests' | 'treaty_certificate' | 'none';

export interface DayWindow {
  start: string;
  end: string;
  days: number;
}

/** The decision, without the audit `checkId`. */
export interface KzResidencyResult {
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

/** Stays that overlap, run backwards or come out of order: the caller's data to fix (400). */
export class InvalidStaysError extends Error {
  override readonly name = 'InvalidStaysError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
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
export function assessKzResidency(request: KzResidencyRequest, today: string = todayIso()): KzResidencyResult {
  const asOf = request.asOf ?? today;
  const yearStart = `${request.taxYear}-01-01`;
  const yearEnd = `${request.taxYear}-12-31`;
  const intervals = checkedIntervals(request.stays, asOf);

  const days183 = rule(
    ruleInForce('residency.days_test', 'KZ', yearEnd, (r) => !r.programme),
    request.taxYear,
  );
  const days90 = ruleInForce('residency.days_test', 'KZ', yearEnd, (r) => r.programme === 'aifc_itrp');
  const dayRule = request.aifcProgramme && days90 ? days90 : days183;
  const threshold = dayRule.days;

  // Presence as a day-indexed prefix sum from the earliest window start to the year end.
  const origin = windowStart(yearStart);
  const span = daysBetween(origin, yearEnd) + 1;
  const prefix = new Int32Array(span + 1);
  const present = new Uint8Array(span);
  for (const { from, to } of intervals) {
    const a = Math.max(0, daysBetween(origin, from));
    const b = Math.min(span - 1, daysBetween(origin, to));
    for (let d = a; d <= b; d++) present[d] = 1;
  }
  for (let d = 0; d < span; d++) prefix[d + 1] = prefix[d]! + present[d]!;
  const countIn = (start: string, end: string) =>
    prefix[daysBetween(origin, end) + 1]! - prefix[daysBetween(origin, start)]!;

  let met: DayWindow | undefined;
  let maxWindow: DayWindow = { start: windowStart(yearStart), end: yearStart, days: -1 };
  for (let end = yearStart; end <= yearEnd; end = addDays(end, 1)) {
    const start = windowStart(end);
    const days = countIn(start, end);
    if (days > maxWindow.days) maxWindow = { start, end, days };
    if (!met && days >= threshold) met = { start, end, days };
  }
  const daysInTaxYear = countIn(yearStart, yearEnd);

  const reasons: Reason[] = [];
  const dayText = met
    ? `${dayRule.text} Met: ${met.days} days from ${met.start} to ${met.end}.`
    : `${dayRule.text} Not met: at most ${maxWindow.days} days in a window (${maxWindow.start} to ${maxWindow.end}).`;
  reasons.push(reasonFrom(dayRule, dayText));

  const vitalRule = ruleInForce('residency.vital_interests', 'KZ', yearEnd);
  const vital =
    vitalRule &&
    (request.citizen || request.residencePermit) &&
    request.familyInKazakhstan &&
    request.realEstateAvailable;
  if (!met && vitalRule) {
    const missing = [
      !(request.citizen || request.residencePermit) && 'citizenship or a residence permit',
      !request.familyInKazakhstan && 'family in Kazakhstan',
      !request.realEstateAvailable && 'available real estate',
    ].filter(Boolean);
    reasons.push(
      reasonFrom(
        vitalRule,
        vital
          ? `${vitalRule.text} All three criteria hold.`
          : `${vitalRule.text} Not met: missing ${missing.join(', ')}.`,
      ),
    );
  }

  let decidedBy: DecidedBy = met
    ? dayRule.programme
      ? 'days_90_aifc'
      : 'days_183'
    : vital
      ? 'vital_interests'
      : 'none';
  let resident = decidedBy !== 'none';
  const treatyRule = ruleInForce('residency.treaty_certificate', 'KZ', yearEnd);
  if (request.treatyCertificate && treatyRule) {
    if (request.citizen) {
      reasons.push(
        reasonFrom(
          treatyRule,
          `${treatyRule.text} Not applied: the certificate override is for foreign citizens and stateless persons.`,
        ),
      );
    } else if (resident) {
      reasons.push(
        reasonFrom(treatyRule, `${treatyRule.text} Applied: the certificate overrides the ${decidedBy} test.`),
      );
      decidedBy = 'treaty_certificate';
      resident = false;
    }
  }

  if (resident) {
    const pit = ruleInForce('residency.pit_rates', 'KZ', yearEnd);
    if (pit) reasons.push(reasonFrom(pit));
  }

  const untilThreshold = met ? undefined : daysAllowed(present, origin, asOf, yearStart, yearEnd, threshold);
  return {
    resident,
    decidedBy,
    ...(met ? { window: met } : {}),
    daysInTaxYear,
    ...(untilThreshold === undefined ? {} : { daysUntilThreshold: untilThreshold }),
    threshold,
    maxWindow,
    reasons,
  };
}

function rule<T extends RuleOf<'residency.days_test'>>(row: T | undefined, taxYear: number): T {
  if (!row) throw new RulesCoverageError('taxYear', `the rules data has no residency rules for ${taxYear}`);
  return row;
}

/** Validates stays (ordered, non-overlapping, exit not before entry; only the last may be open) and closes an open one at `asOf`. */
function checkedIntervals(stays: readonly Stay[], asOf: string): { from: string; to: string }[] {
  const intervals: { from: string; to: string }[] = [];
  stays.forEach((stay, i) => {
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
function daysAllowed(
  present: Uint8Array,
  origin: string,
  asOf: string,
  yearStart: string,
  yearEnd: string,
  threshold: number,
): number | undefined {
  if (asOf >= yearEnd) return undefined; // the year is over: nothing left to plan
  // Days from the day after asOf until the first window opens count in no window of the year: all allowed.
  const lead = Math.max(0, daysBetween(addDays(asOf, 1), origin));
  const firstIndex = Math.max(0, daysBetween(origin, addDays(asOf, 1)));
  const lastIndex = present.length - 1;
  const firstEnd = daysBetween(origin, yearStart);
  const windows: [start: number, end: number][] = [];
  for (let e = firstEnd, end = yearStart; e <= lastIndex; e++, end = addDays(end, 1))
    windows.push([daysBetween(origin, windowStart(end)), e]);

  // Adding more days never lowers a window's count, so the answer is found by bisection.
  const reaches = (added: number) => {
    const prefix = new Int32Array(present.length + 1);
    for (let d = 0; d < present.length; d++) {
      const here = present[d] || (d >= firstIndex && d < firstIndex + added) ? 1 : 0;
      prefix[d + 1] = prefix[d]! + here;
    }
    return windows.some(([start, end]) => prefix[end + 1]! - prefix[Math.max(0, start)]! >= threshold);
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
