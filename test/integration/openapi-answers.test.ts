import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';
import { routes } from '../../shared/routes.js';
import { randomKzIin } from '../helpers/identifiers.js';
import { API_KEYS, type HttpAnswer, type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { answerChecker } from '../helpers/openapi-answers.js';

/**
 * Real answers of every route of the local stack — successes and every error the stack can produce —
 * checked against the published OpenAPI document: each status must be documented for its operation,
 * with its content type, required headers (Retry-After) and body schema (ajv, JSON Schema 2020-12).
 */
interface Call {
  method: string;
  path: string;
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  type?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

const KEY = API_KEYS.alpha;
const xml = (name: string) => readFileSync(new URL(`../fixtures/esf-xml/${name}`, import.meta.url), 'utf8');

async function call(baseUrl: string, c: Call): Promise<HttpAnswer> {
  const url = new URL(c.path, baseUrl);
  for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
  const body = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  const res = await fetch(url, {
    method: c.method,
    headers: {
      ...(c.key === null ? {} : { 'x-api-key': c.key ?? KEY }),
      ...(body === undefined ? {} : { 'content-type': c.type ?? 'application/json' }),
      ...c.headers,
    },
    body,
    signal: AbortSignal.timeout(25_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), text, json };
}

const r = routes;
/** A well-formed job id no job has. */
const UNKNOWN_JOB = '01JD8X6ZB4M1V7Q2C9R3T5W8YA';
const kzBin = '940140000385';
const esf = {
  country: 'KZ',
  supplier: { tin: kzBin, type: 'legal_entity' },
  buyer: { type: 'individual' },
  deliveryDate: '2026-03-10',
  lines: [{ net: 100, vatRate: 16 }],
};

/** [what, call, expected status]; the operation checked is the call's method and path unless `as` says. */
const CALLS: [string, Call, number, { method: string; path: string }?][] = [
  ['health', { method: 'GET', path: r.health.path, key: null }, 200],
  ['openapi', { method: 'GET', path: r.openapi.path, key: null }, 200],
  ['validate', { method: 'POST', path: r.validateIdentifier.path, body: { value: kzBin } }, 200],
  ['validate: missing value', { method: 'POST', path: r.validateIdentifier.path, body: {} }, 400],
  ['validate: bad JSON', { method: 'POST', path: r.validateIdentifier.path, rawBody: '{' }, 400],
  ['validate: no key', { method: 'POST', path: r.validateIdentifier.path, key: null, body: { value: kzBin } }, 401],
  ['validate: text/plain', { method: 'POST', path: r.validateIdentifier.path, rawBody: 'x', type: 'text/plain' }, 415],
  [
    'validate: over 10 MB',
    { method: 'POST', path: r.validateIdentifier.path, rawBody: `{"value":"${'1'.repeat(10 * 1024 * 1024)}"}` },
    413,
  ],
  [
    'batch',
    { method: 'POST', path: r.validateIdentifierBatch.path, body: { items: [{ value: kzBin, ref: 'a' }] } },
    200,
  ],
  [
    'batch: 10 001 items',
    {
      method: 'POST',
      path: r.validateIdentifierBatch.path,
      body: { items: Array.from({ length: 10_001 }, () => ({ value: kzBin })) },
    },
    413,
  ],
  ['audit list', { method: 'GET', path: r.auditList.path, query: { limit: '2' } }, 200],
  ['audit list: bad cursor', { method: 'GET', path: r.auditList.path, query: { cursor: 'nope' } }, 400],
  ['audit lookup', { method: 'POST', path: r.auditLookup.path, body: { value: kzBin } }, 200],
  ['audit lookup: not an identifier', { method: 'POST', path: r.auditLookup.path, body: { value: 'hello' } }, 400],
  ['esf json', { method: 'POST', path: r.esfPrecheck.path, body: esf }, 200],
  [
    'esf xml',
    { method: 'POST', path: r.esfPrecheck.path, rawBody: xml('domestic-16-2026.xml'), type: 'application/xml' },
    200,
  ],
  [
    'esf xml: no seller TIN',
    {
      method: 'POST',
      path: r.esfPrecheck.path,
      rawBody: xml('domestic-16-2026.xml').replace(/(<seller>[\s\S]*?)<tin>\d+<\/tin>/, '$1'),
      type: 'text/xml',
    },
    400,
  ],
  [
    'esf xml: over 2 MiB',
    {
      method: 'POST',
      path: r.esfPrecheck.path,
      rawBody: `${xml('domestic-16-2026.xml')}<!--${'x'.repeat(2 * 1024 * 1024)}-->`,
      type: 'application/xml',
    },
    413,
  ],
  ['esf: text/csv', { method: 'POST', path: r.esfPrecheck.path, rawBody: 'a,b', type: 'text/csv' }, 415],
  [
    'vat assess',
    {
      method: 'POST',
      path: r.vatAssess.path,
      body: {
        country: 'KZ',
        date: '2026-03-10',
        seller: { residence: 'DE' },
        buyer: { type: 'consumer', residence: 'KZ' },
        supply: { category: 'electronic_services' },
      },
    },
    200,
  ],
  ['vat assess: empty', { method: 'POST', path: r.vatAssess.path, body: {} }, 400],
  ['vat rates', { method: 'GET', path: r.vatRates.path, query: { country: 'KZ', date: '2026-03-10' } }, 200],
  ['vat rates: bad date', { method: 'GET', path: r.vatRates.path, query: { country: 'KZ', date: '2026-02-30' } }, 400],
  ['vat calendar', { method: 'GET', path: r.vatCalendar.path, query: { country: 'KG', year: '2026' } }, 200],
  ['vat calendar: no year', { method: 'GET', path: r.vatCalendar.path, query: { country: 'KG' } }, 400],
  [
    'residency',
    {
      method: 'POST',
      path: r.residencyKz.path,
      body: { taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-08-01' }] },
    },
    200,
  ],
  ['residency: no stays', { method: 'POST', path: r.residencyKz.path, body: { taxYear: 2026 } }, 400],
  ['rules', { method: 'GET', path: r.rules.path, query: { country: 'KG' } }, 200],
  ['rules: bad date', { method: 'GET', path: r.rules.path, query: { date: 'yesterday' } }, 400],
  [
    'jobs create',
    { method: 'POST', path: r.jobsCreate.path, body: { kind: 'validate', options: { country: 'KZ' } } },
    201,
  ],
  ['jobs create: unknown option', { method: 'POST', path: r.jobsCreate.path, body: { kind: 'validate', x: 1 } }, 400],
  ['jobs list', { method: 'GET', path: r.jobsList.path, query: { limit: '5' } }, 200],
  [
    'jobs get: unknown job',
    { method: 'GET', path: `/v1/jobs/${UNKNOWN_JOB}` },
    404,
    { method: 'GET', path: r.jobsGet.path },
  ],
  ['jobs get: bad id', { method: 'GET', path: '/v1/jobs/nope' }, 400, { method: 'GET', path: r.jobsGet.path }],
  [
    'jobs cancel: unknown job',
    { method: 'DELETE', path: `/v1/jobs/${UNKNOWN_JOB}` },
    404,
    { method: 'DELETE', path: r.jobsCancel.path },
  ],
  ['unknown path', { method: 'GET', path: '/v1/nothing-here' }, 404, { method: 'GET', path: r.vatRates.path }],
  [
    'wrong method',
    { method: 'GET', path: r.validateIdentifier.path },
    405,
    { method: 'POST', path: r.validateIdentifier.path },
  ],
  [
    'bad Idempotency-Key',
    { method: 'POST', path: r.vatAssess.path, body: {}, headers: { 'idempotency-key': 'ä' } },
    400,
  ],
];

let stack: LocalStack;
let outage: LocalStack;
let expectDocumented: ReturnType<typeof answerChecker>;

beforeAll(async () => {
  const closedPort = await freePort();
  [stack, outage] = await Promise.all([
    startLocalStack({}),
    startLocalStack({ dynamodbEndpoint: `http://127.0.0.1:${closedPort}` }),
  ]);
  expectDocumented = answerChecker(
    (await call(stack.baseUrl, { method: 'GET', path: r.openapi.path, key: null })).json,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([stack?.stop(), outage?.stop()]);
});

describe('Every real answer matches the OpenAPI document', () => {
  it.each(CALLS)('%s', async (_what, c, status, as) => {
    // Act
    const answer = await call(stack.baseUrl, c);

    // Assess
    expect(answer.status, answer.text.slice(0, 500)).toBe(status);
    expectDocumented(as?.method ?? c.method, as?.path ?? c.path, answer);
  });

  it('answers a created job, its view, its cancel and a second cancel (409) as documented', async () => {
    // Prepare
    const created = await call(stack.baseUrl, { method: 'POST', path: r.jobsCreate.path, body: { kind: 'validate' } });
    const path = `/v1/jobs/${(created.json as { jobId: string }).jobId}`;

    // Act
    const view = await call(stack.baseUrl, { method: 'GET', path });
    const cancel = await call(stack.baseUrl, { method: 'DELETE', path });
    const again = await call(stack.baseUrl, { method: 'DELETE', path });

    // Assess
    expect([created.status, view.status, cancel.status, again.status]).toEqual([201, 200, 200, 409]);
    expectDocumented('POST', r.jobsCreate.path, created);
    expectDocumented('GET', r.jobsGet.path, view);
    expectDocumented('DELETE', r.jobsCancel.path, cancel);
    expectDocumented('DELETE', r.jobsCancel.path, again);
  });

  it('answers 422 for an Idempotency-Key reused with another body, as documented', async () => {
    // Prepare
    const key = `openapi-${Date.now()}`;
    const first = { method: 'POST', path: r.validateIdentifier.path, headers: { 'idempotency-key': key } };
    await call(stack.baseUrl, { ...first, body: { value: kzBin } });

    // Act
    const answer = await call(stack.baseUrl, { ...first, body: { value: randomKzIin() } });

    // Assess
    expect(answer.status).toBe(422);
    expectDocumented('POST', r.validateIdentifier.path, answer);
  });

  it('answers 503 with Retry-After on every route that reaches the audit table while the database is down', async () => {
    // Prepare: the routes the document says can be unavailable, each with a valid request
    const valid = new Map(
      CALLS.filter(([, , s]) => s === 200 || s === 201).map(([, c]) => [`${c.method} ${c.path}`, c]),
    );
    // A well-formed id: the job routes reach the job records (in the audit table) before they know it is unknown.
    for (const route of [r.jobsGet, r.jobsCancel])
      valid.set(`${route.method} ${route.path}`, { method: route.method, path: `/v1/jobs/${UNKNOWN_JOB}` });
    const document = (await call(outage.baseUrl, { method: 'GET', path: r.openapi.path, key: null })).json;
    const unavailable = Object.values(routes).filter(
      (route) => '503' in document.paths[route.path][route.method.toLowerCase()].responses,
    );

    // Act
    const answers = await Promise.all(
      unavailable.map(async (route) => {
        const c = valid.get(`${route.method} ${route.path}`);
        if (!c) throw new Error(`no valid request for ${route.id}`);
        return { route, answer: await call(outage.baseUrl, c) };
      }),
    );

    // Assess
    expect(unavailable.map((route) => route.id).sort()).toEqual(
      [
        'audit-list',
        'audit-lookup',
        'esf-precheck',
        'identifiers-validate',
        'identifiers-validate-batch',
        'jobs-cancel',
        'jobs-create',
        'jobs-get',
        'jobs-list',
        'residency-kz',
        'vat-assess',
      ].sort(),
    );
    for (const { route, answer } of answers) {
      expect(answer.status, route.id).toBe(503);
      expectDocumented(route.method, route.path, answer);
    }
    const rates = await call(outage.baseUrl, valid.get(`GET ${r.vatRates.path}`) ?? { method: 'GET', path: '/' });
    expect(rates.status).toBe(200);
  });

  it('serves the rendered reference at /docs with its script from the stack itself', async () => {
    // Act
    const page = await call(stack.baseUrl, { method: 'GET', path: '/docs', key: null });
    const script = page.text.match(/<script src="([^"]+)"/)?.[1] ?? '';
    const bundle = await call(stack.baseUrl, { method: 'GET', path: script, key: null });

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.text).toContain(`data-url="${r.openapi.path}"`);
    expect(script).toMatch(/^\/docs\//);
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/^text\/javascript/);
    expect(page.text).not.toMatch(/https?:\/\//);
  });
});
