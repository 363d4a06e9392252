import { describe, expect, it } from 'vitest';
import type { Country, IdentifierKind } from '../../../shared/index.js';
import { isValidIdentifier, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes, warningCodes } from './helpers.js';
import { kgNumber } from './reference.js';

const IIN = '850407101163';
const BIN = '940140000385';
const KG_ORG = '00207199610017';
const KG_PERSON = kgNumber(1, 22, 7, 1990, 123);
const KG_FOREIGNER = kgNumber(4, 22, 7, 1990, 123);

describe('Function: validateIdentifier', () => {
  describe('Country inference', () => {
    it.each([
      [IIN, 'KZ', 'IIN'],
      [BIN, 'KZ', 'BIN'],
      [KG_ORG, 'KG', 'INN'],
      [KG_PERSON, 'KG', 'PIN'],
    ])('infers %s as %s %s from its length', (value, country, kind) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result.valid).toBe(true);
      expect(result.country).toBe(country);
      expect(result.kind).toBe(kind);
    });
  });

  describe('Matching kinds', () => {
    it.each([
      [IIN, { kind: 'IIN' }, 'IIN'],
      [BIN, { kind: 'BIN' }, 'BIN'],
      [IIN, { country: 'KZ', kind: 'IIN' }, 'IIN'],
      [KG_ORG, { kind: 'INN' }, 'INN'],
      [KG_PERSON, { kind: 'INN' }, 'INN'],
      [KG_FOREIGNER, { kind: 'INN' }, 'INN'],
      [KG_PERSON, { kind: 'PIN' }, 'PIN'],
      [KG_FOREIGNER, { country: 'KG', kind: 'PIN' }, 'PIN'],
    ] as [string, { country?: Country; kind: IdentifierKind }, IdentifierKind][])(
      'accepts %s with %o and reports kind %s',
      (value, options, kind) => {
        // Prepare
        const opts = { ...options, asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, opts);

        // Assess
        expect(result.valid).toBe(true);
        expect(result.errors).toEqual([]);
        expect(result.kind).toBe(kind);
        expect(isValidIdentifier(value, options)).toBe(true);
      },
    );
  });

  describe('KIND_MISMATCH', () => {
    it.each([
      ['kind IIN for a BIN', BIN, { kind: 'IIN' }, 'KZ', 'BIN'],
      ['kind BIN for an IIN', IIN, { kind: 'BIN' }, 'KZ', 'IIN'],
      ['kind PIN for a KG organisation (leading 0)', KG_ORG, { kind: 'PIN' }, 'KG', 'INN'],
      ['kind PIN for a 12-digit KZ IIN', IIN, { kind: 'PIN' }, 'KZ', 'IIN'],
      ['kind PIN for a 12-digit KZ BIN', BIN, { kind: 'PIN' }, 'KZ', 'BIN'],
      ['kind INN for a 12-digit KZ IIN', IIN, { kind: 'INN' }, 'KZ', 'IIN'],
      ['country KZ with kind INN', IIN, { country: 'KZ', kind: 'INN' }, 'KZ', 'IIN'],
      ['country KZ with kind PIN on a BIN', BIN, { country: 'KZ', kind: 'PIN' }, 'KZ', 'BIN'],
      ['country KG with kind IIN', KG_PERSON, { country: 'KG', kind: 'IIN' }, 'KG', 'PIN'],
      ['kind BIN for a 14-digit KG organisation', KG_ORG, { kind: 'BIN' }, 'KG', 'INN'],
    ] as [string, string, { country?: Country; kind: IdentifierKind }, Country, IdentifierKind][])(
      'rejects %s with only KIND_MISMATCH',
      (_label, value, options, country, decodedKind) => {
        // Prepare
        const opts = { ...options, asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, opts);

        // Assess
        expect(result.valid).toBe(false);
        expect(errorCodes(result)).toEqual(['KIND_MISMATCH']);
        expect(result.country).toBe(country);
        expect(result.kind).toBe(decodedKind);
        expect(result.normalized).toBe(value);
        expect(isValidIdentifier(value, options)).toBe(false);
      },
    );

    it('still reports STRUCTURE_UNCONFIRMED and the decoded details for a KG kind mismatch', () => {
      // Prepare
      const value = KG_ORG;

      // Act
      const result = validateIdentifier(value, { kind: 'PIN', asOf: AS_OF });

      // Assess
      expect(warningCodes(result)).toEqual(['STRUCTURE_UNCONFIRMED']);
      expect(result.details).toStrictEqual({ holder: 'legal_entity', registeredOn: '1996-07-02' });
    });

    it('adds KIND_MISMATCH next to a checksum error', () => {
      // Prepare
      const value = '940140000386';

      // Act
      const result = validateIdentifier(value, { kind: 'IIN', asOf: AS_OF });

      // Assess
      expect([...errorCodes(result)].sort()).toEqual(['INVALID_CHECKSUM', 'KIND_MISMATCH']);
    });
  });

  describe('INVALID_LENGTH and UNKNOWN_COUNTRY', () => {
    it.each(['0', '1234567890', '123456789012345', '1'.repeat(64)])(
      'rejects %j (no country given) with INVALID_LENGTH and UNKNOWN_COUNTRY',
      (value) => {
        // Prepare
        const options = { asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, options);

        // Assess
        expect(result.valid).toBe(false);
        expect(result.country).toBeNull();
        expect(result.kind).toBeNull();
        expect(result.normalized).toBe(value);
        expect(errorCodes(result)).toEqual(['INVALID_LENGTH', 'UNKNOWN_COUNTRY']);
        expect(result.details).toEqual({});
        expect(isValidIdentifier(value)).toBe(false);
      },
    );

    it('normalizes separators away before reporting the length', () => {
      // Prepare
      const value = '12-34-56 78.90';

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.normalized).toBe('1234567890');
      expect(errorCodes(result)).toEqual(['INVALID_LENGTH', 'UNKNOWN_COUNTRY']);
    });

    it.each([
      ['KZ', '1234567890'],
      ['KG', '1234567890'],
      ['KZ', KG_ORG],
      ['KG', IIN],
      ['KZ', `${IIN}0`],
    ] as [Country, string][])(
      'rejects a wrong length for the given country %s with only INVALID_LENGTH (%s)',
      (country, value) => {
        // Prepare
        const options = { country, asOf: AS_OF };

        // Act
        const result = validateIdentifier(value, options);

        // Assess
        expect(result.valid).toBe(false);
        expect(result.country).toBe(country);
        expect(errorCodes(result)).toEqual(['INVALID_LENGTH']);
        expect(isValidIdentifier(value, { country })).toBe(false);
      },
    );

    it.each([
      ['IIN', 'KZ'],
      ['BIN', 'KZ'],
      ['INN', 'KG'],
      ['PIN', 'KG'],
    ] as [IdentifierKind, Country][])(
      'takes the country from kind %s (%s) when the length says nothing',
      (kind, country) => {
        // Prepare
        const value = '1234567890';

        // Act
        const result = validateIdentifier(value, { kind, asOf: AS_OF });

        // Assess
        expect(result.country).toBe(country);
        expect(result.kind).toBe(kind);
        expect(errorCodes(result)).toEqual(['INVALID_LENGTH']);
      },
    );
  });
});
