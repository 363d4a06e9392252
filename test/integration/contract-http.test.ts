import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kzInvoice, TIN } from '../fixtures/esf-invoices.js';
import { expectProblem } from '../helpers/assertions.js';
import { API_KEYS, type IntegrationEnvironment, startIntegrationEnvironment } from '../helpers/local-stack.js';

/**
 * The November contract additions over real HTTP on the local stack (DynamoDB Local behind it): strict
 * bodies and queries, codes in any letter case, and the answer's language from `?lang=` / `Accept-Language`
 * carried back in `Content-Language`, on 200s and problems alike.
 */
let env: IntegrationEnvironment;

beforeAll(async () => {
  env = await startIntegrationEnvironment();
});

afterAll(async () => {
  await env?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, asserted field by field
  json: any;
}

/** One call with the headers a browser or an invoicing tool would send. */
async function call(method: 'GET' | 'POST', target: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(target, env.stack.baseUrl), {
    method,
    headers: {
      'x-api-key': API_KEYS.alpha,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, headers: Object.fromEntries(res.headers), json: text ? JSON.parse(text) : undefined };
}

describe('Contract over HTTP: strictness, letter case, languages', () => {
  it('refuses a misspelt ESF field with "did you mean", in English by default', async () => {
    // Act
    const res: Answer = await call('POST', '/v1/esf/precheck', { ...kzInvoice(), exportEvidences: ['contract'] });

    // Assess
    expectProblem(res, 400);
    expect(res.headers['content-language']).toBe('en');
    expect(res.json.errors).toEqual([
      { path: 'body.exportEvidences', message: 'unknown field `exportEvidences` — did you mean `exportEvidence`?' },
    ]);
  });

  it('takes "kz" and answers "KZ", with Content-Language from Accept-Language', async () => {
    // Act
    const res: Answer = await call(
      'POST',
      '/v1/identifiers/validate',
      { value: TIN.kzBin, country: 'kz', kind: 'bin' },
      { 'accept-language': 'ru-RU,ru;q=0.9' },
    );

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('ru');
    expect(res.json).toMatchObject({ valid: true, country: 'KZ', kind: 'BIN' });
  });

  it('lets ?lang= choose the language of a problem over Accept-Language', async () => {
    // Act
    const res: Answer = await call(
      'POST',
      '/v1/identifiers/validate?lang=ky',
      { value: 61211600012 },
      {
        'accept-language': 'ru',
      },
    );

    // Assess
    expectProblem(res, 400);
    expect(res.headers['content-language']).toBe('ky');
    expect(res.json.type).toBe('urn:salyk:problem:invalid-request');
    expect(res.json.title).toBe('Суроо туура эмес');
    expect(res.json.errors[0]).toEqual({
      path: 'body.value',
      message: expect.stringContaining('санда алдыңкы нөлдөр жоголот'),
    });
  });

  it('refuses a misspelt query parameter and takes a lower-case country in the query', async () => {
    // Act
    const misspelt: Answer = await call('GET', '/v1/vat/rates?contry=KZ&date=2026-03-10');
    const lower: Answer = await call('GET', '/v1/vat/rates?country=kz&date=2026-03-10&lang=kk');

    // Assess
    expectProblem(misspelt, 400);
    expect(misspelt.json.errors).toContainEqual({
      path: 'query.contry',
      message: 'unknown query parameter `contry` — did you mean `country`?',
    });
    expect(lower.status).toBe(200);
    expect(lower.headers['content-language']).toBe('kk');
    expect(lower.json.country).toBe('KZ');
  });

  it('words a date with a time and money with a comma, naming each field', async () => {
    // Act
    const res: Answer = await call('POST', '/v1/vat/assess', {
      country: 'kg',
      date: '2026-03-10T12:00:00Z',
      seller: { residence: 'us' },
      buyer: { type: 'consumer', residence: 'KG' },
      supply: { category: 'electronic_services', net: '1 000,50' },
    });

    // Assess
    expectProblem(res, 400);
    expect(res.json.errors).toEqual([
      {
        path: 'body.date',
        message:
          '`date`: a calendar date YYYY-MM-DD without a time is expected — send "2026-03-10" without the time part',
      },
      {
        path: 'body.supply.net',
        message:
          '`supply.net`: write an amount as a number or a decimal string like "1000.50"; no spaces or comma decimals — did you mean "1000.50"?',
      },
    ]);
  });
});
