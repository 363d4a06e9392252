import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addDays, addMonths, periodEnd } from '../../../shared/calendar.js';
import { RulesCoverageError } from '../../../shared/errors.js';
import { roundMoney, vatAmounts } from '../../../shared/money.js';
import { type LineCategory, RULES, type Rule, type SupplyType } from '../../../shared/rules/index.js';
import { filingCalendar, filingFor } from '../../../shared/vat/filing.js';
import { rateFor } from '../../../shared/vat/rates.js';

/**
 * Property tests. Money is checked against an independent integer-cents implementation written here
 * (decimal strings and BigInt, no floating point); rates against an oracle that scans the rules table
 * with its own date arithmetic; the filing calendar against its own invariants.
 */

// ---------------------------------------------------------------- independent money model

/** Integer hundredths of a non-negative decimal string with at most 2 decimals. */
function centsOf(text: string): bigint {
  expect(text).toMatch(/^\d+(\.\d{1,2})?$/);
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole! + fraction.padEnd(2, '0'));
}

/** A non-negative integer of hundredths as a decimal string. */
const decimal = (hundredths: bigint) => `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;

/** round_half_up(a / b) for non-negative a, b > 0, by quotient and remainder. */
function divideHalfUp(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  const remainder = a % b;
  return remainder * 2n >= b ? quotient + 1n : quotient;
}

/** Expected VAT in cents: net (cents) × rate (hundredths of a percent) / 100 / 100, half up. */
const expectedVatCents = (netCents: bigint, rateHundredths: bigint) => divideHalfUp(netCents * rateHundredths, 10_000n);

/**
 * Net amounts up to 10^13 (15 significant digits): the range in which every cent value is exactly
 * representable as a JSON number. (The request schema accepts up to 10^15; see the report.)
 */
const netCents = fc.bigInt({ min: 0n, max: 10n ** 15n - 1n });
const smallNetCents = fc.bigInt({ min: 0n, max: 10_000_000n });
const rateHundredths = fc.oneof(fc.constantFrom(0n, 500n, 1000n, 1200n, 1600n), fc.bigInt({ min: 0n, max: 10_000n }));

describe('vatAmounts: vat = round_half_up(net × rate / 100, 2), gross = net + vat', () => {
  it('matches the integer-cents model for every net and rate', () => {
    fc.assert(
      fc.property(fc.oneof(netCents, smallNetCents), rateHundredths, (net, rate) => {
        // Prepare
        const netNumber = Number(decimal(net));
        const rateNumber = Number(decimal(rate));

        // Act
        const amounts = vatAmounts(netNumber, rateNumber);

        // Assess
        const vat = expectedVatCents(net, rate);
        expect(amounts).toEqual({
          net: Number(decimal(net)),
          vat: Number(decimal(vat)),
          gross: Number(decimal(net + vat)),
        });
      }),
      { numRuns: 2_000 },
    );
  });

  it('makes gross exactly net + vat in decimal cents (no floating-point drift)', () => {
    fc.assert(
      fc.property(fc.oneof(netCents, smallNetCents), rateHundredths, (net, rate) => {
        // Act
        const amounts = vatAmounts(Number(decimal(net)), Number(decimal(rate)));

        // Assess
        expect(centsOf(String(amounts.gross))).toBe(centsOf(String(amounts.net)) + centsOf(String(amounts.vat)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('first rounds a net with more than 2 decimals half up to cents', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), rateHundredths, (thousandths, rate) => {
        // Prepare
        const net = Number(`${thousandths / 1000n}.${String(thousandths % 1000n).padStart(3, '0')}`);
        const expectedNet = divideHalfUp(thousandths, 10n);

        // Act
        const amounts = vatAmounts(net, Number(decimal(rate)));

        // Assess
        expect(amounts.net).toBe(Number(decimal(expectedNet)));
        expect(amounts.vat).toBe(Number(decimal(expectedVatCents(expectedNet, rate))));
      }),
      { numRuns: 1_000 },
    );
  });

  it('never decreases VAT when the rate goes up, and keeps 0 ≤ vat ≤ net at rates up to 100%', () => {
    fc.assert(
      fc.property(smallNetCents, rateHundredths, rateHundredths, (net, r1, r2) => {
        // Prepare
        const [low, high] = r1 <= r2 ? [r1, r2] : [r2, r1];

        // Act
        const a = vatAmounts(Number(decimal(net)), Number(decimal(low)));
        const b = vatAmounts(Number(decimal(net)), Number(decimal(high)));

        // Assess
        expect(a.vat).toBeLessThanOrEqual(b.vat);
        expect(a.vat).toBeGreaterThanOrEqual(0);
        expect(b.vat).toBeLessThanOrEqual(b.net);
      }),
    );
  });
});

describe('roundMoney: half up to 2 decimals', () => {
  it('matches the integer model for amounts with up to 4 decimals, both signs', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.boolean(), (tenThousandths, negative) => {
        // Prepare
        const text = `${tenThousandths / 10_000n}.${String(tenThousandths % 10_000n).padStart(4, '0')}`;
        const amount = Number(text) * (negative ? -1 : 1);
        const expected = Number(decimal(divideHalfUp(tenThousandths, 100n))) * (negative ? -1 : 1);

        // Act
        const rounded = roundMoney(amount);

        // Assess
        expect(rounded).toBe(expected === 0 ? rounded : expected); // -0 and 0 are the same amount
        expect(Math.abs(rounded)).toBe(Math.abs(expected));
      }),
      { numRuns: 1_000 },
    );
  });
});

// ---------------------------------------------------------------- rate lookups at effective-date boundaries

type RateRow = Extract<Rule, { topic: 'vat.rate.standard' | 'vat.rate.reduced' | 'vat.rate.zero' }>;
type RateCountry = 'KG' | 'KZ';
interface RateQuery {
  supplyType: SupplyType;
  category: LineCategory;
}

const RATE_ROWS = RULES.filter((r): r is RateRow => r.topic.startsWith('vat.rate.')) as RateRow[];
const QUERIES: RateQuery[] = [
  { supplyType: 'domestic', category: 'standard' },
  { supplyType: 'domestic', category: 'medicines' },
  { supplyType: 'domestic', category: 'periodicals' },
  { supplyType: 'export', category: 'standard' },
  { supplyType: 'eaeu_export', category: 'medicines' },
];

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const shift = (iso: string, days: number) => new Date((dayNumber(iso) + days) * 86_400_000).toISOString().slice(0, 10);
const covers = (row: Rule, iso: string) =>
  dayNumber(row.effectiveFrom) <= dayNumber(iso) &&
  (row.effectiveTo === null || dayNumber(iso) <= dayNumber(row.effectiveTo));

/** The row a query must get, found by scanning the table with its own date arithmetic; undefined = not covered. */
function oracle(country: RateCountry, date: string, query: RateQuery): RateRow | undefined {
  const live = RATE_ROWS.filter((r) => r.country === country && covers(r, date));
  if (query.supplyType !== 'domestic')
    return live.find((r) => r.topic === 'vat.rate.zero' && r.supplyTypes.includes(query.supplyType as never));
  const reduced =
    query.category === 'standard'
      ? undefined
      : live.find((r) => r.topic === 'vat.rate.reduced' && r.category === query.category);
  return reduced ?? live.find((r) => r.topic === 'vat.rate.standard');
}

/** The query a row answers. */
function queryFor(row: RateRow): RateQuery {
  if (row.topic === 'vat.rate.zero') return { supplyType: row.supplyTypes[0]!, category: 'standard' };
  if (row.topic === 'vat.rate.reduced') return { supplyType: 'domestic', category: row.category };
  return { supplyType: 'domestic', category: 'standard' };
}

function lookup(
  country: RateCountry,
  date: string,
  query: RateQuery,
): { rate: number; ruleId: string } | 'not covered' {
  try {
    const applied = rateFor(country, date, query.supplyType, query.category);
    return { rate: applied.rate, ruleId: applied.reason.ruleId };
  } catch (error) {
    if (error instanceof RulesCoverageError) return 'not covered';
    throw error;
  }
}

const boundaries = RATE_ROWS.flatMap((row) => [
  { row, date: row.effectiveFrom, inside: true, edge: 'effectiveFrom' },
  { row, date: shift(row.effectiveFrom, -1), inside: false, edge: 'effectiveFrom - 1 day' },
  ...(row.effectiveTo === null
    ? []
    : [
        { row, date: row.effectiveTo, inside: true, edge: 'effectiveTo' },
        { row, date: shift(row.effectiveTo, 1), inside: false, edge: 'effectiveTo + 1 day' },
      ]),
]);

describe('rateFor at every effective-date boundary of every rate row', () => {
  it('has rate rows to check for both countries', () => {
    // Assess
    expect(new Set(RATE_ROWS.map((r) => r.country))).toEqual(new Set(['KG', 'KZ']));
    expect(boundaries.length).toBeGreaterThanOrEqual(RATE_ROWS.length * 2);
  });

  it.each(boundaries.map((b) => [b.row.id, b.edge, b.date, b] as const))(
    '%s at %s (%s)',
    (_id, _edge, date, { row, inside }) => {
      // Prepare
      const country = row.country as RateCountry;
      const query = queryFor(row);

      // Act
      const result = lookup(country, date, query);

      // Assess
      if (inside) {
        expect(result).toEqual({ rate: row.rate, ruleId: row.id });
      } else {
        expect(result === 'not covered' || result.ruleId !== row.id).toBe(true);
      }
      const expected = oracle(country, date, query);
      expect(result).toEqual(expected ? { rate: expected.rate, ruleId: expected.id } : 'not covered');
    },
  );

  it('agrees with the oracle on any date and any supply type / category', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RateCountry>('KG', 'KZ'),
        fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...QUERIES),
        (country, when, query) => {
          // Prepare
          const date = when.toISOString().slice(0, 10);
          const expected = oracle(country, date, query);

          // Act
          const result = lookup(country, date, query);

          // Assess
          expect(result).toEqual(expected ? { rate: expected.rate, ruleId: expected.id } : 'not covered');
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

// ---------------------------------------------------------------- filing calendar

/** First year each country's filing rows cover in full. */
const FIRST_YEAR = { KG: 2022, KZ: 2018 } as const;

describe('filingCalendar and filingFor', () => {
  it('dates every return after its period end, with contiguous periods covering the whole year', () => {
    fc.assert(
      fc.property(fc.constantFrom<RateCountry>('KG', 'KZ'), fc.integer({ min: 2018, max: 2040 }), (country, year) => {
        // Prepare
        fc.pre(year >= FIRST_YEAR[country]);

        // Act
        const calendar = filingCalendar(country, year);

        // Assess
        expect(calendar.schedules.length).toBeGreaterThan(0);
        expect(calendar.periods).toEqual(calendar.schedules.find((s) => s.filer === 'resident')?.periods);
        for (const schedule of calendar.schedules) {
          const periods = schedule.periods;
          expect(periods.length).toBe(periods[0]!.frequency === 'monthly' ? 12 : 4);
          expect(periods[0]!.periodStart).toBe(`${year}-01-01`);
          expect(periods.at(-1)!.periodEnd).toBe(`${year}-12-31`);
          for (const [i, p] of periods.entries()) {
            const row = RULES.find((r) => r.id === p.ruleId) as Extract<Rule, { topic: 'vat.filing' }>;
            expect(row.filer).toBe(schedule.filer);
            expect(covers(row, p.periodStart)).toBe(true);
            expect(p.periodStart <= p.periodEnd).toBe(true);
            expect(p.dueDate > p.periodEnd).toBe(true);
            expect(Number(p.dueDate.slice(8))).toBe(row.dueDay);
            expect(p.periodEnd).toBe(periodEnd(p.periodStart, p.frequency));
            if (i > 0) expect(p.periodStart).toBe(shift(periods[i - 1]!.periodEnd, 1));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives any supply date the return of the period containing it, due after the period ends, as the calendar lists it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RateCountry>('KG', 'KZ'),
        fc.constantFrom('resident' as const, 'nonresident_eservices' as const),
        fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        (country, filer, when) => {
          // Prepare
          const date = when.toISOString().slice(0, 10);

          // Act
          const { filing } = filingFor(country, filer, date);

          // Assess
          expect(filing.periodEnd >= date).toBe(true);
          expect(dayNumber(filing.periodEnd) - dayNumber(date)).toBeLessThan(filing.frequency === 'monthly' ? 31 : 92);
          expect(filing.dueDate > filing.periodEnd).toBe(true);
          expect(filing.periodEnd).toBe(shift(addMonths(`${filing.periodEnd.slice(0, 7)}-01`, 1), -1)); // a month end
          const listed = filingCalendar(country, Number(date.slice(0, 4))).schedules.find(
            (s) => s.filer === filer,
          )!.periods;
          const period = listed.find((p) => p.periodStart <= date && date <= p.periodEnd);
          expect(period).toMatchObject({
            periodEnd: filing.periodEnd,
            dueDate: filing.dueDate,
            frequency: filing.frequency,
          });
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('calendar helpers', () => {
  const isoDate = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2050-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('adds months keeping the day, clamped to the end of a shorter month', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 36 }), (date, months) => {
        // Act
        const result = addMonths(date, months);

        // Assess
        const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
        expect(Number(result.slice(0, 4)) * 12 + Number(result.slice(5, 7)) - 1).toBe(monthIndex);
        const lastDay = new Date(Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 0)).getUTCDate();
        expect(Number(result.slice(8))).toBe(Math.min(Number(date.slice(8)), lastDay));
      }),
    );
  });

  it('adds business days: lands on a weekday after exactly n weekdays', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 30 }), (date, n) => {
        // Act
        const result = addBusinessDays(date, n);

        // Assess
        const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
        expect([0, 6]).not.toContain(weekday(result));
        let count = 0;
        for (let d = addDays(date, 1); d <= result; d = addDays(d, 1)) if (![0, 6].includes(weekday(d))) count++;
        expect(count).toBe(n);
      }),
    );
  });
});
