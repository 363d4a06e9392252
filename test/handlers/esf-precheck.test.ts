import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/esf-precheck.js';
import type { EsfPrecheckRequest } from '../../shared/esf/precheck.js';
import { ruleById } from '../../shared/rules/index.js';
import { RULESET_VERSION } from '../../shared/rules/version.js';
import { EsfPrecheckResponse } from '../../shared/schemas/esf.js';
import { ALL_EXPORT_EVIDENCE, kgInvoice, kzInvoice, TIN } from '../fixtures/esf-invoices.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectedMask, expectNoRawIdentifiers, expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

const SECRET = 'handler-test-secret';
const PATH = '/v1/esf/precheck';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const precheck = (body: unknown, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'POST', path: PATH, body, apiKeyId }));
const hmac = (key: string) => createHmac('sha256', SECRET).update(key, 'utf8').digest('hex');

describe('Route: POST /v1/esf/precheck', () => {
  const audit = useFakeAuditTrail(SECRET);

  describe('200: the pre-check', () => {
    it('answers a clean KZ invoice with the full contract shape', async () => {
      // Prepare
      const body = kzInvoice();

      // Act
      const res = await precheck(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
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
        supplierTin: {
          valid: true,
          country: 'KZ',
          kind: 'BIN',
          normalized: TIN.kzBin,
          errors: [],
          warnings: [],
          details: {
            holder: 'legal_entity',
            registered: '1994-01',
            entityType: 'resident_legal_entity',
            division: 'head_office',
          },
          checkId: res.json.checkId,
        },
        buyerTin: {
          valid: true,
          country: 'KZ',
          kind: 'BIN',
          normalized: TIN.kzBin2,
          errors: [],
          warnings: [],
          details: {
            holder: 'legal_entity',
            registered: '1999-01',
            entityType: 'resident_legal_entity',
            division: 'head_office',
          },
          checkId: res.json.checkId,
        },
        // The 15-day deadline is secondary; the BIN format and the 16% rate are confirmed.
        confidence: 'secondary',
        confidenceFrom: ['KZ.ESF.DEADLINE.2026', 'KZ.IDENTIFIER.FORMAT', 'KZ.VAT.STANDARD.2026'],
        checkId: expect.stringMatching(ULID),
      });
      expect(EsfPrecheckResponse.safeParse(res.json).success).toBe(true);
    });

    it.each<[string, EsfPrecheckRequest, string, 'error' | 'warning']>([
      ['PIN_IN_INN_FIELD', kgInvoice({ supplier: { tin: TIN.kgPin, type: 'legal_entity' } }), 'supplier.tin', 'error'],
      ['IIN_IN_BIN_FIELD', kzInvoice({ buyer: { tin: TIN.kzIin, type: 'legal_entity' } }), 'buyer.tin', 'error'],
      [
        'INVALID_SUPPLIER_TIN',
        kzInvoice({ supplier: { tin: '940140000386', type: 'legal_entity' } }),
        'supplier.tin',
        'error',
      ],
      [
        'INVALID_BUYER_TIN',
        kgInvoice({ buyer: { tin: TIN.kgInn.slice(1), type: 'legal_entity' } }),
        'buyer.tin',
        'error',
      ],
      ['ESF_LATE', kgInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-16' }), 'issueDate', 'warning'],
      [
        'ISSUED_BEFORE_DELIVERY',
        kzInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-09' }),
        'issueDate',
        'error',
      ],
      [
        'ISSUED_BEFORE_DELIVERY',
        kgInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-09' }),
        'issueDate',
        'warning',
      ],
      [
        'VAT_RATE_MISMATCH',
        kzInvoice({ deliveryDate: '2026-01-01', issueDate: '2026-01-01', lines: [{ net: 10, vatRate: 12 }] }),
        'lines[0].vatRate',
        'error',
      ],
      [
        'SUPPLIER_NOT_VAT_REGISTERED',
        kgInvoice({ supplier: { tin: TIN.kgInn, type: 'legal_entity', vatRegistered: false } }),
        'supplier.vatRegistered',
        'error',
      ],
      [
        'EXPORT_EVIDENCE_MISSING',
        kzInvoice({
          lines: [{ net: 10, vatRate: 0, supplyType: 'eaeu_export' }],
          exportEvidence: ['customs_declaration'],
        }),
        'exportEvidence',
        'warning',
      ],
    ])(
      'answers %s (case %#) as a finding in a 200, with its citation and confidence',
      async (code, body, field, severity) => {
        // Act
        const res = await precheck(body);

        // Assess
        expect(res.status).toBe(200);
        expect(EsfPrecheckResponse.safeParse(res.json).success).toBe(true);
        expect(res.json.findings).toEqual([
          {
            code,
            severity,
            field,
            message: expect.any(String),
            citation: ruleById(res.json.findings[0].ruleId)!.citation,
            confidence: ruleById(res.json.findings[0].ruleId)!.confidence,
            ruleId: expect.any(String),
          },
        ]);
        expect(res.json.submittable).toBe(severity !== 'error');
        expect(audit.store.records).toHaveLength(1);
        expect(audit.store.records[0]).toMatchObject({
          valid: severity !== 'error',
          errorCodes: severity === 'error' ? [code] : [],
          warningCodes: severity === 'warning' ? [code] : [],
        });
      },
    );

    it('nests the invalid TIN result, with its suggestion, and the same checkId', async () => {
      // Prepare
      const body = kgInvoice({ buyer: { tin: TIN.kgInn2.slice(1), type: 'legal_entity' } });

      // Act
      const res = await precheck(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.buyerTin).toEqual({
        valid: false,
        country: 'KG',
        kind: 'INN',
        normalized: TIN.kgInn2.slice(1),
        errors: [{ code: 'LEADING_ZERO_LOST', message: expect.any(String) }],
        warnings: [],
        suggestion: { value: TIN.kgInn2, reason: 'LEADING_ZERO_LOST' },
        details: {},
        checkId: res.json.checkId,
      });
    });

    it('says the KG 5-day deadline is seed-only', async () => {
      // Prepare
      const body = kgInvoice({ deliveryDate: '2026-03-01', issueDate: '2026-03-20' });

      // Act
      const res = await precheck(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.deadline).toMatchObject({ issueBy: '2026-03-06', daysLeft: -14 });
      expect(res.json.findings).toEqual([
        expect.objectContaining({ code: 'ESF_LATE', confidence: 'seed_only', ruleId: 'KG.ESF.DEADLINE' }),
      ]);
    });

    it('defaults issueDate to today (UTC)', async () => {
      // Prepare
      const today = new Date().toISOString().slice(0, 10);
      const body = kzInvoice({
        deliveryDate: today,
        issueDate: undefined,
        lines: [{ net: 1, vatRate: 0, supplyType: 'export' }],
        exportEvidence: [...ALL_EXPORT_EVIDENCE],
      });

      // Act
      const res = await precheck(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.deadline.daysLeft).toBe(15);
      expect(res.json.findings).toEqual([]);
    });

    it('writes exactly one audit record per pre-check, whose checkId is the one answered', async () => {
      // Prepare
      const body = kzInvoice({
        supplier: { tin: TIN.kzBin, type: 'legal_entity' },
        buyer: { tin: TIN.kzIin, type: 'legal_entity' },
        lines: [
          { net: 1, vatRate: 16 },
          { net: 2, vatRate: 16 },
        ],
      });

      // Act
      const res = await precheck(body, 'tenant-esf');

      // Assess
      expect(res.status).toBe(200);
      expect(audit.store.writeCalls).toBe(1);
      expect(audit.store.records).toEqual([
        {
          tenant: 'tenant-esf',
          checkId: res.json.checkId,
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          operation: 'esf.precheck',
          country: 'KZ',
          kind: 'BIN',
          valid: false,
          errorCodes: ['IIN_IN_BIN_FIELD'],
          warningCodes: [],
          rulesetVersion: RULESET_VERSION,
          identifier: { hmac: hmac(TIN.kzBin), masked: expectedMask(TIN.kzBin) },
          otherIdentifiers: { buyer: { hmac: hmac(TIN.kzIin), masked: expectedMask(TIN.kzIin) } },
          facts: { lines: 2, issueBy: '2026-03-25', daysLeft: 15 },
          expiresAt: expect.any(Number),
        },
      ]);
    });

    it('records no buyer identifier when the buyer has no TIN', async () => {
      // Prepare
      const body = kgInvoice({ buyer: { type: 'individual' } });

      // Act
      const res = await precheck(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.buyerTin).toBeUndefined();
      expect(audit.store.records).toHaveLength(1);
      expect(audit.store.records[0]!.otherIdentifiers).toBeUndefined();
    });

    it('never stores a raw TIN, typed or normalized, in any record', async () => {
      // Prepare
      const bodies = [
        kzInvoice(),
        kzInvoice({
          supplier: { tin: ' 940 140-000.385 ', type: 'legal_entity' },
          buyer: { tin: TIN.kzIin, type: 'individual' },
        }),
        kgInvoice({
          supplier: { tin: TIN.kgPin, type: 'legal_entity' },
          buyer: { tin: TIN.kgInn2.slice(1), type: 'legal_entity' },
        }),
        kgInvoice({ supplier: { tin: '1234567890123456789', type: 'legal_entity' } }),
      ];

      // Act
      for (const body of bodies) expect((await precheck(body)).status).toBe(200);

      // Assess
      expect(audit.store.records).toHaveLength(bodies.length);
      expectNoRawIdentifiers(
        audit.store.records,
        bodies.flatMap((b) => [b.supplier.tin, ...(b.buyer.tin ? [b.buyer.tin] : [])]),
      );
      for (const record of audit.store.records) expect(record.identifier!.masked).toMatch(/^\*+\d{4}$/);
    });
  });

  describe('400/413: malformed requests (problem+json, nothing recorded)', () => {
    it.each([
      ['bad JSON', '{"country": "KZ"'],
      ['an empty body', ''],
    ])('answers %s', async (_case, rawBody) => {
      // Act
      const res = await invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody }));

      // Assess
      expectProblem(res, 400);
      expect(audit.store.writeCalls).toBe(0);
    });

    it.each<[string, unknown, string]>([
      ['an unknown country', { ...kzInvoice(), country: 'RU' }, 'body.country'],
      ['a missing supplier', { ...kzInvoice(), supplier: undefined }, 'body.supplier'],
      [
        'a supplier of type individual',
        { ...kzInvoice(), supplier: { tin: TIN.kzIin, type: 'individual' } },
        'body.supplier.type',
      ],
      ['an empty supplier TIN', { ...kzInvoice(), supplier: { tin: '', type: 'legal_entity' } }, 'body.supplier.tin'],
      [
        'a TIN over 64 characters',
        { ...kzInvoice(), buyer: { tin: '1'.repeat(65), type: 'legal_entity' } },
        'body.buyer.tin',
      ],
      ['a buyer without type', { ...kzInvoice(), buyer: { tin: TIN.kzBin2 } }, 'body.buyer.type'],
      ['a date that does not exist', { ...kzInvoice(), deliveryDate: '2026-02-30' }, 'body.deliveryDate'],
      ['a date in another format', { ...kzInvoice(), issueDate: '10.03.2026' }, 'body.issueDate'],
      ['no lines', { ...kzInvoice(), lines: [] }, 'body.lines'],
      ['a negative rate', { ...kzInvoice(), lines: [{ net: 1, vatRate: -1 }] }, 'body.lines.0.vatRate'],
      ['a rate as a string', { ...kzInvoice(), lines: [{ net: 1, vatRate: '16' }] }, 'body.lines.0.vatRate'],
      [
        'an unknown supply type',
        { ...kzInvoice(), lines: [{ net: 1, vatRate: 0, supplyType: 'import' }] },
        'body.lines.0.supplyType',
      ],
      [
        'an unknown category',
        { ...kzInvoice(), lines: [{ net: 1, vatRate: 16, category: 'food' }] },
        'body.lines.0.category',
      ],
      ['an unknown evidence document', { ...kzInvoice(), exportEvidence: ['invoice'] }, 'body.exportEvidence.0'],
      [
        'vatRegistered as a string',
        { ...kzInvoice(), supplier: { tin: TIN.kzBin, type: 'legal_entity', vatRegistered: 'yes' } },
        'body.supplier.vatRegistered',
      ],
    ])('answers %s with the field path', async (_case, body, path) => {
      // Act
      const res = await precheck(body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers a delivery date the rules data does not cover with 400 naming deliveryDate', async () => {
      // Prepare
      const body = kzInvoice({ deliveryDate: '2017-06-01', issueDate: '2017-06-02', lines: [{ net: 1, vatRate: 12 }] });

      // Act
      const res = await precheck(body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toEqual(['body.deliveryDate']);
      expect(res.json.detail).toMatch(/2017-06-01/);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers 1 001 lines with 413 and accepts 1 000', async () => {
      // Prepare
      const line = { net: 1, vatRate: 16 };

      // Act
      const over = await precheck(kzInvoice({ lines: Array.from({ length: 1001 }, () => line) }));
      const atLimit = await precheck(kzInvoice({ lines: Array.from({ length: 1000 }, () => line) }));

      // Assess
      expectProblem(over, 413);
      expect(problemPaths(over)).toContain('body.lines');
      expect(atLimit.status).toBe(200);
      expect(atLimit.json.submittable).toBe(true);
      expect(audit.store.records).toHaveLength(1);
    });

    it('does not echo the TINs in the problem', async () => {
      // Act
      const res = await precheck({ ...kzInvoice(), country: 'XX' });

      // Assess
      expectProblem(res, 400);
      expect(res.raw.body).not.toContain(TIN.kzBin);
      expect(res.raw.body).not.toContain(TIN.kzBin2);
    });
  });

  describe('401 and 503', () => {
    it('answers 401 without an API key, and records nothing', async () => {
      // Act
      const res = await precheck(kzInvoice(), null);

      // Assess
      expectProblem(res, 401);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers 503 with Retry-After and no result when the audit record cannot be written', async () => {
      // Prepare
      audit.store.failWith();

      // Act
      const res = await precheck(kzInvoice());

      // Assess
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(res.json.checkId).toBeUndefined();
      expect(res.raw.body).not.toContain(TIN.kzBin);
      expect(audit.store.records).toHaveLength(0);
    });
  });
});
