import { describe, expect, it } from 'vitest';
import { isValidIdentifier, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes } from './helpers.js';
import { binPrefix, firstCheckable, iinPrefix, refKgValid, refKzValid } from './reference.js';

describe('Function: validateIdentifier', () => {
  describe('LEADING_ZERO_LOST (KZ, 11 digits)', () => {
    it('flags 61211600012 and suggests the IIN 061211600012', () => {
      // Prepare
      const value = '61211600012';

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result).toStrictEqual({
        valid: false,
        country: 'KZ',
        kind: 'IIN',
        normalized: '61211600012',
        errors: [{ code: 'LEADING_ZERO_LOST', message: expect.any(String) }],
        warnings: [],
        details: {},
        suggestion: { value: '061211600012', reason: 'LEADING_ZERO_LOST' },
      });
      expect(isValidIdentifier(value)).toBe(false);
    });

    it('flags a BIN registered in 2005 that lost its leading zero', () => {
      // Prepare
      const full = firstCheckable((serial) => binPrefix(5, 3, 4, 0, serial));
      const value = full.slice(1);

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(full.startsWith('0')).toBe(true);
      expect(result.valid).toBe(false);
      expect(result.kind).toBe('BIN');
      expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
      expect(result.suggestion).toEqual({ value: full, reason: 'LEADING_ZERO_LOST' });
    });

    it('flags the value when it is typed with separators and the country is given', () => {
      // Prepare
      const value = ' 6121-160-0012 ';

      // Act
      const result = validateIdentifier(value, { country: 'KZ', asOf: AS_OF });

      // Assess
      expect(result.normalized).toBe('61211600012');
      expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
      expect(result.suggestion).toEqual({ value: '061211600012', reason: 'LEADING_ZERO_LOST' });
    });

    it.each([
      ['a padded form with a wrong check digit', '12345678901'],
      ['83071710098, whose padded prefix has no valid check digit', '83071710098'],
      ['a padded IIN dated 30 February 2000', firstCheckable((serial) => iinPrefix(0, 2, 30, 5, serial)).slice(1)],
      ['a padded IIN with century digit 0', firstCheckable((serial) => iinPrefix(0, 5, 12, 0, serial)).slice(1)],
    ])('answers INVALID_LENGTH without a suggestion for %s', (_label, value) => {
      // Prepare
      const padded = `0${value}`;

      // Act
      const inferred = validateIdentifier(value, { asOf: AS_OF });
      const given = validateIdentifier(value, { country: 'KZ', asOf: AS_OF });

      // Assess
      expect(value).toHaveLength(11);
      expect(refKzValid(padded)).toBe(false);
      expect(errorCodes(inferred)).toEqual(['INVALID_LENGTH', 'UNKNOWN_COUNTRY']);
      expect(inferred.suggestion).toBeUndefined();
      expect(errorCodes(given)).toEqual(['INVALID_LENGTH']);
      expect(given.country).toBe('KZ');
      expect(given.suggestion).toBeUndefined();
    });

    it('judges the padded form with the kind the caller asked for', () => {
      // Prepare
      const value = '61211600012';

      // Act
      const asIin = validateIdentifier(value, { kind: 'IIN', asOf: AS_OF });
      const asBin = validateIdentifier(value, { kind: 'BIN', asOf: AS_OF });

      // Assess
      expect(errorCodes(asIin)).toEqual(['LEADING_ZERO_LOST']);
      expect(asIin.suggestion?.value).toBe('061211600012');
      expect(errorCodes(asBin)).toEqual(['INVALID_LENGTH']);
      expect(asBin.suggestion).toBeUndefined();
    });

    it('does not suggest a KZ number when the caller said KG', () => {
      // Prepare
      const value = '61211600012';

      // Act
      const result = validateIdentifier(value, { country: 'KG', asOf: AS_OF });

      // Assess
      expect(result.country).toBe('KG');
      expect(errorCodes(result)).toEqual(['INVALID_LENGTH']);
      expect(result.suggestion).toBeUndefined();
    });
  });

  describe('LEADING_ZERO_LOST (KG, 13 digits)', () => {
    it.each([
      ['1207199510092', '01207199510092'],
      ['2507199510010', '02507199510010'],
      ['0207199610017', '00207199610017'],
      ['1801201210323', '01801201210323'],
    ])('flags %s and suggests %s', (value, padded) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result.valid).toBe(false);
      expect(result.country).toBe('KG');
      expect(result.kind).toBe('INN');
      expect(result.normalized).toBe(value);
      expect(errorCodes(result)).toEqual(['LEADING_ZERO_LOST']);
      expect(result.suggestion).toStrictEqual({ value: padded, reason: 'LEADING_ZERO_LOST' });
      expect(validateIdentifier(padded, options).valid).toBe(true);
      expect(isValidIdentifier(value)).toBe(false);
    });

    it.each([
      ['a day 32', '3207199510092'],
      ['31 February', '3102199510092'],
      ['month 13', '1513199510092'],
      ['all nines', '9999999999999'],
    ])('answers INVALID_LENGTH without a suggestion when the padded date is %s', (_label, value) => {
      // Prepare
      const padded = `0${value}`;

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });
      const given = validateIdentifier(value, { country: 'KG', asOf: AS_OF });

      // Assess
      expect(refKgValid(padded)).toBe(false);
      expect(errorCodes(result)).toEqual(['INVALID_LENGTH', 'UNKNOWN_COUNTRY']);
      expect(result.suggestion).toBeUndefined();
      expect(errorCodes(given)).toEqual(['INVALID_LENGTH']);
      expect(given.suggestion).toBeUndefined();
    });

    it('does not suggest a KG organisation when the caller asked for a PIN', () => {
      // Prepare
      const value = '1207199510092';

      // Act
      const result = validateIdentifier(value, { kind: 'PIN', asOf: AS_OF });

      // Assess
      expect(errorCodes(result)).toEqual(['INVALID_LENGTH']);
      expect(result.suggestion).toBeUndefined();
    });

    it('does not suggest a KG number when the caller said KZ', () => {
      // Prepare
      const value = '1207199510092';

      // Act
      const result = validateIdentifier(value, { country: 'KZ', asOf: AS_OF });

      // Assess
      expect(result.country).toBe('KZ');
      expect(errorCodes(result)).toEqual(['INVALID_LENGTH']);
      expect(result.suggestion).toBeUndefined();
    });
  });

  describe('LEADING_ZERO_LOST (other lengths)', () => {
    it.each(['6121160001', '207199510092', '012071995100920', '0612116000125432'])(
      'never suggests a padding for %s (neither 11 nor 13 digits)',
      (value) => {
        // Prepare
        const options = { asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, options);

        // Assess
        expect([11, 13]).not.toContain(value.length);
        expect(result.valid).toBe(false);
        expect(result.suggestion).toBeUndefined();
        expect(errorCodes(result)).not.toContain('LEADING_ZERO_LOST');
      },
    );
  });
});
