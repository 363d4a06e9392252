import { describe, expect, it } from 'vitest';
import { isValidIdentifier, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes, warningCodes } from './helpers.js';
import { buildIin, firstCheckable, iinPrefix, refKzCheckDigit, replaceAt } from './reference.js';

describe('Function: validateIdentifier', () => {
  describe('KZ IIN', () => {
    it.each([
      // [value, birthDate, sex] — first-pass check digits, incl. people born before 1900
      ['700911204362', '1870-09-11', 'female'],
      ['680503250034', '1868-05-03', 'female'],
      ['800416100254', '1880-04-16', 'male'],
      ['850407101163', '1885-04-07', 'male'],
    ])('accepts the real vector %s and decodes %s / %s', (value, birthDate, sex) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result).toStrictEqual({
        valid: true,
        country: 'KZ',
        kind: 'IIN',
        normalized: value,
        errors: [],
        warnings: [],
        details: { holder: 'individual', birthDate, sex },
      });
    });

    it.each([
      ['061211600012', '2006-12-11', 'female'],
      ['830717350867', '1983-07-17', 'male'],
      ['850407201161', '1885-04-07', 'female'],
    ])('accepts %s, whose check digit needs the second pass', (value, birthDate, sex) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result.valid).toBe(true);
      expect(result.errors).toEqual([]);
      expect(result.kind).toBe('IIN');
      expect(result.details).toStrictEqual({ holder: 'individual', birthDate, sex });
      expect(isValidIdentifier(value)).toBe(true);
    });

    it.each([
      [1, 1800, 'male'],
      [2, 1800, 'female'],
      [3, 1900, 'male'],
      [4, 1900, 'female'],
      [5, 2000, 'male'],
      [6, 2000, 'female'],
    ])('reads century digit %i as the %i-s and sex %s', (centuryDigit, century, sex) => {
      // Prepare
      const value = firstCheckable((serial) => iinPrefix(19, 3, 8, centuryDigit, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.details).toStrictEqual({ holder: 'individual', birthDate: `${century + 19}-03-08`, sex });
    });

    it.each(['850407001167', '850407701161', '850407801168', '850407901164'])(
      'rejects %s (correct check digit) with only INVALID_CENTURY_DIGIT',
      (value) => {
        // Prepare
        const options = { asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, options);

        // Assess
        expect(refKzCheckDigit(value)).toBe(Number(value[11]));
        expect(result.valid).toBe(false);
        expect(errorCodes(result)).toEqual(['INVALID_CENTURY_DIGIT']);
        expect(result.kind).toBe('IIN');
        expect(result.details).toEqual({});
        expect(isValidIdentifier(value)).toBe(false);
      },
    );

    it.each([
      ['31 February', 91, 2, 31],
      ['30 February', 91, 2, 30],
      ['31 April', 91, 4, 31],
      ['31 June', 85, 6, 31],
      ['31 September', 85, 9, 31],
      ['31 November', 85, 11, 31],
      ['day 00', 85, 1, 0],
      ['day 32', 85, 1, 32],
      ['day 39', 85, 1, 39],
      ['month 00', 85, 0, 15],
      ['month 13', 85, 13, 15],
      ['month 99', 85, 99, 15],
    ])('rejects a birth date of %s with only INVALID_DATE', (_label, yy, mm, dd) => {
      // Prepare
      const value = firstCheckable((serial) => iinPrefix(yy, mm, dd, 3, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(false);
      expect(errorCodes(result)).toEqual(['INVALID_DATE']);
      expect(result.kind).toBe('IIN');
      expect(result.details).toEqual({});
      expect(isValidIdentifier(value)).toBe(false);
    });

    it('reports INVALID_DATE for 910231300000 (31 February, accepted by another library)', () => {
      // Prepare
      const value = '910231300000';

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(false);
      expect(errorCodes(result)).toContain('INVALID_DATE');
    });

    it.each([
      // [yy, century digit, full year, leap?]
      [0, 1, 1800, false],
      [0, 2, 1800, false],
      [0, 3, 1900, false],
      [0, 4, 1900, false],
      [0, 5, 2000, true],
      [0, 6, 2000, true],
      [4, 1, 1804, true],
      [4, 3, 1904, true],
      [4, 5, 2004, true],
      [96, 4, 1996, true],
      [1, 3, 1901, false],
      [1, 5, 2001, false],
      [23, 5, 2023, false],
      [24, 6, 2024, true],
      [97, 2, 1897, false],
    ])(
      '29 February with YY=%i and century digit %i (%i) is valid exactly when leap=%s',
      (yy, centuryDigit, year, leap) => {
        // Prepare
        const value = firstCheckable((serial) => iinPrefix(yy, 2, 29, centuryDigit, serial));

        // Act
        const result = validateIdentifier(value, { asOf: AS_OF });

        // Assess
        expect(result.valid).toBe(leap);
        expect(errorCodes(result)).toEqual(leap ? [] : ['INVALID_DATE']);
        if (leap) expect(result.details).toMatchObject({ birthDate: `${year}-02-29` });
        expect(isValidIdentifier(value)).toBe(leap);
      },
    );

    it('accepts 28 February 1900 and 1 March 1900 around the non-leap century year', () => {
      // Prepare
      const feb28 = buildIin(1900, 2, 28, 3, 1234);
      const mar01 = buildIin(1900, 3, 1, 4, 1234);

      // Act
      const results = [feb28, mar01].map((v) => validateIdentifier(v, { asOf: AS_OF }));

      // Assess
      expect(results.map((r) => r.valid)).toEqual([true, true]);
      expect(results.map((r) => (r.details as { birthDate?: string }).birthDate)).toEqual(['1900-02-28', '1900-03-01']);
    });

    it('rejects every wrong check digit of a valid IIN with only INVALID_CHECKSUM', () => {
      // Prepare
      const valid = '850407101163';
      const wrong = ['0', '1', '2', '4', '5', '6', '7', '8', '9'].map((d) => replaceAt(valid, 11, d));

      // Act
      const results = wrong.map((v) => validateIdentifier(v, { asOf: AS_OF }));

      // Assess
      for (const result of results) {
        expect(result.valid).toBe(false);
        expect(errorCodes(result)).toEqual(['INVALID_CHECKSUM']);
      }
    });

    it.each(['000813159890', '821214240092'])(
      'rejects %s, whose prefix has no check digit (both passes give 10), for every final digit',
      (value) => {
        // Prepare
        const variants = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => replaceAt(value, 11, d));

        // Act
        const results = variants.map((v) => validateIdentifier(v, { asOf: AS_OF }));

        // Assess
        expect(refKzCheckDigit(value)).toBeNull();
        for (const [i, result] of results.entries()) {
          expect(result.valid, variants[i]).toBe(false);
          expect(errorCodes(result), variants[i]).toEqual(['INVALID_CHECKSUM']);
          expect(isValidIdentifier(variants[i] ?? '')).toBe(false);
        }
      },
    );

    it.each(['941205300125', '990425400461', '980906380547', '780322300455'])(
      'rejects %s, shown as "valid" by another library, with only INVALID_CHECKSUM',
      (value) => {
        // Prepare
        const options = { asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, options);

        // Assess
        expect(result.valid).toBe(false);
        expect(errorCodes(result)).toEqual(['INVALID_CHECKSUM']);
        expect(isValidIdentifier(value)).toBe(false);
      },
    );

    it('accepts 850407501169 (decodes 2085-04-07) with the warning BIRTH_DATE_IN_FUTURE', () => {
      // Prepare
      const value = '850407501169';

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.errors).toEqual([]);
      expect(warningCodes(result)).toEqual(['BIRTH_DATE_IN_FUTURE']);
      expect(result.details).toStrictEqual({ holder: 'individual', birthDate: '2085-04-07', sex: 'male' });
    });

    it('accepts 850407601165 (a woman "born" 2085-04-07) with the warning BIRTH_DATE_IN_FUTURE', () => {
      // Prepare
      const value = '850407601165';

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(warningCodes(result)).toEqual(['BIRTH_DATE_IN_FUTURE']);
      expect(result.details).toStrictEqual({ holder: 'individual', birthDate: '2085-04-07', sex: 'female' });
    });

    it('warns only when the birth date is strictly after the check date', () => {
      // Prepare
      const value = buildIin(2026, 11, 22, 5, 4321);

      // Act
      const sameDay = validateIdentifier(value, { asOf: '2026-11-22' });
      const dayBefore = validateIdentifier(value, { asOf: '2026-11-21' });

      // Assess
      expect(sameDay.valid).toBe(true);
      expect(warningCodes(sameDay)).toEqual([]);
      expect(dayBefore.valid).toBe(true);
      expect(warningCodes(dayBefore)).toEqual(['BIRTH_DATE_IN_FUTURE']);
    });
  });
});
