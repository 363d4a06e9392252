import { describe, expect, it } from 'vitest';
import { isValidIdentifier, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes, warningCodes } from './helpers.js';
import { kgNumber } from './reference.js';

describe('Function: validateIdentifier', () => {
  describe('KG organisation INN (first digit 0)', () => {
    it.each([
      ['00207199610017', '1996-07-02'],
      ['02507199510010', '1995-07-25'],
      ['01801201210323', '2012-01-18'],
    ])('accepts the real register number %s registered on %s', (value, registeredOn) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result.valid).toBe(true);
      expect(result.country).toBe('KG');
      expect(result.kind).toBe('INN');
      expect(result.normalized).toBe(value);
      expect(result.errors).toEqual([]);
      expect(warningCodes(result)).toEqual(['STRUCTURE_UNCONFIRMED']);
      expect(result.details).toStrictEqual({ holder: 'legal_entity', registeredOn });
      expect(result.suggestion).toBeUndefined();
    });

    it('accepts a KG number when the country is given explicitly', () => {
      // Prepare
      const value = '00207199610017';

      // Act
      const result = validateIdentifier(value, { country: 'KG', asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.country).toBe('KG');
      expect(isValidIdentifier(value, { country: 'KG' })).toBe(true);
    });
  });

  describe('KG individual PIN (first digit 1, 2 or 4)', () => {
    it.each([1, 2])('accepts first digit %i as an individual and does not report sex', (first) => {
      // Prepare
      const value = kgNumber(first, 22, 7, 1990, 123);

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.kind).toBe('PIN');
      expect(warningCodes(result)).toEqual(['STRUCTURE_UNCONFIRMED']);
      expect(result.details).toStrictEqual({ holder: 'individual', birthDate: '1990-07-22' });
    });

    it('accepts first digit 4 with the warnings STRUCTURE_UNCONFIRMED and FOREIGN_NATIONAL_PIN', () => {
      // Prepare
      const value = kgNumber(4, 3, 9, 1985, 4567);

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.kind).toBe('PIN');
      expect([...warningCodes(result)].sort()).toEqual(['FOREIGN_NATIONAL_PIN', 'STRUCTURE_UNCONFIRMED']);
      expect(result.details).toStrictEqual({ holder: 'individual', birthDate: '1985-09-03', foreignNational: true });
    });

    it('warns BIRTH_DATE_IN_FUTURE for an individual born after the check date, but stays valid', () => {
      // Prepare
      const value = kgNumber(2, 23, 11, 2026, 1);

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });
      const sameDay = validateIdentifier(kgNumber(2, 22, 11, 2026, 1), { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect([...warningCodes(result)].sort()).toEqual(['BIRTH_DATE_IN_FUTURE', 'STRUCTURE_UNCONFIRMED']);
      expect(warningCodes(sameDay)).toEqual(['STRUCTURE_UNCONFIRMED']);
    });

    it('does not call a future organisation registration date a birth date', () => {
      // Prepare
      const value = kgNumber(0, 1, 1, 2030, 1);

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(warningCodes(result)).toEqual(['STRUCTURE_UNCONFIRMED']);
    });
  });

  describe('KG structure errors', () => {
    it.each([3, 5, 6, 7, 8, 9])('rejects first digit %i with only INVALID_COMPONENT', (first) => {
      // Prepare
      const value = kgNumber(first, 1, 6, 1990, 10);

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(false);
      expect(result.country).toBe('KG');
      expect(result.kind).toBeNull();
      expect(errorCodes(result)).toEqual(['INVALID_COMPONENT']);
      expect(warningCodes(result)).toContain('STRUCTURE_UNCONFIRMED');
      expect(result.details).toEqual({});
      expect(isValidIdentifier(value)).toBe(false);
    });

    it.each([
      ['29.02.1900 (century, not leap)', 29, 2, 1900, false],
      ['29.02.2000 (divisible by 400, leap)', 29, 2, 2000, true],
      ['29.02.2024 (leap)', 29, 2, 2024, true],
      ['29.02.2023 (not leap)', 29, 2, 2023, false],
      ['30.02.2024', 30, 2, 2024, false],
      ['31.04.1999', 31, 4, 1999, false],
      ['31.12.1999', 31, 12, 1999, true],
      ['00.05.1999 (day 0)', 0, 5, 1999, false],
      ['32.05.1999', 32, 5, 1999, false],
      ['15.00.1999 (month 0)', 15, 0, 1999, false],
      ['15.13.1999', 15, 13, 1999, false],
      ['15.06.0000 (year 0)', 15, 6, 0, false],
    ])('judges the date %s as valid=%s for organisations and individuals', (_label, day, month, year, ok) => {
      // Prepare
      const org = kgNumber(0, day, month, year, 10010);
      const person = kgNumber(1, day, month, year, 10010);

      // Act
      const results = [org, person].map((v) => validateIdentifier(v, { asOf: AS_OF }));

      // Assess
      for (const result of results) {
        expect(result.valid).toBe(ok);
        expect(errorCodes(result)).toEqual(ok ? [] : ['INVALID_DATE']);
        expect(warningCodes(result)).toContain('STRUCTURE_UNCONFIRMED');
        if (!ok) expect(result.details).toEqual({});
      }
      expect([isValidIdentifier(org), isValidIdentifier(person)]).toEqual([ok, ok]);
    });

    it('puts STRUCTURE_UNCONFIRMED on every 14-digit KG result, valid or not', () => {
      // Prepare
      const values = [
        '00207199610017',
        kgNumber(1, 1, 1, 2000, 1),
        kgNumber(4, 1, 1, 2000, 1),
        kgNumber(9, 1, 1, 2000, 1),
        kgNumber(1, 31, 2, 2000, 1),
      ];

      // Act
      const results = values.map((v) => validateIdentifier(v, { asOf: AS_OF }));
      const withKind = validateIdentifier('00207199610017', { kind: 'PIN', asOf: AS_OF });

      // Assess
      for (const result of [...results, withKind]) {
        expect(result.country).toBe('KG');
        expect(warningCodes(result)).toContain('STRUCTURE_UNCONFIRMED');
      }
    });
  });
});
