import { describe, expect, it } from 'vitest';
import { isValidIdentifier, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes } from './helpers.js';
import { binPrefix, firstCheckable, iinPrefix, refKzCheckDigit } from './reference.js';

describe('Function: validateIdentifier', () => {
  describe('KZ BIN', () => {
    it.each([
      ['940140000385', '1994-01', 'head_office'],
      ['990140004654', '1999-01', 'head_office'],
      ['961141000023', '1996-11', 'branch'],
    ])('accepts the real BIN %s and decodes registered %s, %s', (value, registered, division) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result).toStrictEqual({
        valid: true,
        country: 'KZ',
        kind: 'BIN',
        normalized: value,
        errors: [],
        warnings: [],
        details: { holder: 'legal_entity', registered, entityType: 'resident_legal_entity', division },
      });
    });

    it('accepts 961141000023, whose check digit needs the second pass', () => {
      // Prepare
      const value = '961141000023';

      // Act
      const valid = isValidIdentifier(value);

      // Assess
      expect(refKzCheckDigit(value)).toBe(3);
      expect(valid).toBe(true);
    });

    it.each([
      [4, 'resident_legal_entity', 'legal_entity'],
      [5, 'non_resident_legal_entity', 'legal_entity'],
      [6, 'joint_individual_entrepreneur', 'individual_entrepreneur'],
    ])('decodes entity type digit %i as %s (holder %s)', (type, entityType, holder) => {
      // Prepare
      const value = firstCheckable((serial) => binPrefix(8, 6, type, 0, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.kind).toBe('BIN');
      expect(result.details).toStrictEqual({ holder, registered: '2008-06', entityType, division: 'head_office' });
    });

    it.each([
      [0, 'head_office'],
      [1, 'branch'],
      [2, 'representative_office'],
      [3, 'other_subdivision_or_peasant_farm'],
      [4, 'peasant_farm'],
    ])('decodes division digit %i as %s', (division, name) => {
      // Prepare
      const value = firstCheckable((serial) => binPrefix(15, 12, 4, division, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.details).toMatchObject({ registered: '2015-12', division: name });
    });

    it.each([5, 6, 7, 8, 9])('rejects division digit %i with only INVALID_COMPONENT', (division) => {
      // Prepare
      const value = firstCheckable((serial) => binPrefix(15, 3, 4, division, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(false);
      expect(errorCodes(result)).toEqual(['INVALID_COMPONENT']);
      expect(result.kind).toBe('BIN');
      expect(result.details).toEqual({});
      expect(isValidIdentifier(value)).toBe(false);
    });

    it.each([0, 13, 20, 99])('rejects registration month %i with only INVALID_DATE', (month) => {
      // Prepare
      const value = firstCheckable((serial) => binPrefix(15, month, 5, 1, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(false);
      expect(errorCodes(result)).toEqual(['INVALID_DATE']);
      expect(result.kind).toBe('BIN');
      expect(result.details).toEqual({});
      expect(isValidIdentifier(value)).toBe(false);
    });

    it('reports both INVALID_DATE and INVALID_COMPONENT when month and division are wrong', () => {
      // Prepare
      const value = firstCheckable((serial) => binPrefix(15, 13, 4, 7, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(false);
      expect([...errorCodes(result)].sort()).toEqual(['INVALID_COMPONENT', 'INVALID_DATE']);
    });

    it.each(['949940000385', '940190000385', '940149000385'])(
      'rejects the mutated BIN %s from the python-stdnum tests (the checksum fails too)',
      (value) => {
        // Prepare
        const options = { asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, options);

        // Assess
        expect(result.valid).toBe(false);
        expect(errorCodes(result)).toContain('INVALID_CHECKSUM');
      },
    );

    it('reads the two-digit year as the latest year not after the check date', () => {
      // Prepare
      const thisYear = firstCheckable((serial) => binPrefix(26, 1, 4, 0, serial));
      const nextYear = firstCheckable((serial) => binPrefix(27, 1, 4, 0, serial));

      // Act
      const thisYearResult = validateIdentifier(thisYear, { asOf: AS_OF });
      const nextYearResult = validateIdentifier(nextYear, { asOf: AS_OF });
      const nextYearLater = validateIdentifier(nextYear, { asOf: '2030-06-01' });

      // Assess
      expect(thisYearResult.details).toMatchObject({ registered: '2026-01' });
      expect(nextYearResult.details).toMatchObject({ registered: '1927-01' });
      expect(nextYearLater.details).toMatchObject({ registered: '2027-01' });
      expect([thisYearResult, nextYearResult, nextYearLater].map((r) => r.valid)).toEqual([true, true, true]);
    });

    it('rejects a BIN with a wrong check digit with only INVALID_CHECKSUM', () => {
      // Prepare
      const value = '940140000386';

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(false);
      expect(errorCodes(result)).toEqual(['INVALID_CHECKSUM']);
      expect(result.kind).toBe('BIN');
    });
  });

  describe('KZ 5th digit (IIN or BIN)', () => {
    it.each([0, 1, 2, 3])('reads 5th digit %i as an IIN (tens of the day)', (tens) => {
      // Prepare
      const value = firstCheckable((serial) => iinPrefix(90, 1, tens * 10 + 1, 3, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.kind).toBe('IIN');
      expect(result.valid).toBe(true);
    });

    it.each([7, 8, 9])('rejects 5th digit %i with only INVALID_COMPONENT', (digit) => {
      // Prepare
      const value = firstCheckable((serial) => binPrefix(15, 3, digit, 0, serial));

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(refKzCheckDigit(value)).toBe(Number(value[11]));
      expect(result.valid).toBe(false);
      expect(result.country).toBe('KZ');
      expect(result.kind).toBeNull();
      expect(errorCodes(result)).toEqual(['INVALID_COMPONENT']);
      expect(result.details).toEqual({});
      expect(isValidIdentifier(value)).toBe(false);
    });
  });
});
