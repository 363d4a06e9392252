import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Country, isValidIdentifier, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes } from './helpers.js';
import {
  binPrefix,
  iinPrefix,
  kgNumber,
  refDateExists,
  refKgValid,
  refKzCheckDigit,
  refKzValid,
  withCheckDigit,
} from './reference.js';

const LENGTH: Record<Country, number> = { KZ: 12, KG: 14 };

/** Valid KZ numbers that start with zeros: IINs of people born 2000–2009 and BINs registered 2000–2009. */
const kzZeroArb: fc.Arbitrary<string> = fc
  .oneof(
    fc
      .record({
        yy: fc.integer({ min: 0, max: 9 }),
        mm: fc.integer({ min: 1, max: 12 }),
        dd: fc.integer({ min: 1, max: 31 }),
        c: fc.constantFrom(5, 6),
        serial: fc.integer({ min: 0, max: 9999 }),
      })
      .filter((r) => refDateExists(2000 + r.yy, r.mm, r.dd))
      .map((r) => iinPrefix(r.yy, r.mm, r.dd, r.c, r.serial)),
    fc
      .record({
        yy: fc.integer({ min: 0, max: 9 }),
        mm: fc.integer({ min: 1, max: 12 }),
        type: fc.integer({ min: 4, max: 6 }),
        division: fc.integer({ min: 0, max: 4 }),
        serial: fc.integer({ min: 0, max: 99999 }),
      })
      .map((r) => binPrefix(r.yy, r.mm, r.type, r.division, r.serial)),
  )
  .filter((prefix) => refKzCheckDigit(prefix) !== null)
  .map(withCheckDigit);

/** Valid KG organisation INNs (first digit 0): one leading zero, two when the day is 01–09. */
const kgZeroArb: fc.Arbitrary<string> = fc
  .record({
    day: fc.integer({ min: 1, max: 31 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 1991, max: 2026 }),
    serial: fc.integer({ min: 0, max: 99999 }),
  })
  .filter((r) => refDateExists(r.year, r.month, r.day))
  .map((r) => kgNumber(0, r.day, r.month, r.year, r.serial));

/** What Excel does to a number: every leading zero goes. */
const stripZeros = (value: string): string => value.replace(/^0+/, '');

/** The reference model: every way to pad the digits back to a country's length (1–3 zeros) that is valid. */
function refReadings(digits: string, countries: readonly Country[]): string[] {
  const out: string[] = [];
  for (const country of countries) {
    const zeros = LENGTH[country] - digits.length;
    if (zeros < 1 || zeros > 3) continue;
    const padded = '0'.repeat(zeros) + digits;
    if (country === 'KZ' ? refKzValid(padded) : refKgValid(padded)) out.push(padded);
  }
  return out;
}

describe('Function: validateIdentifier — Excel damage', () => {
  describe('Properties: lost leading zeros', () => {
    it('suggests the original KZ number back after Excel dropped one, two or three zeros', () => {
      fc.assert(
        fc.property(kzZeroArb, fc.constantFrom<Country | undefined>(undefined, 'KZ'), (original, country) => {
          // Prepare
          const value = stripZeros(original);
          const readings = refReadings(value, country ? [country] : ['KZ', 'KG']);

          // Act
          const result = validateIdentifier(value, { asOf: AS_OF, ...(country ? { country } : {}) });

          // Assess
          expect(readings).toContain(original);
          expect(result.valid).toBe(false);
          expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
          if (readings.length === 1)
            expect(result.suggestion).toEqual({ value: original, reason: 'LEADING_ZERO_LOST' });
          else expect(result.suggestion).toBeUndefined();
          expect(isValidIdentifier(value)).toBe(false);
        }),
        { numRuns: 2000 },
      );
    });

    it('suggests the original KG INN back after one or two zeros (two only when the country is given)', () => {
      fc.assert(
        fc.property(kgZeroArb, (original) => {
          // Prepare
          const value = stripZeros(original);
          const zeros = original.length - value.length;
          // 12 digits are a KZ length: without a country they are read as KZ, never padded as KG.
          const options = zeros === 2 ? { asOf: AS_OF, country: 'KG' as const } : { asOf: AS_OF };

          // Act
          const result = validateIdentifier(value, options);

          // Assess
          expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
          expect(result.suggestion).toEqual({ value: original, reason: 'LEADING_ZERO_LOST' });
          expect(result.errors[0]?.message).toContain(
            zeros === 1 ? 'a leading 0 was probably lost' : '2 leading zeros were probably lost',
          );
        }),
        { numRuns: 2000 },
      );
    });

    it('follows the reference model for any short run of digits: one valid padding suggests, several only list', () => {
      // With KZ at 12 digits and KG at 14 the paddings of one length rarely compete; the model still decides.
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({
              unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'),
              minLength: 8,
              maxLength: 13,
            }),
            fc.oneof(kzZeroArb, kgZeroArb).map(stripZeros),
          ),
          fc.constantFrom<Country | undefined>(undefined, 'KZ', 'KG'),
          (value, country) => {
            // Prepare
            const inferred = country ?? (value.length === 12 ? 'KZ' : undefined);
            const readings =
              inferred === 'KZ' && value.length === 12 ? [] : refReadings(value, inferred ? [inferred] : ['KZ', 'KG']);

            // Act
            const result = validateIdentifier(value, { asOf: AS_OF, ...(country ? { country } : {}) });

            // Assess
            if (readings.length === 0) expect(errorCodes(result)).not.toContain('LEADING_ZERO_LOST');
            else expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
            if (readings.length === 1) expect(result.suggestion?.value).toBe(readings[0]);
            else expect(result.suggestion).toBeUndefined();
            for (const r of readings) expect(result.errors[0]?.message).toContain(r);
          },
        ),
        { numRuns: 3000 },
      );
    });
  });

  it('answers a two-zero IIN of someone born in October 2000 with the full number', () => {
    // Prepare
    const original = withCheckDigit(iinPrefix(0, 10, 5, 5, 1));

    // Act
    const result = validateIdentifier(original.slice(2), { asOf: AS_OF, lang: 'ru' });

    // Assess
    expect(original.slice(0, 3)).toBe('001');
    expect(result.suggestion?.value).toBe(original);
    expect(result.errors[0]?.message).toBe(
      `10 цифр: вероятно, потеряны 2 ведущих нуля (так делает Excel); ${original} — действительный ИИН Казахстана`,
    );
  });

  describe('Properties: text forms and scientific notation', () => {
    const anyValueArb = fc.oneof(
      kzZeroArb,
      kgZeroArb,
      kzZeroArb.map(stripZeros),
      fc.string({ unit: fc.constantFrom('0', '1', '5', '9', ' ', '-'), maxLength: 16 }),
    );

    it('unwraps ="…" and a leading apostrophe to the same answer as the plain digits', () => {
      fc.assert(
        fc.property(
          anyValueArb,
          fc.constantFrom(
            (v: string) => `="${v}"`,
            (v: string) => `'${v}`,
            (v: string) => ` ="${v}" `,
          ),
          (value, wrap) => {
            // Prepare
            const wrapped = wrap(value);

            // Act
            const plain = validateIdentifier(value, { asOf: AS_OF });
            const excel = validateIdentifier(wrapped, { asOf: AS_OF });

            // Assess
            expect(excel).toEqual(plain);
            expect(isValidIdentifier(wrapped)).toBe(plain.valid);
          },
        ),
        { numRuns: 1000 },
      );
    });

    it('answers SPREADSHEET_NUMBER alone, never INVALID_CHARACTERS, for any scientific form', () => {
      fc.assert(
        fc.property(
          fc.record({
            sign: fc.constantFrom('', '+', '-'),
            int: fc.integer({ min: 1, max: 9 }),
            frac: fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 0, maxLength: 6 }),
            sep: fc.constantFrom('.', ','),
            e: fc.constantFrom('E', 'e'),
            expSign: fc.constantFrom('', '+'),
            exp: fc.integer({ min: 8, max: 13 }),
            space: fc.constantFrom('', ' '),
            wrap: fc.constantFrom('plain', 'formula', 'apostrophe'),
          }),
          fc.constantFrom('ru', 'kk', 'ky', 'en' as const),
          (r, lang) => {
            // Prepare
            const number = `${r.sign}${r.int}${r.frac ? `${r.sep}${r.frac}` : ''}${r.space}${r.e}${r.expSign}${r.exp}`;
            const value =
              r.wrap === 'formula' ? `="${number}"` : r.wrap === 'apostrophe' ? `'${number}` : ` ${number} `;

            // Act
            const result = validateIdentifier(value, { asOf: AS_OF, lang });

            // Assess
            expect(errorCodes(result)).toEqual(['SPREADSHEET_NUMBER']);
            expect(result.normalized).toBeNull();
            expect(result.suggestion).toBeUndefined();
            expect(result.errors[0]?.message).toContain('Excel');
            expect(isValidIdentifier(value)).toBe(false);
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  it.each(['8.9052E+11', '8,9052E+11', '8.9052e11', '  -8.9052 E+11 ', '2.30963E+11'])(
    'calls %j a number Excel ruined and says how to re-export',
    (value) => {
      // Act
      const en = validateIdentifier(value, { asOf: AS_OF });
      const ru = validateIdentifier(value, { asOf: AS_OF, lang: 'ru' });

      // Assess
      expect(errorCodes(en)).toEqual(['SPREADSHEET_NUMBER']);
      expect(en.errors[0]?.message).toMatch(/digits are lost.*Text/);
      expect(ru.errors[0]?.message).toMatch(/последние цифры потеряны.*«Текстовый»/);
    },
  );

  it.each(['', '   ', '\t', '=""', "'"])('answers %j with EMPTY_VALUE alone', (value) => {
    // Act
    const result = validateIdentifier(value, { asOf: AS_OF });

    // Assess
    expect(result).toStrictEqual({
      valid: false,
      country: null,
      kind: null,
      normalized: null,
      errors: [{ code: 'EMPTY_VALUE', message: 'the value is empty: no IIN/BIN or INN/PIN was given' }],
      warnings: [],
      details: {},
    });
  });

  it('names the country option as the caller asks in UNKNOWN_COUNTRY', () => {
    // Act
    const api = validateIdentifier('1234567', { asOf: AS_OF });
    const cli = validateIdentifier('1234567', { asOf: AS_OF, countryOption: '--country', lang: 'kk' });

    // Assess
    expect(api.errors[1]?.message).toBe('the country cannot be inferred from this length; pass "country"');
    expect(cli.errors[1]).toEqual({
      code: 'UNKNOWN_COUNTRY',
      message: 'мұндай ұзындық бойынша елді анықтау мүмкін емес; елді --country параметрімен көрсетіңіз',
    });
  });
});
