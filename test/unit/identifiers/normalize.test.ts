import { describe, expect, it } from 'vitest';
import { maskIdentifier } from '../../../shared/audit/record.js';
import { compact, isValidIdentifier, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes } from './helpers.js';

const BIN = '990140004654';

describe('Function: compact', () => {
  it.each([
    ['spaces (python-stdnum form)', '990 140 004 654'],
    ['surrounding whitespace', '  990140004654 \n'],
    ['CRLF and tabs', '\t990140004654\r\n'],
    ['hyphens', '990-140-004-654'],
    ['dots', '990.140.004.654'],
    ['NBSP', '990\u00a0140\u00a0004\u00a0654'],
    ['narrow NBSP', '990\u202f140\u202f004\u202f654'],
    ['inner tabs', '990\t140\t004\t654'],
    ['Unicode hyphen and non-breaking hyphen', '990\u2010140\u2011004654'],
    ['a mix of every separator', ' 99-0.1 40\u00a0004\t654 '],
  ])('removes %s', (_label, value) => {
    // Prepare
    const expected = BIN;

    // Act
    const result = compact(value);

    // Assess
    expect(result).toBe(expected);
  });

  it('keeps an all-digit value unchanged, including leading zeros', () => {
    // Prepare
    const value = '00207199610017';

    // Act
    const result = compact(value);

    // Assess
    expect(result).toBe('00207199610017');
  });

  it.each([
    ['a letter', '99014000465A'],
    ['full-width digits', '９９０１４０００４６５４'],
    ['Arabic-Indic digits', '٩٩٠١٤٠٠٠٤٦٥٤'],
    ['a zero-width space', '990140\u200b004654'],
  ])('returns null for %s instead of converting it', (_label, value) => {
    // Prepare
    const input = value;

    // Act
    const result = compact(input);

    // Assess
    expect(result).toBeNull();
  });
});

describe('Function: validateIdentifier', () => {
  describe('Normalization', () => {
    it.each([
      ['990 140 004 654'],
      ['990-140-004-654'],
      ['990.140.004.654'],
      ['990\u00a0140\u00a0004\u00a0654'],
      ['\t990\t140\t004\t654\t'],
      ['  990140004654  '],
    ])('validates %j as the BIN 990140004654', (value) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result.valid).toBe(true);
      expect(result.normalized).toBe(BIN);
      expect(result.kind).toBe('BIN');
      expect(result.details).toStrictEqual({
        holder: 'legal_entity',
        registered: '1999-01',
        entityType: 'resident_legal_entity',
        division: 'head_office',
      });
      expect(isValidIdentifier(value)).toBe(true);
    });

    it('normalizes a KG number typed with separators', () => {
      // Prepare
      const value = ' 0-0207-1996-10017 ';

      // Act
      const result = validateIdentifier(value, { asOf: AS_OF });

      // Assess
      expect(result.valid).toBe(true);
      expect(result.normalized).toBe('00207199610017');
      expect(result.details).toStrictEqual({ holder: 'legal_entity', registeredOn: '1996-07-02' });
    });
  });

  describe('INVALID_CHARACTERS', () => {
    it.each([
      ['a trailing letter', '94014000038A'],
      ['a country prefix', 'KZ940140000385'],
      ['a Cyrillic letter О for zero', '94014\u041e000385'],
      ['full-width digits', '９４０１４００００３８５'],
      ['one full-width digit', '94014000038５'],
      ['Arabic-Indic digits', '٩٤٠١٤٠٠٠٠٣٨٥'],
      ['Extended Arabic-Indic (Persian) digits', '۹۴۰۱۴۰۰۰۰۳۸۵'],
      ['Devanagari digits', '९४०१४००००३८५'],
      ['a superscript two', '94014000038²'],
      ['a zero-width space', '940140\u200b000385'],
      ['a zero-width joiner', '940140\u200d000385'],
      ['a word joiner', '940140\u2060000385'],
      ['an en dash', '940140\u2013000385'],
      ['a minus sign', '940140\u2212000385'],
      ['a slash', '940140/000385'],
      ['a comma', '940140,000385'],
      ['an underscore', '940140_000385'],
      ['a plus sign', '+940140000385'],
      ['an emoji', '940140000385\u{1F600}'],
    ])('rejects %s with only INVALID_CHARACTERS and no normalized value', (_label, value) => {
      // Prepare
      const options = { asOf: AS_OF };

      // Act
      const result = validateIdentifier(value, options);

      // Assess
      expect(result).toStrictEqual({
        valid: false,
        country: null,
        kind: null,
        normalized: null,
        errors: [{ code: 'INVALID_CHARACTERS', message: expect.any(String) }],
        warnings: [],
        details: {},
      });
      expect(isValidIdentifier(value)).toBe(false);
    });

    it('never converts full-width digits even when their ASCII form is a valid BIN', () => {
      // Prepare
      const fullWidth = '９４０１４００００３８５';
      const ascii = fullWidth.normalize('NFKC');

      // Act
      const fullWidthResult = validateIdentifier(fullWidth, { asOf: AS_OF });
      const asciiResult = validateIdentifier(ascii, { asOf: AS_OF });

      // Assess
      expect(ascii).toBe('940140000385');
      expect(asciiResult.valid).toBe(true);
      expect(errorCodes(fullWidthResult)).toEqual(['INVALID_CHARACTERS']);
    });

    it('keeps the country and kind the caller gave', () => {
      // Prepare
      const value = '94014000038A';

      // Act
      const byCountry = validateIdentifier(value, { country: 'KG', asOf: AS_OF });
      const byKind = validateIdentifier(value, { kind: 'BIN', asOf: AS_OF });

      // Assess
      expect([byCountry.country, byCountry.kind]).toEqual(['KG', null]);
      expect([byKind.country, byKind.kind]).toEqual(['KZ', 'BIN']);
      expect(errorCodes(byCountry)).toEqual(['INVALID_CHARACTERS']);
      expect(errorCodes(byKind)).toEqual(['INVALID_CHARACTERS']);
    });
  });
});

describe('Function: maskIdentifier', () => {
  it('shows only the last 4 ASCII digits and masks every other character', () => {
    // Act
    const masks = ['940140000385', '94014000038５', 'john.doe@example.com', '1234567', 'abcd1234'].map(maskIdentifier);

    // Assess
    expect(masks).toEqual(['********0385', '********038*', '********************', '*******', '****1234']);
  });
});
