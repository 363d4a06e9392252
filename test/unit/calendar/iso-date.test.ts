import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, isoDate, isoMonth, pad2 } from '../../../shared/calendar.js';

/** The plain formatting, without the cache: what every cached string must equal. */
const formatted = (year: number, month: number, day?: number): string =>
  [
    String(year).padStart(4, '0'),
    String(month).padStart(2, '0'),
    ...(day === undefined ? [] : [String(day).padStart(2, '0')]),
  ].join('-');

describe('Date strings (isoDate, isoMonth, pad2)', () => {
  it('formats any real date the same from the cache, the first time and every time after', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2400 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, rawDay) => {
          // Prepare
          const day = Math.min(rawDay, daysInMonth(year, month));

          // Act
          const first = isoDate(year, month, day);
          const again = isoDate(year, month, day);

          // Assess
          expect(first).toBe(formatted(year, month, day));
          expect(again).toBe(first);
          expect(isoMonth(year, month)).toBe(formatted(year, month));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('keeps neighbouring days and months apart in the cache (no slot shared)', () => {
    // Act
    const strings = new Set<string>();
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= daysInMonth(1996, month); day++) strings.add(isoDate(1996, month, day));
    }

    // Assess
    expect(strings.size).toBe(366);
    expect(isoDate(1996, 2, 29)).toBe('1996-02-29');
    expect(isoDate(1799, 12, 31)).toBe('1799-12-31');
    expect(isoDate(2100, 1, 1)).toBe('2100-01-01');
  });

  it('pads 0–99 to two digits and leaves larger numbers whole', () => {
    // Assess
    expect([pad2(0), pad2(7), pad2(10), pad2(99), pad2(100)]).toEqual(['00', '07', '10', '99', '100']);
  });
});
