import { addDays, daysBetween } from '../../shared/calendar.js';
import { type Stay, windowStart } from '../../shared/residency/kz.js';

/**
 * Days present in the 12 months ending on each day of the tax year, for the chart. Counted as the library
 * counts (every day of a stay, entry and exit included; an open stay runs to `asOf`); the page's test checks
 * that the highest point and the first day over the threshold agree with `assessKzResidency`.
 */
export function presenceSeries(
  stays: readonly Stay[],
  taxYear: number,
  asOf: string,
): { dates: string[]; days: number[] } {
  const yearStart = `${taxYear}-01-01`;
  const yearEnd = `${taxYear}-12-31`;
  const origin = windowStart(yearStart);
  const span = daysBetween(origin, yearEnd) + 1;
  const present = new Uint8Array(span);
  for (const stay of stays) {
    const a = Math.max(0, daysBetween(origin, stay.entry));
    const b = Math.min(span - 1, daysBetween(origin, stay.exit ?? asOf));
    for (let d = a; d <= b; d++) present[d] = 1;
  }
  const prefix = new Int32Array(span + 1);
  for (let d = 0; d < span; d++) prefix[d + 1] = (prefix[d] ?? 0) + (present[d] ?? 0);
  const dates: string[] = [];
  const days: number[] = [];
  for (let end = yearStart; end <= yearEnd; end = addDays(end, 1)) {
    const e = daysBetween(origin, end) + 1;
    const s = daysBetween(origin, windowStart(end));
    dates.push(end);
    days.push((prefix[e] ?? 0) - (prefix[s] ?? 0));
  }
  return { dates, days };
}
