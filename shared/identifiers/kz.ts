import { isAfterDay, isAfterYear, isoDate, isRealDate, pad2, todayUtc } from '../calendar.js';
import { KZ_BIN_DIVISIONS } from '../enums.js';
import { tIdentifier as t } from '../i18n/identifiers.js';
import type { Lang } from '../i18n/languages.js';
import { digitAt, numberAt } from './digits.js';
import { issue } from './messages.js';
import type {
  IdentifierError,
  IdentifierWarning,
  KzBinDetails,
  KzBinDivision,
  KzBinEntityType,
  KzIinDetails,
} from './types.js';

/** KZ IIN and BIN are both 12 digits and share the check digit. */
export const KZ_LENGTH = 12;

/**
 * The check digit from the two sums of the first 11 digits: `weighted` = Σ dᵢ·i (weights 1..11) and `plain` = Σ dᵢ.
 * The second pass's weights 3..11,1,2 are the first pass's plus 2, minus 11 on the last two digits, so modulo 11
 * the second sum is `weighted + 2·plain`: one loop over the digits serves both passes.
 */
function checkDigitOf(weighted: number, plain: number): number | null {
  const first = weighted % 11;
  if (first !== 10) return first;
  const second = (weighted + 2 * plain) % 11;
  return second === 10 ? null : second;
}

/**
 * The KZ check digit for the first 11 digits: weights 1..11 mod 11, and when that is 10, weights
 * 3..11,1,2 mod 11. When the second pass is 10 too, no valid number exists for the prefix: `null`
 * (never mapped to 0, unlike some libraries).
 */
export function kzCheckDigit(digits: string): number | null {
  let weighted = 0;
  let plain = 0;
  for (let i = 0; i < 11; i++) {
    const d = digits.charCodeAt(i) - 48;
    weighted += d * (i + 1);
    plain += d;
  }
  return checkDigitOf(weighted, plain);
}

const ENTITY_TYPES: Record<number, KzBinEntityType> = {
  4: 'resident_legal_entity',
  5: 'non_resident_legal_entity',
  6: 'joint_individual_entrepreneur',
};

const DIVISIONS: readonly KzBinDivision[] = KZ_BIN_DIVISIONS;

export interface KzAnalysis {
  kind: 'IIN' | 'BIN' | null;
  errors: IdentifierError[];
  warnings: IdentifierWarning[];
  details: KzIinDetails | KzBinDetails | Record<string, never>;
}

/**
 * Decodes a 12-digit KZ number and lists everything wrong with it.
 *
 * @param digits - exactly 12 ASCII digits
 * @param asOf - the check date (`YYYY-MM-DD`) for the future-birth-date warning and the BIN century; today when absent
 * @param lang - the language of the messages
 */
export function analyzeKz(digits: string, asOf: string | undefined, lang: Lang): KzAnalysis {
  const errors: IdentifierError[] = [];
  const warnings: IdentifierWarning[] = [];
  let details: KzAnalysis['details'] = {};

  const expected = kzCheckDigit(digits);
  if (expected === null) errors.push(issue('INVALID_CHECKSUM', t('INVALID_CHECKSUM.unissuable', lang)));
  else if (expected !== digitAt(digits, 11)) {
    const actual = digits.charAt(11);
    errors.push(issue('INVALID_CHECKSUM', t('INVALID_CHECKSUM.expected', lang, { expected, actual })));
  }

  const typeDigit = digitAt(digits, 4);
  let kind: KzAnalysis['kind'] = null;
  if (typeDigit <= 3) {
    kind = 'IIN';
    const iin = decodeIin(digits, asOf, lang, errors, warnings);
    if (iin) details = iin;
  } else if (typeDigit <= 6) {
    kind = 'BIN';
    const bin = decodeBin(digits, asOf, lang, errors);
    if (bin) details = bin;
  } else {
    errors.push(issue('INVALID_COMPONENT', t('INVALID_COMPONENT.kzTypeDigit', lang, { digit: typeDigit })));
  }
  return { kind, errors, warnings, details };
}

function decodeIin(
  digits: string,
  asOf: string | undefined,
  lang: Lang,
  errors: IdentifierError[],
  warnings: IdentifierWarning[],
): KzIinDetails | null {
  const yy = numberAt(digits, 0, 2);
  const month = numberAt(digits, 2, 2);
  const day = numberAt(digits, 4, 2);
  const centuryDigit = digitAt(digits, 6);
  const centuryKnown = centuryDigit >= 1 && centuryDigit <= 6;
  if (!centuryKnown) {
    errors.push(issue('INVALID_CENTURY_DIGIT', t('INVALID_CENTURY_DIGIT', lang, { digit: centuryDigit })));
  }
  // With an unknown century, 29 February is only plausible when YY could be a leap year in some century.
  const year = centuryKnown ? 1800 + 100 * Math.floor((centuryDigit - 1) / 2) + yy : 2000 + yy;
  if (!isRealDate(year, month, day)) {
    const date = `${pad2(day)}.${pad2(month)}.${centuryKnown ? year : `..${pad2(yy)}`}`;
    errors.push(issue('INVALID_DATE', t('INVALID_DATE.birth', lang, { date, kg: false })));
    return null;
  }
  if (!centuryKnown) return null;
  const birthDate = isoDate(year, month, day);
  if (isAfterDay(birthDate, asOf)) {
    warnings.push(
      issue('BIRTH_DATE_IN_FUTURE', t('BIRTH_DATE_IN_FUTURE.kz', lang, { date: birthDate, asOf: asOf ?? todayUtc() })),
    );
  }
  return { holder: 'individual', birthDate, sex: centuryDigit % 2 === 1 ? 'male' : 'female' };
}

function decodeBin(
  digits: string,
  asOf: string | undefined,
  lang: Lang,
  errors: IdentifierError[],
): KzBinDetails | null {
  const yy = numberAt(digits, 0, 2);
  const month = numberAt(digits, 2, 2);
  const entityType = ENTITY_TYPES[digitAt(digits, 4)];
  const divisionDigit = digitAt(digits, 5);
  let ok = true;
  if (month < 1 || month > 12) {
    errors.push(issue('INVALID_DATE', t('INVALID_DATE.registrationMonth', lang, { month: pad2(month) })));
    ok = false;
  }
  if (divisionDigit > 4) {
    errors.push(issue('INVALID_COMPONENT', t('INVALID_COMPONENT.kzDivision', lang, { digit: divisionDigit })));
    ok = false;
  }
  const division = DIVISIONS[divisionDigit];
  // decodeBin is only called for type digits 4-6, so the entity type is always known.
  if (!ok || entityType === undefined || division === undefined) return null;
  // The BIN carries a two-digit year: read it as the latest year not after the check date.
  const year = isAfterYear(2000 + yy, asOf) ? 1900 + yy : 2000 + yy;
  return {
    holder: entityType === 'joint_individual_entrepreneur' ? 'individual_entrepreneur' : 'legal_entity',
    registered: `${year}-${pad2(month)}`,
    entityType,
    division,
  };
}

/**
 * Fast boolean check of a 12-character value, for bulk use: one pass over the characters (digits are checked on
 * the way, so the caller need not compact first) and no allocation.
 */
export function isValidKz(value: string): boolean {
  let weighted = 0;
  let plain = 0;
  let head = 0; // the first 7 digits as a number (YYMMDDC for an IIN), to decode without reading them again
  for (let i = 0; i < 7; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    weighted += d * (i + 1);
    plain += d;
    head = head * 10 + d;
  }
  for (let i = 7; i < 11; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    weighted += d * (i + 1);
    plain += d;
  }
  // Inline checkDigitOf: a second 10 (no valid number) never equals a digit, nor does a non-digit last character.
  let check = weighted % 11;
  if (check === 10) check = (weighted + 2 * plain) % 11;
  if (check !== value.charCodeAt(11) - 48) return false;
  const month = ((head / 1000) | 0) % 100;
  const typeDigit = ((head / 100) | 0) % 10;
  if (typeDigit <= 3) {
    const c = head % 10;
    if (c < 1 || c > 6) return false;
    const year = 1800 + 100 * ((c - 1) >> 1) + ((head / 100000) | 0);
    return isRealDate(year, month, ((head / 10) | 0) % 100);
  }
  if (typeDigit <= 6) return month >= 1 && month <= 12 && ((head / 10) | 0) % 10 <= 4;
  return false;
}
