import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../cli/lang.js';
import { formatDuration, formatProgressLine, SmoothedRate } from '../../cli/progress.js';

/** The progress line's formatter and its rate smoothing (the terminal drawing itself is a few lines around them). */
describe('progress line', () => {
  afterEach(() => setLang('en'));

  it.each(['en', 'ru', 'kk', 'ky'] as const)(
    'fits 80 columns with rows, rows/s and ETA on a 10-million-row file (%s)',
    (lang) => {
      // Prepare
      setLang(lang);

      // Act
      const line = formatProgressLine({
        rows: 10_000_000,
        fraction: 0.42,
        rowsPerSecond: 1_234_567,
        etaSeconds: 3_725,
      });

      // Assess
      expect(line.length).toBeLessThan(80);
      expect(line).toMatch(/42%/);
      expect(line).toContain('10,000,000');
      expect(line).toContain('1,234,567/s');
      expect(line).toContain('1:02:05');
    },
  );

  it('shows 100 % and a full bar when done', () => {
    const line = formatProgressLine({ rows: 5, fraction: 1, rowsPerSecond: 5, etaSeconds: 0 });
    expect(line).toMatch(/\[█+\] 100%/);
  });

  it('drops the ETA, then the rate, on a narrow terminal rather than cutting them', () => {
    const state = { rows: 1_000_000, fraction: 0.5, rowsPerSecond: 500_000, etaSeconds: 12 };
    const narrow = formatProgressLine(state, 45);
    expect(narrow.length).toBeLessThan(45);
    expect(narrow).not.toContain('ETA');
    expect(narrow).toContain('1,000,000 rows');
  });

  it('plain lines (not a terminal) have no bar', () => {
    expect(formatProgressLine({ rows: 10, fraction: 0.5, rowsPerSecond: 10 }, 200, false)).toBe(
      'checking  50% | 10 rows | 10/s',
    );
  });

  it('formats durations short', () => {
    expect([formatDuration(7), formatDuration(65), formatDuration(3_725)]).toEqual(['7 s', '1:05', '1:02:05']);
  });

  it('smooths the rate: one slow update moves it a little, not to the slow value', () => {
    // Prepare: 1 000 units/s for 10 s
    const rate = new SmoothedRate(3_000, 0);
    let r: number | undefined;
    for (let t = 1; t <= 10; t++) r = rate.update(t * 1_000, t * 1_000);
    expect(r).toBeCloseTo(1_000);

    // Act: one second with only 100 units
    const after = rate.update(10_100, 11_000);

    // Assess
    expect(after).toBeGreaterThan(750);
    expect(after).toBeLessThan(1_000);
  });
});
