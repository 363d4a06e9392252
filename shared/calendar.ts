/**
 * Dates as plain `YYYY-MM-DD` strings (UTC, no time of day): the one date module of the library — range,
 * validity, arithmetic and "today".
 */
import { InvalidDateError } from './errors.js';

const DAY_MS = 86_400_000;

/**
 * The dates Salyk accepts anywhere (both ends inclusive): wide enough for any birth date in an identifier
 * and any tax period the rules data could describe, narrow enough that no year needs more than four digits
 * or is mistaken for a two-digit one. Requests with a date outside it are refused naming the field.
 */
export const DATE_RANGE = { min: '1900-01-01', max: '2100-12-31' } as const;

/** `'00'`…`'99'`, built once: bulk validation pads millions of months and days. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));

/** Zero-pads a day or month to two digits. */
export function pad2(n: number): string {
  return TWO_DIGITS[n] ?? (n < 10 ? `0${n}` : String(n));
}

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

/** The years whose date strings are kept once made: every year a KZ or KG identifier can encode. */
const CACHED_YEARS = { first: 1800, count: 300 } as const;

/**
 * Date strings already made, by year (from {@link CACHED_YEARS}.first), then `(month - 1) * 31 + day - 1`. Bulk files
 * repeat a few tens of thousands of birth dates millions of times: building each string anew (four concatenations)
 * cost more than the rest of a decoded check. A year's row is made on first use; the whole table tops out at
 * 111 600 short strings.
 */
const dateStrings = new Array<string[] | undefined>(CACHED_YEARS.count);

/** `YYYY-MM-DD` of a real date (see {@link isRealDate}); the same string each time for the years identifiers use. */
export function isoDate(year: number, month: number, day: number): string {
  const row = year - CACHED_YEARS.first;
  if (row < 0 || row >= CACHED_YEARS.count || month < 1 || month > 12 || day < 1 || day > 31) {
    return formatDate(year, month, day);
  }
  let strings = dateStrings[row];
  if (strings === undefined) {
    strings = new Array<string>(372);
    dateStrings[row] = strings;
  }
  const slot = (month - 1) * 31 + day - 1;
  let date = strings[slot];
  if (date === undefined) {
    date = formatDate(year, month, day);
    strings[slot] = date;
  }
  return date;
}

const monthStrings = new Array<string | undefined>(CACHED_YEARS.count * 12);

/** `YYYY-MM` (a BIN's registration month); the same string each time for the years identifiers use. */
export function isoMonth(year: number, month: number): string {
  const row = year - CACHED_YEARS.first;
  if (row < 0 || row >= CACHED_YEARS.count || month < 1 || month > 12) return formatMonth(year, month);
  const slot = row * 12 + month - 1;
  let text = monthStrings[slot];
  if (text === undefined) {
    text = formatMonth(year, month);
    monthStrings[slot] = text;
  }
  return text;
}

const formatMonth = (year: number, month: number) => `${String(year).padStart(4, '0')}-${pad2(month)}`;

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real `YYYY-MM-DD` date inside {@link DATE_RANGE}. */
export function isDateInRange(date: string): boolean {
  const m = ISO_DATE.exec(date);
  return (
    m !== null &&
    isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
    date >= DATE_RANGE.min &&
    date <= DATE_RANGE.max
  );
}

/**
 * Throws an {@link InvalidDateError} naming `field` unless `date` is a real date inside {@link DATE_RANGE};
 * the library's own guard for callers that do not come through the API's schemas.
 */
export function checkDate(field: string, date: string): void {
  if (!isDateInRange(date))
    throw new InvalidDateError(
      field,
      `${field} must be a real date YYYY-MM-DD from ${DATE_RANGE.min} to ${DATE_RANGE.max}, not ${JSON.stringify(date)}`,
    );
}

/**
 * Milliseconds since the epoch of a UTC calendar day. `Date.UTC` reads years 0–99 as 1900–1999, so those
 * (never valid input, but reachable by arithmetic) go through `setUTCFullYear`, which takes the year as given.
 */
function utcMs(year: number, monthIndex: number, day: number): number {
  if (year >= 100) return Date.UTC(year, monthIndex, day);
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

function toUtc(date: string): number {
  return utcMs(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
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
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(targetYear, targetMonth + 1));
  return isoDate(targetYear, targetMonth + 1, day);
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

function endOfMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return isoDate(year, month, daysInMonth(year, month));
}

/** The last day of the period (month or quarter) that contains `date`. */
export function periodEnd(date: string, frequency: 'monthly' | 'quarterly'): string {
  if (frequency === 'monthly') return endOfMonth(date);
  const month = Number(date.slice(5, 7));
  const quarterLastMonth = Math.ceil(month / 3) * 3;
  return endOfMonth(`${date.slice(0, 4)}-${pad2(quarterLastMonth)}-01`);
}

/** The `day`-th of the month that is `months` after the month of `date`. */
export function dayOfMonthAfter(date: string, months: number, day: number): string {
  const first = addMonths(`${date.slice(0, 7)}-01`, months);
  return `${first.slice(0, 8)}${pad2(day)}`;
}

let today = '';
let todayYear = 0;
/** `today` as the number YYYYMMDD. */
let todayNumber = 0;
let todayEndsAt = 0;

/** Today's date in UTC as `YYYY-MM-DD`; cached until midnight because bulk validation asks millions of times. */
export function todayUtc(): string {
  const now = Date.now();
  if (now >= todayEndsAt) {
    today = new Date(now).toISOString().slice(0, 10);
    todayYear = Number(today.slice(0, 4));
    todayNumber = dayNumber(today);
    todayEndsAt = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
  }
  return today;
}

/** `YYYY-MM-DD` as the number YYYYMMDD, which orders the same way. */
const dayNumber = (date: string): number =>
  Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

let lastAsOf = '';
let lastAsOfNumber = 0;

// Bulk validation compares millions of dates with today, and reading the clock for each costs more than the rest of
// a check. The cached day is never later than the real one, so a date not after the cached day is not after today
// either: the clock is read only when a date compares as later than the cached day. Dates compare as YYYYMMDD
// numbers: comparing the strings cost more than the rest of decoding an IIN.

/** True when the date `year`-`month`-`day` is after `asOf` (`YYYY-MM-DD`), or after today (UTC) when `asOf` is absent. */
export function isAfterDay(year: number, month: number, day: number, asOf: string | undefined): boolean {
  const date = year * 10_000 + month * 100 + day;
  if (asOf !== undefined) {
    // Bulk callers pass the same `asOf` for every value: parse it once.
    if (asOf !== lastAsOf) {
      lastAsOfNumber = dayNumber(asOf);
      lastAsOf = asOf;
    }
    return date > lastAsOfNumber;
  }
  if (date <= todayNumber) return false;
  todayUtc(); // the cached day may be yesterday's: refresh it
  return date > todayNumber;
}

/** True when `year` is after the year of `asOf`, or after this year (UTC) when `asOf` is absent. */
export function isAfterYear(year: number, asOf: string | undefined): boolean {
  if (asOf !== undefined) return year > Number(asOf.slice(0, 4));
  if (year <= todayYear) return false;
  todayUtc(); // the cached year may be last year's: refresh it
  return year > todayYear;
}
