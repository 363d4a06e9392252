import { isAfterDay, isoDate, isRealDate, todayUtc } from '../calendar.js';
import { tIdentifier as t } from '../i18n/identifiers.js';
import { LANGUAGES, type Lang } from '../i18n/languages.js';
import { digitAt, twoDigitsAt } from './digits.js';
import { issue } from './messages.js';
import { identifierResult } from './result.js';
import type { IdentifierError, IdentifierResult, IdentifierWarning, KgDetails } from './types.js';

/** KG INN and PIN are 14 digits; no check digit is published, so only the structure is checked. */
export const KG_LENGTH = 14;

/** Every KG result carries this warning: built once per language, not per value. */
const STRUCTURE_UNCONFIRMED = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, issue('STRUCTURE_UNCONFIRMED', t('STRUCTURE_UNCONFIRMED', lang))]),
) as Record<Lang, IdentifierWarning>;

/**
 * Decodes a 14-digit KG number: first digit (0 organisation, 1/2 individual, 4 foreign national)
 * and the DDMMYYYY date in digits 2-9.
 *
 * @param digits - exactly 14 ASCII digits
 * @param asOf - the check date (`YYYY-MM-DD`) for the future-birth-date warning; today when absent
 * @param lang - the language of the messages
 */
export function analyzeKg(digits: string, asOf: string | undefined, lang: Lang): IdentifierResult {
  const errors: IdentifierError[] = [];
  const warnings: IdentifierWarning[] = [STRUCTURE_UNCONFIRMED[lang]];
  const first = digitAt(digits, 0);
  const day = twoDigitsAt(digits, 1);
  const month = twoDigitsAt(digits, 3);
  const year = twoDigitsAt(digits, 5) * 100 + twoDigitsAt(digits, 7);
  const date = isRealDate(year, month, day) ? isoDate(year, month, day) : null;

  let kind: 'INN' | 'PIN' | null = null;
  let details: KgDetails | Record<string, never> = {};
  if (first === 0) {
    kind = 'INN';
    if (date === null)
      errors.push(issue('INVALID_DATE', t('INVALID_DATE.registration', lang, { date: dmy(digits), kg: true })));
    else details = { holder: 'legal_entity', registeredOn: date };
  } else if (first === 1 || first === 2 || first === 4) {
    kind = 'PIN';
    const foreignNational = first === 4;
    if (foreignNational) warnings.push(issue('FOREIGN_NATIONAL_PIN', t('FOREIGN_NATIONAL_PIN', lang)));
    if (date === null)
      errors.push(issue('INVALID_DATE', t('INVALID_DATE.birth', lang, { date: dmy(digits), kg: true })));
    else {
      details = foreignNational
        ? { holder: 'individual', birthDate: date, foreignNational }
        : { holder: 'individual', birthDate: date };
      if (isAfterDay(year, month, day, asOf))
        warnings.push(
          issue('BIRTH_DATE_IN_FUTURE', t('BIRTH_DATE_IN_FUTURE.kg', lang, { date, asOf: asOf ?? todayUtc() })),
        );
    }
  } else {
    errors.push(issue('INVALID_COMPONENT', t('INVALID_COMPONENT.kgFirstDigit', lang, { digit: first })));
  }
  return identifierResult('KG', kind, digits, errors, warnings, details);
}

function dmy(digits: string): string {
  return `${digits.slice(1, 3)}.${digits.slice(3, 5)}.${digits.slice(5, 9)}`;
}

/**
 * Fast structure check of a 14-character value, for bulk use: `null` when a character is not an ASCII digit
 * (the caller then compacts and retries), else whether the first digit and the DDMMYYYY date are valid.
 * Unrolled for the same reason as `isValidKz`; the last five digits (a serial number) only need to be digits.
 *
 * @param value - exactly 14 characters
 */
export function kgVerdict(value: string): boolean | null {
  const first = value.charCodeAt(0) - 48;
  const d1 = value.charCodeAt(1) - 48;
  const d2 = value.charCodeAt(2) - 48;
  const d3 = value.charCodeAt(3) - 48;
  const d4 = value.charCodeAt(4) - 48;
  const d5 = value.charCodeAt(5) - 48;
  const d6 = value.charCodeAt(6) - 48;
  const d7 = value.charCodeAt(7) - 48;
  const d8 = value.charCodeAt(8) - 48;
  // `>>> 0` makes a character below '0' a huge number: one comparison per digit rejects both sides.
  if (
    first >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    d2 >>> 0 > 9 ||
    d3 >>> 0 > 9 ||
    d4 >>> 0 > 9 ||
    d5 >>> 0 > 9 ||
    d6 >>> 0 > 9 ||
    d7 >>> 0 > 9 ||
    d8 >>> 0 > 9
  ) {
    return null;
  }
  for (let i = 9; i < KG_LENGTH; i++) if ((value.charCodeAt(i) - 48) >>> 0 > 9) return null;
  if (first !== 0 && first !== 1 && first !== 2 && first !== 4) return false;
  return isRealDate(d5 * 1000 + d6 * 100 + d7 * 10 + d8, d3 * 10 + d4, d1 * 10 + d2);
}

/**
 * The kind of a 14-character value that is a valid number whose full result is that of every such number of its
 * kind — an INN, or a citizen's PIN born on or before `asOf` (only the STRUCTURE_UNCONFIRMED warning every KG
 * number has) — else `null` (the full check has more to say: an error, a foreign national's PIN, a birth date in
 * the future). Nothing is allocated.
 *
 * @param value - exactly 14 characters
 * @param asOf - the check date (`YYYY-MM-DD`) for the future-birth-date warning; today when absent
 */
export function routineKgKind(value: string, asOf: string | undefined): 'INN' | 'PIN' | null {
  if (kgVerdict(value) !== true) return null;
  const first = digitAt(value, 0);
  if (first === 0) return 'INN';
  if (first === 4) return null;
  const year = twoDigitsAt(value, 5) * 100 + twoDigitsAt(value, 7);
  return isAfterDay(year, twoDigitsAt(value, 3), twoDigitsAt(value, 1), asOf) ? null : 'PIN';
}
