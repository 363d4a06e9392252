import { checkDate } from '../calendar.js';
import { analyzeKg, KG_LENGTH, kgVerdict } from './kg.js';
import { analyzeKz, isValidKz, KZ_LENGTH } from './kz.js';
import { issue } from './messages.js';
import { compact } from './normalize.js';
import type { Country, IdentifierError, IdentifierKind, IdentifierResult, ValidateOptions } from './types.js';

const LENGTH: Record<Country, number> = { KZ: KZ_LENGTH, KG: KG_LENGTH };

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
 * A value that fails is not an exception: the result has `valid: false` and the reasons in `errors`.
 *
 * @example
 * validateIdentifier('940140000385').details // { holder: 'legal_entity', registered: '1994-01', ... }
 */
export function validateIdentifier(value: string, options: ValidateOptions = {}): IdentifierResult {
  // Today is looked up only if a date needs it (see isAfterDay): most values never read the clock.
  const asOf = options.asOf === undefined ? undefined : checkedAsOf(options.asOf);
  const digits = compact(value);
  const hintedCountry = options.country ?? (options.kind ? countryOfKind(options.kind) : null);
  if (digits === null) {
    return invalid(hintedCountry, options.kind ?? null, null, [
      issue('INVALID_CHARACTERS', 'only ASCII digits, spaces, hyphens and dots are allowed'),
    ]);
  }

  const country = options.country ?? countryFromLength(digits.length) ?? hintedCountry;
  if (country !== null && digits.length === LENGTH[country]) return analyze(digits, country, options, asOf);

  // Spreadsheets drop leading zeros: one digit short that becomes valid with a 0 in front.
  const candidates: Country[] = country ? [country] : ['KZ', 'KG'];
  for (const candidate of candidates) {
    if (digits.length !== LENGTH[candidate] - 1) continue;
    const padded = analyze(`0${digits}`, candidate, options, asOf);
    if (padded.valid) {
      return {
        ...invalid(candidate, padded.kind, digits, [
          issue(
            'LEADING_ZERO_LOST',
            `${digits.length} digits: a leading 0 was probably lost; 0${digits} is a valid ${candidate} ${padded.kind}`,
          ),
        ]),
        suggestion: { value: `0${digits}`, reason: 'LEADING_ZERO_LOST' },
      };
    }
  }

  const expected = country ? `${LENGTH[country]} digits for ${country}` : '12 digits (KZ) or 14 digits (KG)';
  const errors: IdentifierError[] = [issue('INVALID_LENGTH', `${digits.length} digits; expected ${expected}`)];
  if (!country)
    errors.push(issue('UNKNOWN_COUNTRY', 'the country cannot be inferred from this length; pass "country"'));
  return invalid(country, options.kind ?? null, digits, errors);
}

function analyze(
  digits: string,
  country: Country,
  options: ValidateOptions,
  asOf: string | undefined,
): IdentifierResult {
  const analysis = country === 'KZ' ? analyzeKz(digits, asOf) : analyzeKg(digits, asOf);
  const errors = analysis.errors;
  let kind: IdentifierKind | null = analysis.kind;
  const wanted = options.kind;
  if (wanted && analysis.kind) {
    if (countryOfKind(wanted) !== country) {
      errors.push(
        issue(
          'KIND_MISMATCH',
          `a ${wanted} is not a ${country} identifier; this value is a ${country} ${analysis.kind}`,
        ),
      );
    } else if (wanted === 'INN' && analysis.kind === 'PIN') {
      kind = 'INN'; // an individual's PIN is also that individual's INN
    } else if (wanted !== analysis.kind) {
      errors.push(issue('KIND_MISMATCH', `expected a ${wanted}, but the digits say ${analysis.kind}`));
    }
  }
  return {
    valid: errors.length === 0,
    country,
    kind,
    normalized: digits,
    errors,
    warnings: analysis.warnings,
    details: analysis.details,
  };
}

function invalid(
  country: Country | null,
  kind: IdentifierKind | null,
  normalized: string | null,
  errors: IdentifierResult['errors'],
): IdentifierResult {
  return { valid: false, country, kind, normalized, errors, warnings: [], details: {} };
}

/**
 * Fast yes/no check for bulk use: same verdict as `validateIdentifier(value, options).valid`,
 * without building messages or details.
 */
export function isValidIdentifier(value: string, options?: Omit<ValidateOptions, 'asOf'>): boolean {
  if (options?.kind) return validateIdentifier(value, options).valid; // kind rules are rare in bulk: take the full path
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

let lastCheckedAsOf = '';

/** Refuses an `asOf` outside the date range (`InvalidDateError`); remembers the last good one, as bulk callers pass the same date each time. */
function checkedAsOf(asOf: string): string {
  if (asOf !== lastCheckedAsOf) {
    checkDate('asOf', asOf);
    lastCheckedAsOf = asOf;
  }
  return asOf;
}
