import { isAfterDay, isoDate, isRealDate, todayUtc } from '../calendar.js';
import { tIdentifier as t } from '../i18n/identifiers.js';
import { LANGUAGES, type Lang } from '../i18n/languages.js';
import { digitAt, numberAt } from './digits.js';
import { issue } from './messages.js';
import type { IdentifierError, IdentifierWarning, KgDetails } from './types.js';

/** KG INN and PIN are 14 digits; no check digit is published, so only the structure is checked. */
export const KG_LENGTH = 14;

export interface KgAnalysis {
  /** `INN` for an organisation (first digit 0), `PIN` for an individual (1, 2 or 4). */
  kind: 'INN' | 'PIN' | null;
  errors: IdentifierError[];
  warnings: IdentifierWarning[];
  details: KgDetails | Record<string, never>;
}

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
export function analyzeKg(digits: string, asOf: string | undefined, lang: Lang): KgAnalysis {
  const errors: IdentifierError[] = [];
  const warnings: IdentifierWarning[] = [STRUCTURE_UNCONFIRMED[lang]];
  const first = digitAt(digits, 0);
  const day = numberAt(digits, 1, 2);
  const month = numberAt(digits, 3, 2);
  const year = numberAt(digits, 5, 4);
  const date = isRealDate(year, month, day) ? isoDate(year, month, day) : null;

  let kind: KgAnalysis['kind'] = null;
  let details: KgAnalysis['details'] = {};
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
      if (isAfterDay(date, asOf))
        warnings.push(
          issue('BIRTH_DATE_IN_FUTURE', t('BIRTH_DATE_IN_FUTURE.kg', lang, { date, asOf: asOf ?? todayUtc() })),
        );
    }
  } else {
    errors.push(issue('INVALID_COMPONENT', t('INVALID_COMPONENT.kgFirstDigit', lang, { digit: first })));
  }
  return { kind, errors, warnings, details };
}

function dmy(digits: string): string {
  return `${digits.slice(1, 3)}.${digits.slice(3, 5)}.${digits.slice(5, 9)}`;
}

/**
 * Fast structure check of a 14-character value, for bulk use: `null` when a character is not an ASCII digit
 * (the caller then compacts and retries), else whether the first digit and the DDMMYYYY date are valid.
 */
export function kgVerdict(value: string): boolean | null {
  let ddmmyyyy = 0;
  for (let i = 0; i < KG_LENGTH; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    if (i >= 1 && i <= 8) ddmmyyyy = ddmmyyyy * 10 + d;
  }
  const first = value.charCodeAt(0) - 48;
  if (first !== 0 && first !== 1 && first !== 2 && first !== 4) return false;
  return isRealDate(ddmmyyyy % 10000, ((ddmmyyyy / 10000) | 0) % 100, (ddmmyyyy / 1000000) | 0);
}
