import { describe, expect, it } from 'vitest';
import { handler as precheckHandler } from '../../functions/esf-precheck.js';
import { handler as validateHandler } from '../../functions/identifiers-validate.js';
import { handler as ratesHandler } from '../../functions/vat-rates.js';
import { kzInvoice, TIN } from '../fixtures/esf-invoices.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

/**
 * Languages over HTTP: `?lang=` wins over `Accept-Language`, which wins over English; every answer says which
 * in `Content-Language`; problem titles, details and field messages follow it while `type` URNs, codes and
 * paths never change.
 */

const PATH = '/v1/identifiers/validate';
const validate = (body: unknown, headers: Record<string, string> = {}, query?: Record<string, string>) =>
  invoke(validateHandler, apiEvent({ method: 'POST', path: PATH, body, headers, query }));

/** A missing `value`, as each language words it. */
const MISSING_VALUE = {
  en: /^missing required field `value`/,
  ru: /^нет обязательного поля `value`/,
  kk: /^міндетті `value` өрісі жоқ/,
  ky: /^милдеттүү `value` талаасы жок/,
};
const TITLES = { en: 'Invalid request', ru: 'Некорректный запрос', kk: 'Сұрау қате', ky: 'Суроо туура эмес' };

describe('Contract: languages', () => {
  const audit = useFakeAuditTrail('languages-secret');

  it.each([
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['kk', 'kk'],
    ['ky-KG', 'ky'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
  ] as const)('Accept-Language %j answers a 200 with Content-Language %s', async (header, lang) => {
    // Act
    const res = await validate({ value: TIN.kzBin }, { 'Accept-Language': header });

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe(lang);
    expect(audit.store.records).toHaveLength(1);
  });

  it.each(['ru', 'kk', 'ky', 'en'] as const)('words a problem in %s and keeps its type and path', async (lang) => {
    // Act
    const res = await validate({ country: 'KZ' }, { 'accept-language': lang });

    // Assess
    expectProblem(res, 400);
    expect(res.headers['content-language']).toBe(lang);
    expect(res.json.type).toBe('urn:salyk:problem:invalid-request');
    expect(res.json.title).toBe(TITLES[lang]);
    expect(res.json.errors[0].path).toBe('body.value');
    expect(res.json.errors[0].message).toMatch(MISSING_VALUE[lang]);
    expect(res.json.detail).toMatch(MISSING_VALUE[lang]);
  });

  it('lets ?lang= win over Accept-Language, on a 200 and on a problem', async () => {
    // Act
    const ok = await validate({ value: TIN.kzBin }, { 'accept-language': 'ru' }, { lang: 'ky' });
    const problem = await validate({ value: 1 }, { 'accept-language': 'ru' }, { lang: 'kk' });

    // Assess
    expect(ok.status).toBe(200);
    expect(ok.headers['content-language']).toBe('ky');
    expectProblem(problem, 400);
    expect(problem.headers['content-language']).toBe('kk');
    expect(problem.json.errors[0].message).toContain('санда алдыңғы нөлдер жоғалады');
  });

  it('refuses a ?lang= Salyk does not speak, in the header language', async () => {
    // Act
    const res = await validate({ value: TIN.kzBin }, { 'accept-language': 'ru' }, { lang: 'ky-x-unknown-de' });
    const german = await validate({ value: TIN.kzBin }, {}, { lang: 'de' });

    // Assess
    expect(res.status).toBe(200); // `ky-x-…` is Kyrgyz by its primary subtag
    expectProblem(german, 400);
    expect(german.json.errors).toEqual([
      { path: 'query.lang', message: '`lang` must be one of ru, kk, ky, en (any letter case)' },
    ]);
    expect(german.headers['content-language']).toBe('en');
  });

  it('words a 401 in the caller language, with Content-Language', async () => {
    // Act
    const res = await invoke(
      validateHandler,
      apiEvent({
        method: 'POST',
        path: PATH,
        body: { value: TIN.kzBin },
        apiKeyId: null,
        headers: { 'accept-language': 'ru' },
      }),
    );

    // Assess
    expectProblem(res, 401);
    expect(res.headers['content-language']).toBe('ru');
    expect(res.json).toMatchObject({ type: 'urn:salyk:problem:unauthorized', title: 'Нет доступа: нужен ключ API' });
    expect(res.json.detail).toContain('x-api-key');
  });

  it('words a 503 in the caller language, keeping Retry-After', async () => {
    // Prepare
    audit.store.failWith();

    // Act
    const res = await validate({ value: TIN.kzBin }, { 'accept-language': 'kk' });

    // Assess
    expectProblem(res, 503);
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(res.headers['content-language']).toBe('kk');
    expect(res.json.title).toBe('Қызмет уақытша қолжетімсіз');
    expect(res.json.detail).toMatch(/аудит журналына/);
  });

  it('answers GET routes and nested fields in the asked language', async () => {
    // Act
    const rates = await invoke(
      ratesHandler,
      apiEvent({ method: 'GET', path: '/v1/vat/rates', query: { country: 'kz', date: '2026-03-10', lang: 'ru' } }),
    );
    const esf = await invoke(
      precheckHandler,
      apiEvent({
        method: 'POST',
        path: '/v1/esf/precheck',
        body: kzInvoice({ deliveryDate: '10.03.2026' }),
        headers: { 'accept-language': 'ky' },
      }),
    );

    // Assess
    expect(rates.status).toBe(200);
    expect(rates.headers['content-language']).toBe('ru');
    expectProblem(esf, 400);
    expect(esf.json.errors).toEqual([
      {
        path: 'body.deliveryDate',
        message: '`deliveryDate`: күн.ай.жыл эмес, YYYY-MM-DD календардык датасы керек — "2026-03-10" жөнөтүңүз',
      },
    ]);
  });
});
