import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GenerateOptions,
  GenerateOptionsError,
  generateIdentifier,
  generateIdentifiers,
  isValidIdentifier,
  kzCheckDigit,
  validateIdentifier,
} from '../../../shared/index.js';
import { AS_OF, errorCodes } from './helpers.js';

const p2 = (n: number): string => String(n).padStart(2, '0');
const seed = fc.integer({ min: 0, max: 0xffffffff });
/** Any real date from `from` to `to` as `YYYY-MM-DD`. */
const isoDate = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
const sex = fc.constantFrom('male' as const, 'female' as const);
const entityType = fc.constantFrom(
  'resident_legal_entity' as const,
  'non_resident_legal_entity' as const,
  'joint_individual_entrepreneur' as const,
);
const division = fc.constantFrom(
  'head_office' as const,
  'branch' as const,
  'representative_office' as const,
  'other_subdivision_or_peasant_farm' as const,
  'peasant_farm' as const,
);
/** A BIN carries YY only: validators read it as the latest such year not after the check date. */
const registered = fc
  .record({ year: fc.integer({ min: 1928, max: 2026 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${p2(month)}`);

/** Options for every kind, with every field drawn (valid numbers). */
const validOptions: fc.Arbitrary<GenerateOptions> = fc.oneof(
  fc.record({
    country: fc.constant('KZ' as const),
    kind: fc.constant('IIN' as const),
    birthDate: isoDate('1800-01-01', '2099-12-31'),
    sex,
    seed,
  }),
  fc.record({
    country: fc.constant('KZ' as const),
    kind: fc.constant('BIN' as const),
    registered,
    entityType,
    division,
    seed,
  }),
  fc.record({
    country: fc.constant('KG' as const),
    kind: fc.constant('INN' as const),
    registeredOn: isoDate('1900-01-01', '2099-12-31'),
    seed,
  }),
  fc.record({
    country: fc.constant('KG' as const),
    kind: fc.constant('PIN' as const),
    birthDate: isoDate('1800-01-01', '2099-12-31'),
    foreignNational: fc.boolean(),
    seed,
  }),
);

/** What `validateIdentifier` must decode from a number generated with these options. */
function expectedDetails(options: GenerateOptions): Record<string, unknown> {
  switch (options.kind) {
    case 'IIN':
      return { holder: 'individual', birthDate: options.birthDate, sex: options.sex };
    case 'BIN':
      return {
        holder: options.entityType === 'joint_individual_entrepreneur' ? 'individual_entrepreneur' : 'legal_entity',
        registered: options.registered,
        entityType: options.entityType,
        division: options.division,
      };
    case 'INN':
      return { holder: 'legal_entity', registeredOn: options.registeredOn };
    case 'PIN':
      return options.foreignNational
        ? { holder: 'individual', birthDate: options.birthDate, foreignNational: true }
        : { holder: 'individual', birthDate: options.birthDate };
  }
}

describe('generateIdentifier: valid numbers', () => {
  it('every generated number validates and decodes to exactly what was asked for', () => {
    fc.assert(
      fc.property(validOptions, (options) => {
        // Act
        const value = generateIdentifier(options);
        const result = validateIdentifier(value, { kind: options.kind, asOf: AS_OF });

        // Assess
        expect(result.errors).toEqual([]);
        expect(result).toMatchObject({ valid: true, country: options.country, kind: options.kind, normalized: value });
        expect(result.details).toEqual(expectedDetails(options));
        expect(isValidIdentifier(value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('with only a kind (and a century for an IIN), random contents still validate as that kind', () => {
    const minimal = fc.oneof(
      fc.record({
        country: fc.constant('KZ' as const),
        kind: fc.constant('IIN' as const),
        century: fc.constantFrom(1800 as const, 1900 as const, 2000 as const),
        seed,
      }),
      fc.record({ country: fc.constantFrom('KZ' as const), kind: fc.constant('BIN' as const), seed }),
      fc.record({ country: fc.constant('KG' as const), kind: fc.constantFrom('INN' as const, 'PIN' as const), seed }),
    );
    fc.assert(
      fc.property(minimal, fc.integer({ min: 1, max: 20 }), (options, count) => {
        // Act
        const values = generateIdentifiers(count, options);

        // Assess
        expect(values).toHaveLength(count);
        for (const value of values) {
          const result = validateIdentifier(value, { asOf: AS_OF });
          expect(result).toMatchObject({ valid: true, kind: options.kind });
          if ('century' in options) {
            const year = Number((result.details as { birthDate: string }).birthDate.slice(0, 4));
            expect(year - (year % 100)).toBe(options.century);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('skips serials whose prefix has no check digit (both passes give 10) instead of emitting them', () => {
    // Prepare: 1989-04-02, male: serial 1584 gives the prefix 89040231584, for which no valid IIN exists
    expect(kzCheckDigit('89040231584')).toBeNull();

    // Act: far more draws than there are serials, so every serial comes up
    const values = generateIdentifiers(60_000, {
      country: 'KZ',
      kind: 'IIN',
      birthDate: '1989-04-02',
      sex: 'male',
      seed: 1,
    });

    // Assess
    const serials = new Set(values.map((v) => v.slice(7, 11)));
    expect(serials.has('1584')).toBe(false);
    expect(serials.size).toBeGreaterThan(9800); // the other ~9 900 issuable serials do come up
    expect(values.every((v) => v.startsWith('8904023') && isValidIdentifier(v))).toBe(true);
  });
});

describe('generateIdentifier: deliberately invalid numbers', () => {
  it('invalid: checksum fails with INVALID_CHECKSUM only, and only the last digit differs from a valid number', () => {
    const kz = fc.oneof(
      fc.record({ country: fc.constant('KZ' as const), kind: fc.constant('IIN' as const), sex, seed }),
      fc.record({ country: fc.constant('KZ' as const), kind: fc.constant('BIN' as const), division, seed }),
    );
    fc.assert(
      fc.property(kz, (options) => {
        // Act
        const value = generateIdentifier({ ...options, invalid: 'checksum' });
        const result = validateIdentifier(value, { asOf: AS_OF });

        // Assess
        expect(errorCodes(result)).toEqual(['INVALID_CHECKSUM']);
        expect(kzCheckDigit(value.slice(0, 11))).not.toBe(Number(value[11]));
        expect(kzCheckDigit(value.slice(0, 11))).not.toBeNull();
        expect(isValidIdentifier(value)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('invalid: date fails with INVALID_DATE only, for every kind', () => {
    fc.assert(
      fc.property(validOptions, (options) => {
        // Act
        const value = generateIdentifier({ ...options, invalid: 'date' } as GenerateOptions);
        const result = validateIdentifier(value, { asOf: AS_OF });

        // Assess
        expect(errorCodes(result)).toEqual(['INVALID_DATE']);
        expect(result.kind).toBe(options.kind);
        expect(isValidIdentifier(value)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('invalid: leading-zero is one digit short and fails with LEADING_ZERO_LOST, suggesting the valid number', () => {
    const options = fc.oneof(
      fc.record({
        country: fc.constant('KZ' as const),
        kind: fc.constant('IIN' as const),
        birthDate: isoDate('2000-01-01', '2009-12-31'),
        sex,
        seed,
      }),
      fc.record({
        country: fc.constant('KZ' as const),
        kind: fc.constant('BIN' as const),
        registered: fc.integer({ min: 2000, max: 2009 }).map((y) => `${y}-07`),
        entityType,
        seed,
      }),
      fc.record({ country: fc.constant('KZ' as const), kind: fc.constant('IIN' as const), seed }),
      fc.record({ country: fc.constant('KZ' as const), kind: fc.constant('BIN' as const), seed }),
      fc.record({
        country: fc.constant('KG' as const),
        kind: fc.constant('INN' as const),
        registeredOn: isoDate('1992-01-01', '2026-11-22'),
        seed,
      }),
    );
    fc.assert(
      fc.property(options, (o) => {
        // Act
        const value = generateIdentifier({ ...o, invalid: 'leading-zero' });
        const result = validateIdentifier(value, { asOf: AS_OF });

        // Assess
        expect(value).toHaveLength(o.country === 'KZ' ? 11 : 13);
        expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
        expect(result.suggestion).toEqual({ value: `0${value}`, reason: 'LEADING_ZERO_LOST' });
        const restored = validateIdentifier(`0${value}`, { asOf: AS_OF });
        expect(restored).toMatchObject({ valid: true, kind: o.kind });
        if ('birthDate' in o) expect(restored.details).toMatchObject({ birthDate: o.birthDate, sex: o.sex });
        if ('registeredOn' in o) expect(restored.details).toMatchObject({ registeredOn: o.registeredOn });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('generateIdentifier: seeds and options', () => {
  it('is deterministic by seed, and generateIdentifiers extends generateIdentifier', () => {
    fc.assert(
      fc.property(validOptions, (options) => {
        // Act
        const one = generateIdentifier(options);
        const many = generateIdentifiers(5, options);

        // Assess
        expect(generateIdentifier(options)).toBe(one);
        expect(many[0]).toBe(one);
        expect(generateIdentifiers(5, options)).toEqual(many);
      }),
      { numRuns: 300 },
    );
  });

  it('different seeds give different numbers', () => {
    // Act
    const values = Array.from({ length: 200 }, (_, s) => generateIdentifier({ country: 'KZ', kind: 'BIN', seed: s }));

    // Assess
    expect(new Set(values).size).toBeGreaterThan(195);
  });

  it.each([
    [{ country: 'KZ', kind: 'IIN', birthDate: '1995-02-29' }, /birthDate must be a real date/],
    [{ country: 'KZ', kind: 'IIN', birthDate: '1795-01-01' }, /from 1800 to 2099/],
    [{ country: 'KZ', kind: 'IIN', birthDate: '1995-07-12', invalid: 'leading-zero' }, /year ending 00-09, not 1995/],
    [{ country: 'KZ', kind: 'IIN', century: 1700 }, /century must be 1800, 1900 or 2000/],
    [{ country: 'KZ', kind: 'IIN', sex: 'x' }, /sex must be male or female/],
    [{ country: 'KZ', kind: 'BIN', registered: '2020-13' }, /registered must be YYYY-MM/],
    [{ country: 'KZ', kind: 'BIN', entityType: 'charity' }, /entityType must be one of/],
    [{ country: 'KZ', kind: 'BIN', division: 'moon_base' }, /division must be one of/],
    [{ country: 'KG', kind: 'PIN', invalid: 'checksum' }, /cannot be made invalid by "checksum"; use date/],
    [{ country: 'KG', kind: 'PIN', invalid: 'leading-zero' }, /cannot be made invalid by "leading-zero"/],
    [{ country: 'KG', kind: 'BIN' }, /no BIN in KG/],
  ])('rejects options that cannot produce a number: %j', (options, message) => {
    // Act
    const act = () => generateIdentifier(options as unknown as GenerateOptions);

    // Assess
    expect(act).toThrow(GenerateOptionsError);
    expect(act).toThrow(message);
  });
});
