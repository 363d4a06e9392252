import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '../../shared/routes.js';
import { expectedMask, expectNoRawIdentifiers, expectProblem, problemPaths } from '../helpers/assertions.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import { breakCheckDigit, randomKgPin, randomKzBin, randomKzIin, typedWithSeparators } from '../helpers/identifiers.js';
import {
  API_KEYS,
  HMAC_SECRET,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/**
 * The real local stack (`local/start.ts`) over HTTP, on a real in-memory DynamoDB Local. No fakes.
 */
let env: IntegrationEnvironment;
let table: AuditTableReader;
/** Every identifier this file sends, as sent: none may ever reach the table or the logs. */
const sent: string[] = [];

const hmac = (normalized: string) => createHmac('sha256', HMAC_SECRET).update(normalized, 'utf8').digest('hex');

const validate = (body: { value: string; country?: string; kind?: string }, key: string = API_KEYS.alpha) => {
  sent.push(body.value);
  return env.api('POST', '/v1/identifiers/validate', { key, body });
};
const validateBatch = (items: { value: string; ref?: string; country?: string }[], key: string = API_KEYS.alpha) => {
  sent.push(...items.map((i) => i.value));
  return env.api('POST', '/v1/identifiers/validate-batch', { key, body: { items } });
};

beforeAll(async () => {
  // Log everything the functions log, so the leak check below sees it all.
  env = await startIntegrationEnvironment({ POWERTOOLS_LOG_LEVEL: 'DEBUG' });
  table = new AuditTableReader(env.client, TABLE_NAME);
});

afterAll(async () => {
  await env?.stop();
});

describe('Route: POST /v1/identifiers/validate', () => {
  it('answers a valid IIN per contract and writes its record to DynamoDB', async () => {
    // Prepare
    const iin = randomKzIin();

    // Act
    const res = await validate({ value: iin });

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toEqual({
      valid: true,
      country: 'KZ',
      kind: 'IIN',
      normalized: iin,
      errors: [],
      warnings: [],
      details: {
        holder: 'individual',
        birthDate: expect.stringMatching(/^19\d{2}-\d{2}-\d{2}$/),
        sex: expect.stringMatching(/^(male|female)$/),
      },
      checkId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    });
    const item = await table.get('T#alpha', res.json.checkId);
    expect(item).toMatchObject({
      pk: 'T#alpha',
      sk: res.json.checkId,
      gsi1pk: `T#alpha#H#${hmac(iin)}`,
      tenant: 'alpha',
      checkId: res.json.checkId,
      operation: 'identifiers.validate',
      country: 'KZ',
      kind: 'IIN',
      valid: true,
      errorCodes: [],
      warningCodes: [],
      rulesetVersion: expect.any(String),
      identifier: { hmac: hmac(iin), masked: expectedMask(iin) },
      expiresAt: expect.any(Number),
    });
  });

  it('answers an invalid identifier as 200 valid:false, and records it with its error codes', async () => {
    // Prepare
    const broken = breakCheckDigit(randomKzBin());

    // Act
    const res = await validate({ value: broken, country: 'KZ' });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ valid: false, country: 'KZ', normalized: broken });
    expect(res.json.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CHECKSUM']);
    expect(await table.get('T#alpha', res.json.checkId)).toMatchObject({
      valid: false,
      errorCodes: ['INVALID_CHECKSUM'],
    });
  });

  it('writes the record under the calling tenant', async () => {
    // Prepare
    const pin = randomKgPin();

    // Act
    const res = await validate({ value: pin }, API_KEYS.beta);

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ valid: true, country: 'KG', kind: 'PIN' });
    expect(await table.get('T#beta', res.json.checkId)).toMatchObject({ tenant: 'beta', country: 'KG' });
    expect(await table.get('T#alpha', res.json.checkId)).toBeUndefined();
  });

  it.each([
    ['bad JSON', { rawBody: '{"value": ' }, undefined],
    ['an unknown country', { body: { value: '850315300574', country: 'RU' } }, 'body.country'],
    ['a number for value', { body: { value: 850315300574 } }, 'body.value'],
    ['a value over 64 characters', { body: { value: '7'.repeat(65) } }, 'body.value'],
  ])('answers %s with 400 problem+json', async (_case, request, path) => {
    // Act
    const res = await env.api('POST', '/v1/identifiers/validate', { key: API_KEYS.alpha, ...request });

    // Assess
    expectProblem(res, 400);
    if (path) expect(problemPaths(res)).toContain(path);
  });
});

describe('Route: POST /v1/identifiers/validate-batch', () => {
  it('answers summary and results in request order, and writes one item per identifier', async () => {
    // Prepare
    const iin = randomKzIin();
    const items = [
      { value: iin, ref: 'inv-1' },
      { value: breakCheckDigit(randomKzIin()), ref: 'inv-2' },
      { value: randomKgPin(), ref: 'inv-3' },
      { value: typedWithSeparators(randomKzBin()) },
      { value: iin.slice(1), ref: 'inv-5' }, // 11 digits
    ];

    // Act
    const res = await validateBatch(items);

    // Assess
    expect(res.status).toBe(200);
    const results = res.json.results as {
      checkId: string;
      ref?: string;
      valid: boolean;
      normalized: string;
      warnings: unknown[];
    }[];
    expect(results).toHaveLength(5);
    expect(results.map((r) => r.ref)).toEqual(['inv-1', 'inv-2', 'inv-3', undefined, 'inv-5']);
    expect(results.map((r) => r.normalized)).toEqual(items.map((i) => i.value.replace(/[\s.-]/g, '')));
    expect(results.slice(0, 4).map((r) => r.valid)).toEqual([true, false, true, true]);
    expect(res.json.summary).toEqual({
      total: 5,
      valid: results.filter((r) => r.valid).length,
      invalid: results.filter((r) => !r.valid).length,
      withWarnings: results.filter((r) => r.warnings.length > 0).length,
    });
    const ids = results.map((r) => r.checkId);
    const stored = await table.queryRange('T#alpha', [...ids].sort()[0]!, [...ids].sort().at(-1)!);
    expect(stored.map((i) => i.checkId)).toEqual(ids);
    expect(stored.every((i) => i.operation === 'identifiers.validate-batch')).toBe(true);
  });

  it('writes every record of a batch larger than one DynamoDB write batch', async () => {
    // Prepare
    const items = Array.from({ length: 300 }, (_, i) => ({ value: randomKzIin(), ref: `r${i}` }));

    // Act
    const res = await validateBatch(items);

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.summary).toEqual({ total: 300, valid: 300, invalid: 0, withWarnings: 0 });
    const ids = (res.json.results as { checkId: string }[]).map((r) => r.checkId);
    const stored = await table.queryRange('T#alpha', ids[0]!, ids.at(-1)!);
    expect(stored).toHaveLength(300);
    expect(new Set(stored.map((i) => i.checkId))).toEqual(new Set(ids));
  });

  it('answers 10 001 items with 413 problem+json', async () => {
    // Prepare
    const items = Array.from({ length: 10_001 }, () => ({ value: '850315300574' }));
    const before = (await table.scanRecords()).length;

    // Act
    const res = await env.api('POST', '/v1/identifiers/validate-batch', { key: API_KEYS.alpha, body: { items } });

    // Assess
    expectProblem(res, 413);
    expect((await table.scanRecords()).length).toBe(before);
  });
});

describe('Audit storage: no raw identifiers', () => {
  it('stores no identifier value that was sent, in any form, anywhere in the table', async () => {
    // Prepare: values in every shape a caller may send them
    const iin = randomKzIin();
    const forms = [
      iin,
      typedWithSeparators(randomKzIin()),
      `${randomKzBin()}\u00a0`,
      breakCheckDigit(randomKzIin()),
      randomKgPin(),
      iin.slice(1),
    ];
    for (const value of forms) expect((await validate({ value })).status).toBe(200);
    expect((await validateBatch(forms.map((value) => ({ value: typedWithSeparators(value.trim()) })))).status).toBe(
      200,
    );

    // Act
    const items = await table.scanAll();

    // Assess
    expect(items.length).toBeGreaterThanOrEqual(sent.length);
    expectNoRawIdentifiers(items, sent);
  });

  it('masks show only the last 4 digits of the normalized identifier', async () => {
    // Prepare
    const iin = randomKzIin();
    const res = await validate({ value: typedWithSeparators(iin) });

    // Act
    const items = await table.scanRecords();

    // Assess
    expect((await table.get('T#alpha', res.json.checkId))!.identifier).toEqual({
      hmac: hmac(iin),
      masked: `********${iin.slice(-4)}`,
    });
    for (const item of items) {
      const { masked } = item.identifier as { masked: string };
      expect(masked).toMatch(/^\*+\d{4}$/);
    }
  });

  it('keeps no identifier in the idempotency records either (stored answers are sealed)', async () => {
    // Prepare: answers echo the identifier (`normalized`), and a key makes Powertools store the answer
    const iin = randomKzIin();
    sent.push(iin);
    const headers = { 'idempotency-key': `pii-${iin.slice(-6)}-${Date.now()}` };
    const first = await env.api('POST', '/v1/identifiers/validate', {
      key: API_KEYS.alpha,
      body: { value: iin },
      headers,
    });

    // Act
    const replay = await env.api('POST', '/v1/identifiers/validate', {
      key: API_KEYS.alpha,
      body: { value: iin },
      headers,
    });
    const items = await table.scanAll();

    // Assess
    expect(first.json.normalized).toBe(iin);
    expect(replay.json).toEqual(first.json);
    expect(items.some((item) => String(item.pk).startsWith('I#'))).toBe(true);
    expectNoRawIdentifiers(items, sent);
  });

  it('logs no identifier value either', async () => {
    // Prepare
    const iin = randomKzIin();
    await validate({ value: iin });
    await env.api('POST', '/v1/identifiers/validate', { key: API_KEYS.alpha, body: { value: iin, kind: 'WRONG' } });

    // Act
    const output = env.stack.output();

    // Assess
    expect(output).toContain('Salyk API on http://127.0.0.1:');
    expectNoRawIdentifiers(output, sent);
  });
});

describe('API keys and routing', () => {
  it.each([
    ['no x-api-key', undefined],
    ['an unknown x-api-key', 'key-gamma'],
    ['an empty x-api-key', ''],
  ])('answers %s with 401 problem+json and records nothing', async (_case, key) => {
    // Prepare
    const before = (await table.scanAll()).length;

    // Act
    const res = await env.api('POST', '/v1/identifiers/validate', { key, body: { value: randomKzIin() } });
    const list = await env.api('GET', '/v1/audit', { key });

    // Assess
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toContain('x-api-key');
    expectProblem(list, 401);
    expect((await table.scanAll()).length).toBe(before);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    // Act
    const res = await env.api('GET', '/v1/nothing-here', { key: API_KEYS.alpha });

    // Assess
    expectProblem(res, 404);
  });

  it('answers a known path with the wrong method with 405 problem+json', async () => {
    // Act
    const res = await env.api('GET', '/v1/identifiers/validate', { key: API_KEYS.alpha });

    // Assess
    expectProblem(res, 405);
  });

  it('answers GET /health without a key', async () => {
    // Act
    const res = await env.api('GET', '/health');

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('answers GET /v1/openapi.json without a key: OpenAPI 3.x with every route', async () => {
    // Act
    const res = await env.api('GET', '/v1/openapi.json');

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json.openapi).toMatch(/^3\./);
    for (const route of routeList)
      expect(res.json.paths[route.path]?.[route.method.toLowerCase()], route.path).toBeDefined();
  });
});
