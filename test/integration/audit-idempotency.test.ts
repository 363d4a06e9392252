import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/assertions.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import { randomKzIin } from '../helpers/identifiers.js';
import {
  API_KEYS,
  type HttpAnswer,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/** Idempotent retries and sealed cursors, over HTTP on the real local stack and DynamoDB Local. */
let env: IntegrationEnvironment;
let table: AuditTableReader;

beforeAll(async () => {
  env = await startIntegrationEnvironment();
  table = new AuditTableReader(env.client, TABLE_NAME);
}, 60_000);

afterAll(async () => {
  await env?.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const res = await fetch(new URL(path, env.stack.baseUrl), {
    method: 'POST',
    headers: { 'x-api-key': API_KEYS.alpha, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    text,
    json: text ? JSON.parse(text) : undefined,
  };
}

const alphaRecords = async () => (await table.queryPartition('T#alpha')).length;

describe('Idempotency-Key', () => {
  it('answers a retry with the first answer (same checkId) and adds no record', async () => {
    // Prepare
    const body = { value: randomKzIin() };
    const key = { 'Idempotency-Key': `retry-${Date.now()}` };
    const before = await alphaRecords();

    // Act
    const first = await post('/v1/identifiers/validate', body, key);
    const retry = await post('/v1/identifiers/validate', body, key);

    // Assess
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.json.checkId).toBe(first.json.checkId);
    expect(await alphaRecords()).toBe(before + 1);
  });

  it('gives every item of a retried batch the same checkId and writes each record once', async () => {
    // Prepare
    const body = { items: Array.from({ length: 60 }, () => ({ value: randomKzIin() })) };
    const key = { 'Idempotency-Key': `batch-${Date.now()}` };
    const before = await alphaRecords();

    // Act
    const first = await post('/v1/identifiers/validate-batch', body, key);
    const retry = await post('/v1/identifiers/validate-batch', body, key);

    // Assess
    expect(first.status).toBe(200);
    expect(retry.json.results.map((r: { checkId: string }) => r.checkId)).toEqual(
      first.json.results.map((r: { checkId: string }) => r.checkId),
    );
    expect(await alphaRecords()).toBe(before + 60);
  });

  it('answers 422 problem+json when the key is reused with another body, and writes nothing', async () => {
    // Prepare
    const key = { 'Idempotency-Key': `reuse-${Date.now()}` };
    await post('/v1/identifiers/validate', { value: randomKzIin() }, key);
    const before = await alphaRecords();

    // Act
    const res = await post('/v1/identifiers/validate', { value: randomKzIin() }, key);

    // Assess
    expectProblem(res, 422);
    expect(res.json.errors[0].path).toBe('headers.idempotency-key');
    expect(await alphaRecords()).toBe(before);
  });

  it('keeps keys per tenant: the same key from another tenant is a new request', async () => {
    // Prepare
    const body = { value: randomKzIin() };
    const key = `tenant-scope-${Date.now()}`;

    // Act
    const alpha = await post('/v1/identifiers/validate', body, { 'Idempotency-Key': key });
    const beta = await post('/v1/identifiers/validate', body, { 'Idempotency-Key': key, 'x-api-key': API_KEYS.beta });

    // Assess
    expect(alpha.status).toBe(200);
    expect(beta.status).toBe(200);
    expect(beta.json.checkId).not.toBe(alpha.json.checkId);
  });
});

describe('Cursors', () => {
  it('are opaque: no tenant id and no identifier HMAC in a lookup cursor', async () => {
    // Prepare
    const value = randomKzIin();
    for (let i = 0; i < 3; i++) await post('/v1/identifiers/validate', { value });

    // Act
    const page = await post('/v1/audit/lookup', { value, limit: 1 });

    // Assess
    expect(page.status).toBe(200);
    const decoded = Buffer.from(page.json.cursor.split('.').at(-1), 'base64url').toString('latin1');
    expect(decoded).not.toContain('alpha');
    expect(page.json.cursor).not.toContain('alpha');
  });

  it('answer 400 at query.cursor / body.cursor when tampered with, never 503', async () => {
    // Prepare
    const value = randomKzIin();
    for (let i = 0; i < 3; i++) await post('/v1/identifiers/validate', { value });
    const listed = await env.api('GET', '/v1/audit', { key: API_KEYS.alpha, query: { limit: '1' } });
    const looked = await post('/v1/audit/lookup', { value, limit: 1 });
    const flip = (c: string) => `${c.slice(0, -3)}${c.at(-3) === 'A' ? 'B' : 'A'}${c.slice(-2)}`;

    // Act
    const badList = await env.api('GET', '/v1/audit', {
      key: API_KEYS.alpha,
      query: { cursor: flip(listed.json.cursor) },
    });
    const badLookup = await post('/v1/audit/lookup', { value, cursor: flip(looked.json.cursor) });
    const foreign = await env.api('GET', '/v1/audit', { key: API_KEYS.beta, query: { cursor: listed.json.cursor } });
    const garbage = await env.api('GET', '/v1/audit', { key: API_KEYS.alpha, query: { cursor: 'not-a-cursor' } });

    // Assess
    expectProblem(badList, 400);
    expect(badList.json.errors[0].path).toBe('query.cursor');
    expectProblem(badLookup, 400);
    expect(badLookup.json.errors[0].path).toBe('body.cursor');
    expectProblem(foreign, 400);
    expectProblem(garbage, 400);
  });
});
