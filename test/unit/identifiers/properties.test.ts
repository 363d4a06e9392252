import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routineKind } from '../../../shared/identifiers/validate.js';
import type { Country, IdentifierKind, IdentifierResult } from '../../../shared/index.js';
import { compact, isValidIdentifier, kzCheckDigit, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes, warningCodes } from './helpers.js';
import {
  KZ_PASS_1,
  refDateExists,
  refKgValid,
  refKzCheckDigit,
  refKzValid,
  refPass,
  replaceAt,
  withCheckDigit,
} from './reference.js';

const ERROR_CODES = [
  'INVALID_CHARACTERS',
  'INVALID_LENGTH',
  'INVALID_CHECKSUM',
  'INVALID_DATE',
  'INVALID_CENTURY_DIGIT',
  'INVALID_COMPONENT',
  'KIND_MISMATCH',
  'UNKNOWN_COUNTRY',
  'LEADING_ZERO_LOST',
  'SPREADSHEET_NUMBER',
  'EMPTY_VALUE',
];
const WARNING_CODES = ['BIRTH_DATE_IN_FUTURE', 'STRUCTURE_UNCONFIRMED', 'FOREIGN_NATIONAL_PIN'];

const p2 = (n: number): string => String(n).padStart(2, '0');
const p4 = (n: number): string => String(n).padStart(4, '0');
const p5 = (n: number): string => String(n).padStart(5, '0');

interface Generated {
  value: string;
  details: Record<string, unknown>;
  warnings: string[];
}

/** Structurally valid KZ IINs with a reference check digit (prefixes with no check digit are skipped). */
const iinArb: fc.Arbitrary<Generated> = fc
  .record({
    centuryDigit: fc.integer({ min: 1, max: 6 }),
    yy: fc.integer({ min: 0, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map((r) => ({ ...r, year: [1800, 1800, 1900, 1900, 2000, 2000][r.centuryDigit - 1]! + r.yy }))
  .filter((r) => refDateExists(r.year, r.month, r.day))
  .map((r) => ({ ...r, prefix: `${p2(r.yy)}${p2(r.month)}${p2(r.day)}${r.centuryDigit}${p4(r.serial)}` }))
  .filter((r) => refKzCheckDigit(r.prefix) !== null)
  .map((r) => {
    const birthDate = `${p4(r.year)}-${p2(r.month)}-${p2(r.day)}`;
    return {
      value: withCheckDigit(r.prefix),
      details: { holder: 'individual', birthDate, sex: r.centuryDigit % 2 === 1 ? 'male' : 'female' },
      warnings: birthDate > AS_OF ? ['BIRTH_DATE_IN_FUTURE'] : [],
    };
  });

const ENTITY = ['resident_legal_entity', 'non_resident_legal_entity', 'joint_individual_entrepreneur'];
const DIVISION = [
  'head_office',
  'branch',
  'representative_office',
  'other_subdivision_or_peasant_farm',
  'peasant_farm',
];

/** Structurally valid KZ BINs with a reference check digit. */
const binArb: fc.Arbitrary<Generated> = fc
  .record({
    yy: fc.integer({ min: 0, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    type: fc.integer({ min: 4, max: 6 }),
    division: fc.integer({ min: 0, max: 4 }),
    serial: fc.integer({ min: 0, max: 99999 }),
  })
  .map((r) => ({ ...r, prefix: `${p2(r.yy)}${p2(r.month)}${r.type}${r.division}${p5(r.serial)}` }))
  .filter((r) => refKzCheckDigit(r.prefix) !== null)
  .map((r) => {
    const year = 2000 + r.yy <= Number(AS_OF.slice(0, 4)) ? 2000 + r.yy : 1900 + r.yy;
    return {
      value: withCheckDigit(r.prefix),
      details: {
        holder: r.type === 6 ? 'individual_entrepreneur' : 'legal_entity',
        registered: `${year}-${p2(r.month)}`,
        entityType: ENTITY[r.type - 4],
        division: DIVISION[r.division],
      },
      warnings: [],
    };
  });

const kzArb = fc.oneof(iinArb, binArb);

/** Structurally valid KG INNs/PINs. */
const kgArb: fc.Arbitrary<Generated> = fc
  .record({
    first: fc.constantFrom(0, 1, 2, 4),
    day: fc.integer({ min: 1, max: 31 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 1900, max: 2099 }),
    serial: fc.integer({ min: 0, max: 99999 }),
  })
  .filter((r) => refDateExists(r.year, r.month, r.day))
  .map((r) => {
    const date = `${r.year}-${p2(r.month)}-${p2(r.day)}`;
    const value = `${r.first}${p2(r.day)}${p2(r.month)}${r.year}${p5(r.serial)}`;
    if (r.first === 0)
      return { value, details: { holder: 'legal_entity', registeredOn: date }, warnings: ['STRUCTURE_UNCONFIRMED'] };
    const warnings = ['STRUCTURE_UNCONFIRMED'];
    if (r.first === 4) warnings.push('FOREIGN_NATIONAL_PIN');
    if (date > AS_OF) warnings.push('BIRTH_DATE_IN_FUTURE');
    const details: Record<string, unknown> = { holder: 'individual', birthDate: date };
    if (r.first === 4) details.foreignNational = true;
    return { value, details, warnings };
  });

const digitArb = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
const SEPARATORS = [' ', '\u00a0', '\t', '-', '.', '\u2010', '\u2011', '\u202f'];

/** A valid number with one digit replaced by a different one: [original, 0-based position, mutated]. */
const mutationArb = (valid: fc.Arbitrary<Generated>, length: number): fc.Arbitrary<[string, number, string]> =>
  fc
    .tuple(valid, fc.integer({ min: 0, max: length - 1 }), digitArb)
    .filter(([g, position, d]) => g.value[position] !== d)
    .map(([g, position, d]) => [g.value, position, replaceAt(g.value, position, d)]);

/** Any 12 digits whose last digit is the reference check digit: only the structure can be wrong. */
const checksumOkArb: fc.Arbitrary<string> = fc
  .string({ unit: digitArb, minLength: 11, maxLength: 11 })
  .filter((prefix) => refKzCheckDigit(prefix) !== null)
  .map(withCheckDigit);

/** Strings that are mostly digits and separators, with the odd foreign character, of interesting lengths. */
const noisyArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: digitArb, minLength: 10, maxLength: 15 }),
  fc.string({
    unit: fc.oneof(
      { weight: 12, arbitrary: digitArb },
      { weight: 2, arbitrary: fc.constantFrom(...SEPARATORS) },
      { weight: 1, arbitrary: fc.constantFrom('A', 'z', '١', '５', '\u200b', '/', '²', '\u2013', 'О') },
    ),
    maxLength: 18,
  }),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
);

const anyValueArb: fc.Arbitrary<string> = fc.oneof(
  noisyArb,
  kzArb.map((g) => g.value),
  kgArb.map((g) => g.value),
  mutationArb(kzArb, 12).map(([, , m]) => m),
  mutationArb(kgArb, 14).map(([, , m]) => m),
  kzArb.map((g) => g.value.slice(1)),
  kgArb.map((g) => g.value.slice(1)),
  checksumOkArb,
);

const optionsArb: fc.Arbitrary<{ country?: Country; kind?: IdentifierKind }> = fc.record(
  {
    country: fc.constantFrom<Country>('KZ', 'KG'),
    kind: fc.constantFrom<IdentifierKind>('IIN', 'BIN', 'INN', 'PIN'),
  },
  { requiredKeys: [] },
);

const expectWellFormed = (result: IdentifierResult): void => {
  expect(result.valid).toBe(result.errors.length === 0);
  for (const e of result.errors) {
    expect(ERROR_CODES).toContain(e.code);
    expect(e.message.length).toBeGreaterThan(0);
  }
  for (const w of result.warnings) {
    expect(WARNING_CODES).toContain(w.code);
    expect(w.message.length).toBeGreaterThan(0);
  }
  if (result.normalized !== null) expect(result.normalized).toMatch(/^[0-9]*$/);
  // No digits to show exactly when there was nothing but digits to check: stray characters, Excel's
  // scientific form, or nothing at all; each is the one error of its result.
  const noDigits = ['INVALID_CHARACTERS', 'SPREADSHEET_NUMBER', 'EMPTY_VALUE'];
  expect(result.normalized === null).toBe(errorCodes(result).some((c) => noDigits.includes(c)));
  if (result.normalized === null) expect(result.errors).toHaveLength(1);
  // A suggestion only ever comes with LEADING_ZERO_LOST (which has none when several paddings are valid).
  if (result.suggestion !== undefined) expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
  if (result.country === 'KG' && result.normalized?.length === 14)
    expect(warningCodes(result)).toContain('STRUCTURE_UNCONFIRMED');
};

describe('Function: validateIdentifier', () => {
  describe('Properties: generated valid numbers', () => {
    it('accepts every structurally valid KZ IIN and decodes it exactly', () => {
      fc.assert(
        fc.property(iinArb, (g) => {
          // Prepare
          const options = { asOf: AS_OF };

          // Act
          const result = validateIdentifier(g.value, options);

          // Assess
          expect(result).toStrictEqual({
            valid: true,
            country: 'KZ',
            kind: 'IIN',
            normalized: g.value,
            errors: [],
            warnings: g.warnings.map((code) => ({ code, message: expect.any(String) })),
            details: g.details,
          });
          expect(isValidIdentifier(g.value)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });

    it('accepts every structurally valid KZ BIN and decodes it exactly', () => {
      fc.assert(
        fc.property(binArb, (g) => {
          // Prepare
          const options = { asOf: AS_OF };

          // Act
          const result = validateIdentifier(g.value, options);

          // Assess
          expect(result).toStrictEqual({
            valid: true,
            country: 'KZ',
            kind: 'BIN',
            normalized: g.value,
            errors: [],
            warnings: [],
            details: g.details,
          });
          expect(isValidIdentifier(g.value)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });

    it('accepts every structurally valid KG number and decodes it exactly', () => {
      fc.assert(
        fc.property(kgArb, (g) => {
          // Prepare
          const options = { asOf: AS_OF };

          // Act
          const result = validateIdentifier(g.value, options);

          // Assess
          expect(result.valid).toBe(true);
          expect(result.country).toBe('KG');
          expect(result.kind).toBe(g.value.startsWith('0') ? 'INN' : 'PIN');
          expect(result.errors).toEqual([]);
          expect([...warningCodes(result)].sort()).toEqual([...g.warnings].sort());
          expect(result.details).toStrictEqual(g.details);
          expect(isValidIdentifier(g.value)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });

    it('gives the same result whatever separators are inserted', () => {
      fc.assert(
        fc.property(
          fc.oneof(kzArb, kgArb),
          fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SEPARATORS)), { maxLength: 6 }),
          (g, inserts) => {
            // Prepare
            let typed = g.value;
            for (const [at, sep] of inserts) {
              const i = at % (typed.length + 1);
              typed = `${typed.slice(0, i)}${sep}${typed.slice(i)}`;
            }

            // Act
            const result = validateIdentifier(typed, { asOf: AS_OF });

            // Assess
            expect(compact(typed)).toBe(g.value);
            expect(result).toStrictEqual(validateIdentifier(g.value, { asOf: AS_OF }));
          },
        ),
      );
    });

    it('rejects a valid number with any foreign character inserted as INVALID_CHARACTERS', () => {
      fc.assert(
        fc.property(
          fc.oneof(kzArb, kgArb),
          fc.nat(),
          fc.constantFrom('A', 'ж', '０', '٣', '۳', '\u200b', '\u200c', '\ufe0f', '/', '+', '_', '\u2212', '\u{1D7D8}'),
          (g, at, ch) => {
            // Prepare
            const i = at % (g.value.length + 1);
            const typed = `${g.value.slice(0, i)}${ch}${g.value.slice(i)}`;

            // Act
            const result = validateIdentifier(typed, { asOf: AS_OF });

            // Assess
            expect(errorCodes(result)).toEqual(['INVALID_CHARACTERS']);
            expect(result.normalized).toBeNull();
            expect(isValidIdentifier(typed)).toBe(false);
          },
        ),
      );
    });

    it('flags every valid number that starts with 0 and lost it, suggesting the original', () => {
      fc.assert(
        fc.property(fc.oneof(kzArb, kgArb), (g) => {
          // Prepare
          fc.pre(g.value.startsWith('0'));
          const typed = g.value.slice(1);

          // Act
          const result = validateIdentifier(typed, { asOf: AS_OF });

          // Assess
          expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
          expect(result.suggestion).toStrictEqual({ value: g.value, reason: 'LEADING_ZERO_LOST' });
          expect(result.normalized).toBe(typed);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('Properties: single-digit errors', () => {
    it('matches the reference verdict for every single-digit change of a KZ number', () => {
      fc.assert(
        fc.property(mutationArb(kzArb, 12), ([, , mutated]) => {
          // Prepare
          const expected = refKzValid(mutated);

          // Act
          const result = validateIdentifier(mutated, { asOf: AS_OF });

          // Assess
          expect(result.valid).toBe(expected);
          expect(isValidIdentifier(mutated)).toBe(expected);
        }),
        { numRuns: 3000 },
      );
    });

    it('catches every change in digits 1-10 when neither first pass is 10, and every change of digit 12', () => {
      fc.assert(
        fc.property(mutationArb(kzArb, 12), ([original, position, mutated]) => {
          // Prepare
          fc.pre(position !== 10);
          fc.pre(position === 11 || (refPass(original, KZ_PASS_1) !== 10 && refPass(mutated, KZ_PASS_1) !== 10));

          // Act
          const result = validateIdentifier(mutated, { asOf: AS_OF });

          // Assess
          expect(result.valid).toBe(false);
          expect(errorCodes(result)).toContain('INVALID_CHECKSUM');
        }),
        { numRuns: 3000 },
      );
    });

    it('catches a change of digit 11 exactly when the first pass is 10 (published-algorithm limitation)', () => {
      fc.assert(
        fc.property(kzArb, digitArb, (g, d) => {
          // Prepare
          fc.pre(g.value[10] !== d);
          const mutated = replaceAt(g.value, 10, d);

          // Act
          const result = validateIdentifier(mutated, { asOf: AS_OF });

          // Assess
          expect(errorCodes(result).includes('INVALID_CHECKSUM')).toBe(refPass(g.value, KZ_PASS_1) === 10);
        }),
        { numRuns: 2000 },
      );
    });

    it('matches the reference verdict for every single-digit change of a KG number', () => {
      fc.assert(
        fc.property(mutationArb(kgArb, 14), ([, , mutated]) => {
          // Prepare
          const expected = refKgValid(mutated);

          // Act
          const result = validateIdentifier(mutated, { asOf: AS_OF });

          // Assess
          expect(result.valid).toBe(expected);
          expect(isValidIdentifier(mutated)).toBe(expected);
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('Properties: any input', () => {
    it('is well formed, with valid exactly when there are no errors, and isValidIdentifier agrees', () => {
      fc.assert(
        fc.property(anyValueArb, optionsArb, (value, options) => {
          // Prepare
          const opts = { ...options, asOf: AS_OF };

          // Act
          const result = validateIdentifier(value, opts);
          const fast = isValidIdentifier(value, options);

          // Assess
          expectWellFormed(result);
          expect(fast).toBe(result.valid);
        }),
        { numRuns: 5000 },
      );
    });

    it('matches the reference verdict for any 12- or 14-digit string', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: digitArb, minLength: 12, maxLength: 12 }),
            fc.string({ unit: digitArb, minLength: 14, maxLength: 14 }),
          ),
          (value) => {
            // Prepare
            const expected = value.length === 12 ? refKzValid(value) : refKgValid(value);

            // Act
            const result = validateIdentifier(value, { asOf: AS_OF });

            // Assess
            expect(result.valid).toBe(expected);
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('matches the reference structure verdict for any 12 digits with a correct check digit', () => {
      fc.assert(
        fc.property(checksumOkArb, (value) => {
          // Prepare
          const expected = refKzValid(value);

          // Act
          const result = validateIdentifier(value, { asOf: AS_OF });

          // Assess
          expect(result.valid).toBe(expected);
          expect(isValidIdentifier(value)).toBe(expected);
          expect(errorCodes(result)).not.toContain('INVALID_CHECKSUM');
        }),
        { numRuns: 5000 },
      );
    });

    it('suggests a leading zero for an 11- or 13-digit string exactly when the padded form is valid', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: digitArb, minLength: 11, maxLength: 11 }),
            fc.string({ unit: digitArb, minLength: 13, maxLength: 13 }),
            kzArb.map((g) => g.value.slice(1)),
            kgArb.map((g) => g.value.slice(1)),
          ),
          (value) => {
            // Prepare
            const padded = `0${value}`;
            const expected = value.length === 11 ? refKzValid(padded) : refKgValid(padded);

            // Act
            const result = validateIdentifier(value, { asOf: AS_OF });

            // Assess
            expect(result.valid).toBe(false);
            expect(result.suggestion?.value).toBe(expected ? padded : undefined);
            expect(errorCodes(result)).toEqual(
              expected ? ['LEADING_ZERO_LOST'] : ['INVALID_LENGTH', 'UNKNOWN_COUNTRY'],
            );
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('gives a suggestion that is itself valid with the same options', () => {
      const lostZeroArb = fc
        .oneof(kzArb, kgArb)
        .filter((g) => g.value.startsWith('0'))
        .map((g) => g.value.slice(1));
      fc.assert(
        fc.property(fc.oneof(lostZeroArb, anyValueArb), optionsArb, (value, options) => {
          // Prepare
          const opts = { ...options, asOf: AS_OF };
          const result = validateIdentifier(value, opts);
          fc.pre(result.suggestion !== undefined);

          // Act
          const again = validateIdentifier(result.suggestion?.value ?? '', opts);

          // Assess
          expect(again.valid).toBe(true);
          expect(again.country).toBe(result.country);
          expect(again.kind).toBe(result.kind);
        }),
        { numRuns: 1000 },
      );
    });

    it('does not let the check date change the verdict or the errors', () => {
      fc.assert(
        fc.property(
          anyValueArb,
          optionsArb,
          fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
          (value, options, date) => {
            // Prepare
            const asOf = date.toISOString().slice(0, 10);

            // Act
            const a = validateIdentifier(value, { ...options, asOf });
            const b = validateIdentifier(value, { ...options, asOf: AS_OF });

            // Assess
            expect(a.valid).toBe(b.valid);
            expect(errorCodes(a)).toEqual(errorCodes(b));
          },
        ),
        { numRuns: 2000 },
      );
    });
  });
});

describe('Function: kzCheckDigit', () => {
  it('agrees with the reference for any 11-digit prefix and never returns 10', () => {
    fc.assert(
      fc.property(fc.string({ unit: digitArb, minLength: 11, maxLength: 11 }), (prefix) => {
        // Prepare
        const expected = refKzCheckDigit(prefix);

        // Act
        const result = kzCheckDigit(prefix);

        // Assess
        expect(result).toBe(expected);
        expect(result).not.toBe(10);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Function: isValidIdentifier', () => {
  // Digits, the characters just below and above them, and the separators the contract allows: the unrolled fast
  // paths reject a non-digit by range, so these neighbours are where a slip would show.
  const nonDigitArb = fc.constantFrom('/', ':', '.', ' ', '-', '\u0660', '\uff10');
  const nearDigitArb = fc.oneof(digitArb, nonDigitArb);
  const optionsArb = fc.record(
    {
      country: fc.constantFrom<Country>('KZ', 'KG'),
      kind: fc.constantFrom<IdentifierKind>('IIN', 'BIN', 'INN', 'PIN'),
    },
    { requiredKeys: [] },
  );

  // A valid number with up to two characters swapped for digits or their neighbours, or any short string of them.
  const damagedArb = fc.oneof(
    fc
      .tuple(fc.oneof(kzArb, kgArb), fc.array(fc.tuple(fc.nat(13), nonDigitArb), { maxLength: 2 }))
      .map(([g, swaps]) => swaps.reduce((value, [at, c]) => replaceAt(value, at % value.length, c), g.value)),
    fc.string({ unit: nearDigitArb, minLength: 10, maxLength: 16 }),
  );

  it('gives the same verdict as validateIdentifier for valid numbers with characters swapped, with any options', () => {
    fc.assert(
      fc.property(damagedArb, optionsArb, (value, options) => {
        // Prepare
        const asOf = { ...options, asOf: AS_OF };

        // Act
        const fast = isValidIdentifier(value, options);
        const full = validateIdentifier(value, asOf).valid;

        // Assess
        expect(fast).toBe(full);
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts every valid number the way validateIdentifier does, with and without the hint', () => {
    fc.assert(
      fc.property(fc.string({ unit: digitArb, minLength: 11, maxLength: 11 }), (prefix) => {
        // Prepare
        const check = refKzCheckDigit(prefix);
        fc.pre(check !== null);
        const value = `${prefix}${check}`;

        // Act
        const verdicts = [isValidIdentifier(value), isValidIdentifier(value, { country: 'KZ' })];

        // Assess
        expect(verdicts).toEqual([refKzValid(value), refKzValid(value)]);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Function: routineKind', () => {
  it("names a kind exactly when the full result is that kind's routine one: valid, compact, no warning of its own", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValueArb,
          iinArb.map((g) => g.value),
          kgArb.map((g) => g.value),
        ),
        fc.constantFrom<Country | undefined>(undefined, 'KZ', 'KG'),
        (value, country) => {
          // Prepare
          const options = { ...(country ? { country } : {}), asOf: AS_OF };
          const full = validateIdentifier(value, options);
          const kindWarnings = full.country === 'KG' ? ['STRUCTURE_UNCONFIRMED'] : [];
          const routine =
            full.valid &&
            full.normalized === value &&
            full.suggestion === undefined &&
            JSON.stringify(warningCodes(full)) === JSON.stringify(kindWarnings);

          // Act
          const kind = routineKind(value, options);

          // Assess
          expect(kind).toBe(routine ? full.kind : null);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('leaves a birth date after the check date to the full check (its warning names the date)', () => {
    // Prepare: an IIN and a KG PIN born on 2026-11-23, the day after AS_OF
    const iin = withCheckDigit('26112350001');
    const pin = '22311202612345';

    // Act
    const before = [routineKind(iin, { asOf: '2026-11-23' }), routineKind(pin, { asOf: '2026-11-23' })];
    const after = [routineKind(iin, { asOf: AS_OF }), routineKind(pin, { asOf: AS_OF })];

    // Assess
    expect(before).toEqual(['IIN', 'PIN']);
    expect(after).toEqual([null, null]);
  });
});
