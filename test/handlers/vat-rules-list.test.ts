import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/rules-list.js';
import { RULES, RULESET_VERSION } from '../../shared/rules/index.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';

const PATH = '/v1/rules';
const list = (query: Record<string, string> = {}, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'GET', path: PATH, query, apiKeyId }));
const ids = (json: { rules: { id: string }[] }) => json.rules.map((r) => r.id);

describe('Route: GET /v1/rules (handler)', () => {
  describe('200', () => {
    it('lists every rules row with its dates, citation, source and confidence', async () => {
      // Act
      const res = await list();

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.rulesetVersion).toBe(RULESET_VERSION);
      expect(res.json.count).toBe(RULES.length);
      expect(ids(res.json)).toEqual(RULES.map((r) => r.id));
      const tagent = res.json.rules.find((r: { id: string }) => r.id === 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES');
      expect(tagent).toMatchObject({
        confidence: 'contested',
        effectiveFrom: '2022-01-01',
        effectiveTo: null,
        citation: expect.stringContaining('Art. 253'),
        source: expect.any(String),
        note: expect.any(String),
      });
    });

    it('filters by country', async () => {
      // Act
      const res = await list({ country: 'EAEU' });

      // Assess
      expect(ids(res.json)).toEqual(['EAEU.VAT.ESERVICES', 'EAEU.VAT.ESERVICES.B2B_EXCEPTION']);
      expect(res.json.count).toBe(2);
    });

    it('filters by topic prefix', async () => {
      // Act
      const res = await list({ topic: 'vat.rate', country: 'KZ' });

      // Assess
      expect(ids(res.json).sort()).toEqual([
        'KZ.VAT.REDUCED.MEDICINES.2026',
        'KZ.VAT.REDUCED.MEDICINES.2027',
        'KZ.VAT.REDUCED.PERIODICALS',
        'KZ.VAT.STANDARD.2018',
        'KZ.VAT.STANDARD.2026',
        'KZ.VAT.ZERO.EXPORT',
      ]);
    });

    it('filters by the date the rows are in force', async () => {
      // Act
      const res2025 = await list({ topic: 'vat.rate.standard', date: '2025-12-31' });
      const res2026 = await list({ topic: 'vat.rate.standard', date: '2026-01-01' });

      // Assess
      expect(ids(res2025.json).sort()).toEqual(['KG.VAT.STANDARD', 'KZ.VAT.STANDARD.2018']);
      expect(ids(res2026.json).sort()).toEqual(['KG.VAT.STANDARD', 'KZ.VAT.STANDARD.2026']);
    });

    it('answers an empty list for a topic with no rows', async () => {
      // Act
      const res = await list({ topic: 'no.such.topic' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ rulesetVersion: RULESET_VERSION, count: 0, rules: [] });
    });
  });

  describe('400 and 401', () => {
    it.each([
      ['an unknown country', { country: 'RU' }, 'query.country'],
      ['a bad date', { date: '2026-02-30' }, 'query.date'],
      ['an over-long topic', { topic: 'x'.repeat(101) }, 'query.topic'],
    ])('answers %s with 400', async (_case, query, path) => {
      // Act
      const res = await list(query);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
    });

    it('answers a request without an API key with 401', async () => {
      // Act
      const res = await list({}, null);

      // Assess
      expectProblem(res, 401);
    });
  });
});
