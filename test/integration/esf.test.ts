import { createHmac, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EsfPrecheckRequest } from '../../shared/esf/precheck.js';
import { EsfPrecheckResponse } from '../../shared/schemas/esf.js';
import { kgInvoice, kzInvoice, TIN } from '../fixtures/esf-invoices.js';
import { expectedMask, expectNoRawIdentifiers, expectProblem, problemPaths } from '../helpers/assertions.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import { breakCheckDigit, randomKgPin, randomKzBin, randomKzIin } from '../helpers/identifiers.js';
import {
  API_KEYS,
  HMAC_SECRET,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/**
 * POST /v1/esf/precheck over real HTTP on the local stack (`local/start.ts`), with its audit records in
 * an in-memory DynamoDB Local. No fakes.
 */
let env: IntegrationEnvironment;
let table: AuditTableReader;
/** Every TIN this file sends, as sent: none may reach the table or the logs. */
const sent: string[] = [];

const hmac = (normalized: string) => createHmac('sha256', HMAC_SECRET).update(normalized, 'utf8').digest('hex');
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const precheck = (body: EsfPrecheckRequest | Record<string, unknown>, key: string = API_KEYS.alpha) => {
  const b = body as EsfPrecheckRequest;
  if (typeof b.supplier?.tin === 'string') sent.push(b.supplier.tin);
  if (typeof b.buyer?.tin === 'string') sent.push(b.buyer.tin);
  return env.api('POST', '/v1/esf/precheck', { key, body });
};

/** A random valid KG organisation INN (first digit 0, registration date DDMMYYYY, 5 digits). */
function randomKgInn(): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const r = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
  return `0${pad(r(1, 29))}${pad(r(1, 13))}${r(1995, 2025)}${pad(r(0, 100_000), 5)}`;
}

beforeAll(async () => {
  env = await startIntegrationEnvironment({ POWERTOOLS_LOG_LEVEL: 'DEBUG' });
  table = new AuditTableReader(env.client, TABLE_NAME);
});

afterAll(async () => {
  await env?.stop();
});

describe('Route: POST /v1/esf/precheck (HTTP, DynamoDB Local)', () => {
  it('answers a clean invoice per contract and writes its one record to DynamoDB', async () => {
    // Prepare
    const supplier = randomKzBin();
    const buyer = randomKzBin();
    const body = kzInvoice({
      supplier: { tin: supplier, type: 'legal_entity', vatRegistered: true },
      buyer: { tin: buyer, type: 'legal_entity' },
    });
    const before = (await table.queryPartition('T#alpha')).length;

    // Act
    const res = await precheck(body);

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(EsfPrecheckResponse.safeParse(res.json).success).toBe(true);
    expect(res.json).toMatchObject({
      submittable: true,
      findings: [],
      deadline: {
        issueBy: '2026-03-25',
        daysLeft: 15,
        calendarDays: 15,
        confidence: 'secondary',
        ruleId: 'KZ.ESF.DEADLINE.2026',
        citation: expect.any(String),
      },
      supplierTin: { valid: true, country: 'KZ', kind: 'BIN', normalized: supplier, checkId: res.json.checkId },
      buyerTin: { valid: true, country: 'KZ', kind: 'BIN', normalized: buyer, checkId: res.json.checkId },
      checkId: expect.stringMatching(ULID),
    });
    const after = await table.queryPartition('T#alpha');
    expect(after).toHaveLength(before + 1);
    expect(await table.get('T#alpha', res.json.checkId)).toMatchObject({
      pk: 'T#alpha',
      sk: res.json.checkId,
      gsi1pk: `T#alpha#H#${hmac(supplier)}`,
      tenant: 'alpha',
      checkId: res.json.checkId,
      operation: 'esf.precheck',
      country: 'KZ',
      kind: 'BIN',
      valid: true,
      errorCodes: [],
      warningCodes: [],
      identifier: { hmac: hmac(supplier), masked: expectedMask(supplier) },
      otherIdentifiers: { buyer: { hmac: hmac(buyer), masked: expectedMask(buyer) } },
      facts: { lines: 1, issueBy: '2026-03-25', daysLeft: 15 },
    });
  });

  it.each<[string, () => EsfPrecheckRequest, 'error' | 'warning']>([
    [
      'PIN_IN_INN_FIELD',
      () =>
        kgInvoice({
          supplier: { tin: randomKgPin(), type: 'legal_entity' },
          buyer: { tin: randomKgInn(), type: 'legal_entity' },
        }),
      'error',
    ],
    ['IIN_IN_BIN_FIELD', () => kzInvoice({ supplier: { tin: randomKzIin(), type: 'legal_entity' } }), 'error'],
    [
      'INVALID_SUPPLIER_TIN',
      () => kzInvoice({ supplier: { tin: breakCheckDigit(randomKzBin()), type: 'legal_entity' } }),
      'error',
    ],
    [
      'INVALID_BUYER_TIN',
      () => kgInvoice({ buyer: { tin: String(randomInt(1e9, 1e10)), type: 'legal_entity' } }),
      'error',
    ],
    [
      'ESF_LATE',
      () =>
        kzInvoice({
          supplier: { tin: randomKzBin(), type: 'legal_entity' },
          deliveryDate: '2026-03-10',
          issueDate: '2026-03-26',
        }),
      'warning',
    ],
    [
      'ISSUED_BEFORE_DELIVERY',
      () => kzInvoice({ supplier: { tin: randomKzBin(), type: 'legal_entity' }, issueDate: '2026-03-01' }),
      'error',
    ],
    [
      'VAT_RATE_MISMATCH',
      () =>
        kzInvoice({
          supplier: { tin: randomKzBin(), type: 'legal_entity' },
          deliveryDate: '2025-12-31',
          issueDate: '2025-12-31',
          lines: [{ net: 1, vatRate: 16 }],
        }),
      'error',
    ],
    [
      'SUPPLIER_NOT_VAT_REGISTERED',
      () => kgInvoice({ supplier: { tin: randomKgInn(), type: 'legal_entity', vatRegistered: false } }),
      'error',
    ],
    [
      'EXPORT_EVIDENCE_MISSING',
      () =>
        kgInvoice({
          supplier: { tin: randomKgInn(), type: 'legal_entity' },
          lines: [{ net: 1, vatRate: 0, supplyType: 'export' }],
        }),
      'warning',
    ],
  ])('answers %s in a 200 and records it as one DynamoDB item with that code', async (code, build, severity) => {
    // Prepare
    const body = build();
    const before = (await table.queryPartition('T#alpha')).length;

    // Act
    const res = await precheck(body);

    // Assess
    expect(res.status).toBe(200);
    expect(EsfPrecheckResponse.safeParse(res.json).success).toBe(true);
    expect(res.json.findings.map((f: { code: string }) => f.code)).toEqual([code]);
    expect(res.json.findings[0]).toMatchObject({
      severity,
      citation: expect.any(String),
      confidence: expect.any(String),
    });
    expect(res.json.submittable).toBe(severity === 'warning');
    expect(await table.queryPartition('T#alpha')).toHaveLength(before + 1);
    expect(await table.get('T#alpha', res.json.checkId)).toMatchObject({
      operation: 'esf.precheck',
      valid: severity === 'warning',
      errorCodes: severity === 'error' ? [code] : [],
      warningCodes: severity === 'warning' ? [code] : [],
    });
  });

  it("finds the pre-check again through /v1/audit/lookup by the supplier's TIN, masked", async () => {
    // Prepare
    const supplier = randomKzBin();
    const res = await precheck(kzInvoice({ supplier: { tin: supplier, type: 'legal_entity' } }));
    expect(res.status).toBe(200);

    // Act
    const found = await env.api('POST', '/v1/audit/lookup', { key: API_KEYS.alpha, body: { value: supplier } });

    // Assess
    expect(found.status).toBe(200);
    expect(found.json.items).toEqual([
      expect.objectContaining({
        checkId: res.json.checkId,
        operation: 'esf.precheck',
        identifierMasked: expectedMask(supplier),
        otherIdentifiersMasked: { buyer: expectedMask(TIN.kzBin2) },
      }),
    ]);
  });

  it("finds the pre-check through /v1/audit/lookup by the buyer's TIN too, and pages across both roles", async () => {
    // Prepare: one TIN seen as a buyer, then checked on its own
    const buyer = randomKzBin();
    const asBuyer = await precheck(
      kzInvoice({
        supplier: { tin: randomKzBin(), type: 'legal_entity' },
        buyer: { tin: buyer, type: 'legal_entity' },
      }),
    );
    const direct = await env.api('POST', '/v1/identifiers/validate', { key: API_KEYS.alpha, body: { value: buyer } });

    // Act
    const first = await env.api('POST', '/v1/audit/lookup', { key: API_KEYS.alpha, body: { value: buyer, limit: 1 } });
    const second = await env.api('POST', '/v1/audit/lookup', {
      key: API_KEYS.alpha,
      body: { value: buyer, limit: 1, cursor: first.json.cursor },
    });
    const otherTenant = await env.api('POST', '/v1/audit/lookup', { key: API_KEYS.beta, body: { value: buyer } });

    // Assess: newest first — the direct check, then the pre-check that named it as buyer
    expect(first.json.items.map((i: { checkId: string }) => i.checkId)).toEqual([direct.json.checkId]);
    expect(second.json.items).toEqual([
      expect.objectContaining({
        checkId: asBuyer.json.checkId,
        operation: 'esf.precheck',
        otherIdentifiersMasked: { buyer: expectedMask(buyer) },
      }),
    ]);
    expect(otherTenant.json.items).toEqual([]);
  });

  it('writes the record under the calling tenant only', async () => {
    // Prepare
    const body = kzInvoice({ supplier: { tin: randomKzBin(), type: 'legal_entity' } });

    // Act
    const res = await precheck(body, API_KEYS.beta);

    // Assess
    expect(res.status).toBe(200);
    expect(await table.get('T#beta', res.json.checkId)).toMatchObject({ tenant: 'beta', operation: 'esf.precheck' });
    expect(await table.get('T#alpha', res.json.checkId)).toBeUndefined();
  });

  it('answers a malformed invoice with 400 problem+json and records nothing', async () => {
    // Prepare
    const before = (await table.scanAll()).length;

    // Act
    const badRate = await precheck({
      ...kzInvoice({ supplier: { tin: randomKzBin(), type: 'legal_entity' } }),
      lines: [{ net: 1, vatRate: 'sixteen' }],
    });
    const badJson = await env.api('POST', '/v1/esf/precheck', { key: API_KEYS.alpha, rawBody: '{"country":' });
    const uncovered = await precheck(
      kzInvoice({
        supplier: { tin: randomKzBin(), type: 'legal_entity' },
        deliveryDate: '2010-01-01',
        issueDate: '2010-01-01',
      }),
    );

    // Assess
    expectProblem(badRate, 400);
    expect(problemPaths(badRate)).toContain('body.lines.0.vatRate');
    expectProblem(badJson, 400);
    expectProblem(uncovered, 400);
    expect(problemPaths(uncovered)).toEqual(['body.deliveryDate']);
    expect((await table.scanAll()).length).toBe(before);
  });

  it('answers 401 without an API key and records nothing', async () => {
    // Prepare
    const before = (await table.scanAll()).length;

    // Act
    const res = await env.api('POST', '/v1/esf/precheck', { body: kzInvoice() });

    // Assess
    expectProblem(res, 401);
    expect((await table.scanAll()).length).toBe(before);
  });

  it('stores and logs no TIN that was sent, in any form (scan of the whole table)', async () => {
    // Prepare: one more invoice with TINs typed with separators
    const supplier = randomKzBin();
    const typed = `${supplier.slice(0, 4)} ${supplier.slice(4, 8)}-${supplier.slice(8)}`;
    expect(
      (
        await precheck(
          kzInvoice({
            supplier: { tin: typed, type: 'legal_entity' },
            buyer: { tin: randomKzIin(), type: 'individual' },
          }),
        )
      ).status,
    ).toBe(200);

    // Act
    const items = await table.scanAll();
    const output = env.stack.output();

    // Assess
    expect(items.filter((i) => i.operation === 'esf.precheck').length).toBeGreaterThanOrEqual(12);
    expectNoRawIdentifiers(items, sent);
    expectNoRawIdentifiers(output, sent);
    for (const item of items.filter((i) => String(i.pk).startsWith('T#')))
      expect((item.identifier as { masked: string }).masked).toMatch(/^\*+\d{4}$/);
  });
});
