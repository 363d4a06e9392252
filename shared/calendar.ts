/** Date arithmetic on `YYYY-MM-DD` strings (UTC, no time of day). */

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(targetYear, targetMonth, Math.min(Number(date.slice(8, 10)), lastDay)));
}

/** Adds working days, skipping Saturdays and Sundays (public holidays are not modelled). */
export function addBusinessDays(date: string, days: number): string {
  let ms = toUtc(date);
  for (let left = days; left > 0; ) {
    ms += DAY_MS;
    const weekday = new Date(ms).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return fromUtc(ms);
}

export function endOfMonth(date: string): string {
  return fromUtc(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0));
}

/** The last day of the period (month or quarter) that contains `date`. */
export function periodEnd(date: string, frequency: 'monthly' | 'quarterly'): string {
  if (frequency === 'monthly') return endOfMonth(date);
  const month = Number(date.slice(5, 7));
  const quarterLastMonth = Math.ceil(month / 3) * 3;
  return endOfMonth(`${date.slice(0, 4)}-${String(quarterLastMonth).padStart(2, '0')}-01`);
}

/** The `day`-th of the month that is `months` after the month of `date`. */
export function dayOfMonthAfter(date: string, months: number, day: number): string {
  const first = addMonths(`${date.slice(0, 7)}-01`, months);
  return `${first.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
