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
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

let today = '';
let todayEndsAt = 0;

/** Today's date in UTC as `YYYY-MM-DD`; cached until midnight because bulk validation asks millions of times. */
export function todayUtc(): string {
  const now = Date.now();
  if (now >= todayEndsAt) {
    today = new Date(now).toISOString().slice(0, 10);
    todayEndsAt = (Math.floor(now / 86_400_000) + 1) * 86_400_000;
  }
  return today;
}
