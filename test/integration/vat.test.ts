import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES, RULESET_VERSION } from '../../shared/rules/index.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import {
  API_KEYS,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/**
 * The VAT routes over real HTTP on the local stack (`local/start.ts`) with DynamoDB Local: the issue's
 * cases through POST /v1/vat/assess, the rates, calendar and rules listings, and one audit record per
 * assessment in the table.
 */
let env: IntegrationEnvironment;
let table: AuditTableReader;
/** checkIds of every assessment answered 200 by this file, in order. */
const assessed: string[] = [];

const assess = async (body: unknown, key: string = API_KEYS.alpha) => {
  const res = await env.api('POST', '/v1/vat/assess', { key, body });
  if (res.status === 200) assessed.push(res.json.checkId);
  return res;
};

beforeAll(async () => {
  env = await startIntegrationEnvironment();
  table = new AuditTableReader(env.client, TABLE_NAME);
});

afterAll(async () => {
  await env?.stop();
});

interface Case {
  name: string;
  body: Record<string, unknown>;
  expected: Record<string, unknown>;
  /** code → confidence of reasons that must be present. */
  reasons: Record<string, string>;
}

const goods = { category: 'goods', net: 1000 };

/** The cases, as an integrator would send them. */
const CASES: Case[] = [
  {
    name: 'KG 2026-03-10, US seller, KG consumer, e-services, net 1000',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'US' },
      buyer: { type: 'consumer', residence: 'KG' },
      supply: { category: 'electronic_services', net: 1000 },
    },
    expected: {
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: {
        required: true,
        deadline: '2026-03-10',
        route: expect.stringContaining('vat.salyk.kg'),
        threshold: { amount: 0, currency: 'KGS' },
      },
      filing: { frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
    },
    reasons: {
      'KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION': 'confirmed',
      'KG.VAT.STANDARD': 'confirmed',
      'KG.VAT.FILING.NONRESIDENT_ESERVICES': 'secondary',
    },
  },
  {
    name: 'the same with a VAT-registered KG business buyer (no reverse charge)',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'US' },
      buyer: { type: 'business', residence: 'KG', vatRegistered: true },
      supply: { category: 'electronic_services', net: 1000 },
    },
    expected: {
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: { required: true, deadline: '2026-03-10' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
    },
    reasons: { 'KG.VAT.NONRESIDENT_ESERVICES.B2B': 'confirmed' },
  },
  {
    name: 'KG resident, general regime, turnover above KGS 30 m',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'KG', regime: 'general', turnover12m: 31_000_000 },
      buyer: { type: 'business', residence: 'KG' },
      supply: goods,
    },
    expected: {
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: { required: true, threshold: { amount: 30_000_000, currency: 'KGS' } },
    },
    reasons: { 'KG.VAT.THRESHOLD.RESIDENT': 'confirmed' },
  },
  {
    name: 'KG resident, general regime, turnover below KGS 30 m',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'KG', regime: 'general', turnover12m: 12_000_000 },
      buyer: { type: 'business', residence: 'KG' },
      supply: goods,
    },
    expected: { vatApplies: false, liableParty: 'none', registration: { required: false }, filing: null },
    reasons: { 'KG.VAT.THRESHOLD.RESIDENT': 'confirmed' },
  },
  {
    name: 'KG resident on the single tax',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'KG', regime: 'single_tax' },
      buyer: { type: 'consumer', residence: 'KG' },
      supply: goods,
    },
    expected: {
      vatApplies: false,
      liableParty: 'none',
      inputVatReclaimable: false,
      amounts: { net: 1000, vat: 0, gross: 1000 },
    },
    reasons: { 'KG.VAT.SPECIAL_REGIME': 'confirmed', 'KG.VAT.SPECIAL_REGIME.NO_INPUT_VAT': 'seed_only' },
  },
  {
    name: 'KG resident on a patent',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'KG', regime: 'patent' },
      buyer: { type: 'consumer', residence: 'KG' },
      supply: goods,
    },
    expected: { vatApplies: false, liableParty: 'none', inputVatReclaimable: false },
    reasons: { 'KG.VAT.SPECIAL_REGIME': 'confirmed', 'KG.VAT.SPECIAL_REGIME.NO_INPUT_VAT': 'seed_only' },
  },
  {
    name: 'KG business buying ordinary services from a non-resident (tax agent, contested)',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'DE' },
      buyer: { type: 'business', residence: 'KG', vatRegistered: true },
      supply: { category: 'services', net: 1000 },
    },
    expected: {
      vatApplies: true,
      rate: 12,
      liableParty: 'buyer_tax_agent',
      registration: { required: false },
      amounts: { net: 1000, vat: 120, gross: 1120 },
    },
    reasons: { 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES': 'contested' },
  },
  {
    name: 'the same buyer as an HTP resident buying IT services (no duty, seed only)',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'DE' },
      buyer: { type: 'business', residence: 'KG', vatRegistered: true, htpResident: true },
      supply: { category: 'services', net: 1000, itServices: true },
    },
    expected: { vatApplies: false, rate: 0, liableParty: 'none', filing: null },
    reasons: { 'KG.VAT.TAX_AGENT.HTP_EXEMPTION': 'seed_only' },
  },
  {
    name: 'KG goods export outside the EAEU (0% with evidence)',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'KG', vatRegistered: true },
      buyer: { type: 'business', residence: 'DE' },
      supply: { ...goods, destination: 'DE' },
    },
    expected: {
      vatApplies: true,
      rate: 0,
      liableParty: 'seller',
      evidence: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
      amounts: { net: 1000, vat: 0, gross: 1000 },
    },
    reasons: { 'KG.VAT.ZERO.EXPORT': 'confirmed', 'KG.VAT.EVIDENCE.EXPORT': 'secondary' },
  },
  {
    name: 'KG goods export to an EAEU state (statement of import replaces the customs declaration)',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'KG', vatRegistered: true },
      buyer: { type: 'business', residence: 'KZ' },
      supply: { ...goods, destination: 'KZ' },
    },
    expected: {
      vatApplies: true,
      rate: 0,
      evidence: ['contract', 'eaeu_import_statement', 'transport_document', 'bank_proceeds'],
    },
    reasons: { 'KG.VAT.ZERO.EXPORT': 'confirmed', 'KG.VAT.EVIDENCE.EAEU_EXPORT': 'secondary' },
  },
  {
    name: 'KZ e-services from a non-resident to a KZ consumer on 2026-02-01 (16%)',
    body: {
      country: 'KZ',
      date: '2026-02-01',
      seller: { residence: 'US' },
      buyer: { type: 'consumer', residence: 'KZ' },
      supply: { category: 'electronic_services', net: 1000 },
    },
    expected: {
      vatApplies: true,
      rate: 16,
      liableParty: 'seller',
      registration: { required: true, deadline: '2026-03-01' },
      amounts: { net: 1000, vat: 160, gross: 1160 },
    },
    reasons: { 'KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2026': 'confirmed', 'KZ.VAT.STANDARD.2026': 'confirmed' },
  },
  {
    name: 'KZ e-services from a non-resident to a KZ consumer on 2025-06-01 (12%)',
    body: {
      country: 'KZ',
      date: '2025-06-01',
      seller: { residence: 'US' },
      buyer: { type: 'consumer', residence: 'KZ' },
      supply: { category: 'electronic_services', net: 1000 },
    },
    expected: {
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: { required: true, deadline: '2025-07-01' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
    },
    reasons: { 'KZ.VAT.STANDARD.2018': 'confirmed' },
  },
  {
    name: 'KZ resident with KZT 50 m turnover on 2026-05-10 (over 10,000 × 4,325)',
    body: {
      country: 'KZ',
      date: '2026-05-10',
      seller: { residence: 'KZ', turnover12m: 50_000_000 },
      buyer: { type: 'business', residence: 'KZ' },
      supply: goods,
    },
    expected: {
      vatApplies: true,
      rate: 16,
      registration: { required: true, deadline: '2026-05-15', threshold: { amount: 43_250_000, currency: 'KZT' } },
    },
    reasons: { 'KZ.VAT.THRESHOLD.RESIDENT.2026': 'confirmed', 'KZ.MCI.2026': 'confirmed' },
  },
  {
    name: 'KZ resident with KZT 50 m turnover on 2025-06-10 (under 20,000 × 3,932)',
    body: {
      country: 'KZ',
      date: '2025-06-10',
      seller: { residence: 'KZ', turnover12m: 50_000_000 },
      buyer: { type: 'business', residence: 'KZ' },
      supply: goods,
    },
    expected: {
      vatApplies: false,
      registration: { required: false, threshold: { amount: 78_640_000, currency: 'KZT' } },
    },
    reasons: { 'KZ.VAT.THRESHOLD.RESIDENT.2018': 'confirmed', 'KZ.MCI.2025': 'confirmed' },
  },
  {
    name: 'EAEU: KG supplier of e-services to a KZ consumer (KZ VAT)',
    body: {
      country: 'KG',
      date: '2026-03-10',
      seller: { residence: 'KG' },
      buyer: { type: 'consumer', residence: 'KZ' },
      supply: { category: 'electronic_services', net: 1000 },
    },
    expected: {
      vatApplies: true,
      rate: 16,
      liableParty: 'seller',
      vatCountry: 'KZ',
      amounts: { net: 1000, vat: 160, gross: 1160 },
    },
    reasons: { 'EAEU.VAT.ESERVICES': 'confirmed' },
  },
  {
    name: 'EAEU: KZ supplier of e-services to a KG business (KG VAT)',
    body: {
      country: 'KZ',
      date: '2026-03-10',
      seller: { residence: 'KZ' },
      buyer: { type: 'business', residence: 'KG', vatRegistered: true },
      supply: { category: 'electronic_services', net: 1000 },
    },
    expected: {
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      vatCountry: 'KG',
      amounts: { net: 1000, vat: 120, gross: 1120 },
    },
    reasons: { 'EAEU.VAT.ESERVICES': 'confirmed', 'EAEU.VAT.ESERVICES.B2B_EXCEPTION': 'secondary' },
  },
];

describe('Route: POST /v1/vat/assess (HTTP)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, { body, expected, reasons }) => {
    // Act
    const res = await assess(body);

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toMatchObject({
      ...expected,
      rulesetVersion: RULESET_VERSION,
      checkId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    });
    const got = Object.fromEntries(
      res.json.reasons.map((r: { code: string; confidence: string }) => [r.code, r.confidence]),
    );
    expect(got).toMatchObject(reasons);
    for (const r of res.json.reasons) expect(r.citation).not.toBe('');
  });

  it('cites the EAEU protocol with its dates', async () => {
    // Act
    const res = await assess(CASES.find((c) => c.name.startsWith('EAEU: KG'))!.body);

    // Assess
    const protocol = res.json.reasons.find((r: { code: string }) => r.code === 'EAEU.VAT.ESERVICES');
    expect(protocol).toMatchObject({
      confidence: 'confirmed',
      effectiveFrom: '2024-04-01',
      citation: expect.stringContaining('09.12.2022'),
    });
  });

  it.each([
    ['an unknown enum', { ...CASES[0]!.body, supply: { category: 'digital' } }, 'body.supply.category'],
    ['a date that does not exist', { ...CASES[0]!.body, date: '2026-02-30' }, 'body.date'],
    ['an unknown country', { ...CASES[0]!.body, country: 'UZ' }, 'body.country'],
    ['a date before the rules data', { ...CASES[0]!.body, date: '2021-06-30' }, 'body.date'],
  ])('answers %s with 400 problem+json and records nothing', async (_case, body, path) => {
    // Act
    const res = await assess(body);

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toContain(path);
  });

  it('answers without an API key with 401, and with an unknown key with 401', async () => {
    // Act
    const missing = await env.api('POST', '/v1/vat/assess', { body: CASES[0]!.body });
    const unknown = await env.api('POST', '/v1/vat/assess', { key: 'not-a-key', body: CASES[0]!.body });

    // Assess
    expectProblem(missing, 401);
    expectProblem(unknown, 401);
  });

  it('wrote exactly one audit record per assessment to DynamoDB, with the outcome', async () => {
    // Prepare
    const expectedCount = CASES.length + 1; // the cases and the EAEU citation check

    // Act
    const items = (await table.queryPartition('T#alpha')).filter((i) => i.operation === 'vat.assess');

    // Assess
    expect(assessed).toHaveLength(expectedCount);
    expect(items.map((i) => i.checkId).sort()).toEqual([...assessed].sort());
    const first = items.find((i) => i.checkId === assessed[0]);
    expect(first).toMatchObject({
      pk: 'T#alpha',
      sk: assessed[0],
      tenant: 'alpha',
      operation: 'vat.assess',
      country: 'KG',
      valid: true,
      errorCodes: [],
      warningCodes: [],
      rulesetVersion: RULESET_VERSION,
      expiresAt: expect.any(Number),
      facts: {
        vatCountry: 'KG',
        vatApplies: true,
        rate: 12,
        liableParty: 'seller',
        registrationRequired: true,
        supplyCategory: 'electronic_services',
      },
    });
    expect(first!.identifier).toBeUndefined();
    expect(first!.gsi1pk).toBeUndefined();
  });

  it('writes the record under the calling tenant only', async () => {
    // Act
    const res = await assess(CASES[0]!.body, API_KEYS.beta);

    // Assess
    expect(res.status).toBe(200);
    expect(await table.get('T#beta', res.json.checkId)).toMatchObject({ tenant: 'beta', operation: 'vat.assess' });
    expect(await table.get('T#alpha', res.json.checkId)).toBeUndefined();
  });
});

describe('Route: GET /v1/vat/rates (HTTP)', () => {
  it('answers the KZ rates in force on 2026-02-01', async () => {
    // Act
    const res = await env.api('GET', '/v1/vat/rates', {
      key: API_KEYS.alpha,
      query: { country: 'KZ', date: '2026-02-01' },
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.standard).toMatchObject({
      rate: 16,
      ruleId: 'KZ.VAT.STANDARD.2026',
      effectiveFrom: '2026-01-01',
      confidence: 'confirmed',
    });
    expect(res.json.reduced.map((r: { category: string; rate: number }) => `${r.category}:${r.rate}`).sort()).toEqual([
      'medicines:5',
      'periodicals:10',
    ]);
    expect(res.json.zero.map((r: { rate: number }) => r.rate)).toEqual([0]);
  });

  it('answers 12% for KZ on 2025-06-01 and 12% for KG', async () => {
    // Act
    const kz = await env.api('GET', '/v1/vat/rates', {
      key: API_KEYS.alpha,
      query: { country: 'KZ', date: '2025-06-01' },
    });
    const kg = await env.api('GET', '/v1/vat/rates', {
      key: API_KEYS.alpha,
      query: { country: 'KG', date: '2026-03-10' },
    });

    // Assess
    expect(kz.json.standard).toMatchObject({ rate: 12, ruleId: 'KZ.VAT.STANDARD.2018', effectiveTo: '2025-12-31' });
    expect(kz.json.reduced).toEqual([]);
    expect(kg.json.standard).toMatchObject({ rate: 12, ruleId: 'KG.VAT.STANDARD' });
  });

  it.each([
    ['an unknown country', { country: 'RU', date: '2026-02-01' }],
    ['a bad date', { country: 'KZ', date: '2026-02-30' }],
    ['a date before the rules data', { country: 'KZ', date: '2017-06-01' }],
  ])('answers %s with 400', async (_case, query) => {
    // Act
    const res = await env.api('GET', '/v1/vat/rates', { key: API_KEYS.alpha, query });

    // Assess
    expectProblem(res, 400);
  });

  it('answers without an API key with 401', async () => {
    // Act
    const res = await env.api('GET', '/v1/vat/rates', { query: { country: 'KZ', date: '2026-02-01' } });

    // Assess
    expectProblem(res, 401);
  });
});

describe('Route: GET /v1/vat/calendar (HTTP)', () => {
  it('answers the KG 2026 calendar: Q1 foreign e-services return due 2026-04-20', async () => {
    // Act
    const res = await env.api('GET', '/v1/vat/calendar', {
      key: API_KEYS.alpha,
      query: { country: 'KG', year: '2026' },
    });

    // Assess
    expect(res.status).toBe(200);
    const nonResident = res.json.schedules.find((s: { filer: string }) => s.filer === 'nonresident_eservices');
    expect(nonResident.periods[0]).toMatchObject({
      period: '2026-Q1',
      periodEnd: '2026-03-31',
      dueDate: '2026-04-20',
      confidence: 'secondary',
    });
    expect(res.json.periods).toHaveLength(12);
  });

  it('answers the KZ 2026 calendar: Q1 resident return due 2026-05-15', async () => {
    // Act
    const res = await env.api('GET', '/v1/vat/calendar', {
      key: API_KEYS.alpha,
      query: { country: 'KZ', year: '2026' },
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.periods[0]).toMatchObject({
      period: '2026-Q1',
      dueDate: '2026-05-15',
      ruleId: 'KZ.VAT.FILING.RESIDENT.2026',
    });
  });

  it('answers a bad year with 400 and no key with 401', async () => {
    // Act
    const bad = await env.api('GET', '/v1/vat/calendar', {
      key: API_KEYS.alpha,
      query: { country: 'KZ', year: 'soon' },
    });
    const noKey = await env.api('GET', '/v1/vat/calendar', { query: { country: 'KZ', year: '2026' } });

    // Assess
    expectProblem(bad, 400);
    expect(problemPaths(bad)).toContain('query.year');
    expectProblem(noKey, 401);
  });
});

describe('Route: GET /v1/rules (HTTP)', () => {
  it('lists every rules row with its confidence', async () => {
    // Act
    const res = await env.api('GET', '/v1/rules', { key: API_KEYS.alpha });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ rulesetVersion: RULESET_VERSION, count: RULES.length });
    expect(res.json.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(res.json.rules.find((r: { id: string }) => r.id === 'KG.ESF.DEADLINE')).toMatchObject({
      calendarDays: 5,
      confidence: 'seed_only',
    });
  });

  it('filters by country, topic and date', async () => {
    // Act
    const res = await env.api('GET', '/v1/rules', {
      key: API_KEYS.alpha,
      query: { country: 'KZ', topic: 'vat.rate.standard', date: '2026-01-01' },
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.rules.map((r: { id: string }) => r.id)).toEqual(['KZ.VAT.STANDARD.2026']);
  });

  it('answers an unknown country with 400 and no key with 401', async () => {
    // Act
    const bad = await env.api('GET', '/v1/rules', { key: API_KEYS.alpha, query: { country: 'RU' } });
    const noKey = await env.api('GET', '/v1/rules');

    // Assess
    expectProblem(bad, 400);
    expectProblem(noKey, 401);
  });

  it('writes no audit records for the listings', async () => {
    // Act
    const items = await table.scanRecords();

    // Assess
    expect(items.every((i) => i.operation === 'vat.assess')).toBe(true);
    expect(items).toHaveLength(assessed.length);
  });
});
