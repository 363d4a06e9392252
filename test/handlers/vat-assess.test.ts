import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/vat-assess.js';
import { RULESET_VERSION } from '../../shared/rules/version.js';
import { VatAssessResponse } from '../../shared/schemas/vat.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

const PATH = '/v1/vat/assess';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const assess = (body: unknown, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'POST', path: PATH, body, apiKeyId }));
const assessRaw = (rawBody: string | null) => invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody }));

/** The first case: a US seller of electronic services to a KG consumer. */
const KG_ESERVICES = {
  country: 'KG',
  date: '2026-03-10',
  seller: { residence: 'US' },
  buyer: { type: 'consumer', residence: 'KG' },
  supply: { category: 'electronic_services', net: 1000 },
};

/** A copy of KG_ESERVICES with one dotted path replaced (or removed with `undefined`). */
function withField(path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(KG_ESERVICES) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return copy;
}

describe('Route: POST /v1/vat/assess (handler)', () => {
  const audit = useFakeAuditTrail('vat-handler-secret');

  describe('200: the decision and its audit record', () => {
    it('answers the KG e-services case with the contract shape', async () => {
      // Act
      const res = await assess(KG_ESERVICES);

      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        vatApplies: true,
        rate: 12,
        liableParty: 'seller',
        registration: {
          required: true,
          deadline: '2026-03-10',
          route: expect.stringContaining('vat.salyk.kg'),
          threshold: { amount: 0, currency: 'KGS', basis: expect.any(String) },
        },
        filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
        amounts: { net: 1000, vat: 120, gross: 1120 },
        vatCountry: 'KG',
        reasons: expect.any(Array),
        confidence: 'confirmed',
        confidenceFrom: expect.arrayContaining(['KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION', 'KG.VAT.STANDARD']),
        rulesetVersion: RULESET_VERSION,
        checkId: expect.stringMatching(ULID),
      });
      expect(res.json.reasons.map((r: { code: string; confidence: string }) => `${r.code}:${r.confidence}`)).toEqual(
        expect.arrayContaining([
          'KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION:confirmed',
          'KG.VAT.STANDARD:confirmed',
          'KG.VAT.FILING.NONRESIDENT_ESERVICES:secondary',
        ]),
      );
      for (const reason of res.json.reasons) {
        expect(reason).toEqual({
          code: expect.any(String),
          text: expect.any(String),
          citation: expect.any(String),
          confidence: expect.stringMatching(/^(confirmed|secondary|seed_only|contested)$/),
          ruleId: reason.code,
          effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          effectiveTo: null,
          ...(reason.note === undefined ? {} : { note: expect.any(String) }),
        });
      }
      expect(VatAssessResponse.strict().safeParse(res.json).success).toBe(true);
    });

    it('writes exactly one audit record of the outcome, under the calling tenant, with no identifier', async () => {
      // Act
      const res = await assess(KG_ESERVICES, 'tenant-v');

      // Assess
      expect(res.status).toBe(200);
      expect(audit.store.records).toHaveLength(1);
      const record = audit.store.records[0]!;
      expect(record).toEqual({
        tenant: 'tenant-v',
        checkId: res.json.checkId,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        operation: 'vat.assess',
        country: 'KG',
        kind: null,
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
          reasons: res.json.reasons.map((r: { code: string }) => r.code).join(','),
        },
      });
      expect(record.identifier).toBeUndefined();
    });

    it('answers the KG tax-agent case with the contested reason and its note', async () => {
      // Prepare
      const body = {
        ...KG_ESERVICES,
        seller: { residence: 'DE' },
        buyer: { type: 'business', residence: 'KG', vatRegistered: true },
        supply: { category: 'services', net: 1000 },
      };

      // Act
      const res = await assess(body);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        vatApplies: true,
        rate: 12,
        liableParty: 'buyer_tax_agent',
        registration: { required: false },
      });
      const agent = res.json.reasons.find((r: { code: string }) => r.code === 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES');
      expect(agent).toMatchObject({ confidence: 'contested', note: expect.stringContaining('Art. 253') });
      expect(audit.store.records[0]!.facts).toMatchObject({
        liableParty: 'buyer_tax_agent',
        registrationRequired: false,
      });
    });

    it('records the buyer state as vatCountry for EAEU e-services', async () => {
      // Prepare
      const body = { ...KG_ESERVICES, seller: { residence: 'KG' }, buyer: { type: 'consumer', residence: 'KZ' } };

      // Act
      const res = await assess(body);

      // Assess
      expect(res.json).toMatchObject({ vatCountry: 'KZ', rate: 16 });
      expect(audit.store.records[0]).toMatchObject({ country: 'KG', facts: { vatCountry: 'KZ', rate: 16 } });
    });

    it('accepts lower-case ISO country codes for residence', async () => {
      // Act
      const res = await assess(withField('seller.residence', 'us'));

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ rate: 12, liableParty: 'seller' });
    });

    it.each(['UK', 'XX', 'EU'])('refuses %s as a residence: not an ISO 3166 alpha-2 code', async (code) => {
      // Act
      const res = await assess(withField('seller.residence', code));

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain('body.seller.residence');
    });

    it('accepts money as a decimal string', async () => {
      // Act
      const res = await assess(withField('supply.net', '1000.50'));

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.amounts).toEqual({ net: 1000.5, vat: 120.06, gross: 1120.56 });
    });

    it('leaves amounts out when no net is given', async () => {
      // Act
      const res = await assess(withField('supply.net', undefined));

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.amounts).toBeUndefined();
    });
  });

  describe('400: problem+json, nothing recorded', () => {
    it.each([
      ['an unknown supply category', withField('supply.category', 'digital'), 'body.supply.category'],
      ['an unknown buyer type', withField('buyer.type', 'government'), 'body.buyer.type'],
      ['an unknown regime', withField('seller.regime', 'flat_tax'), 'body.seller.regime'],
      ['a country the API does not cover', withField('country', 'RU'), 'body.country'],
      ['a date that does not exist', withField('date', '2026-02-30'), 'body.date'],
      ['a date in the wrong format', withField('date', '10.03.2026'), 'body.date'],
      ['a three-letter residence', withField('seller.residence', 'USA'), 'body.seller.residence'],
      ['a negative net', withField('supply.net', -1), 'body.supply.net'],
      ['a net as text', withField('supply.net', 'a lot'), 'body.supply.net'],
      ['a missing buyer', withField('buyer', undefined), 'body.buyer'],
      ['a bad first-sale date', withField('seller.firstSaleDate', '2026-13-01'), 'body.seller.firstSaleDate'],
    ])('answers %s with 400', async (_case, body, path) => {
      // Act
      const res = await assess(body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toContain(path);
      expect(audit.store.writeCalls).toBe(0);
    });

    it.each([
      ['before the KG data starts', 'KG', '2021-12-31'],
      ['before the KZ data starts', 'KZ', '2017-12-31'],
    ])('answers a supply date %s with 400 on the date, not a guess or a 500', async (_case, country, date) => {
      // Prepare
      const body = { ...KG_ESERVICES, country, date, buyer: { type: 'consumer', residence: country } };

      // Act
      const res = await assess(body);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res)).toEqual(['body.date']);
      expect(res.json.detail).toContain(date);
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers a KZ resident case in a year with no MCI value with 400 on the date', async () => {
      // Prepare
      const body = {
        country: 'KZ',
        date: '2027-03-01',
        seller: { residence: 'KZ', turnover12m: 50_000_000 },
        buyer: { type: 'business', residence: 'KZ' },
        supply: { category: 'goods' },
      };

      // Act
      const res = await assess(body);

      // Assess
      expectProblem(res, 400);
      expect(res.json.detail).toContain('MCI');
    });

    it.each([
      ['bad JSON', '{"country": '],
      ['an empty body', ''],
      ['no body', null],
    ])('answers %s with 400', async (_case, rawBody) => {
      // Act
      const res = await assessRaw(rawBody);

      // Assess
      expectProblem(res, 400);
      expect(audit.store.writeCalls).toBe(0);
    });
  });

  describe('401 and 503', () => {
    it('answers a request without an API key with 401 and writes nothing', async () => {
      // Act
      const res = await assess(KG_ESERVICES, null);

      // Assess
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toContain('x-api-key');
      expect(audit.store.writeCalls).toBe(0);
    });

    it('answers 503 with Retry-After when the audit record cannot be written (no decision without its record)', async () => {
      // Prepare
      audit.store.failWith();

      // Act
      const res = await assess(KG_ESERVICES);

      // Assess
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.json.checkId).toBeUndefined();
    });
  });
});
