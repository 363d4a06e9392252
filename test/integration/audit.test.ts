import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedMask, expectNoRawIdentifiers, expectProblem, problemPaths } from '../helpers/assertions.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import { randomKgPin, randomKzBin, randomKzIin, typedWithSeparators } from '../helpers/identifiers.js';
import {
  API_KEYS,
  type HttpAnswer,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/**
 * The audit routes over HTTP against the real local stack and a real in-memory DynamoDB Local.
 * Tenants alpha and beta check identifiers through the API first; every test reads what they left.
 */
let env: IntegrationEnvironment;
let table: AuditTableReader;

/** alpha checks this IIN twice (once typed with separators), beta checks it once. */
const shared = randomKzIin();
/** Only alpha checks this BIN. */
const alphaOnly = randomKzBin();
/** alpha's checkIds, oldest first. */
const alphaChecks: string[] = [];
/** beta's checkIds, oldest first. */
const betaChecks: string[] = [];

type Item = { checkId: string; createdAt: string; identifierMasked?: string; operation: string };
const ids = (res: HttpAnswer) => (res.json.items as Item[]).map((i) => i.checkId);

const list = (key: string, query: Record<string, string> = {}) => env.api('GET', '/v1/audit', { key, query });
const lookup = (key: string, value: string) => env.api('POST', '/v1/audit/lookup', { key, body: { value } });

/** Follows cursors until the last page; returns the pages. */
async function allPages(key: string, query: Record<string, string>): Promise<HttpAnswer[]> {
  const pages: HttpAnswer[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(key, { ...query, ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    pages.push(page);
    cursor = page.json.cursor;
  } while (cursor && pages.length < 50);
  return pages;
}

const dayOffset = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await startIntegrationEnvironment();
  table = new AuditTableReader(env.client, TABLE_NAME);
  const check = async (key: string, value: string) => {
    const res = await env.api('POST', '/v1/identifiers/validate', { key, body: { value } });
    expect(res.status).toBe(200);
    return res.json.checkId as string;
  };
  alphaChecks.push(await check(API_KEYS.alpha, shared));
  alphaChecks.push(await check(API_KEYS.alpha, alphaOnly));
  betaChecks.push(await check(API_KEYS.beta, shared));
  const batch = await env.api('POST', '/v1/identifiers/validate-batch', {
    key: API_KEYS.alpha,
    body: { items: [randomKzIin(), randomKgPin(), randomKzBin(), randomKzIin()].map((value) => ({ value })) },
  });
  expect(batch.status).toBe(200);
  alphaChecks.push(...(batch.json.results as { checkId: string }[]).map((r) => r.checkId));
  alphaChecks.push(await check(API_KEYS.alpha, typedWithSeparators(shared)));
  betaChecks.push(await check(API_KEYS.beta, randomKgPin()));
});

afterAll(async () => {
  await env?.stop();
});

describe('Route: GET /v1/audit', () => {
  it("lists the caller's records, newest first", async () => {
    // Act
    const res = await list(API_KEYS.alpha);

    // Assess
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([...alphaChecks].reverse());
    expect(res.json.cursor).toBeUndefined();
    const createdAt = (res.json.items as Item[]).map((i) => i.createdAt);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
  });

  it('shows records with masked identifiers and no raw value or hash', async () => {
    // Act
    const res = await list(API_KEYS.alpha);

    // Assess
    const latest = (res.json.items as Item[])[0]!;
    expect(latest).toMatchObject({ operation: 'identifiers.validate', identifierMasked: expectedMask(shared) });
    expect(latest).not.toHaveProperty('identifier');
    expect(latest).not.toHaveProperty('tenant');
    expectNoRawIdentifiers(res.json, [shared, alphaOnly]);
  });

  it('paginates with limit and cursor: every record once, in order', async () => {
    // Act
    const pages = await allPages(API_KEYS.alpha, { limit: '3' });

    // Assess
    expect(pages.length).toBe(Math.ceil(alphaChecks.length / 3));
    for (const page of pages) expect(page.json.items.length).toBeLessThanOrEqual(3);
    expect(pages.slice(0, -1).every((p) => typeof p.json.cursor === 'string')).toBe(true);
    expect(pages.flatMap(ids)).toEqual([...alphaChecks].reverse());
  });

  it('filters by from/to, inclusive, on the key range', async () => {
    // Prepare
    const { createdAt } = (await list(API_KEYS.alpha, { limit: '1' })).json.items[0] as Item;
    const today = createdAt.slice(0, 10);

    // Act
    const sameDay = await list(API_KEYS.alpha, { from: today, to: today });
    const untilToday = await list(API_KEYS.alpha, { to: today });
    const fromTomorrow = await list(API_KEYS.alpha, { from: dayOffset(createdAt, 1) });
    const untilYesterday = await list(API_KEYS.alpha, { to: dayOffset(createdAt, -1) });
    const pagedDay = await allPages(API_KEYS.alpha, { from: today, to: today, limit: '2' });

    // Assess
    expect(ids(sameDay)).toEqual([...alphaChecks].reverse());
    expect(ids(untilToday)).toEqual([...alphaChecks].reverse());
    expect(fromTomorrow.json.items).toEqual([]);
    expect(untilYesterday.json.items).toEqual([]);
    expect(pagedDay.flatMap(ids)).toEqual([...alphaChecks].reverse());
  });

  it.each([
    ['a malformed cursor', { cursor: 'bm90LWEtY3Vyc29y' }, 'query.cursor'],
    ['from after to', { from: '2026-03-02', to: '2026-03-01' }, 'query.from'],
    ['a limit of 0', { limit: '0' }, 'query.limit'],
  ])('answers %s with 400 problem+json', async (_case, query, path) => {
    // Act
    const res = await list(API_KEYS.alpha, query);

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toContain(path);
  });
});

describe('Tenant isolation', () => {
  it("never lists another tenant's records", async () => {
    // Act
    const betaList = await list(API_KEYS.beta);

    // Assess
    expect(ids(betaList)).toEqual([...betaChecks].reverse());
    expect(ids(betaList).some((id) => alphaChecks.includes(id))).toBe(false);
  });

  it("never finds another tenant's checks by lookup", async () => {
    // Act
    const betaLooksUpAlphaOnly = await lookup(API_KEYS.beta, alphaOnly);
    const betaLooksUpShared = await lookup(API_KEYS.beta, shared);

    // Assess
    expect(betaLooksUpAlphaOnly.status).toBe(200);
    expect(betaLooksUpAlphaOnly.json.items).toEqual([]);
    expect(ids(betaLooksUpShared)).toEqual([betaChecks[0]]);
  });

  it("answers 400 when beta uses alpha's cursor, and shows nothing of alpha's", async () => {
    // Prepare
    const alphaPage = await list(API_KEYS.alpha, { limit: '2' });
    expect(alphaPage.json.cursor).toEqual(expect.any(String));

    // Act
    const res = await list(API_KEYS.beta, { limit: '2', cursor: alphaPage.json.cursor });

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual(['query.cursor']);
    expect(res.text).not.toContain(alphaChecks[0]!);
  });

  it('keeps each tenant in its own partition in DynamoDB', async () => {
    // Act
    const alphaItems = await table.queryPartition('T#alpha');
    const betaItems = await table.queryPartition('T#beta');

    // Assess
    expect(alphaItems.map((i) => i.checkId)).toEqual(alphaChecks);
    expect(betaItems.map((i) => i.checkId)).toEqual(betaChecks);
    expect(alphaItems.every((i) => i.tenant === 'alpha' && String(i.gsi1pk).startsWith('T#alpha#H#'))).toBe(true);
    expect(betaItems.every((i) => i.tenant === 'beta' && String(i.gsi1pk).startsWith('T#beta#H#'))).toBe(true);
  });
});

describe('Route: POST /v1/audit/lookup', () => {
  it('pages through all earlier checks of one identifier (limit + cursor), newest first', async () => {
    // Prepare
    const value = '990140004654';
    for (let i = 0; i < 3; i++)
      await env.api('POST', '/v1/identifiers/validate', { key: API_KEYS.beta, body: { value } });

    // Act
    const first = await env.api('POST', '/v1/audit/lookup', { key: API_KEYS.beta, body: { value, limit: 2 } });
    const second = await env.api('POST', '/v1/audit/lookup', {
      key: API_KEYS.beta,
      body: { value, limit: 2, cursor: (first.json as { cursor: string }).cursor },
    });

    // Assess
    const ids = [
      ...(first.json as { items: { checkId: string }[] }).items,
      ...(second.json as { items: { checkId: string }[] }).items,
    ].map((i) => i.checkId);
    expect(ids).toHaveLength(3);
    expect([...ids].sort().reverse()).toEqual(ids);
  });
  it('finds earlier checks of a value typed with separators, newest first', async () => {
    // Prepare
    const typed = `${shared.slice(0, 4)}-${shared.slice(4, 8)}-${shared.slice(8)}`;

    // Act
    const res = await lookup(API_KEYS.alpha, typed);

    // Assess
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([alphaChecks.at(-1), alphaChecks[0]]);
    expect((res.json.items as Item[]).every((i) => i.identifierMasked === expectedMask(shared))).toBe(true);
  });

  it('finds checks made in a batch', async () => {
    // Prepare
    const value = randomKzBin();
    const batch = await env.api('POST', '/v1/identifiers/validate-batch', {
      key: API_KEYS.beta,
      body: { items: [{ value: ` ${value} ` }] },
    });
    betaChecks.push(batch.json.results[0].checkId);

    // Act
    const res = await lookup(API_KEYS.beta, value);

    // Assess
    expect(res.json.items).toEqual([
      expect.objectContaining({ checkId: batch.json.results[0].checkId, operation: 'identifiers.validate-batch' }),
    ]);
  });

  it('finds nothing for a value never checked', async () => {
    // Act
    const res = await lookup(API_KEYS.alpha, randomKzIin());

    // Assess
    expect(res.json).toEqual({ items: [] });
  });

  it('answers 401 without a key and 400 without a value', async () => {
    // Act
    const noKey = await env.api('POST', '/v1/audit/lookup', { body: { value: shared } });
    const noValue = await env.api('POST', '/v1/audit/lookup', { key: API_KEYS.alpha, body: {} });

    // Assess
    expectProblem(noKey, 401);
    expectProblem(noValue, 400);
    expect(problemPaths(noValue)).toContain('body.value');
  });
});
