import { describe, expect, it } from 'vitest';
import { roundMoney, vatAmounts } from '../../../shared/money.js';

/** Worked examples for the money rules (the properties file checks them in bulk). */
describe('vatAmounts: worked examples', () => {
  it.each([
    ['the issue case: KGS 1000 at 12%', 1000, 12, { net: 1000, vat: 120, gross: 1120 }],
    ['KZT 1000 at 16%', 1000, 16, { net: 1000, vat: 160, gross: 1160 }],
    ['a half cent rounding up (0.05 × 10% = 0.005)', 0.05, 10, { net: 0.05, vat: 0.01, gross: 0.06 }],
    ['less than half a cent rounding down (0.04 × 12% = 0.0048)', 0.04, 12, { net: 0.04, vat: 0, gross: 0.04 }],
    ['a net with 3 decimals, rounded to cents first (0.125 → 0.13)', 0.125, 12, { net: 0.13, vat: 0.02, gross: 0.15 }],
    ['a fractional rate (33.33 × 12.5% = 4.16625)', 33.33, 12.5, { net: 33.33, vat: 4.17, gross: 37.5 }],
    ['a float sum as net (0.1 + 0.2)', 0.1 + 0.2, 16, { net: 0.3, vat: 0.05, gross: 0.35 }],
    ['a tiny net in exponent notation (1e-7)', 1e-7, 12, { net: 0, vat: 0, gross: 0 }],
    ['a zero rate', 2.675, 0, { net: 2.68, vat: 0, gross: 2.68 }],
    [
      'a large amount (KZT 9 999 999 999 999.99 at 16%)',
      9_999_999_999_999.99,
      16,
      { net: 9_999_999_999_999.99, vat: 1_600_000_000_000, gross: 11_599_999_999_999.99 },
    ],
  ])('%s', (_case, net, rate, expected) => {
    // Act
    const amounts = vatAmounts(net, rate);

    // Assess
    expect(amounts).toEqual(expected);
  });
});

describe('roundMoney: worked examples', () => {
  it.each([
    [2.675, 2.68], // the double is 2.67499999…, but the decimal the caller wrote is 2.675: half up
    [1.005, 1.01],
    [0.005, 0.01],
    [0.0049, 0],
    [-1.005, -1.01], // half away from zero
    [120, 120],
    [0.1 + 0.2, 0.3],
  ])('rounds %d to %d', (amount, expected) => {
    // Act
    const rounded = roundMoney(amount);

    // Assess
    expect(rounded).toBe(expected);
  });
});
