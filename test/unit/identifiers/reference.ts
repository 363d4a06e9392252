/**
 * Independent reference implementation of the published identifier rules, written for the tests only.
 * It deliberately shares no code with `shared/identifiers` so that the tests compare two implementations
 * instead of checking the code against itself.
 */

/** Weights of the first KZ check-digit pass (positions 1..11). */
export const KZ_PASS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
/** Weights of the second KZ check-digit pass (the first list rotated left by two). */
export const KZ_PASS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

const toDigits = (s: string): number[] => [...s].map((ch) => Number.parseInt(ch, 10));

/** The weighted sum of the first 11 digits mod 11 for one weight list. */
export const refPass = (prefix: string, weights: readonly number[]): number => {
  const ds = toDigits(prefix.slice(0, 11));
  let total = 0;
  ds.forEach((d, i) => {
    total += d * (weights[i] ?? 0);
  });
  return total % 11;
};

/** The reference KZ check digit, or `null` when both passes give 10. */
export const refKzCheckDigit = (prefix: string): number | null => {
  const first = refPass(prefix, KZ_PASS_1);
  if (first < 10) return first;
  const second = refPass(prefix, KZ_PASS_2);
  return second < 10 ? second : null;
};

/** Appends the reference check digit to an 11-digit prefix (throws when none exists). */
export const withCheckDigit = (prefix: string): string => {
  if (!/^[0-9]{11}$/.test(prefix)) throw new Error(`bad prefix ${prefix}`);
  const k = refKzCheckDigit(prefix);
  if (k === null) throw new Error(`no check digit exists for ${prefix}`);
  return `${prefix}${k}`;
};

/** True when the 12th digit matches the reference check digit. */
const refKzChecksumOk = (digits: string): boolean => {
  const k = refKzCheckDigit(digits);
  return k !== null && String(k) === digits[11];
};

/** Gregorian date existence, written independently (via `Date.UTC` round-trip). */
export const refDateExists = (year: number, month: number, day: number): boolean => {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};

const num = (s: string, from: number, len: number): number => Number.parseInt(s.slice(from, from + len), 10);

/** The full reference verdict for 12 ASCII digits read as a KZ IIN or BIN. */
export const refKzValid = (digits: string): boolean => {
  if (!/^[0-9]{12}$/.test(digits) || !refKzChecksumOk(digits)) return false;
  const t = num(digits, 4, 1);
  if (t >= 7) return false;
  if (t >= 4) {
    const month = num(digits, 2, 2);
    return month >= 1 && month <= 12 && num(digits, 5, 1) <= 4;
  }
  const c = num(digits, 6, 1);
  if (c < 1 || c > 6) return false;
  const century = c <= 2 ? 1800 : c <= 4 ? 1900 : 2000;
  return refDateExists(century + num(digits, 0, 2), num(digits, 2, 2), num(digits, 4, 2));
};

/** The full reference verdict for 14 ASCII digits read as a KG INN or PIN (structure only). */
export const refKgValid = (digits: string): boolean => {
  if (!/^[0-9]{14}$/.test(digits)) return false;
  if (!['0', '1', '2', '4'].includes(digits[0] ?? '')) return false;
  return refDateExists(num(digits, 5, 4), num(digits, 3, 2), num(digits, 1, 2));
};

/** Replaces the digit at 0-based index `i`. */
export const replaceAt = (s: string, i: number, ch: string): string => `${s.slice(0, i)}${ch}${s.slice(i + 1)}`;

const p2 = (n: number): string => String(n).padStart(2, '0');
const p4 = (n: number): string => String(n).padStart(4, '0');

/** Builds a KZ IIN from its parts with the reference check digit (throws when no check digit exists). */
export const buildIin = (year: number, month: number, day: number, centuryDigit: number, serial: number): string =>
  withCheckDigit(`${p2(year % 100)}${p2(month)}${p2(day)}${centuryDigit}${p4(serial)}`);

/** Builds an 11-digit KZ prefix from raw two-digit fields (which may be impossible on purpose). */
export const iinPrefix = (yy: number, mm: number, dd: number, centuryDigit: number, serial: number): string =>
  `${p2(yy)}${p2(mm)}${p2(dd)}${centuryDigit}${p4(serial)}`;

/** Builds a KZ BIN prefix `YYMM T A SSSSS`. */
export const binPrefix = (yy: number, mm: number, type: number, division: number, serial: number): string =>
  `${p2(yy)}${p2(mm)}${type}${division}${String(serial).padStart(5, '0')}`;

/** Builds a KG number `F DDMMYYYY SSSSS`. */
export const kgNumber = (first: number, day: number, month: number, year: number, serial: number): string =>
  `${first}${p2(day)}${p2(month)}${p4(year)}${String(serial).padStart(5, '0')}`;

/**
 * Finds the first serial (from `start`) whose prefix has a check digit, so a test can build a number
 * that is correct in every respect except the one under test.
 */
export const firstCheckable = (make: (serial: number) => string, start = 0): string => {
  for (let serial = start; serial < start + 1000; serial++) {
    const prefix = make(serial);
    if (refKzCheckDigit(prefix) !== null) return withCheckDigit(prefix);
  }
  throw new Error('no checkable prefix found');
};
