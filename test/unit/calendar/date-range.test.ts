import { describe, expect, it } from 'vitest';
import { addDays, addMonths, checkDate, DATE_RANGE, daysBetween, isDateInRange } from '../../../shared/calendar.js';
import { InvalidDateError } from '../../../shared/errors.js';
import { precheckEsf } from '../../../shared/esf/precheck.js';
import { validateIdentifier } from '../../../shared/identifiers/validate.js';
import { assessKzResidency } from '../../../shared/residency/kz.js';
import { IsoDate } from '../../../shared/schemas/common.js';
import { assessVat } from '../../../shared/vat/assess.js';
import { ratesOn } from '../../../shared/vat/rates.js';

/** The field an `InvalidDateError` thrown by `act` blames. */
function blamed(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDateError);
    return (error as InvalidDateError).field;
  }
  throw new Error('expected an InvalidDateError');
}

describe('The accepted date range', () => {
  it('is 1900-01-01 to 2100-12-31, both ends inclusive', () => {
    // Assess
    expect(DATE_RANGE).toEqual({ min: '1900-01-01', max: '2100-12-31' });
    expect(isDateInRange('1900-01-01')).toBe(true);
    expect(isDateInRange('2100-12-31')).toBe(true);
    expect(isDateInRange('1899-12-31')).toBe(false);
    expect(isDateInRange('2101-01-01')).toBe(false);
  });

  it.each([
    ['0000-01-01', 'year zero'],
    ['0099-12-31', 'a two-digit year'],
    ['9999-12-31', 'far future'],
    ['+10000-01-01', 'five-digit year'],
    ['2026-02-29', 'a day that does not exist'],
    ['2026-3-1', 'not zero-padded'],
    ['', 'empty'],
  ])('refuses %s (%s)', (date) => {
    // Act / Assess
    expect(isDateInRange(date)).toBe(false);
    expect(IsoDate.safeParse(date).success).toBe(false);
    expect(() => checkDate('someField', date)).toThrow(InvalidDateError);
  });

  it('lets the API schema accept exactly the range the library accepts', () => {
    // Act
    const verdicts = ['1900-01-01', '2100-12-31', '1899-12-31', '2101-01-01'].map((d) => [
      IsoDate.safeParse(d).success,
      isDateInRange(d),
    ]);

    // Assess
    expect(verdicts).toEqual([
      [true, true],
      [true, true],
      [false, false],
      [false, false],
    ]);
  });
});

describe('Date arithmetic on years 0-99 (never read as 1900-1999)', () => {
  it('counts days and adds them in the first century as written', () => {
    // Prepare: an oracle that counts year lengths one by one (Date.UTC would read 26 as 1926 and give 0)
    const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    let days = 0;
    for (let y = 26; y < 1926; y++) days += leap(y) ? 366 : 365;

    // Act / Assess
    expect(daysBetween('0026-01-01', '1926-01-01')).toBe(days);
    expect(daysBetween('0050-01-01', '0051-01-01')).toBe(365);
    expect(daysBetween('0048-01-01', '0049-01-01')).toBe(366);
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addMonths('0004-01-31', 1)).toBe('0004-02-29');
  });
});

describe('The library refuses dates outside the range, naming the field', () => {
  const stay = { entry: '2026-01-01', exit: '2026-01-10' };

  it.each([
    ['validateIdentifier asOf', () => validateIdentifier('940140000385', { asOf: '0026-01-01' }), 'asOf'],
    [
      'precheckEsf deliveryDate',
      () =>
        precheckEsf({
          country: 'KZ',
          supplier: { tin: '940140000385', type: 'legal_entity' },
          buyer: { type: 'individual' },
          deliveryDate: '9999-01-01',
          lines: [{ net: 100, vatRate: 16 }],
        }),
      'deliveryDate',
    ],
    [
      'precheckEsf issueDate',
      () =>
        precheckEsf({
          country: 'KZ',
          supplier: { tin: '940140000385', type: 'legal_entity' },
          buyer: { type: 'individual' },
          deliveryDate: '2026-03-01',
          issueDate: '2101-01-01',
          lines: [{ net: 100, vatRate: 16 }],
        }),
      'issueDate',
    ],
    [
      'assessVat date',
      () =>
        assessVat({
          country: 'KZ',
          date: '0026-03-01',
          seller: { residence: 'KZ' },
          buyer: { type: 'business', residence: 'KZ' },
          supply: { category: 'goods' },
        }),
      'date',
    ],
    [
      'assessVat seller.firstSaleDate',
      () =>
        assessVat({
          country: 'KZ',
          date: '2026-03-01',
          seller: { residence: 'KZ', firstSaleDate: '1800-01-01' },
          buyer: { type: 'business', residence: 'KZ' },
          supply: { category: 'goods' },
        }),
      'seller.firstSaleDate',
    ],
    ['ratesOn date', () => ratesOn('KZ', '2200-01-01'), 'date'],
    ['assessKzResidency asOf', () => assessKzResidency({ taxYear: 2026, stays: [stay], asOf: '0026-12-31' }), 'asOf'],
    [
      'assessKzResidency stays[].exit',
      () => assessKzResidency({ taxYear: 2026, stays: [stay, { entry: '2026-02-01', exit: '9999-01-01' }] }),
      'stays.1.exit',
    ],
  ])('%s', (_name, act, field) => {
    // Act / Assess
    expect(blamed(act)).toBe(field);
  });
});
