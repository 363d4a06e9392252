import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/residency-kz.js';
import { ruleById } from '../../shared/rules/index.js';
import { RULESET_VERSION } from '../../shared/rules/version.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

const PATH = '/v1/residency/kz';
const CHECK_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const post = (body: unknown, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'POST', path: PATH, body, apiKeyId }));

/** 1 Sep 2025 – 2 Mar 2026: 122 days in 2025 (30 + 31 + 30 + 31) and 61 in 2026 (31 + 28 + 2) = 183. */
const STRADDLING = [{ entry: '2025-09-01', exit: '2026-03-02' }];

const reasonShape = {
  code: expect.any(String),
  text: expect.any(String),
  citation: expect.any(String),
  confidence: expect.stringMatching(/^(confirmed|secondary|seed_only|contested)$/),
};

describe('Route: POST /v1/residency/kz', () => {
  const audit = useFakeAuditTrail('residency-test-secret');

  describe('200: the decision', () => {
    it('answers a 183-day resident with the full contract shape; every number can be counted by hand', async () => {
      // Act
      const res = await post({ taxYear: 2026, stays: STRADDLING, asOf: '2026-12-31' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        resident: true,
        decidedBy: 'days_183',
        window: { start: '2025-03-03', end: '2026-03-02', days: 183 },
        daysInTaxYear: 61,
        threshold: 183,
        maxWindow: { start: '2025-03-03', end: '2026-03-02', days: 183 },
        reasons: [
          expect.objectContaining({ ...reasonShape, code: 'KZ.RESIDENCY.DAYS_183.2026', confidence: 'secondary' }),
          expect.objectContaining({ ...reasonShape, code: 'KZ.PIT.RESIDENT.2026', confidence: 'confirmed' }),
        ],
        // The day test decided; the PIT row only informs, so it does not raise the confidence.
        confidence: 'secondary',
        confidenceFrom: ['KZ.RESIDENCY.DAYS_183.2026'],
        checkId: expect.stringMatching(CHECK_ID),
      });
      expect(res.json).not.toHaveProperty('daysUntilThreshold');
    });

    it('answers a non-resident with daysUntilThreshold and the vital-interests reason', async () => {
      // Prepare: 1 Jan – 1 Jul 2026 = 182 days, still in Kazakhstan on asOf.
      const body = {
        taxYear: 2026,
        stays: [{ entry: '2026-01-01' }],
        asOf: '2026-07-01',
        citizen: true,
        familyInKazakhstan: true,
      };

      // Act
      const res = await post(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        resident: false,
        decidedBy: 'none',
        daysInTaxYear: 182,
        daysUntilThreshold: 0,
        maxWindow: { days: 182 },
      });
      expect(res.json).not.toHaveProperty('window');
      expect(res.json.reasons.map((r: { code: string }) => r.code)).toEqual([
        'KZ.RESIDENCY.DAYS_183.2026',
        'KZ.RESIDENCY.VITAL_INTERESTS.2026',
      ]);
      expect(res.json.reasons[1].text).toMatch(/missing available real estate/);
    });

    it.each([
      [
        'AIFC 90 days (1 Mar – 29 May 2026)',
        { stays: [{ entry: '2026-03-01', exit: '2026-05-29' }], aifcProgramme: true },
        true,
        'days_90_aifc',
      ],
      ['AIFC 89 days', { stays: [{ entry: '2026-03-01', exit: '2026-05-28' }], aifcProgramme: true }, false, 'none'],
      [
        'vital interests, all three',
        { stays: [], residencePermit: true, familyInKazakhstan: true, realEstateAvailable: true },
        true,
        'vital_interests',
      ],
      ['vital interests, two of three', { stays: [], citizen: true, realEstateAvailable: true }, false, 'none'],
      ['treaty certificate, foreigner', { stays: STRADDLING, treatyCertificate: true }, false, 'treaty_certificate'],
      ['treaty certificate, citizen', { stays: STRADDLING, treatyCertificate: true, citizen: true }, true, 'days_183'],
    ] as const)('%s', async (_case, input, resident, decidedBy) => {
      // Act
      const res = await post({ taxYear: 2026, asOf: '2026-12-31', ...input });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ resident, decidedBy });
      for (const reason of res.json.reasons) {
        expect(reason).toMatchObject(reasonShape);
        expect(reason).toMatchObject({
          citation: ruleById(reason.code)!.citation,
          confidence: ruleById(reason.code)!.confidence,
        });
      }
    });

    it('writes exactly one audit record per call, with the decision and no stay dates', async () => {
      // Act
      const res = await post({ taxYear: 2026, stays: STRADDLING, asOf: '2026-12-31' }, 'tenant-9');

      // Assess
      expect(res.status).toBe(200);
      expect(audit.store.writeCalls).toBe(1);
      expect(audit.store.records).toEqual([
        {
          tenant: 'tenant-9',
          checkId: res.json.checkId,
          createdAt: expect.any(String),
          operation: 'residency.kz',
          country: 'KZ',
          kind: null,
          valid: true,
          errorCodes: [],
          warningCodes: [],
          rulesetVersion: RULESET_VERSION,
          facts: { taxYear: 2026, resident: true, decidedBy: 'days_183', daysInTaxYear: 61 },
          expiresAt: expect.any(Number),
        },
      ]);
      const stored = JSON.stringify(audit.store.records);
      for (const date of ['2025-09-01', '2026-03-02', '2026-12-31']) expect(stored).not.toContain(date);
    });

    it('gives each call its own checkId and record', async () => {
      // Act
      const first = await post({ taxYear: 2026, stays: [], asOf: '2026-01-01' });
      const second = await post({ taxYear: 2025, stays: [], asOf: '2026-01-01' });

      // Assess
      expect(first.json.checkId).not.toBe(second.json.checkId);
      expect(audit.store.records.map((r) => r.checkId)).toEqual([first.json.checkId, second.json.checkId]);
      expect(audit.store.records.map((r) => r.facts?.taxYear)).toEqual([2026, 2025]);
    });

    it('uses today when asOf is left out (an open stay runs to today)', async () => {
      // Prepare
      const today = new Date().toISOString().slice(0, 10);
      const year = Number(today.slice(0, 4));

      // Act
      const res = await post({ taxYear: year, stays: [{ entry: `${year}-01-01` }] });

      // Assess
      expect(res.status).toBe(200);
      const expected = Math.round((Date.parse(today) - Date.parse(`${year}-01-01`)) / 86_400_000) + 1;
      expect(res.json.daysInTaxYear).toBe(expected);
    });
  });

  describe('400: stays the caller must fix, as problem+json naming the stay', () => {
    it.each([
      [
        'overlapping stays',
        [
          { entry: '2026-01-01', exit: '2026-01-10' },
          { entry: '2026-01-05', exit: '2026-01-20' },
        ],
        'body.stays.1.entry',
        /overlaps/,
      ],
      [
        'stays sharing a day',
        [
          { entry: '2026-01-01', exit: '2026-01-10' },
          { entry: '2026-01-10', exit: '2026-01-20' },
        ],
        'body.stays.1.entry',
        /overlaps/,
      ],
      [
        'unordered stays',
        [
          { entry: '2026-05-01', exit: '2026-05-10' },
          { entry: '2026-01-01', exit: '2026-01-10' },
        ],
        'body.stays.1.entry',
        /date order/,
      ],
      [
        'an exit before its entry',
        [{ entry: '2026-03-10', exit: '2026-03-09' }],
        'body.stays.0.exit',
        /before its entry/,
      ],
      [
        'an open stay that is not the last',
        [{ entry: '2026-01-01' }, { entry: '2026-03-10', exit: '2026-03-12' }],
        'body.stays.0.exit',
        /no exit/,
      ],
      ['an open stay starting after asOf', [{ entry: '2026-07-01' }], 'body.asOf', /after asOf/],
    ])('%s', async (_case, stays, path, message) => {
      // Act
      const res = await post({ taxYear: 2026, stays, asOf: '2026-06-30' });

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toEqual([path]);
      expect(res.json.detail).toMatch(message);
      expect(res.json.errors[0].message).toMatch(message);
      expect(audit.store.writeCalls).toBe(0);
    });

    it.each([
      [
        'an impossible date',
        { taxYear: 2026, stays: [{ entry: '2026-02-30', exit: '2026-03-01' }] },
        'body.stays.0.entry',
      ],
      [
        'a malformed exit',
        { taxYear: 2026, stays: [{ entry: '2026-02-01', exit: '01.03.2026' }] },
        'body.stays.0.exit',
      ],
      ['no taxYear', { stays: [] }, 'body.taxYear'],
      ['no stays', { taxYear: 2026 }, 'body.stays'],
      ['a fractional taxYear', { taxYear: 2026.5, stays: [] }, 'body.taxYear'],
      ['a string for citizen', { taxYear: 2026, stays: [], citizen: 'yes' }, 'body.citizen'],
      ['a bad asOf', { taxYear: 2026, stays: [], asOf: '2026-13-01' }, 'body.asOf'],
      ['a tax year before the rules data', { taxYear: 2017, stays: [], asOf: '2017-06-01' }, 'body.taxYear'],
    ])('%s', async (_case, body, path) => {
      // Act
      const res = await post(body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers bad JSON with 400', async () => {
      const res = await invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody: '{"taxYear": 2026, ' }));
      expectProblem(res, 400);
    });
  });

  describe('other failures', () => {
    it('answers 401 without an API key, and records nothing', async () => {
      const res = await post({ taxYear: 2026, stays: [] }, null);
      expectProblem(res, 401);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers 503 when the audit record cannot be written', async () => {
      audit.store.failWith();
      const res = await post({ taxYear: 2026, stays: [], asOf: '2026-01-01' });
      expectProblem(res, 503);
    });
  });
});
