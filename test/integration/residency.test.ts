import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleById } from '../../shared/rules/index.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import {
  API_KEYS,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/**
 * POST /v1/residency/kz through the real local stack (`local/start.ts`) over HTTP, on a real in-memory
 * DynamoDB Local. Every expected number below is counted by hand in the comment beside it.
 */
let env: IntegrationEnvironment;
let table: AuditTableReader;

const residency = (body: unknown, key: string = API_KEYS.alpha) => env.api('POST', '/v1/residency/kz', { key, body });

/** Stay dates chosen so that no timestamp written today can contain them. */
const TRIP_DATES = ['2019-09-01', '2020-03-02'];
/** 1 Sep 2019 – 2 Mar 2020: 122 days in 2019 (30 + 31 + 30 + 31), 62 in 2020 (31 + 29 + 2, a leap year) = 184. */
const STRADDLING = [{ entry: TRIP_DATES[0], exit: TRIP_DATES[1] }];

beforeAll(async () => {
  env = await startIntegrationEnvironment();
  table = new AuditTableReader(env.client, TABLE_NAME);
});

afterAll(async () => {
  await env?.stop();
});

describe('Route: POST /v1/residency/kz (local stack)', () => {
  it('answers per contract and writes one audit item with the decision', async () => {
    // Act
    const res = await residency({ taxYear: 2020, stays: STRADDLING, asOf: '2020-12-31' });

    // Assess: the window ending 1 Mar 2020 starts 2 Mar 2019 and holds 122 + 31 + 29 + 1 = 183 days.
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toEqual({
      resident: true,
      decidedBy: 'days_183',
      window: { start: '2019-03-02', end: '2020-03-01', days: 183 },
      daysInTaxYear: 62,
      threshold: 183,
      maxWindow: { start: '2019-03-03', end: '2020-03-02', days: 184 },
      reasons: [
        expect.objectContaining({ code: 'KZ.RESIDENCY.DAYS_183' }),
        expect.objectContaining({ code: 'KZ.PIT.RESIDENT.2018' }),
      ],
      // The day test decided it (the PIT row is information, not part of the decision).
      confidence: 'confirmed',
      confidenceFrom: ['KZ.RESIDENCY.DAYS_183'],
      checkId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    });
    for (const reason of res.json.reasons) {
      const row = ruleById(reason.code)!;
      expect(reason).toMatchObject({ text: expect.any(String), citation: row.citation, confidence: row.confidence });
    }
    const item = await table.get('T#alpha', res.json.checkId);
    expect(item).toMatchObject({
      tenant: 'alpha',
      checkId: res.json.checkId,
      operation: 'residency.kz',
      country: 'KZ',
      valid: true,
      facts: { taxYear: 2020, resident: true, decidedBy: 'days_183', daysInTaxYear: 62 },
      rulesetVersion: expect.any(String),
      expiresAt: expect.any(Number),
    });
    const stored = JSON.stringify(item);
    for (const date of TRIP_DATES) expect(stored).not.toContain(date);
  });

  it('writes exactly one item per call, under the calling tenant', async () => {
    // Prepare
    const before = (await table.scanRecords()).length;

    // Act
    const answers = [
      await residency({ taxYear: 2019, stays: STRADDLING, asOf: '2020-06-01' }, API_KEYS.beta),
      await residency(
        {
          taxYear: 2020,
          stays: [],
          residencePermit: true,
          familyInKazakhstan: true,
          realEstateAvailable: true,
          asOf: '2020-06-01',
        },
        API_KEYS.beta,
      ),
      await residency({ taxYear: 2020, stays: STRADDLING, treatyCertificate: true, asOf: '2020-06-01' }, API_KEYS.beta),
    ];

    // Assess
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json.decidedBy)).toEqual(['none', 'vital_interests', 'treaty_certificate']);
    expect((await table.scanRecords()).length).toBe(before + 3);
    for (const answer of answers) {
      expect(await table.get('T#beta', answer.json.checkId)).toMatchObject({
        tenant: 'beta',
        operation: 'residency.kz',
      });
      expect(await table.get('T#alpha', answer.json.checkId)).toBeUndefined();
    }
  });

  it('answers a 2019 non-resident with the days counted and still allowed', async () => {
    // Act: 2019 windows see only 1 Sep – 31 Dec 2019 (122 days); asOf 1 Jun 2019 is before the trip.
    const res = await residency({ taxYear: 2019, stays: STRADDLING, asOf: '2019-06-01' });

    // Assess: from 2 Jun, 60 more days (to 31 Jul) keep every window at 182; the 61st would make 183.
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      resident: false,
      decidedBy: 'none',
      daysInTaxYear: 122,
      daysUntilThreshold: 60,
      maxWindow: { start: '2019-01-01', end: '2019-12-31', days: 122 },
    });
    expect(res.json).not.toHaveProperty('window');
  });

  it('answers AIFC participants on the 90-day test', async () => {
    // 1 Mar – 29 May 2026: 31 + 30 + 29 = 90 days.
    const res = await residency({
      taxYear: 2026,
      stays: [{ entry: '2026-03-01', exit: '2026-05-29' }],
      aifcProgramme: true,
      asOf: '2026-12-31',
    });
    expect(res.json).toMatchObject({
      resident: true,
      decidedBy: 'days_90_aifc',
      threshold: 90,
      window: { start: '2025-05-30', end: '2026-05-29', days: 90 },
    });
    expect(res.json.reasons.map((r: { code: string }) => r.code)).toEqual([
      'KZ.RESIDENCY.DAYS_90_AIFC',
      'KZ.PIT.RESIDENT.2026',
    ]);
  });

  it.each([
    [
      'overlapping stays',
      [
        { entry: '2026-01-01', exit: '2026-01-10' },
        { entry: '2026-01-10', exit: '2026-01-20' },
      ],
      'body.stays.1.entry',
    ],
    [
      'unordered stays',
      [
        { entry: '2026-05-01', exit: '2026-05-10' },
        { entry: '2026-01-01', exit: '2026-01-10' },
      ],
      'body.stays.1.entry',
    ],
    ['an exit before its entry', [{ entry: '2026-03-10', exit: '2026-03-09' }], 'body.stays.0.exit'],
  ])('answers %s with 400 problem+json naming the stay, and writes nothing', async (_case, stays, path) => {
    // Prepare
    const before = (await table.scanRecords()).length;

    // Act
    const res = await residency({ taxYear: 2026, stays, asOf: '2026-06-30' });

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual([path]);
    expect((await table.scanRecords()).length).toBe(before);
  });

  it('answers 401 without a key', async () => {
    const res = await env.api('POST', '/v1/residency/kz', { body: { taxYear: 2026, stays: [] } });
    expect(res.status).toBe(401);
  });
});
