import { describe, expect, it } from 'vitest';
import { kzCheckDigit, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes } from './helpers.js';
import { KZ_PASS_1, KZ_PASS_2, refKzCheckDigit, refKzValid, refPass, replaceAt } from './reference.js';

/** Valid KZ vectors from the research, with first-pass and second-pass check digits. */
const REAL_VALID = [
  '061211600012',
  '961141000023',
  '830717350867',
  '850407201161',
  '700911204362',
  '680503250034',
  '800416100254',
  '850407101163',
  '940140000385',
  '990140004654',
  '850407501169',
  '850407601165',
];

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Every single-digit change of a 12-digit value: [0-based position, mutated value]. */
const mutationsOf = (value: string): [number, string][] =>
  Array.from({ length: 12 }, (_, position) => position).flatMap((position) =>
    DIGITS.filter((d) => d !== value[position]).map((d): [number, string] => [position, replaceAt(value, position, d)]),
  );

describe('Function: kzCheckDigit', () => {
  it.each([
    ['85040710116', 3],
    ['94014000038', 5],
    ['70091120436', 2],
  ])('computes the first-pass check digit of %s as %i', (prefix, expected) => {
    // Prepare
    const input = prefix;

    // Act
    const result = kzCheckDigit(input);

    // Assess
    expect(refPass(input, KZ_PASS_1)).toBe(expected);
    expect(result).toBe(expected);
  });

  it.each([
    ['06121160001', 2],
    ['96114100002', 3],
    ['83071735086', 7],
    ['85040720116', 1],
  ])('falls back to the second pass for %s (first pass 10) and gives %i', (prefix, expected) => {
    // Prepare
    const input = prefix;

    // Act
    const result = kzCheckDigit(input);

    // Assess
    expect(refPass(input, KZ_PASS_1)).toBe(10);
    expect(result).toBe(expected);
  });

  it.each(['00081315989', '82121424009', '83071710098', '89040231584'])(
    'returns null for %s, where both passes give 10 (never maps 10 to 0)',
    (prefix) => {
      // Prepare
      const input = prefix;

      // Act
      const result = kzCheckDigit(input);

      // Assess
      expect([refPass(input, KZ_PASS_1), refPass(input, KZ_PASS_2)]).toEqual([10, 10]);
      expect(result).toBeNull();
    },
  );
});

describe('Function: validateIdentifier', () => {
  describe('KZ check digit: single-digit errors', () => {
    it('proves the modular facts the detection guarantees rest on', () => {
      // Prepare
      const deltas = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      const mod11 = (n: number): number => ((n % 11) + 11) % 11;

      // Act
      const firstPassShifts = KZ_PASS_1.map((w) => deltas.map((d) => mod11(w * d)));
      const secondPassShiftAt11 = deltas.map((d) => mod11(KZ_PASS_2[10] * d));

      // Assess
      // Positions 1-10 (weights 1-10): any change shifts the first pass by a non-zero amount mod 11 (11 is prime).
      for (const shifts of firstPassShifts.slice(0, 10)) expect(shifts).not.toContain(0);
      // Position 11 has weight 11 ≡ 0: a change never moves the first pass.
      expect(firstPassShifts[10]).toEqual(deltas.map(() => 0));
      // Position 11 has weight 2 in the second pass: a change always moves the second pass.
      expect(secondPassShiftAt11).not.toContain(0);
    });

    it.each(REAL_VALID)('matches the reference verdict for all 108 single-digit changes of %s', (value) => {
      // Prepare
      const mutations = mutationsOf(value);

      // Act
      const verdicts = mutations.map(([, m]) => validateIdentifier(m, { asOf: AS_OF }).valid);

      // Assess
      expect(mutations).toHaveLength(108);
      expect(verdicts).toEqual(mutations.map(([, m]) => refKzValid(m)));
    });

    it.each(REAL_VALID)('catches every change of %s that the published algorithm guarantees to catch', (value) => {
      // Prepare
      const originalFirstPass = refPass(value, KZ_PASS_1);
      const mutations = mutationsOf(value);

      // Act
      const checked = mutations.map(([position, m]) => ({
        position,
        m,
        checksumError: errorCodes(validateIdentifier(m, { asOf: AS_OF })).includes('INVALID_CHECKSUM'),
      }));

      // Assess
      for (const { position, m, checksumError } of checked) {
        if (position === 11) expect(checksumError, m).toBe(true);
        else if (position === 10) expect(checksumError, m).toBe(originalFirstPass === 10);
        else if (originalFirstPass !== 10 && refPass(m, KZ_PASS_1) !== 10) expect(checksumError, m).toBe(true);
      }
    });
  });

  describe('Limitation of the published KZ algorithm (not of this code)', () => {
    it('cannot see a change of the 11th digit when the first pass is not 10 (weight 11 ≡ 0 mod 11)', () => {
      // Prepare
      const value = '850407101163';
      const variants = DIGITS.map((d) => replaceAt(value, 10, d));

      // Act
      const results = variants.map((v) => validateIdentifier(v, { asOf: AS_OF }));

      // Assess
      expect(refPass(value, KZ_PASS_1)).not.toBe(10);
      expect(variants.map((v) => refKzCheckDigit(v))).toEqual(variants.map(() => 3));
      expect(results.map((r) => r.valid)).toEqual(variants.map(() => true));
      expect(validateIdentifier('850407101153', { asOf: AS_OF }).valid).toBe(true);
    });

    it('cannot see 061211600012 -> 361211600012: the mutated first pass equals the old second-pass digit', () => {
      // Prepare
      const original = '061211600012';
      const mutated = '361211600012';

      // Act
      const result = validateIdentifier(mutated, { asOf: AS_OF });

      // Assess
      expect(refPass(original, KZ_PASS_1)).toBe(10);
      expect(refPass(mutated, KZ_PASS_1)).toBe(2);
      expect(refKzCheckDigit(original)).toBe(2);
      expect(result.valid).toBe(true);
      expect(result.details).toStrictEqual({ holder: 'individual', birthDate: '2036-12-11', sex: 'female' });
    });

    it('does catch every change of the 11th digit when the first pass is 10 (weight 2 in the second pass)', () => {
      // Prepare
      const value = '061211600012';
      const variants = DIGITS.filter((d) => d !== value[10]).map((d) => replaceAt(value, 10, d));

      // Act
      const results = variants.map((v) => validateIdentifier(v, { asOf: AS_OF }));

      // Assess
      for (const result of results) expect(errorCodes(result)).toEqual(['INVALID_CHECKSUM']);
    });
  });
});
