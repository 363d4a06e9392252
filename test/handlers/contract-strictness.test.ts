import { describe, expect, it } from 'vitest';
import { handler as precheckHandler } from '../../functions/esf-precheck.js';
import { handler as validateHandler } from '../../functions/identifiers-validate.js';
import { handler as batchHandler } from '../../functions/identifiers-validate-batch.js';
import { handler as residencyHandler } from '../../functions/residency-kz.js';
import { handler as vatHandler } from '../../functions/vat-assess.js';
import { handler as ratesHandler } from '../../functions/vat-rates.js';
import { kzInvoice, TIN } from '../fixtures/esf-invoices.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

/**
 * The November contract additions on every request: unknown fields and query parameters are refused with a
 * "did you mean", enumerated codes are taken in any letter case and answered in canonical case, and every
 * schema failure is worded so that a person can fix it (the field and the fix, never zod's defaults).
 */

type Handler = Parameters<typeof invoke>[0];
const post = (handler: Handler, path: string, body: unknown, query?: Record<string, string>) =>
  invoke(handler, apiEvent({ method: 'POST', path, body, query }));
const validate = (body: unknown, query?: Record<string, string>) =>
  post(validateHandler, '/v1/identifiers/validate', body, query);
const precheck = (body: unknown) => post(precheckHandler, '/v1/esf/precheck', body);
const assess = (body: unknown) => post(vatHandler, '/v1/vat/assess', body);
const rates = (query: Record<string, string>) =>
  invoke(ratesHandler, apiEvent({ method: 'GET', path: '/v1/vat/rates', query }));

const KG_ESERVICES = {
  country: 'KG',
  date: '2026-03-10',
  seller: { residence: 'US' },
  buyer: { type: 'consumer', residence: 'KG' },
  supply: { category: 'electronic_services', net: 1000 },
};

/** The `errors` entry at `path`, which must exist. */
function errorAt(res: { json: { errors: { path: string; message: string }[] } }, path: string): string {
  const found = res.json.errors.find((e) => e.path === path);
  expect(found, `no error at ${path} in ${JSON.stringify(res.json.errors)}`).toBeDefined();
  return found?.message ?? '';
}

describe('Contract: strict requests', () => {
  const audit = useFakeAuditTrail('contract-secret');

  describe('unknown fields are a 400 naming them', () => {
    it('refuses a misspelt top-level field with "did you mean", and records nothing', async () => {
      // Prepare
      const body = { ...kzInvoice(), exportEvidences: ['contract'] };

      // Act
      const res = await precheck(body);

      // Assess
      expectProblem(res, 400);
      expect(errorAt(res, 'body.exportEvidences')).toBe(
        'unknown field `exportEvidences` — did you mean `exportEvidence`?',
      );
      expect(res.json.detail).toContain('`exportEvidences`');
      expect(audit.store.writeCalls).toBe(0);
    });

    it.each([
      [
        'a nested object',
        { supplier: { tin: TIN.kzBin, type: 'legal_entity', vatRegisterd: true } },
        'body.supplier.vatRegisterd',
        '`vatRegistered`',
      ],
      ['an array element', { lines: [{ net: 1000, vatRate: 16, vatrate: 16 }] }, 'body.lines.0.vatrate', '`vatRate`'],
    ])('refuses an unknown field inside %s', async (_case, override, path, suggestion) => {
      // Act
      const res = await precheck(kzInvoice(override as never));

      // Assess
      expectProblem(res, 400);
      expect(errorAt(res, path)).toContain(`did you mean ${suggestion}?`);
    });

    it('lists the known fields when nothing is close, and reports the missing one too', async () => {
      // Act
      const res = await validate({ tin: TIN.kzBin });

      // Assess
      expectProblem(res, 400);
      expect(errorAt(res, 'body.tin')).toBe('unknown field `tin`; the fields here are: value, country, kind');
      expect(errorAt(res, 'body.value')).toMatch(/^missing required field `value`/);
    });

    it('refuses an unknown query parameter with "did you mean"', async () => {
      // Act
      const res = await rates({ contry: 'KZ', date: '2026-03-10' });

      // Assess
      expectProblem(res, 400);
      expect(errorAt(res, 'query.contry')).toBe('unknown query parameter `contry` — did you mean `country`?');
    });

    it('refuses a query parameter on a route that takes none, but not `lang`', async () => {
      // Act
      const refused = await validate({ value: TIN.kzBin }, { country: 'KZ' });
      const accepted = await validate({ value: TIN.kzBin }, { lang: 'en' });

      // Assess
      expectProblem(refused, 400);
      expect(errorAt(refused, 'query.country')).toMatch(/^unknown query parameter `country`; this route takes: lang/);
      expect(accepted.status).toBe(200);
    });
  });

  describe('codes in any letter case, answered in canonical case', () => {
    it('takes country and kind in lower case and answers them upper-case', async () => {
      // Act
      const res = await validate({ value: TIN.kzBin, country: 'kz', kind: 'bin' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ valid: true, country: 'KZ', kind: 'BIN' });
    });

    it('takes a lower-case country in a query', async () => {
      // Act
      const res = await rates({ country: 'kz', date: '2026-03-10' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.country).toBe('KZ');
    });

    it('takes every ESF code in any case', async () => {
      // Prepare
      const body = {
        ...kzInvoice(),
        country: 'Kz',
        supplier: { tin: TIN.kzBin, type: 'LEGAL_ENTITY', vatRegistered: true },
        buyer: { type: 'Foreign_Company' },
        lines: [{ net: 1000, vatRate: 0, supplyType: 'EXPORT', category: 'Standard' }],
        exportEvidence: ['Contract', 'CUSTOMS_DECLARATION', 'transport_document', 'bank_proceeds'],
      };

      // Act
      const res = await precheck(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.findings.map((f: { code: string }) => f.code)).not.toContain('EXPORT_EVIDENCE_MISSING');
      expect(audit.store.records[0]?.country).toBe('KZ');
    });

    it('takes VAT codes and ISO residences in any case (residence "us", country "kg")', async () => {
      // Prepare
      const body = {
        ...KG_ESERVICES,
        country: 'kg',
        seller: { residence: 'us', regime: 'GENERAL', activity: 'Services' },
        buyer: { type: 'Consumer', residence: 'kg' },
        supply: { category: 'Electronic_Services', net: 1000, destination: 'kg' },
      };

      // Act
      const res = await assess(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ rate: 12, liableParty: 'seller', vatCountry: 'KG' });
    });
  });

  describe('messages name the field and the fix', () => {
    it.each([
      [
        'a missing field',
        { country: 'KZ' },
        'body.value',
        'missing required field `value`: send the identifier as a string of digits in quotes',
      ],
      [
        'a number for an identifier',
        { value: 61211600012 },
        'body.value',
        '`value`: identifiers must be JSON strings — numbers lose leading zeros; put the digits in quotes, e.g. "061211600012"',
      ],
      ['an empty identifier', { value: '' }, 'body.value', '`value` must not be empty'],
      [
        'an enum value that is not one',
        { value: TIN.kzBin, kind: 'BNI' },
        'body.kind',
        '`kind` must be one of IIN, BIN, INN, PIN (any letter case) — did you mean "BIN"?',
      ],
      [
        'a wrong type',
        { value: TIN.kzBin, country: 7 },
        'body.country',
        '`country`: expected one of KZ, KG, got a number (7)',
      ],
    ])('words %s', async (_case, body, path, message) => {
      // Act
      const res = await validate(body);

      // Assess
      expectProblem(res, 400);
      expect(errorAt(res, path)).toBe(message);
      expect(res.json.detail).toContain(message);
    });

    it('never echoes an identifier sent with the wrong type', async () => {
      // Act
      const res = await validate({ value: [TIN.kzBin] });

      // Assess
      expectProblem(res, 400);
      expect(errorAt(res, 'body.value')).toMatch(
        /^`value`: expected the identifier as a string of digits in quotes, got an array/,
      );
      expect(res.raw.body).not.toContain(TIN.kzBin);
    });

    it.each([
      [
        '2026-03-10T12:00:00Z',
        '`deliveryDate`: a calendar date YYYY-MM-DD without a time is expected — send "2026-03-10" without the time part',
      ],
      ['10.03.2026', '`deliveryDate`: a calendar date YYYY-MM-DD is expected, not day.month.year — send "2026-03-10"'],
      ['2026-02-30', '`deliveryDate`: no such calendar date — check the day and the month'],
      ['2200-01-01', '`deliveryDate`: dates must be from 1900-01-01 to 2100-12-31'],
      ['March 10', '`deliveryDate`: a calendar date YYYY-MM-DD without a time is expected, e.g. "2026-03-10"'],
    ])('words the date %j', async (date, message) => {
      // Act
      const res = await precheck(kzInvoice({ deliveryDate: date }));

      // Assess
      expectProblem(res, 400);
      expect(res.json.errors).toEqual([{ path: 'body.deliveryDate', message }]);
      expect(res.json.detail).toBe(message);
    });

    it.each([
      ['1 000,50', ' — did you mean "1000.50"?'],
      ['1000,5', ' — did you mean "1000.5"?'],
      ['about 1000', ''],
    ])('says how money may be written for %j', async (net, suggestion) => {
      // Act
      const res = await precheck(kzInvoice({ lines: [{ net: net as never, vatRate: 16 }] }));

      // Assess
      expectProblem(res, 400);
      expect(errorAt(res, 'body.lines.0.net')).toBe(
        `\`lines.0.net\`: write an amount as a number or a decimal string like "1000.50"; no spaces or comma decimals${suggestion}`,
      );
    });

    it('words a number sent as a string', async () => {
      // Act
      const res = await precheck(kzInvoice({ lines: [{ net: 1000, vatRate: '16' as never }] }));

      // Assess
      expect(errorAt(res, 'body.lines.0.vatRate')).toBe('`lines.0.vatRate`: expected a number, got a string ("16")');
    });

    it('words a fraction where a whole number belongs, and a number out of range', async () => {
      // Act
      const fraction = await post(residencyHandler, '/v1/residency/kz', { taxYear: 2026.5, stays: [] });
      const tooEarly = await post(residencyHandler, '/v1/residency/kz', { taxYear: 1999, stays: [] });

      // Assess
      expect(errorAt(fraction, 'body.taxYear')).toBe('`taxYear` must be a whole number, got a number (2026.5)');
      expect(errorAt(tooEarly, 'body.taxYear')).toBe('`taxYear` must be at least 2000');
    });

    it('words an invalid ISO residence', async () => {
      // Act
      const res = await assess({ ...KG_ESERVICES, seller: { residence: 'uk' } });

      // Assess
      expect(errorAt(res, 'body.seller.residence')).toBe(
        '`seller.residence`: not an ISO 3166 alpha-2 country code (e.g. GB, not UK)',
      );
    });

    it('words a body that is not an object', async () => {
      // Act
      const res = await validate([{ value: TIN.kzBin }]);

      // Assess
      expectProblem(res, 400);
      expect(res.json.detail).toBe('the request body must be a JSON object {…}, got an array […]');
    });

    it('keeps 413 for a batch over its limit, and says to split it', async () => {
      // Prepare
      const items = Array.from({ length: 10_001 }, () => ({ value: TIN.kzBin }));

      // Act
      const res = await post(batchHandler, '/v1/identifiers/validate-batch', { items });

      // Assess
      expectProblem(res, 413);
      expect(res.json.detail).toBe(
        '`items` has 10001 items; at most 10000 are allowed in one request — split it into several requests',
      );
    });

    it('words bad JSON with where it broke', async () => {
      // Act
      const res = await invoke(
        validateHandler,
        apiEvent({ method: 'POST', path: '/v1/identifiers/validate', rawBody: '{"value": "1",}' }),
      );

      // Assess
      expectProblem(res, 400);
      expect(res.json.detail).toMatch(/^the request body is not valid JSON \(.+\); check quotes, commas and brackets$/);
    });
  });
});
