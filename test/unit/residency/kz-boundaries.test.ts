import { describe, expect, it } from 'vitest';
import { InvalidStaysError, RulesCoverageError } from '../../../shared/errors.js';
import { assessKzResidency, type KzResidencyRequest, windowStart } from '../../../shared/residency/kz.js';
import { ruleById } from '../../../shared/rules/index.js';

/**
 * Hand-counted cases. Each comment gives the count, so every number can be redone with a calendar:
 * months of 2026: Jan 31, Feb 28, Mar 31, Apr 30, May 31, Jun 30, Jul 31, Aug 31, Sep 30, Oct 31, Nov 30, Dec 31.
 */
const assess = (request: KzResidencyRequest, today = '2026-06-15') => assessKzResidency(request, today);
const codes = (request: KzResidencyRequest, today?: string) => assess(request, today).reasons.map((r) => r.code);

function invalid(request: KzResidencyRequest): InvalidStaysError {
  try {
    assess(request);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidStaysError);
    return error as InvalidStaysError;
  }
  throw new Error('expected InvalidStaysError');
}

describe('windowStart: the 12 months ending on a day', () => {
  it.each([
    ['2026-07-02', '2025-07-03'],
    ['2026-01-01', '2025-01-02'],
    ['2026-12-31', '2026-01-01'],
    ['2026-03-31', '2025-04-01'],
    ['2024-02-28', '2023-03-01'],
    ['2024-02-29', '2023-03-01'],
    ['2024-03-01', '2023-03-02'],
    ['2025-02-27', '2024-02-28'],
    ['2025-02-28', '2024-02-29'],
    ['2025-03-01', '2024-03-02'],
  ])('the window ending %s starts %s', (end, start) => {
    expect(windowStart(end)).toBe(start);
  });
});

describe('183-day test: exactly 182 and 183 days', () => {
  it('183 days (1 Jan – 2 Jul 2026: 181 + 2) make a resident; the window ends on the 183rd day', () => {
    // Act
    const result = assess({ taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-02' }], asOf: '2026-12-31' });

    // Assess
    expect(result).toMatchObject({
      resident: true,
      decidedBy: 'days_183',
      window: { start: '2025-07-03', end: '2026-07-02', days: 183 },
      daysInTaxYear: 183,
      threshold: 183,
    });
    expect(result.daysUntilThreshold).toBeUndefined();
  });

  it('182 days (1 Jan – 1 Jul 2026) are not enough; the best window says so', () => {
    // Act
    const result = assess({ taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-01' }], asOf: '2026-07-01' });

    // Assess
    expect(result).toMatchObject({
      resident: false,
      decidedBy: 'none',
      daysInTaxYear: 182,
      maxWindow: { start: '2025-07-02', end: '2026-07-01', days: 182 },
      daysUntilThreshold: 0, // the next day in Kazakhstan would be the 183rd
    });
    expect(result.window).toBeUndefined();
  });

  it('stays split across several trips add up day by day (3 trips: 61 + 61 + 61 = 183)', () => {
    // Prepare: 1 Feb – 2 Apr (28 + 31 + 2 = 61), 1 Jun – 31 Jul (61), 1 Sep – 31 Oct (30 + 31 = 61)
    const stays = [
      { entry: '2026-02-01', exit: '2026-04-02' },
      { entry: '2026-06-01', exit: '2026-07-31' },
      { entry: '2026-09-01', exit: '2026-10-31' },
    ];

    // Act
    const result = assess({ taxYear: 2026, stays, asOf: '2026-12-31' });

    // Assess
    expect(result).toMatchObject({
      resident: true,
      window: { start: '2025-11-01', end: '2026-10-31', days: 183 },
      daysInTaxYear: 183,
    });
  });

  it('same-day entry and exit count one day; arrival and departure days both count', () => {
    expect(
      assess({ taxYear: 2026, stays: [{ entry: '2026-03-10', exit: '2026-03-10' }], asOf: '2026-12-31' }).daysInTaxYear,
    ).toBe(1);
    expect(
      assess({ taxYear: 2026, stays: [{ entry: '2026-03-10', exit: '2026-03-11' }], asOf: '2026-12-31' }).daysInTaxYear,
    ).toBe(2);
    // Adjacent stays (out on the 11th, back on the 12th) do not overlap: 2 + 1 days.
    const adjacent = assess({
      taxYear: 2026,
      stays: [
        { entry: '2026-03-10', exit: '2026-03-11' },
        { entry: '2026-03-12', exit: '2026-03-12' },
      ],
      asOf: '2026-12-31',
    });
    expect(adjacent.daysInTaxYear).toBe(3);
  });
});

describe('windows straddling tax years', () => {
  // 1 Sep 2025 – 2 Mar 2026: 2025 has 30 + 31 + 30 + 31 = 122 days, 2026 has 31 + 28 + 2 = 61: 183 in all.
  const straddle = [{ entry: '2025-09-01', exit: '2026-03-02' }];

  it('days from the previous year count in a window ending in the tax year', () => {
    // Act
    const result = assess({ taxYear: 2026, stays: straddle, asOf: '2026-12-31' });

    // Assess
    expect(result).toMatchObject({
      resident: true,
      decidedBy: 'days_183',
      window: { start: '2025-03-03', end: '2026-03-02', days: 183 },
      daysInTaxYear: 61,
    });
  });

  it('windows ending in the earlier year do not see the later days (2025: at most 122)', () => {
    // Act
    const result = assess({ taxYear: 2025, stays: straddle, asOf: '2026-12-31' });

    // Assess
    expect(result).toMatchObject({
      resident: false,
      daysInTaxYear: 122,
      maxWindow: { start: '2025-01-01', end: '2025-12-31', days: 122 },
    });
    expect(result.daysUntilThreshold).toBeUndefined(); // asOf is after the 2025 tax year
  });

  it('one day less (exit 1 Mar 2026) is 182: not resident in 2026', () => {
    const result = assess({ taxYear: 2026, stays: [{ entry: '2025-09-01', exit: '2026-03-01' }], asOf: '2026-12-31' });
    expect(result).toMatchObject({ resident: false, maxWindow: { start: '2025-03-02', end: '2026-03-01', days: 182 } });
  });

  it('a stay running into the next year is cut at 31 December for the tax year', () => {
    // 1 Oct 2026 – 1 Apr 2027: 92 days in 2026 (31 + 30 + 31), 91 in 2027 (31 + 28 + 31 + 1).
    const stays = [{ entry: '2026-10-01', exit: '2027-04-01' }];
    expect(assess({ taxYear: 2026, stays, asOf: '2027-06-01' })).toMatchObject({
      resident: false,
      daysInTaxYear: 92,
      maxWindow: { end: '2026-12-31', days: 92 },
    });
    expect(assess({ taxYear: 2027, stays, asOf: '2027-06-01' })).toMatchObject({
      resident: true,
      window: { start: '2026-04-02', end: '2027-04-01', days: 183 },
      daysInTaxYear: 91,
    });
  });

  it('days more than 12 months before the tax year never count', () => {
    // 2 Jan – 31 Dec 2025 is 364 days, all inside the window ending 1 Jan 2026; 1 Jan 2025 is in none.
    expect(
      assess({ taxYear: 2026, stays: [{ entry: '2025-01-02', exit: '2025-12-31' }], asOf: '2026-12-31' }),
    ).toMatchObject({
      resident: true,
      window: { start: '2025-01-02', end: '2026-01-01', days: 364 },
      daysInTaxYear: 0,
    });
    expect(
      assess({ taxYear: 2026, stays: [{ entry: '2024-06-01', exit: '2025-01-01' }], asOf: '2026-12-31' }),
    ).toMatchObject({
      resident: false,
      maxWindow: { days: 0 },
    });
  });
});

describe('leap years and 29 February', () => {
  it('1 Jan – 1 Jul is 183 days in 2024 (leap) but 182 in 2026', () => {
    expect(
      assess({ taxYear: 2024, stays: [{ entry: '2024-01-01', exit: '2024-07-01' }], asOf: '2024-12-31' }),
    ).toMatchObject({
      resident: true,
      window: { start: '2023-07-02', end: '2024-07-01', days: 183 },
      daysInTaxYear: 183,
    });
    expect(
      assess({ taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-01' }], asOf: '2026-12-31' }).resident,
    ).toBe(false);
  });

  // 1 Mar – 29 Aug 2023: 31 + 30 + 31 + 30 + 31 + 29 = 182 days.
  const spring2023 = { entry: '2023-03-01', exit: '2023-08-29' };

  it('the window ending 29 Feb 2024 starts 1 Mar 2023 (366 days): 182 + 1 = 183', () => {
    const result = assess({
      taxYear: 2024,
      stays: [spring2023, { entry: '2024-02-29', exit: '2024-02-29' }],
      asOf: '2024-12-31',
    });
    expect(result).toMatchObject({
      resident: true,
      window: { start: '2023-03-01', end: '2024-02-29', days: 183 },
      daysInTaxYear: 1,
    });
  });

  it('the window ending 1 Mar 2024 starts 2 Mar 2023 and loses 1 Mar 2023: 181 + 1 = 182', () => {
    const result = assess({
      taxYear: 2024,
      stays: [spring2023, { entry: '2024-03-01', exit: '2024-03-01' }],
      asOf: '2024-12-31',
    });
    // The best window is the first to hold all 182 days of 2023: the one ending 1 Jan 2024.
    expect(result).toMatchObject({ resident: false, maxWindow: { start: '2023-01-02', end: '2024-01-01', days: 182 } });
  });

  // 29 Feb – 28 Aug 2024: 1 + 31 + 30 + 31 + 30 + 31 + 28 = 182 days.
  const from29Feb = { entry: '2024-02-29', exit: '2024-08-28' };

  it('the window ending 28 Feb 2025 starts 29 Feb 2024 (366 days): 182 + 1 = 183', () => {
    const result = assess({
      taxYear: 2025,
      stays: [from29Feb, { entry: '2025-02-28', exit: '2025-02-28' }],
      asOf: '2025-12-31',
    });
    expect(result).toMatchObject({
      resident: true,
      window: { start: '2024-02-29', end: '2025-02-28', days: 183 },
      daysInTaxYear: 1,
    });
  });

  it('the window ending 1 Mar 2025 starts 2 Mar 2024 and loses 29 Feb and 1 Mar 2024: 180 + 1 = 181', () => {
    const result = assess({
      taxYear: 2025,
      stays: [from29Feb, { entry: '2025-03-01', exit: '2025-03-01' }],
      asOf: '2025-12-31',
    });
    // The best window is the first to hold all 182 days of 2024: the one ending 1 Jan 2025.
    expect(result).toMatchObject({ resident: false, maxWindow: { start: '2024-01-02', end: '2025-01-01', days: 182 } });
  });

  it('a whole leap year counts 366 days', () => {
    expect(
      assess({ taxYear: 2024, stays: [{ entry: '2024-01-01', exit: '2024-12-31' }], asOf: '2025-01-01' }),
    ).toMatchObject({
      daysInTaxYear: 366,
      maxWindow: { start: '2024-01-01', end: '2024-12-31', days: 366 },
      window: { start: '2023-07-02', end: '2024-07-01', days: 183 },
    });
  });
});

describe('AIFC Investment Tax Residency Programme: 90 days', () => {
  // 1 Mar – 29 May 2026: 31 + 30 + 29 = 90 days.
  const ninety = [{ entry: '2026-03-01', exit: '2026-05-29' }];
  const eightyNine = [{ entry: '2026-03-01', exit: '2026-05-28' }];

  it('90 days make a programme participant resident', () => {
    const result = assess({ taxYear: 2026, stays: ninety, aifcProgramme: true, asOf: '2026-12-31' });
    expect(result).toMatchObject({
      resident: true,
      decidedBy: 'days_90_aifc',
      threshold: 90,
      window: { start: '2025-05-30', end: '2026-05-29', days: 90 },
    });
    expect(result.reasons[0]).toMatchObject({ code: 'KZ.RESIDENCY.DAYS_90_AIFC', confidence: 'confirmed' });
  });

  it('89 days do not, and nothing more may be spent', () => {
    const result = assess({ taxYear: 2026, stays: eightyNine, aifcProgramme: true, asOf: '2026-05-28' });
    expect(result).toMatchObject({
      resident: false,
      decidedBy: 'none',
      threshold: 90,
      maxWindow: { days: 89 },
      daysUntilThreshold: 0,
    });
  });

  it('without the programme the same 90 days are far from 183: 92 more days allowed', () => {
    const result = assess({ taxYear: 2026, stays: ninety, asOf: '2026-05-29' });
    expect(result).toMatchObject({ resident: false, threshold: 183, daysUntilThreshold: 92 });
    expect(result.reasons[0]!.code).toBe('KZ.RESIDENCY.DAYS_183.2026');
  });
});

describe('centre of vital interests: all three criteria', () => {
  const noDays = { taxYear: 2026, stays: [], asOf: '2026-12-31' };

  it.each([
    ['citizen, family, real estate', { citizen: true, familyInKazakhstan: true, realEstateAvailable: true }],
    [
      'residence permit, family, real estate',
      { residencePermit: true, familyInKazakhstan: true, realEstateAvailable: true },
    ],
  ])('%s: resident with no days', (_case, flags) => {
    const result = assess({ ...noDays, ...flags });
    expect(result).toMatchObject({ resident: true, decidedBy: 'vital_interests', daysInTaxYear: 0 });
    expect(result.reasons.map((r) => r.code)).toEqual([
      'KZ.RESIDENCY.DAYS_183.2026',
      'KZ.RESIDENCY.VITAL_INTERESTS.2026',
      'KZ.PIT.RESIDENT.2026',
    ]);
    expect(result.reasons[1]!.text).toMatch(/All three criteria hold/);
  });

  it.each([
    [
      'citizen and family, no real estate',
      { citizen: true, familyInKazakhstan: true },
      /missing available real estate/,
    ],
    [
      'citizen and real estate, no family',
      { citizen: true, realEstateAvailable: true },
      /missing family in Kazakhstan/,
    ],
    [
      'family and real estate, neither citizen nor permit',
      { familyInKazakhstan: true, realEstateAvailable: true },
      /missing citizenship or a residence permit/,
    ],
    ['nothing', {}, /missing citizenship or a residence permit, family in Kazakhstan, available real estate/],
  ])('%s: two of three (or fewer) is not enough', (_case, flags, missing) => {
    const result = assess({ ...noDays, ...flags });
    expect(result).toMatchObject({ resident: false, decidedBy: 'none' });
    expect(result.reasons[1]).toMatchObject({
      code: 'KZ.RESIDENCY.VITAL_INTERESTS.2026',
      text: expect.stringMatching(missing),
    });
  });

  it('the day test decides first when met; the vital-interests reason is then not needed', () => {
    const result = assess({
      taxYear: 2026,
      stays: [{ entry: '2026-01-01', exit: '2026-07-02' }],
      citizen: true,
      familyInKazakhstan: true,
      realEstateAvailable: true,
      asOf: '2026-12-31',
    });
    expect(result.decidedBy).toBe('days_183');
    expect(result.reasons.map((r) => r.code)).toEqual(['KZ.RESIDENCY.DAYS_183.2026', 'KZ.PIT.RESIDENT.2026']);
  });
});

describe('treaty certificate', () => {
  const resident183 = { taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-02' }], asOf: '2026-12-31' };

  it('makes a foreigner who meets the day test a non-resident; the window is still reported', () => {
    const result = assess({ ...resident183, treatyCertificate: true });
    expect(result).toMatchObject({ resident: false, decidedBy: 'treaty_certificate', window: { days: 183 } });
    const treaty = result.reasons.find((r) => r.code === 'KZ.RESIDENCY.TREATY_CERTIFICATE.2026')!;
    expect(treaty).toMatchObject({
      confidence: 'secondary',
      text: expect.stringMatching(/Applied: the certificate overrides the days_183 test/),
    });
    expect(result.reasons.map((r) => r.code)).not.toContain('KZ.PIT.RESIDENT.2026');
  });

  it('overrides vital interests for a residence-permit holder (a foreigner)', () => {
    const result = assess({
      taxYear: 2026,
      stays: [],
      residencePermit: true,
      familyInKazakhstan: true,
      realEstateAvailable: true,
      treatyCertificate: true,
      asOf: '2026-12-31',
    });
    expect(result).toMatchObject({ resident: false, decidedBy: 'treaty_certificate' });
  });

  it('overrides the AIFC 90-day test', () => {
    const result = assess({
      taxYear: 2026,
      stays: [{ entry: '2026-03-01', exit: '2026-05-29' }],
      aifcProgramme: true,
      treatyCertificate: true,
      asOf: '2026-12-31',
    });
    expect(result).toMatchObject({ resident: false, decidedBy: 'treaty_certificate', window: { days: 90 } });
  });

  it('does not apply to a Kazakh citizen, and says so', () => {
    const result = assess({ ...resident183, citizen: true, treatyCertificate: true });
    expect(result).toMatchObject({ resident: true, decidedBy: 'days_183' });
    expect(result.reasons.find((r) => r.code === 'KZ.RESIDENCY.TREATY_CERTIFICATE.2026')!.text).toMatch(/Not applied/);
  });

  it('changes nothing for a foreigner who is not resident anyway', () => {
    const result = assess({
      taxYear: 2026,
      stays: [{ entry: '2026-01-01', exit: '2026-01-31' }],
      treatyCertificate: true,
      asOf: '2026-12-31',
    });
    expect(result).toMatchObject({ resident: false, decidedBy: 'none' });
    expect(result.reasons.map((r) => r.code)).not.toContain('KZ.RESIDENCY.TREATY_CERTIFICATE.2026');
  });
});

describe('open stays and asOf', () => {
  it('an open stay runs to asOf: 1 Jan – 2 Jul 2026 is 183 days', () => {
    expect(assess({ taxYear: 2026, stays: [{ entry: '2026-01-01' }], asOf: '2026-07-02' })).toMatchObject({
      resident: true,
      window: { end: '2026-07-02', days: 183 },
    });
    expect(assess({ taxYear: 2026, stays: [{ entry: '2026-01-01' }], asOf: '2026-07-01' })).toMatchObject({
      resident: false,
      daysInTaxYear: 182,
      daysUntilThreshold: 0,
    });
  });

  it('without asOf, an open stay runs to today', () => {
    expect(assess({ taxYear: 2026, stays: [{ entry: '2026-06-01' }] }, '2026-06-15').daysInTaxYear).toBe(15);
  });

  it('an open stay may begin on asOf (one day)', () => {
    expect(assess({ taxYear: 2026, stays: [{ entry: '2026-05-05' }], asOf: '2026-05-05' }).daysInTaxYear).toBe(1);
  });

  it('asOf inside the year: consecutive days allowed from the next day', () => {
    // Nothing yet: from 2 Jan, 182 days (to 2 Jul) are allowed, the 183rd is not.
    expect(assess({ taxYear: 2026, stays: [], asOf: '2026-01-01' }).daysUntilThreshold).toBe(182);
    // 2 Jul – 31 Dec is 183 days: 182 allowed, the last would reach 183.
    expect(assess({ taxYear: 2026, stays: [], asOf: '2026-07-01' }).daysUntilThreshold).toBe(182);
    // 2 Aug – 31 Dec is 152 days: the threshold cannot be reached; every remaining day is allowed.
    expect(assess({ taxYear: 2026, stays: [], asOf: '2026-08-01' }).daysUntilThreshold).toBe(152);
    // 30 Dec: one day (31 Dec) remains.
    expect(assess({ taxYear: 2026, stays: [], asOf: '2026-12-30' }).daysUntilThreshold).toBe(1);
  });

  it('asOf before the year: days from the previous year already count (open stay since 1 Oct 2025: 92 days)', () => {
    // 92 + 90 = 182 in the window ending 31 Mar 2026; the 91st day (1 Apr) would make 183.
    const result = assess({ taxYear: 2026, stays: [{ entry: '2025-10-01' }], asOf: '2025-12-31' });
    expect(result).toMatchObject({
      resident: false,
      daysInTaxYear: 0,
      maxWindow: { start: '2025-01-02', end: '2026-01-01', days: 92 },
      daysUntilThreshold: 90,
    });
  });

  it('asOf long before the year: days before the first window opens are all allowed', () => {
    // From 2 Jun 2024 to 1 Jan 2025 (214 days) nothing counts for 2026; then 182 more days.
    expect(assess({ taxYear: 2026, stays: [], asOf: '2024-06-01' }).daysUntilThreshold).toBe(214 + 182);
  });

  it('asOf on or after 31 December: the year is over, nothing left to plan', () => {
    expect(assess({ taxYear: 2026, stays: [], asOf: '2026-12-31' }).daysUntilThreshold).toBeUndefined();
    const after = assess({ taxYear: 2026, stays: [{ entry: '2026-10-01' }], asOf: '2027-03-01' });
    expect(after).toMatchObject({ resident: false, daysInTaxYear: 92 });
    expect(after.daysUntilThreshold).toBeUndefined();
  });

  it('planned stays after asOf count, and reduce what is still allowed', () => {
    // A planned 100-day stay 1 Sep – 9 Dec (30 + 31 + 30 + 9); from 2 Jan, 82 more days keep every window at 182 or less.
    const result = assess({ taxYear: 2026, stays: [{ entry: '2026-09-01', exit: '2026-12-09' }], asOf: '2026-01-01' });
    expect(result).toMatchObject({ resident: false, daysInTaxYear: 100, daysUntilThreshold: 82 });
  });
});

describe('invalid stays: a clear error naming the stay', () => {
  it('overlapping stays (sharing a day is an overlap)', () => {
    const error = invalid({
      taxYear: 2026,
      stays: [
        { entry: '2026-01-01', exit: '2026-01-10' },
        { entry: '2026-01-10', exit: '2026-01-20' },
      ],
    });
    expect(error.field).toBe('stays.1.entry');
    expect(error.message).toMatch(/overlaps/);
  });

  it('stays out of date order', () => {
    const error = invalid({
      taxYear: 2026,
      stays: [
        { entry: '2026-05-01', exit: '2026-05-10' },
        { entry: '2026-01-01', exit: '2026-01-10' },
      ],
    });
    expect(error.field).toBe('stays.1.entry');
    expect(error.message).toMatch(/date order/);
  });

  it('an exit before its entry', () => {
    const error = invalid({
      taxYear: 2026,
      stays: [
        { entry: '2026-01-01', exit: '2026-01-05' },
        { entry: '2026-03-10', exit: '2026-03-09' },
      ],
    });
    expect(error.field).toBe('stays.1.exit');
    expect(error.message).toMatch(/before its entry/);
  });

  it('an open stay that is not the last', () => {
    const error = invalid({
      taxYear: 2026,
      stays: [{ entry: '2026-01-01' }, { entry: '2026-03-10', exit: '2026-03-12' }],
      asOf: '2026-06-01',
    });
    expect(error.field).toBe('stays.0.exit');
  });

  it('an open stay starting after asOf', () => {
    const error = invalid({ taxYear: 2026, stays: [{ entry: '2026-03-10' }], asOf: '2026-03-09' });
    expect(error.field).toBe('asOf');
  });

  it('a tax year before the rules data begins is a coverage error on taxYear', () => {
    expect(() => assess({ taxYear: 2017, stays: [], asOf: '2017-06-01' })).toThrow(RulesCoverageError);
  });
});

describe('reasons: citations and confidence from the rules data', () => {
  it('every reason carries its row’s citation, confidence and dates', () => {
    const requests: KzResidencyRequest[] = [
      {
        taxYear: 2026,
        stays: [{ entry: '2026-01-01', exit: '2026-07-02' }],
        citizen: true,
        treatyCertificate: true,
        asOf: '2026-12-31',
      },
      { taxYear: 2026, stays: [], asOf: '2026-12-31', familyInKazakhstan: true },
      {
        taxYear: 2025,
        stays: [{ entry: '2025-03-01', exit: '2025-06-01' }],
        aifcProgramme: true,
        treatyCertificate: true,
        asOf: '2025-12-31',
      },
    ];
    for (const request of requests) {
      for (const reason of assess(request).reasons) {
        const row = ruleById(reason.code)!;
        expect(row, reason.code).toBeDefined();
        expect(reason).toMatchObject({
          ruleId: row.id,
          citation: row.citation,
          confidence: row.confidence,
          effectiveFrom: row.effectiveFrom,
          effectiveTo: row.effectiveTo,
        });
        expect(reason.citation).not.toBe('');
        expect(reason.text.startsWith(row.text)).toBe(true);
      }
    }
  });

  it('the day-test reason states the counted window, so it can be checked by hand', () => {
    const met = assess({ taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-02' }], asOf: '2026-12-31' })
      .reasons[0]!;
    expect(met.text).toMatch(/Met: 183 days from 2025-07-03 to 2026-07-02\./);
    const notMet = assess({ taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-01' }], asOf: '2026-12-31' })
      .reasons[0]!;
    expect(notMet.text).toMatch(/Not met: at most 182 days in a window \(2025-07-02 to 2026-07-01\)\./);
  });

  it('residents get the personal income tax rates of the year: the 2026 Tax Code 10%/15%, before it a flat 10%', () => {
    const stays2026 = [{ entry: '2026-01-01', exit: '2026-07-02' }];
    expect(codes({ taxYear: 2026, stays: stays2026, asOf: '2026-12-31' })).toContain('KZ.PIT.RESIDENT.2026');
    expect(
      codes({ taxYear: 2025, stays: [{ entry: '2025-01-01', exit: '2025-07-02' }], asOf: '2025-12-31' }),
    ).toContain('KZ.PIT.RESIDENT.2018');
    expect(codes({ taxYear: 2026, stays: [], asOf: '2026-12-31' }).filter((c) => c.startsWith('KZ.PIT'))).toEqual([]);
    expect(ruleById('KZ.PIT.RESIDENT.2026')!.text).toMatch(/10%.*8,500 MCI.*15%/);
  });

  it('a 2026 decision cites the 2026 Code rows (article not found, secondary); a 2025 one the old Art. 217', () => {
    // Prepare / Act
    const reasons2026 = assess({ taxYear: 2026, stays: [], asOf: '2026-12-31' }).reasons;
    const reasons2025 = assess({ taxYear: 2025, stays: [], asOf: '2025-12-31' }).reasons;
    // Assess
    expect(reasons2026.map((r) => r.code)).toEqual(['KZ.RESIDENCY.DAYS_183.2026', 'KZ.RESIDENCY.VITAL_INTERESTS.2026']);
    for (const r of reasons2026) {
      expect(r.citation).toMatch(/18\.07\.2025.*number not found/);
      expect(r.confidence).toBe('secondary');
    }
    expect(reasons2025.map((r) => r.code)).toEqual(['KZ.RESIDENCY.DAYS_183', 'KZ.RESIDENCY.VITAL_INTERESTS']);
    for (const r of reasons2025) expect(r.citation).toMatch(/Art\. 217/);
  });
});
