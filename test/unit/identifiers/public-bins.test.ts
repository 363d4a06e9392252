import { describe, expect, it } from 'vitest';
import { kzCheckDigit } from '../../../shared/identifiers/kz.js';
import { isValidIdentifier, validateIdentifier } from '../../../shared/identifiers/validate.js';
import { BROKEN_KZ_BINS, PUBLIC_KZ_BINS } from '../../fixtures/kz-bins-public.js';

describe('Real data: 270 public KZ BINs', () => {
  it('validates every one as a BIN of a legal entity or joint entrepreneur', () => {
    // Act
    const failures = PUBLIC_KZ_BINS.map((bin) => ({
      bin,
      result: validateIdentifier(bin, { asOf: '2026-11-22' }),
    })).filter(({ result }) => !result.valid || result.kind !== 'BIN' || !('registered' in result.details));

    // Assess
    expect(PUBLIC_KZ_BINS).toHaveLength(270);
    expect(failures).toEqual([]);
    expect(PUBLIC_KZ_BINS.every((bin) => isValidIdentifier(bin))).toBe(true);
  });

  it('includes numbers that need the second check-digit pass, so both passes are exercised', () => {
    // Act
    const firstPass = (digits: string) =>
      [...digits.slice(0, 11)].reduce((sum, d, i) => sum + Number(d) * (i + 1), 0) % 11;
    const secondPassCount = PUBLIC_KZ_BINS.filter((bin) => firstPass(bin) === 10).length;

    // Assess
    expect(secondPassCount).toBe(22);
    expect(
      PUBLIC_KZ_BINS.filter((bin) => firstPass(bin) === 10).every((bin) => kzCheckDigit(bin) === Number(bin[11])),
    ).toBe(true);
  });

  it('rejects the broken variants', () => {
    // Act
    const results = BROKEN_KZ_BINS.map((bin) => validateIdentifier(bin));

    // Assess
    expect(results.map((r) => r.valid)).toEqual([false, false, false]);
  });
});
