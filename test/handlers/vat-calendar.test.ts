import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/vat-calendar.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';

const PATH = '/v1/vat/calendar';
const calendar = (query: Record<string, string>, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'GET', path: PATH, query, apiKeyId }));

interface Period {
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  frequency: string;
  ruleId: string;
  confidence: string;
}

const brief = (periods: Period[]) =>
  periods.map((p) => `${p.period} ${p.periodStart}..${p.periodEnd} due ${p.dueDate}`);
const schedule = (json: { schedules: { filer: string; periods: Period[] }[] }, filer: string) =>
  json.schedules.find((s) => s.filer === filer)!.periods;

describe('Route: GET /v1/vat/calendar (handler)', () => {
  describe('200', () => {
    it('lists the KZ 2026 quarterly returns: residents by the 15th of the second month, foreign e-services by the 25th', async () => {
      // Act
      const res = await calendar({ country: 'KZ', year: '2026' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ country: 'KZ', year: 2026 });
      expect(brief(res.json.periods)).toEqual([
        '2026-Q1 2026-01-01..2026-03-31 due 2026-05-15',
        '2026-Q2 2026-04-01..2026-06-30 due 2026-08-15',
        '2026-Q3 2026-07-01..2026-09-30 due 2026-11-15',
        '2026-Q4 2026-10-01..2026-12-31 due 2027-02-15',
      ]);
      expect(res.json.periods[0]).toEqual({
        period: '2026-Q1',
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        dueDate: '2026-05-15',
        frequency: 'quarterly',
        ruleId: 'KZ.VAT.FILING.RESIDENT.2026',
        citation: expect.any(String),
        confidence: 'secondary',
      });
      expect(brief(schedule(res.json, 'nonresident_eservices'))).toEqual([
        '2026-Q1 2026-01-01..2026-03-31 due 2026-04-25',
        '2026-Q2 2026-04-01..2026-06-30 due 2026-07-25',
        '2026-Q3 2026-07-01..2026-09-30 due 2026-10-25',
        '2026-Q4 2026-10-01..2026-12-31 due 2027-01-25',
      ]);
    });

    it('lists the KG 2026 returns: 12 monthly resident returns and 4 quarterly foreign e-service returns, all by the 20th', async () => {
      // Act
      const res = await calendar({ country: 'KG', year: '2026' });

      // Assess
      expect(res.status).toBe(200);
      const resident = res.json.periods as Period[];
      expect(resident).toHaveLength(12);
      expect(resident[0]).toMatchObject({
        period: '2026-01',
        periodEnd: '2026-01-31',
        dueDate: '2026-02-20',
        frequency: 'monthly',
        ruleId: 'KG.VAT.FILING.RESIDENT',
      });
      expect(resident[1]).toMatchObject({ period: '2026-02', periodEnd: '2026-02-28', dueDate: '2026-03-20' });
      expect(resident[11]).toMatchObject({ period: '2026-12', periodEnd: '2026-12-31', dueDate: '2027-01-20' });
      expect(brief(schedule(res.json, 'nonresident_eservices'))).toEqual([
        '2026-Q1 2026-01-01..2026-03-31 due 2026-04-20',
        '2026-Q2 2026-04-01..2026-06-30 due 2026-07-20',
        '2026-Q3 2026-07-01..2026-09-30 due 2026-10-20',
        '2026-Q4 2026-10-01..2026-12-31 due 2027-01-20',
      ]);
      expect(schedule(res.json, 'nonresident_eservices')[0]!.confidence).toBe('secondary');
    });

    it('uses the old-Code row for KZ 2025 and shows only the resident schedule before foreign e-services were taxed (2021)', async () => {
      // Act
      const y2025 = await calendar({ country: 'KZ', year: '2025' });
      const y2021 = await calendar({ country: 'KZ', year: '2021' });

      // Assess
      expect(y2025.json.periods[0]).toMatchObject({
        ruleId: 'KZ.VAT.FILING.RESIDENT.2018',
        confidence: 'secondary',
        dueDate: '2025-05-15',
      });
      expect(y2021.json.schedules).toEqual([]); // only residents file: their periods are `periods`, not repeated
    });

    it('counts February in a leap year to the 29th', async () => {
      // Act
      const res = await calendar({ country: 'KG', year: '2028' });

      // Assess
      expect(res.json.periods[1]).toMatchObject({ periodEnd: '2028-02-29', dueDate: '2028-03-20' });
    });
  });

  describe('400 and 401', () => {
    it.each([
      ['a year that is not a number', { country: 'KG', year: 'twenty' }, 'query.year'],
      ['a fractional year', { country: 'KG', year: '2026.5' }, 'query.year'],
      ['a year before 2000', { country: 'KG', year: '1999' }, 'query.year'],
      ['no year', { country: 'KG' }, 'query.year'],
      ['an unknown country', { country: 'UZ', year: '2026' }, 'query.country'],
    ])('answers %s with 400', async (_case, query, path) => {
      // Act
      const res = await calendar(query);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
    });

    it('answers a request without an API key with 401', async () => {
      // Act
      const res = await calendar({ country: 'KG', year: '2026' }, null);

      // Assess
      expectProblem(res, 401);
    });
  });
});
