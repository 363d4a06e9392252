import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessKzResidency, type KzResidencyRequest, type Stay, windowStart } from '../../../shared/residency/kz.js';

/**
 * An independent, deliberately naive reference for the Kazakh day tests: every day is an epoch-day
 * number, every window ending in the tax year is enumerated, and every count is redone day by day.
 * Nothing from shared/calendar.ts or shared/residency/ is used to compute it.
 */
const DAY_MS = 86_400_000;
const dayNo = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The first day of the 12 months ending on `end`: the day after the same date a year earlier (29 Feb → 28 Feb). */
function refWindowStart(end: number): number {
  const d = new Date(end * DAY_MS);
  const year = d.getUTCFullYear() - 1;
  const month = d.getUTCMonth();
  const daysInThatMonth = new Date(Date.UTC(year, month + 1, 1) - DAY_MS).getUTCDate();
  const sameDateAYearEarlier = Date.UTC(year, month, Math.min(d.getUTCDate(), daysInThatMonth)) / DAY_MS;
  return sameDateAYearEarlier + 1;
}

interface RefWindow {
  start: string;
  end: string;
  days: number;
}

interface RefResult {
  resident: boolean;
  decidedBy: string;
  window?: RefWindow;
  daysInTaxYear: number;
  daysUntilThreshold?: number;
  threshold: number;
  maxWindow: RefWindow;
}

function reference(request: KzResidencyRequest, today: string): RefResult {
  const asOf = dayNo(request.asOf ?? today);
  const present = new Set<number>();
  for (const stay of request.stays) {
    const last = stay.exit === undefined ? asOf : dayNo(stay.exit);
    for (let d = dayNo(stay.entry); d <= last; d++) present.add(d);
  }
  const threshold = request.aifcProgramme ? 90 : 183;
  const yearStart = dayNo(`${request.taxYear}-01-01`);
  const yearEnd = dayNo(`${request.taxYear}-12-31`);
  const windows: { start: number; end: number }[] = [];
  for (let end = yearStart; end <= yearEnd; end++) windows.push({ start: refWindowStart(end), end });

  const countIn = (days: Set<number>, start: number, end: number) => {
    let n = 0;
    for (let d = start; d <= end; d++) if (days.has(d)) n++;
    return n;
  };
  const counts = windows.map((w) => countIn(present, w.start, w.end));
  const asWindow = (i: number): RefWindow => ({
    start: isoOf(windows[i]!.start),
    end: isoOf(windows[i]!.end),
    days: counts[i]!,
  });

  const metIndex = counts.findIndex((c) => c >= threshold);
  const best = Math.max(...counts);
  const maxWindow = asWindow(counts.indexOf(best));
  const daysInTaxYear = countIn(present, yearStart, yearEnd);

  // Days still allowed: add days one at a time from the day after asOf until a window reaches the threshold.
  let daysUntilThreshold: number | undefined;
  if (metIndex < 0 && asOf < yearEnd) {
    const running = [...counts];
    let allowed = 0;
    for (let d = asOf + 1; d <= yearEnd; d++) {
      let reached = false;
      if (!present.has(d)) {
        windows.forEach((w, i) => {
          if (w.start <= d && d <= w.end && ++running[i]! >= threshold) reached = true;
        });
      }
      if (reached) break;
      allowed++;
    }
    daysUntilThreshold = allowed;
  }

  const vital = Boolean(
    (request.citizen || request.residencePermit) && request.familyInKazakhstan && request.realEstateAvailable,
  );
  let decidedBy =
    metIndex >= 0 ? (request.aifcProgramme ? 'days_90_aifc' : 'days_183') : vital ? 'vital_interests' : 'none';
  if (request.treatyCertificate && !request.citizen && decidedBy !== 'none') decidedBy = 'treaty_certificate';
  return {
    resident: decidedBy !== 'none' && decidedBy !== 'treaty_certificate',
    decidedBy,
    ...(metIndex >= 0 ? { window: asWindow(metIndex) } : {}),
    daysInTaxYear,
    ...(daysUntilThreshold === undefined ? {} : { daysUntilThreshold }),
    threshold,
    maxWindow,
  };
}

/** The rules rows a decision must cite, in order: day test, vital interests (if the day test failed), treaty, PIT rates. */
function referenceReasonCodes(request: KzResidencyRequest, result: RefResult): string[] {
  // The 183-day, vital-interests and treaty rows were split at 2026-01-01 (2026 Code); the AIFC row was not.
  const since2026 = request.taxYear >= 2026 ? '.2026' : '';
  const codes = [request.aifcProgramme ? 'KZ.RESIDENCY.DAYS_90_AIFC' : `KZ.RESIDENCY.DAYS_183${since2026}`];
  if (!result.window) codes.push(`KZ.RESIDENCY.VITAL_INTERESTS${since2026}`);
  if (request.treatyCertificate && (request.citizen || result.decidedBy === 'treaty_certificate'))
    codes.push(`KZ.RESIDENCY.TREATY_CERTIFICATE${since2026}`);
  if (result.resident) codes.push(request.taxYear >= 2026 ? 'KZ.PIT.RESIDENT.2026' : 'KZ.PIT.RESIDENT.2018');
  return codes;
}

/** The library's answer without the reasons and their confidence (compared separately). */
function library(request: KzResidencyRequest, today: string): RefResult {
  const {
    reasons: _reasons,
    confidence: _confidence,
    confidenceFrom: _from,
    ...rest
  } = assessKzResidency(request, today);
  return rest;
}

/** Stays from a set of day numbers: one stay per run of consecutive days, in order. */
function staysOf(days: ReadonlySet<number>): Stay[] {
  const sorted = [...days].sort((a, b) => a - b);
  const stays: Stay[] = [];
  let runStart: number | undefined;
  sorted.forEach((d, i) => {
    runStart ??= d;
    if (sorted[i + 1] !== d + 1) {
      stays.push({ entry: isoOf(runStart), exit: isoOf(d) });
      runStart = undefined;
    }
  });
  return stays;
}

const flagsArb = fc.record({
  citizen: fc.boolean(),
  residencePermit: fc.boolean(),
  familyInKazakhstan: fc.boolean(),
  realEstateAvailable: fc.boolean(),
  aifcProgramme: fc.boolean(),
  treatyCertificate: fc.boolean(),
});

const taxYearArb = fc.constantFrom(2019, 2020, 2023, 2024, 2025, 2026, 2027, 2028);

/** Random valid requests: ordered, non-overlapping stays (adjacent allowed), possibly an open last stay. */
const requestArb = fc
  .record({
    taxYear: taxYearArb,
    firstOffset: fc.integer({ min: -250, max: 760 }),
    stays: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 160 }), length: fc.integer({ min: 1, max: 230 }) }), {
      maxLength: 6,
    }),
    open: fc.boolean(),
    asOfOffset: fc.integer({ min: -450, max: 1_150 }),
    omitAsOf: fc.boolean(),
    flags: flagsArb,
  })
  .map(({ taxYear, firstOffset, stays, open, asOfOffset, omitAsOf, flags }) => {
    const base = dayNo(`${taxYear - 1}-01-01`);
    let cursor = base + firstOffset;
    const built: Stay[] = stays.map(({ gap, length }) => {
      const stay = { entry: isoOf(cursor), exit: isoOf(cursor + length - 1) };
      cursor += length + gap;
      return stay;
    });
    let asOf = base + asOfOffset;
    const last = built.at(-1);
    if (open && last) {
      delete last.exit;
      asOf = Math.max(asOf, dayNo(last.entry)); // an open stay may not start after asOf
    }
    const request: KzResidencyRequest = { taxYear, stays: built, ...flags };
    // Without asOf the library takes `today`: pass the same date as today then.
    return { request: omitAsOf ? request : { ...request, asOf: isoOf(asOf) }, today: isoOf(asOf) };
  });

/** Requests whose presence sits close to 183 (or 90) days in some window, across a year boundary. */
const nearThresholdArb = fc
  .record({
    taxYear: taxYearArb,
    startOffset: fc.integer({ min: 0, max: 730 }),
    first: fc.integer({ min: 80, max: 195 }),
    gap: fc.integer({ min: 0, max: 40 }),
    second: fc.integer({ min: 0, max: 12 }),
    asOfOffset: fc.integer({ min: -10, max: 800 }),
    flags: flagsArb,
  })
  .map(({ taxYear, startOffset, first, gap, second, asOfOffset, flags }) => {
    const base = dayNo(`${taxYear - 1}-01-01`) + startOffset;
    const stays: Stay[] = [{ entry: isoOf(base), exit: isoOf(base + first - 1) }];
    if (second > 0) stays.push({ entry: isoOf(base + first + gap), exit: isoOf(base + first + gap + second - 1) });
    const asOf = isoOf(dayNo(`${taxYear - 1}-01-01`) + asOfOffset);
    return { request: { taxYear, stays, asOf, ...flags } satisfies KzResidencyRequest, today: asOf };
  });

describe('Kazakh residency against a day-by-day brute-force reference', () => {
  it('the reference itself agrees with hand counts (sanity check of the oracle)', () => {
    // 1 Jan – 2 Jul 2026 is 183 days; the 12 months ending 2 Jul 2026 start 3 Jul 2025.
    const r = reference(
      { taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-02' }], asOf: '2026-12-31' },
      '2026-12-31',
    );
    expect(r).toMatchObject({
      resident: true,
      decidedBy: 'days_183',
      window: { start: '2025-07-03', end: '2026-07-02', days: 183 },
      daysInTaxYear: 183,
    });
    expect(isoOf(refWindowStart(dayNo('2024-02-29')))).toBe('2023-03-01');
    expect(isoOf(refWindowStart(dayNo('2025-02-28')))).toBe('2024-02-29');
  });

  it('matches the reference for random stays, flags, tax years and asOf dates', () => {
    fc.assert(
      fc.property(requestArb, ({ request, today }) => {
        const expected = reference(request, today);
        expect(library(request, today)).toEqual(expected);
        expect(assessKzResidency(request, today).reasons.map((r) => r.code)).toEqual(
          referenceReasonCodes(request, expected),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('matches the reference near the 183- and 90-day thresholds', () => {
    fc.assert(
      fc.property(nearThresholdArb, ({ request, today }) => {
        expect(library(request, today)).toEqual(reference(request, today));
      }),
      { numRuns: 400 },
    );
  });

  it('windowStart matches the reference for every day of 2023–2029 (two leap years)', () => {
    for (let d = dayNo('2023-01-01'); d <= dayNo('2029-12-31'); d++) {
      expect(windowStart(isoOf(d)), isoOf(d)).toBe(isoOf(refWindowStart(d)));
    }
  });

  it('every window is 365 days, or 366 exactly when it holds a 29 February', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNo('2001-01-01'), max: dayNo('2099-12-31') }), (end) => {
        const start = dayNo(windowStart(isoOf(end)));
        let leapDays = 0;
        for (let d = start; d <= end; d++) if (isoOf(d).endsWith('-02-29')) leapDays++;
        expect(end - start + 1).toBe(365 + leapDays);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('Kazakh residency properties', () => {
  /** A set of presence days in the two years that matter, a tax year, asOf and flags. */
  const presenceArb = fc.record({
    taxYear: taxYearArb,
    offsets: fc.uniqueArray(fc.integer({ min: 0, max: 760 }), { maxLength: 260 }),
    runs: fc.array(fc.record({ at: fc.integer({ min: 0, max: 700 }), length: fc.integer({ min: 1, max: 150 }) }), {
      maxLength: 3,
    }),
    extra: fc.integer({ min: -30, max: 760 }),
    asOfOffset: fc.integer({ min: -30, max: 800 }),
    flags: flagsArb,
  });

  const build = (taxYear: number, offsets: readonly number[], runs: readonly { at: number; length: number }[]) => {
    const base = dayNo(`${taxYear - 1}-01-01`);
    const days = new Set(offsets.map((o) => base + o));
    for (const { at, length } of runs) for (let i = 0; i < length; i++) days.add(base + at + i);
    return days;
  };

  it('adding a day of presence never turns a resident into a non-resident, nor lowers any count', () => {
    fc.assert(
      fc.property(presenceArb, ({ taxYear, offsets, runs, extra, asOfOffset, flags }) => {
        // Prepare
        const base = dayNo(`${taxYear - 1}-01-01`);
        const days = build(taxYear, offsets, runs);
        const more = new Set(days).add(base + extra);
        const asOf = isoOf(base + asOfOffset);

        // Act
        const before = assessKzResidency({ taxYear, stays: staysOf(days), asOf, ...flags });
        const after = assessKzResidency({ taxYear, stays: staysOf(more), asOf, ...flags });

        // Assess
        if (before.resident) expect(after.resident).toBe(true);
        if (before.decidedBy === 'days_183' || before.decidedBy === 'days_90_aifc')
          expect(after.decidedBy).toBe(before.decidedBy);
        if (before.window) expect(after.window!.end <= before.window.end).toBe(true);
        expect(after.daysInTaxYear).toBeGreaterThanOrEqual(before.daysInTaxYear);
        expect(after.daysInTaxYear - before.daysInTaxYear).toBeLessThanOrEqual(1);
        expect(after.maxWindow.days).toBeGreaterThanOrEqual(before.maxWindow.days);
        if (before.daysUntilThreshold !== undefined && after.daysUntilThreshold !== undefined) {
          expect(after.daysUntilThreshold).toBeLessThanOrEqual(before.daysUntilThreshold);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('daysUntilThreshold is exact: that many further days keep the day test unmet, one more meets it', () => {
    fc.assert(
      fc.property(presenceArb, ({ taxYear, offsets, runs, asOfOffset, flags }) => {
        // Prepare
        const base = dayNo(`${taxYear - 1}-01-01`);
        const days = build(taxYear, offsets, runs);
        const asOf = base + asOfOffset;
        const request = { taxYear, stays: staysOf(days), asOf: isoOf(asOf), ...flags, treatyCertificate: false };
        const result = assessKzResidency(request);
        fc.pre(result.daysUntilThreshold !== undefined);
        const allowed = result.daysUntilThreshold!;
        const withDays = (n: number) => {
          const more = new Set(days);
          for (let d = asOf + 1; d <= asOf + n; d++) more.add(d);
          return assessKzResidency({ ...request, stays: staysOf(more) });
        };

        // Act
        const atLimit = withDays(allowed);
        const overLimit = withDays(allowed + 1);

        // Assess
        expect(atLimit.window).toBeUndefined();
        const yearEnd = dayNo(`${taxYear}-12-31`);
        if (asOf + allowed < yearEnd) expect(overLimit.window).toBeDefined();
        else expect(allowed).toBe(yearEnd - asOf); // cannot be reached: every remaining day of the year
      }),
      { numRuns: 150 },
    );
  });

  it('the reported window is a real 12-month window ending in the tax year, with the days it claims', () => {
    fc.assert(
      fc.property(requestArb, ({ request, today }) => {
        const result = assessKzResidency(request, today);
        for (const w of [result.window, result.maxWindow]) {
          if (!w) continue;
          expect(w.end.slice(0, 4)).toBe(String(request.taxYear));
          expect(w.start).toBe(windowStart(w.end));
          expect(w.days).toBeLessThanOrEqual(dayNo(w.end) - dayNo(w.start) + 1);
        }
        if (result.window) expect(result.window.days).toBeGreaterThanOrEqual(result.threshold);
        else expect(result.maxWindow.days).toBeLessThan(result.threshold);
        // The window ending 31 December is the tax year itself, so the year's days never exceed the best window.
        expect(windowStart(`${request.taxYear}-12-31`)).toBe(`${request.taxYear}-01-01`);
        expect(result.daysInTaxYear).toBeLessThanOrEqual(result.maxWindow.days);
      }),
      { numRuns: 200 },
    );
  });

  it('stays given in any order other than by date, or sharing a day, are rejected', () => {
    fc.assert(
      fc.property(requestArb, fc.nat(), ({ request, today }, pick) => {
        fc.pre(request.stays.length >= 2 && request.stays.every((s) => s.exit !== undefined));
        const i = 1 + (pick % (request.stays.length - 1));
        const swapped = [...request.stays];
        [swapped[i - 1], swapped[i]] = [swapped[i]!, swapped[i - 1]!];
        expect(() => assessKzResidency({ ...request, stays: swapped }, today)).toThrow(/date order/);
        const sharing = request.stays.map((s, k) => (k === i ? { ...s, entry: request.stays[i - 1]!.exit! } : s));
        expect(() => assessKzResidency({ ...request, stays: sharing }, today)).toThrow(/overlaps/);
      }),
      { numRuns: 100 },
    );
  });
});
