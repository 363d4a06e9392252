/** Calendar helpers shared by the identifier decoders. Dates are plain `YYYY-MM-DD` strings (no time zone). */

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year/month/day name a real Gregorian date (year 1 or later). */
export function isRealDate(year: number, month: number, day: number): boolean {
  // Days 1-28 exist in every month: most dates are decided without the month-length maths.
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && (day <= 28 || day <= daysInMonth(year, month));
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

let today = '';
let todayYear = 0;
let todayEndsAt = 0;

/** Today's date in UTC as `YYYY-MM-DD`; cached until midnight because bulk validation asks millions of times. */
export function todayUtc(): string {
  const now = Date.now();
  if (now >= todayEndsAt) {
    today = new Date(now).toISOString().slice(0, 10);
    todayYear = Number(today.slice(0, 4));
    todayEndsAt = (Math.floor(now / 86_400_000) + 1) * 86_400_000;
  }
  return today;
}

// Bulk validation compares millions of dates with today, and reading the clock for each costs more than the rest of
// a check. The cached day is never later than the real one, so a date not after the cached day is not after today
// either: the clock is read only when a date compares as later than the cached day.

/** True when `date` (`YYYY-MM-DD`) is after `asOf`, or after today (UTC) when `asOf` is absent. */
export function isAfterDay(date: string, asOf: string | undefined): boolean {
  if (asOf !== undefined) return date > asOf;
  return date > today && date > todayUtc();
}

/** True when `year` is after the year of `asOf`, or after this year (UTC) when `asOf` is absent. */
export function isAfterYear(year: number, asOf: string | undefined): boolean {
  if (asOf !== undefined) return year > Number(asOf.slice(0, 4));
  return year > todayYear && year > Number(todayUtc().slice(0, 4));
}
