import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/identifiers-validate.js';
import { RULESET_VERSION } from '../../shared/rules/version.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectedMask, expectNoRawIdentifiers, expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

const SECRET = 'handler-test-secret';
const PATH = '/v1/identifiers/validate';
/** A valid KZ IIN: born 1985-03-15, male. */
const IIN = '850315300574';
/** A valid KZ BIN: resident legal entity, head office, registered 1994-01. */
const BIN = '940140000385';
/** A valid KG PIN (structure only). */
const KG_PIN = '11503198500456';

const validate = (body: unknown, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'POST', path: PATH, body, apiKeyId }));
const hmac = (key: string) => createHmac('sha256', SECRET).update(key, 'utf8').digest('hex');

describe('Route: POST /v1/identifiers/validate', () => {
  const audit = useFakeAuditTrail(SECRET);

  describe('200: the check and its audit record', () => {
    it('answers a valid IIN with the full contract shape', async () => {
      // Prepare
      const body = { value: IIN };

      // Act
      const res = await validate(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        valid: true,
        country: 'KZ',
        kind: 'IIN',
        normalized: IIN,
        errors: [],
        warnings: [],
        details: { holder: 'individual', birthDate: '1985-03-15', sex: 'male' },
        checkId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      });
    });

    it('writes exactly one audit record, whose checkId is the one answered', async () => {
      // Prepare
      const body = { value: BIN, country: 'KZ', kind: 'BIN' };

      // Act
      const res = await validate(body, 'tenant-7');

      // Assess
      expect(res.status).toBe(200);
      expect(audit.store.records).toHaveLength(1);
      const [record] = audit.store.records;
      expect(record).toEqual({
        tenant: 'tenant-7',
        checkId: res.json.checkId,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        operation: 'identifiers.validate',
        country: 'KZ',
        kind: 'BIN',
        valid: true,
        errorCodes: [],
        warningCodes: [],
        rulesetVersion: RULESET_VERSION,
        identifier: { hmac: hmac(BIN), masked: expectedMask(BIN) },
        expiresAt: expect.any(Number),
      });
      expect(record!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 365 * 86_400);
    });

    it('records an invalid identifier too, with its error codes, as a 200 with valid: false', async () => {
      // Prepare
      const broken = '850315300575'; // wrong check digit

      // Act
      const res = await validate({ value: broken });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.valid).toBe(false);
      expect(res.json.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CHECKSUM']);
      expect(audit.store.records).toHaveLength(1);
      expect(audit.store.records[0]).toMatchObject({
        checkId: res.json.checkId,
        valid: false,
        errorCodes: ['INVALID_CHECKSUM'],
      });
    });

    it('strips separators, and hashes the normalized digits (so a later lookup finds the check)', async () => {
      // Prepare
      const typed = ' 850 315\u00a0300-57.4 ';

      // Act
      const res = await validate({ value: typed });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ valid: true, normalized: IIN });
      expect(audit.store.records[0]!.identifier).toEqual({ hmac: hmac(IIN), masked: '********0574' });
    });

    it('infers KG from 14 digits and reports the structure-only warning', async () => {
      // Act
      const res = await validate({ value: KG_PIN });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        valid: true,
        country: 'KG',
        kind: 'PIN',
        details: { holder: 'individual', birthDate: '1985-03-15' },
      });
      expect(res.json.warnings.map((w: { code: string }) => w.code)).toEqual(['STRUCTURE_UNCONFIRMED']);
      expect(audit.store.records[0]).toMatchObject({
        country: 'KG',
        kind: 'PIN',
        warningCodes: ['STRUCTURE_UNCONFIRMED'],
      });
    });

    it('answers a lost leading zero with a suggestion, not a 400', async () => {
      // Prepare
      const withoutZero = '51125607890'; // 051125607890 is a valid IIN

      // Act
      const res = await validate({ value: withoutZero });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        valid: false,
        suggestion: { value: '051125607890', reason: 'LEADING_ZERO_LOST' },
      });
      expect(res.json.errors.map((e: { code: string }) => e.code)).toEqual(['LEADING_ZERO_LOST']);
    });

    it('answers a kind that contradicts the digits as KIND_MISMATCH in a 200', async () => {
      // Act
      const res = await validate({ value: IIN, kind: 'BIN' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.valid).toBe(false);
      expect(res.json.errors.map((e: { code: string }) => e.code)).toContain('KIND_MISMATCH');
    });

    it('answers non-ASCII digits as INVALID_CHARACTERS in a 200, and does not store the text', async () => {
      // Prepare
      const fullWidth = '８５０３１５３００５７４';

      // Act
      const res = await validate({ value: fullWidth });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ valid: false, normalized: null });
      expect(res.json.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CHARACTERS']);
      expect(JSON.stringify(audit.store.records)).not.toContain(fullWidth);
      // Non-ASCII digits are not shown even in the last 4: the mask reveals ASCII digits only.
      expect(audit.store.records[0]!.identifier!.masked).toBe('************');
    });

    it('accepts a base64-encoded body, as API Gateway may deliver one', async () => {
      // Prepare
      const event = apiEvent({
        method: 'POST',
        path: PATH,
        rawBody: Buffer.from(JSON.stringify({ value: IIN })).toString('base64'),
        isBase64Encoded: true,
      });

      // Act
      const res = await invoke(handler, event);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.normalized).toBe(IIN);
    });

    it('never stores a raw identifier in any record', async () => {
      // Prepare
      const values = [IIN, BIN, KG_PIN, '850315300575', ' 940 140 000 385 ', '51125607890', '1234567890123456789'];

      // Act
      for (const value of values) expect((await validate({ value })).status).toBe(200);

      // Assess
      expect(audit.store.records).toHaveLength(values.length);
      expectNoRawIdentifiers(audit.store.records, values);
      for (const record of audit.store.records) expect(record.identifier!.masked).toMatch(/^\*+\d{4}$/);
    });
  });

  describe('400: malformed requests (problem+json, nothing recorded)', () => {
    it.each([
      ['bad JSON', '{"value": "850315300574"', 'not valid JSON'],
      ['an empty body', '', 'body is required'],
      ['no body at all', null, 'body is required'],
    ])('answers %s', async (_case, rawBody, detail) => {
      // Prepare
      const event = apiEvent({ method: 'POST', path: PATH, rawBody });

      // Act
      const res = await invoke(handler, event);

      // Assess
      expectProblem(res, 400);
      expect(res.json.detail).toContain(detail);
      expect(audit.store.writeCalls).toBe(0);
    });

    it.each([
      ['a number for value', { value: 850315300574 }, 'body.value'],
      ['a missing value', { country: 'KZ' }, 'body.value'],
      ['an empty value', { value: '' }, 'body.value'],
      ['an unknown country', { value: IIN, country: 'RU' }, 'body.country'],
      [
        'an unknown field (lower-case codes are fine: see contract-strictness)',
        { value: IIN, country: 'kz', kindd: 'IIN' },
        'body.kindd',
      ],
      ['an unknown kind', { value: IIN, kind: 'SSN' }, 'body.kind'],
      ['a value over 64 characters', { value: '1'.repeat(65) }, 'body.value'],
    ])('answers %s with the field path', async (_case, body, path) => {
      // Act
      const res = await validate(body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
      expect(res.json.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('accepts a value of exactly 64 characters (the limit is inclusive)', async () => {
      // Act
      const res = await validate({ value: '1'.repeat(64) });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.errors.map((e: { code: string }) => e.code)).toContain('INVALID_LENGTH');
    });

    it.each([
      ['a JSON array', [{ value: IIN }]],
      ['a JSON string', IIN],
      ['JSON null', null],
    ])('answers %s as the body', async (_case, body) => {
      // Act
      const res = await invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody: JSON.stringify(body) }));

      // Assess
      expectProblem(res, 400);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('does not echo the identifier in the problem', async () => {
      // Act
      const res = await validate({ value: IIN, country: 'XX' });

      // Assess
      expectProblem(res, 400);
      expect(res.raw.body).not.toContain(IIN);
    });
  });

  describe('401: no API key', () => {
    it('answers 401 problem+json when the request context has no apiKeyId', async () => {
      // Act
      const res = await validate({ value: IIN }, null);

      // Assess
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toBeDefined();
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers 401 before looking at the body', async () => {
      // Act
      const res = await invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody: '{not json', apiKeyId: null }));

      // Assess
      expectProblem(res, 401);
    });
  });

  describe('503: the audit log cannot be written', () => {
    it('answers 503 with Retry-After, and no result, when the store rejects', async () => {
      // Prepare
      audit.store.failWith();

      // Act
      const res = await validate({ value: IIN });

      // Assess
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(res.json.checkId).toBeUndefined();
      expect(res.raw.body).not.toContain(IIN);
      expect(audit.store.writeCalls).toBe(1);
      expect(audit.store.records).toHaveLength(0);
    });

    it('answers 503 when no HMAC secret is configured', async () => {
      // Prepare
      delete process.env.HMAC_SECRET;
      delete process.env.HMAC_SECRET_ARN;

      // Act
      const res = await validate({ value: IIN });

      // Assess
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(audit.store.records).toHaveLength(0);
    });
  });
});
