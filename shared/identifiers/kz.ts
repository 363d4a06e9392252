import { isoDate, isRealDate, pad2 } from '../calendar.js';
import { KZ_BIN_DIVISIONS } from '../enums.js';
import { type Lang, t } from '../i18n/index.js';
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

const FIRST_PASS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedMod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += digitAt(digits, i) * weights[i]!;
  return sum % 11;
}

/**
 * The KZ check digit for the first 11 digits: weights 1..11 mod 11, and when that is 10, weights
 * 3..11,1,2 mod 11. When the second pass is 10 too, no valid number exists for the prefix: `null`
 * (never mapped to 0, unlike some libraries).
 */
export function kzCheckDigit(digits: string): number | null {
  const first = weightedMod11(digits, FIRST_PASS);
  if (first !== 10) return first;
  const second = weightedMod11(digits, SECOND_PASS);
  return second === 10 ? null : second;
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
 * @param asOf - the check date (`YYYY-MM-DD`) for the future-birth-date warning
 * @param lang - the language of the messages
 */
export function analyzeKz(digits: string, asOf: string, lang: Lang): KzAnalysis {
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
  asOf: string,
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
  if (birthDate > asOf) {
    warnings.push(issue('BIRTH_DATE_IN_FUTURE', t('BIRTH_DATE_IN_FUTURE.kz', lang, { date: birthDate, asOf })));
  }
  return { holder: 'individual', birthDate, sex: centuryDigit % 2 === 1 ? 'male' : 'female' };
}

function decodeBin(digits: string, asOf: string, lang: Lang, errors: IdentifierError[]): KzBinDetails | null {
  const yy = numberAt(digits, 0, 2);
  const month = numberAt(digits, 2, 2);
  const entityType = ENTITY_TYPES[digitAt(digits, 4)]!;
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
  if (!ok) return null;
  // The BIN carries a two-digit year: read it as the latest year not after the check date.
  const currentYear = Number(asOf.slice(0, 4));
  const year = 2000 + yy <= currentYear ? 2000 + yy : 1900 + yy;
  return {
    holder: entityType === 'joint_individual_entrepreneur' ? 'individual_entrepreneur' : 'legal_entity',
    registered: `${year}-${pad2(month)}`,
    entityType,
    division: DIVISIONS[divisionDigit]!,
  };
}

/** Fast boolean check of 12 compact digits, for bulk use (no allocation beyond the date maths). */
export function isValidKz(digits: string): boolean {
  if (kzCheckDigit(digits) !== digitAt(digits, 11)) return false;
  const typeDigit = digitAt(digits, 4);
  const month = numberAt(digits, 2, 2);
  if (typeDigit <= 3) {
    const c = digitAt(digits, 6);
    if (c < 1 || c > 6) return false;
    const year = 1800 + 100 * Math.floor((c - 1) / 2) + numberAt(digits, 0, 2);
    return isRealDate(year, month, numberAt(digits, 4, 2));
  }
  if (typeDigit <= 6) return month >= 1 && month <= 12 && digitAt(digits, 5) <= 4;
  return false;
}
