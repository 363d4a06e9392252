import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/identifiers-validate-batch.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectedMask, expectNoRawIdentifiers, expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';
import { randomKgPin, randomKzBin, randomKzIin } from '../helpers/identifiers.js';

const PATH = '/v1/identifiers/validate-batch';
const validateBatch = (body: unknown, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'POST', path: PATH, body, apiKeyId }));

/** A mix of outcomes; expected verdicts alongside. */
const ITEMS = [
  { value: '850315300574', ref: 'row-1' }, // valid IIN
  { value: '850315300575', ref: 'row-2' }, // bad check digit
  { value: '11503198500456', ref: 'row-3' }, // valid KG PIN, STRUCTURE_UNCONFIRMED warning
  { value: '940 140 000 385' }, // valid BIN typed with spaces, no ref
  { value: '51125607890', ref: 'row-5' }, // leading zero lost
  { value: 'ABC', country: 'KZ', ref: 'row-6' }, // invalid characters
  { value: '881212501236', ref: 'row-7' }, // valid IIN, birth date in the future: warning
] as const;

describe('Route: POST /v1/identifiers/validate-batch', () => {
  const audit = useFakeAuditTrail('batch-test-secret');

  describe('200: results, summary and audit records', () => {
    it('answers the summary counts of the batch', async () => {
      // Act
      const res = await validateBatch({ items: ITEMS });

      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json.summary).toEqual({ total: 7, valid: 4, invalid: 3, withWarnings: 2 });
    });

    it('answers one result per item, in request order, with refs echoed', async () => {
      // Act
      const res = await validateBatch({ items: ITEMS });

      // Assess
      const results = res.json.results as Record<string, unknown>[];
      expect(results.map((r) => r.normalized)).toEqual([
        '850315300574',
        '850315300575',
        '11503198500456',
        '940140000385',
        '51125607890',
        null,
        '881212501236',
      ]);
      expect(results.map((r) => r.valid)).toEqual([true, false, true, true, false, false, true]);
      expect(results.map((r) => r.ref)).toEqual(['row-1', 'row-2', 'row-3', undefined, 'row-5', 'row-6', 'row-7']);
      expect('ref' in results[3]!).toBe(false);
      expect(results[4]).toMatchObject({ suggestion: { value: '051125607890', reason: 'LEADING_ZERO_LOST' } });
      expect(results[5]).toMatchObject({
        country: 'KZ',
        errors: [expect.objectContaining({ code: 'INVALID_CHARACTERS' })],
      });
    });

    it('gives every result the full single-result shape', async () => {
      // Act
      const res = await validateBatch({ items: [{ value: '940140000385', ref: 'x' }] });

      // Assess
      expect(res.json.results).toEqual([
        {
          valid: true,
          country: 'KZ',
          kind: 'BIN',
          normalized: '940140000385',
          errors: [],
          warnings: [],
          details: {
            holder: 'legal_entity',
            registered: '1994-01',
            entityType: 'resident_legal_entity',
            division: 'head_office',
          },
          checkId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
          ref: 'x',
        },
      ]);
    });

    it('writes one record per item, each carrying the checkId of its result', async () => {
      // Act
      const res = await validateBatch({ items: ITEMS }, 'tenant-b');

      // Assess
      const results = res.json.results as {
        checkId: string;
        valid: boolean;
        errors: { code: string }[];
        warnings: { code: string }[];
      }[];
      expect(audit.store.records).toHaveLength(ITEMS.length);
      expect(new Set(results.map((r) => r.checkId)).size).toBe(ITEMS.length);
      audit.store.records.forEach((record, i) => {
        const result = results[i]!;
        expect(record).toMatchObject({
          tenant: 'tenant-b',
          checkId: result.checkId,
          operation: 'identifiers.validate-batch',
          valid: result.valid,
          errorCodes: result.errors.map((e) => e.code),
          warningCodes: result.warnings.map((w) => w.code),
        });
      });
      expect(audit.store.records[0]!.identifier!.masked).toBe(expectedMask('850315300574'));
    });

    it('gives the records of one batch ascending checkIds in request order', async () => {
      // Act
      const res = await validateBatch({ items: ITEMS });

      // Assess
      const ids = (res.json.results as { checkId: string }[]).map((r) => r.checkId);
      expect(ids).toEqual([...ids].sort());
    });

    it('never stores a raw identifier in any record', async () => {
      // Prepare
      const values = [...ITEMS.map((i) => i.value), randomKzIin(), randomKzBin(), randomKgPin()];

      // Act
      const res = await validateBatch({ items: values.map((value) => ({ value })) });

      // Assess
      expect(res.status).toBe(200);
      expect(audit.store.records).toHaveLength(values.length);
      expectNoRawIdentifiers(audit.store.records, values);
    });

    it('accepts exactly 10 000 items and records every one', async () => {
      // Prepare
      const items = Array.from({ length: 10_000 }, (_, i) => ({ value: String(100_000_000_000 + i), ref: String(i) }));

      // Act
      const res = await validateBatch({ items });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.summary.total).toBe(10_000);
      expect(res.json.summary.valid + res.json.summary.invalid).toBe(10_000);
      expect(res.json.results[9_999].ref).toBe('9999');
      expect(audit.store.records).toHaveLength(10_000);
    });
  });

  describe('413: too many items', () => {
    it('answers 10 001 items with 413 problem+json and records nothing', async () => {
      // Prepare
      const items = Array.from({ length: 10_001 }, () => ({ value: '850315300574' }));

      // Act
      const res = await validateBatch({ items });

      // Assess
      expectProblem(res, 413);
      expect(problemPaths(res)).toContain('body.items');
      expect(audit.store.writeCalls).toBe(0);
    });
  });

  describe('400: malformed requests', () => {
    it.each([
      ['no items', {}, 'body.items'],
      ['an empty items array', { items: [] }, 'body.items'],
      ['items that is not an array', { items: { value: '850315300574' } }, 'body.items'],
      [
        'a number as an item value',
        { items: [{ value: '850315300574' }, { value: 940140000385 }] },
        'body.items.1.value',
      ],
      ['an unknown country in an item', { items: [{ value: '850315300574', country: 'UZ' }] }, 'body.items.0.country'],
      ['an unknown kind in an item', { items: [{ value: '850315300574', kind: 'TIN' }] }, 'body.items.0.kind'],
      [
        'an item value over 64 characters',
        { items: [{ value: '850315300574' }, { value: '9'.repeat(65) }] },
        'body.items.1.value',
      ],
      ['a ref that is not a string', { items: [{ value: '850315300574', ref: 7 }] }, 'body.items.0.ref'],
    ])('answers %s with 400 and the field path', async (_case, body, path) => {
      // Act
      const res = await validateBatch(body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers bad JSON with 400', async () => {
      // Act
      const res = await invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody: '{"items": [' }));

      // Assess
      expectProblem(res, 400);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers a missing body with 400', async () => {
      // Act
      const res = await invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody: null }));

      // Assess
      expectProblem(res, 400);
    });
  });

  describe('401 and 503', () => {
    it('answers 401 when the request context has no apiKeyId', async () => {
      // Act
      const res = await validateBatch({ items: ITEMS }, null);

      // Assess
      expectProblem(res, 401);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers 503 with Retry-After and no results when the store rejects', async () => {
      // Prepare
      audit.store.failWith();

      // Act
      const res = await validateBatch({ items: ITEMS });

      // Assess
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(res.json.results).toBeUndefined();
      expect(audit.store.records).toHaveLength(0);
    });
  });
});
