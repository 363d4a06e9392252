import { checkDate } from '../calendar.js';
import { COUNTRIES } from '../enums.js';
import { tIdentifier as t } from '../i18n/identifiers.js';
import { DEFAULT_LANG, type Lang } from '../i18n/languages.js';
import { digitAt } from './digits.js';
import { analyzeKg, KG_LENGTH, kgVerdict, routineKgKind } from './kg.js';
import { analyzeKz, isValidKz, KZ_LENGTH, routineKzKind } from './kz.js';
import { issue } from './messages.js';
import { compact, isSpreadsheetNumber } from './normalize.js';
import { identifierResult } from './result.js';
import type { Country, IdentifierError, IdentifierKind, IdentifierResult, ValidateOptions } from './types.js';

const LENGTH: Record<Country, number> = { KZ: KZ_LENGTH, KG: KG_LENGTH };

/**
 * Spreadsheets drop every leading zero. A KZ number registered or born in January–September 2000 starts with
 * `000`; no valid KZ or KG number starts with four zeros (the month or day would be 00), so three is the most
 * a valid number can lose.
 */
const MAX_LOST_ZEROS = 3;

/** How `UNKNOWN_COUNTRY` names the country field when the caller does not say (the library and API field). */
const COUNTRY_OPTION = '"country"';

/** The country an identifier kind belongs to. */
export function countryOfKind(kind: IdentifierKind): Country {
  return kind === 'IIN' || kind === 'BIN' ? 'KZ' : 'KG';
}

function countryFromLength(length: number): Country | null {
  if (length === KZ_LENGTH) return 'KZ';
  if (length === KG_LENGTH) return 'KG';
  return null;
}

/**
 * Validates a Kazakh IIN/BIN or Kyrgyz INN/PIN and decodes what its digits say.
 * A value that fails is not an exception: the result has `valid: false` and the reasons in `errors`,
 * whose messages are in `options.lang` (English by default).
 *
 * @example
 * validateIdentifier('940140000385').details // { holder: 'legal_entity', registered: '1994-01', ... }
 * validateIdentifier('8.9052E+11', { lang: 'ru' }).errors[0].code // 'SPREADSHEET_NUMBER'
 */
export function validateIdentifier(value: string, options?: ValidateOptions): IdentifierResult {
  // Today is looked up only if a date needs it (see isAfterDay): most values never read the clock.
  const asOf = options?.asOf === undefined ? undefined : checkedAsOf(options.asOf);
  const lang = options?.lang ?? DEFAULT_LANG;
  const digits = compact(value);
  const hintedCountry = options?.country ?? (options?.kind ? countryOfKind(options.kind) : null);
  if (digits === null || digits.length === 0) {
    return invalid(hintedCountry, options?.kind ?? null, null, [notDigits(value, digits, lang)]);
  }

  const country = options?.country ?? countryFromLength(digits.length) ?? hintedCountry;
  if (country !== null && digits.length === LENGTH[country]) return analyze(digits, country, options, asOf, lang);
  return lostZeros(digits, country, options, asOf, lang) ?? wrongLength(digits, country, options, lang);
}

/** The one error for a value with nothing to check: empty, a number Excel ruined, or stray characters. */
function notDigits(value: string, digits: string | null, lang: Lang): IdentifierError {
  if (digits === '') return issue('EMPTY_VALUE', t('EMPTY_VALUE', lang));
  if (isSpreadsheetNumber(value)) {
    return issue('SPREADSHEET_NUMBER', t('SPREADSHEET_NUMBER', lang, { value: value.trim() }));
  }
  return issue('INVALID_CHARACTERS', t('INVALID_CHARACTERS', lang));
}

/**
 * The padded readings of a too-short value that are valid: one gives a `suggestion`, several are reported
 * without one (nothing may fix the value automatically when the reading is a guess).
 */
function lostZeros(
  digits: string,
  country: Country | null,
  options: ValidateOptions | undefined,
  asOf: string | undefined,
  lang: Lang,
): IdentifierResult | null {
  const readings: { value: string; country: Country; kind: IdentifierKind; zeros: number }[] = [];
  for (const candidate of country ? [country] : COUNTRIES) {
    const zeros = LENGTH[candidate] - digits.length;
    if (zeros < 1 || zeros > MAX_LOST_ZEROS) continue;
    const padded = '0'.repeat(zeros) + digits;
    // The allocation-free check first: most short values have no valid padding, and a full analysis builds messages.
    if (candidate === 'KZ' ? !isValidKz(padded) : kgVerdict(padded) !== true) continue;
    const result = analyze(padded, candidate, options, asOf, lang);
    if (result.valid && result.kind) readings.push({ value: padded, country: candidate, kind: result.kind, zeros });
  }
  const [only] = readings;
  if (only === undefined) return null;
  const count = digits.length;
  if (readings.length > 1) {
    const message = t('LEADING_ZERO_LOST.ambiguous', lang, { count, readings });
    return invalid(country, options?.kind ?? null, digits, [issue('LEADING_ZERO_LOST', message)]);
  }
  const params = { count, zeros: only.zeros, padded: only.value, country: only.country, kind: only.kind };
  return {
    ...invalid(only.country, only.kind, digits, [issue('LEADING_ZERO_LOST', t('LEADING_ZERO_LOST', lang, params))]),
    suggestion: { value: only.value, reason: 'LEADING_ZERO_LOST' },
  };
}

function wrongLength(
  digits: string,
  country: Country | null,
  options: ValidateOptions | undefined,
  lang: Lang,
): IdentifierResult {
  const errors: IdentifierError[] = [
    issue('INVALID_LENGTH', t('INVALID_LENGTH', lang, { count: digits.length, country })),
  ];
  if (!country) {
    const option = options?.countryOption ?? COUNTRY_OPTION;
    errors.push(issue('UNKNOWN_COUNTRY', t('UNKNOWN_COUNTRY', lang, { option })));
  }
  return invalid(country, options?.kind ?? null, digits, errors);
}

function analyze(
  digits: string,
  country: Country,
  options: ValidateOptions | undefined,
  asOf: string | undefined,
  lang: Lang,
): IdentifierResult {
  const result = country === 'KZ' ? analyzeKz(digits, asOf, lang) : analyzeKg(digits, asOf, lang);
  const wanted = options?.kind;
  const found = result.kind;
  if (!wanted || !found || wanted === found) return result;
  if (countryOfKind(wanted) !== country) {
    result.errors.push(issue('KIND_MISMATCH', t('KIND_MISMATCH.country', lang, { wanted, country, kind: found })));
  } else if (wanted === 'INN' && found === 'PIN') {
    result.kind = 'INN'; // an individual's PIN is also that individual's INN
  } else {
    result.errors.push(issue('KIND_MISMATCH', t('KIND_MISMATCH.kind', lang, { wanted, kind: found })));
  }
  result.valid = result.errors.length === 0;
  return result;
}

function invalid(
  country: Country | null,
  kind: IdentifierKind | null,
  normalized: string | null,
  errors: IdentifierError[],
): IdentifierResult {
  return identifierResult(country, kind, normalized, errors, [], {});
}

/**
 * Fast yes/no check for bulk use: same verdict as `validateIdentifier(value, options).valid`,
 * without building messages or details (it never formats a text, whatever the value).
 */
export function isValidIdentifier(value: string, options?: Pick<ValidateOptions, 'country' | 'kind'>): boolean {
  if (options?.kind) return isValidOfKind(value, options.kind, options.country);
  const country = options?.country;
  // The bulk case first: a value already compact. A 12-character value with a separator has too few digits
  // for any country, so the one-pass KZ check (which rejects non-digits) decides it.
  if (value.length === KZ_LENGTH) return country !== 'KG' && isValidKz(value);
  if (value.length === KG_LENGTH && country !== 'KZ') {
    const verdict = kgVerdict(value);
    if (verdict !== null) return verdict;
  }
  const digits = compact(value);
  if (digits === null) return false;
  const target = country ?? countryFromLength(digits.length);
  if (target === 'KZ') return digits.length === KZ_LENGTH && isValidKz(digits);
  if (target === 'KG') return digits.length === KG_LENGTH && kgVerdict(digits) === true;
  return false;
}

/**
 * Bulk: the kind of a compact value that is valid with the result every valid number of its kind has — no error and
 * only the warnings the whole kind carries (a KG number's STRUCTURE_UNCONFIRMED) — or `null`, when
 * {@link validateIdentifier} has more to say (an invalid value, a separator, a birth date after `asOf`, a foreign
 * national's PIN). Two values of the same routine kind get results that differ only in `normalized` and `details`,
 * so a bulk caller can reuse one result per kind for the columns it writes. Nothing is allocated.
 */
export function routineKind(value: string, options?: Pick<ValidateOptions, 'country' | 'asOf'>): IdentifierKind | null {
  const asOf = options?.asOf === undefined ? undefined : checkedAsOf(options.asOf);
  const country = options?.country;
  if (value.length === KZ_LENGTH) return country === 'KG' ? null : routineKzKind(value, asOf);
  if (value.length === KG_LENGTH) return country === 'KZ' ? null : routineKgKind(value, asOf);
  return null;
}

/** The check with a wanted kind (rare in bulk): valid, and of that kind — never builds a message. */
function isValidOfKind(value: string, kind: IdentifierKind, country?: Country): boolean {
  const digits = compact(value);
  if (digits === null) return false;
  const target = country ?? countryFromLength(digits.length);
  let valid: boolean;
  if (target === 'KZ') valid = digits.length === KZ_LENGTH && isValidKz(digits);
  else if (target === 'KG') valid = digits.length === KG_LENGTH && kgVerdict(digits) === true;
  else return false;
  return valid && kindAccepts(kind, target, digits);
}

/** Whether the digits of a valid number are of the kind asked for (a KG PIN also serves as that person's INN). */
function kindAccepts(wanted: IdentifierKind, country: Country, digits: string): boolean {
  if (countryOfKind(wanted) !== country) return false;
  const actual: IdentifierKind =
    country === 'KZ' ? (digitAt(digits, 4) <= 3 ? 'IIN' : 'BIN') : digitAt(digits, 0) === 0 ? 'INN' : 'PIN';
  return wanted === actual || (wanted === 'INN' && actual === 'PIN');
}

let lastCheckedAsOf = '';

/** Refuses an `asOf` outside the date range (`InvalidDateError`); remembers the last good one, as bulk callers pass the same date each time. */
function checkedAsOf(asOf: string): string {
  if (asOf !== lastCheckedAsOf) {
    checkDate('asOf', asOf);
    lastCheckedAsOf = asOf;
  }
  return asOf;
}
