import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as listHandler } from '../../functions/audit-list.js';
import { handler as lookupHandler } from '../../functions/audit-lookup.js';
import { handler as validateHandler } from '../../functions/identifiers-validate.js';
import { handler as batchHandler } from '../../functions/identifiers-validate-batch.js';
import { useAuditStore } from '../../functions/lib/audit-trail.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectedMask, expectNoRawIdentifiers, expectProblem, problemPaths } from '../helpers/assertions.js';
import { InMemoryAuditStore } from '../helpers/in-memory-audit-store.js';

const IIN = '850315300574';
const BIN = '940140000385';
const KG_PIN = '11503198500456';

const validate = (value: string, tenant: string) =>
  invoke(
    validateHandler,
    apiEvent({ method: 'POST', path: '/v1/identifiers/validate', body: { value }, apiKeyId: tenant }),
  );
const list = (tenant: string | null, query: Record<string, string> = {}) =>
  invoke(listHandler, apiEvent({ method: 'GET', path: '/v1/audit', query, apiKeyId: tenant }));
const lookup = (tenant: string | null, body: unknown) =>
  invoke(lookupHandler, apiEvent({ method: 'POST', path: '/v1/audit/lookup', body, apiKeyId: tenant }));

/** The UTC calendar day `days` from the given ISO timestamp. */
const dayOffset = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

describe('Audit routes', () => {
  let store: InMemoryAuditStore;
  /** checkIds of tenant-a's checks, oldest first. */
  let alphaChecks: string[];
  const savedEnv = { ...process.env };

  beforeAll(() => {
    process.env.HMAC_SECRET = 'audit-test-secret';
  });

  beforeEach(async () => {
    // Prepare (shared): tenant-a checks four values (IIN twice), tenant-b one, all through the real handlers.
    store = new InMemoryAuditStore();
    useAuditStore(store);
    alphaChecks = [];
    for (const value of [IIN, BIN, KG_PIN, '850-315-300-574']) {
      const res = await validate(value, 'tenant-a');
      expect(res.status).toBe(200);
      alphaChecks.push(res.json.checkId);
    }
    expect((await validate(IIN, 'tenant-b')).status).toBe(200);
  });

  afterEach(() => useAuditStore(undefined));

  afterAll(() => {
    process.env = savedEnv;
  });

  describe('Route: GET /v1/audit', () => {
    it("lists only the caller's records, newest first", async () => {
      // Act
      const res = await list('tenant-a');

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.items.map((i: { checkId: string }) => i.checkId)).toEqual([...alphaChecks].reverse());
      expect(res.json.cursor).toBeUndefined();
    });

    it('shows each record with its masked identifier and no hash internals or tenant', async () => {
      // Act
      const res = await list('tenant-a', { limit: '1' });

      // Assess
      expect(res.json.items).toEqual([
        {
          checkId: alphaChecks[3],
          createdAt: expect.any(String),
          operation: 'identifiers.validate',
          country: 'KZ',
          kind: 'IIN',
          valid: true,
          errorCodes: [],
          warningCodes: [],
          rulesetVersion: expect.any(String),
          identifierMasked: expectedMask(IIN),
        },
      ]);
      expectNoRawIdentifiers(res.json, [IIN]);
    });

    it('paginates with limit and cursor, without gaps or repeats', async () => {
      // Act
      const first = await list('tenant-a', { limit: '3' });
      const second = await list('tenant-a', { limit: '3', cursor: first.json.cursor });

      // Assess
      expect(first.json.items).toHaveLength(3);
      expect(first.json.cursor).toEqual(expect.any(String));
      expect(second.status).toBe(200);
      expect(second.json.cursor).toBeUndefined();
      const seen = [...first.json.items, ...second.json.items].map((i: { checkId: string }) => i.checkId);
      expect(seen).toEqual([...alphaChecks].reverse());
    });

    it('filters by from/to (inclusive calendar days)', async () => {
      // Prepare
      const createdAt = store.records[0]!.createdAt;
      const today = createdAt.slice(0, 10);

      // Act
      const sameDay = await list('tenant-a', { from: today, to: today });
      const fromTomorrow = await list('tenant-a', { from: dayOffset(createdAt, 1) });
      const toYesterday = await list('tenant-a', { to: dayOffset(createdAt, -1) });

      // Assess
      expect(sameDay.json.items).toHaveLength(4);
      expect(fromTomorrow.json.items).toEqual([]);
      expect(toYesterday.json.items).toEqual([]);
    });

    it("answers 400 when another tenant's cursor is used", async () => {
      // Prepare
      const alphaPage = await list('tenant-a', { limit: '1' });

      // Act
      const res = await list('tenant-b', { limit: '1', cursor: alphaPage.json.cursor });

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toEqual(['query.cursor']);
    });

    it.each([
      ['a malformed cursor', { cursor: '%%%not-a-cursor' }, 'query.cursor'],
      ['limit 0', { limit: '0' }, 'query.limit'],
      ['limit over 1000', { limit: '1001' }, 'query.limit'],
      ['a non-numeric limit', { limit: 'ten' }, 'query.limit'],
      ['a date that does not exist', { from: '2026-02-31' }, 'query.from'],
      ['a date in another format', { to: '22.11.2026' }, 'query.to'],
      ['from after to', { from: '2026-11-22', to: '2026-11-01' }, 'query.from'],
    ])('answers %s with 400', async (_case, query, path) => {
      // Act
      const res = await list('tenant-a', query);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
    });

    it('answers 401 when the request context has no apiKeyId', async () => {
      // Act
      const res = await list(null);

      // Assess
      expectProblem(res, 401);
    });

    it('answers 503 with Retry-After when the store is unavailable', async () => {
      // Prepare
      store.failWith();

      // Act
      const res = await list('tenant-a');

      // Assess
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toBeDefined();
    });
  });

  describe('Route: POST /v1/audit/lookup', () => {
    it("finds the caller's earlier checks of a value typed with separators, newest first", async () => {
      // Act
      const res = await lookup('tenant-a', { value: ' 850 315 300 574 ' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.items.map((i: { checkId: string }) => i.checkId)).toEqual([alphaChecks[3], alphaChecks[0]]);
      expect(res.json.items[0].identifierMasked).toBe(expectedMask(IIN));
    });

    it('finds checks made in a batch as well', async () => {
      // Prepare
      const batch = await invoke(
        batchHandler,
        apiEvent({
          method: 'POST',
          path: '/v1/identifiers/validate-batch',
          body: { items: [{ value: '51125607890' }] },
          apiKeyId: 'tenant-c',
        }),
      );

      // Act
      const res = await lookup('tenant-c', { value: '511.256.078.90' });

      // Assess
      expect(res.json.items).toEqual([
        expect.objectContaining({ checkId: batch.json.results[0].checkId, operation: 'identifiers.validate-batch' }),
      ]);
    });

    it('pages through every earlier check with limit and cursor, and refuses a cursor from another identifier', async () => {
      // Prepare: five checks of one value
      for (let i = 0; i < 5; i++) await validate('061211600012', 'tenant-p');

      // Act
      const first = await lookup('tenant-p', { value: '061211600012', limit: 2 });
      const second = await lookup('tenant-p', { value: '061211600012', limit: 2, cursor: first.json.cursor });
      const third = await lookup('tenant-p', { value: '061211600012', limit: 2, cursor: second.json.cursor });
      const foreign = await lookup('tenant-q', { value: '061211600012', limit: 2, cursor: first.json.cursor });

      // Assess
      const ids = [...first.json.items, ...second.json.items, ...third.json.items].map(
        (i: { checkId: string }) => i.checkId,
      );
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      expect([...ids].sort().reverse()).toEqual(ids);
      expect(third.json.cursor).toBeUndefined();
      expectProblem(foreign, 400);
    });

    it("never shows another tenant's checks", async () => {
      // Act
      const res = await lookup('tenant-b', { value: BIN });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.items).toEqual([]);
    });

    it('finds nothing for a value never checked', async () => {
      // Act
      const res = await lookup('tenant-a', { value: '900101400003' });

      // Assess
      expect(res.json).toEqual({ items: [] });
    });

    it.each([
      ['a missing value', {}],
      ['a number', { value: 850315300574 }],
      ['a value over 64 characters', { value: '8'.repeat(65) }],
    ])('answers %s with 400', async (_case, body) => {
      // Act
      const res = await lookup('tenant-a', body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain('body.value');
    });

    it('answers 401 without apiKeyId and 503 when the store is unavailable', async () => {
      // Act
      const unauthorized = await lookup(null, { value: IIN });
      store.failWith();
      const unavailable = await lookup('tenant-a', { value: IIN });

      // Assess
      expectProblem(unauthorized, 401);
      expectProblem(unavailable, 503);
      expect(unavailable.headers['retry-after']).toBeDefined();
    });
  });
});
