import { describe, expect, it } from 'vitest';
import { RulesCoverageError } from '../../../shared/errors.js';
import { type Confidence, RULESET_VERSION, ruleById } from '../../../shared/rules/index.js';
import { assessVat, type VatAssessment, type VatAssessmentRequest } from '../../../shared/vat/assess.js';
import { rateFor } from '../../../shared/vat/rates.js';

/**
 * assessVat against the issue's cases (dates are supply dates) and the edges around them. Every
 * expectation is written out by hand from research/tax-rules.md, never computed from the rules table.
 */

type Party = Partial<VatAssessmentRequest['seller']>;

function request(
  country: 'KG' | 'KZ',
  date: string,
  seller: Party & { residence: string },
  buyer: VatAssessmentRequest['buyer'],
  supply: VatAssessmentRequest['supply'],
): VatAssessmentRequest {
  return { country, date, seller, buyer, supply };
}

/** The reasons are exactly these rows (code → confidence), each citing its row as the rules data has it. */
function expectReasons(assessment: VatAssessment, expected: Record<string, Confidence>): void {
  expect(Object.fromEntries(assessment.reasons.map((r) => [r.code, r.confidence]))).toEqual(expected);
  expect(assessment.reasons).toHaveLength(Object.keys(expected).length);
  for (const reason of assessment.reasons) {
    const row = ruleById(reason.code);
    expect(row, `reason ${reason.code} names no rules row`).toBeDefined();
    expect(reason).toMatchObject({
      ruleId: row!.id,
      citation: row!.citation,
      confidence: row!.confidence,
      effectiveFrom: row!.effectiveFrom,
      effectiveTo: row!.effectiveTo,
    });
    expect(reason.citation).not.toBe('');
    expect(reason.text).not.toBe('');
  }
}

const KG_PORTAL = 'non-resident VAT portal vat.salyk.kg (Tax Code Art. 111; foreign organisations under Art. 28(4))';
const KZ_CONDITIONAL_2026 =
  'conditional VAT registration (Tax Code Art. 102.1; MoF Order No. 636): confirmation letter with notarised documents';

describe('assessVat: KG electronic services from a non-EAEU supplier', () => {
  it('makes a US seller to a KG consumer liable at 12%, registered from the first sale via vat.salyk.kg, filing quarterly by the 20th', () => {
    // Prepare
    const req = request(
      'KG',
      '2026-03-10',
      { residence: 'US' },
      { type: 'consumer', residence: 'KG' },
      { category: 'electronic_services', net: 1000 },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a).toEqual({
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: {
        required: true,
        deadline: '2026-03-10',
        route: KG_PORTAL,
        threshold: { amount: 0, currency: 'KGS', basis: expect.stringContaining('no threshold') },
      },
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
      vatCountry: 'KG',
      reasons: expect.any(Array),
      confidence: 'confirmed',
      confidenceFrom: [
        'KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION',
        'KG.VAT.STANDARD',
        'KG.VAT.ESERVICES.PLACE_OF_SUPPLY',
      ],
      rulesetVersion: RULESET_VERSION,
    });
    expectReasons(a, {
      'KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION': 'confirmed',
      'KG.VAT.STANDARD': 'confirmed',
      'KG.VAT.ESERVICES.PLACE_OF_SUPPLY': 'confirmed',
      'KG.VAT.FILING.NONRESIDENT_ESERVICES': 'secondary',
    });
  });

  it('keeps the seller liable for a VAT-registered KG business buyer: no reverse charge from outside the EAEU', () => {
    // Prepare
    const req = request(
      'KG',
      '2026-03-10',
      { residence: 'US' },
      { type: 'business', residence: 'KG', vatRegistered: true },
      { category: 'electronic_services', net: 1000 },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: {
        required: true,
        deadline: '2026-03-10',
        route: KG_PORTAL,
        threshold: { amount: 0, currency: 'KGS' },
      },
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
    });
    expectReasons(a, {
      'KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION': 'confirmed',
      'KG.VAT.STANDARD': 'confirmed',
      'KG.VAT.ESERVICES.PLACE_OF_SUPPLY': 'confirmed',
      'KG.VAT.NONRESIDENT_ESERVICES.B2B': 'confirmed',
      'KG.VAT.FILING.NONRESIDENT_ESERVICES': 'secondary',
    });
  });

  it('dates the registration from the first sale when one is given', () => {
    // Prepare
    const req = request(
      'KG',
      '2026-03-10',
      { residence: 'US', firstSaleDate: '2026-01-15' },
      { type: 'consumer', residence: 'KG' },
      { category: 'electronic_services' },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a.registration.deadline).toBe('2026-01-15');
    expect(a.amounts).toBeUndefined();
  });

  it.each([
    ['2026-01-01', '2026-03-31', '2026-04-20'],
    ['2026-04-01', '2026-06-30', '2026-07-20'],
    ['2026-12-31', '2026-12-31', '2027-01-20'],
  ])('files the quarter of a %s supply (ending %s) by %s', (date, periodEnd, dueDate) => {
    // Prepare
    const req = request(
      'KG',
      date,
      { residence: 'GB' },
      { type: 'consumer', residence: 'KG' },
      { category: 'electronic_services' },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a.filing).toEqual({ filedBy: 'seller', frequency: 'quarterly', periodEnd, dueDate });
  });
});

describe('assessVat: KG residents, thresholds and special regimes', () => {
  const resident = (seller: Party, net = 1000) =>
    request(
      'KG',
      '2026-03-10',
      { residence: 'KG', ...seller },
      { type: 'business', residence: 'KG' },
      { category: 'goods', net },
    );

  it('requires registration on the general regime with 12-month turnover above KGS 30 million, and charges 12%', () => {
    // Act
    const a = assessVat(resident({ regime: 'general', turnover12m: 30_000_001 }));

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: {
        required: true,
        route: 'VAT registration with the State Tax Service (sti.gov.kg)',
        threshold: {
          amount: 30_000_000,
          currency: 'KGS',
          basis:
            '12-month taxable turnover above KGS 30,000,000 (threshold for services and other activities, the default)',
        },
      },
      filing: { filedBy: 'seller', frequency: 'monthly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
    });
    expect(a.registration.deadline).toBeUndefined(); // the research found no KG registration deadline
    expectReasons(a, {
      'KG.VAT.THRESHOLD.RESIDENT': 'confirmed',
      'KG.VAT.STANDARD': 'confirmed',
      'KG.VAT.FILING.RESIDENT': 'secondary',
    });
    expect(a.reasons[0]!.text).toContain('Turnover 30,000,001 is above the threshold of 30,000,000');
  });

  it.each([
    ['below', 29_000_000],
    ['exactly at', 30_000_000],
  ])('does not require registration with turnover %s KGS 30 million', (_case, turnover12m) => {
    // Act
    const a = assessVat(resident({ regime: 'general', turnover12m }));

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      rate: 0,
      liableParty: 'none',
      registration: { required: false, threshold: { amount: 30_000_000, currency: 'KGS' } },
      filing: null,
      amounts: { net: 1000, vat: 0, gross: 1000 },
    });
    expectReasons(a, { 'KG.VAT.THRESHOLD.RESIDENT': 'confirmed' });
    expect(a.reasons[0]!.text).toContain('is not above the threshold');
  });

  it('treats a voluntarily VAT-registered resident below the threshold as liable', () => {
    // Act
    const a = assessVat(resident({ regime: 'general', turnover12m: 1_000_000, vatRegistered: true }));

    // Assess
    expect(a).toMatchObject({ vatApplies: true, rate: 12, liableParty: 'seller', registration: { required: true } });
  });

  it.each(['single_tax', 'patent'] as const)(
    'applies no VAT on the %s regime, and input VAT is not reclaimable',
    (regime) => {
      // Act
      const a = assessVat(resident({ regime, turnover12m: 5_000_000 }));

      // Assess
      expect(a).toMatchObject({
        vatApplies: false,
        rate: 0,
        liableParty: 'none',
        registration: { required: false },
        filing: null,
        inputVatReclaimable: false,
        amounts: { net: 1000, vat: 0, gross: 1000 },
      });
      expectReasons(a, { 'KG.VAT.SPECIAL_REGIME': 'confirmed', 'KG.VAT.SPECIAL_REGIME.NO_INPUT_VAT': 'seed_only' });
    },
  );

  it('takes a single-tax business over KGS 30 million into VAT (the ceiling forces the general regime, KG-7 nuance)', () => {
    // Act
    const a = assessVat(resident({ regime: 'single_tax', turnover12m: 40_000_000 }));

    // Assess
    expect(a).toMatchObject({ vatApplies: true, rate: 12, liableParty: 'seller', registration: { required: true } });
    expect(a.inputVatReclaimable).toBeUndefined();
  });
});

describe('assessVat: KG services bought from a non-resident (tax agent)', () => {
  const services = (date: string, buyer: Partial<VatAssessmentRequest['buyer']>, itServices?: boolean) =>
    request(
      'KG',
      date,
      { residence: 'DE' },
      { type: 'business', residence: 'KG', ...buyer },
      { category: 'services', net: 1000, ...(itServices === undefined ? {} : { itServices }) },
    );

  it('makes the KG business buyer the tax agent at 12%, on a contested rule', () => {
    // Act
    const a = assessVat(services('2026-03-10', { vatRegistered: true }));

    // Assess
    expect(a).toEqual({
      vatApplies: true,
      rate: 12,
      liableParty: 'buyer_tax_agent',
      registration: { required: false },
      filing: { filedBy: 'buyer', frequency: 'monthly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
      taxAgent: { paysVat: true, issuesEsf: false, keeps: [], ruleId: 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
      vatCountry: 'KG',
      reasons: expect.any(Array),
      confidence: 'contested',
      confidenceFrom: ['KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES', 'KG.VAT.STANDARD'],
      rulesetVersion: RULESET_VERSION,
    });
    expectReasons(a, {
      'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES': 'contested',
      'KG.VAT.STANDARD': 'confirmed',
      'KG.VAT.FILING.RESIDENT': 'secondary',
    });
    const agent = a.reasons.find((r) => r.code === 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES')!;
    expect(agent.note).toContain('Art. 253 is titled "VAT taxpayer"');
  });

  it('lifts the duty for a High-Technology Park buyer of IT services, on a seed-only rule', () => {
    // Act
    const a = assessVat(services('2026-03-10', { htpResident: true }, true));

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      rate: 0,
      liableParty: 'none',
      registration: { required: false },
      filing: null,
      amounts: { net: 1000, vat: 0, gross: 1000 },
    });
    expectReasons(a, {
      'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES': 'contested',
      'KG.VAT.TAX_AGENT.HTP_EXEMPTION': 'seed_only',
    });
  });

  it.each([
    ['an HTP buyer of services that are not IT services', { htpResident: true }, false],
    ['a non-HTP buyer of IT services', { htpResident: false }, true],
  ])('keeps the duty for %s', (_case, buyer, itServices) => {
    // Act
    const a = assessVat(services('2026-03-10', buyer, itServices));

    // Assess
    expect(a).toMatchObject({ liableParty: 'buyer_tax_agent', rate: 12 });
  });

  it.each([
    ['2023-03-31', 'buyer_tax_agent'],
    ['2023-04-01', 'none'],
  ])('applies the HTP exemption only from April 2023 (%s → %s)', (date, liableParty) => {
    // Act
    const a = assessVat(services(date, { htpResident: true }, true));

    // Assess
    expect(a.liableParty).toBe(liableParty);
  });

  it('puts no KG VAT duty on a non-resident supplying ordinary services to a KG consumer', () => {
    // Act
    const a = assessVat(
      request(
        'KG',
        '2026-03-10',
        { residence: 'DE' },
        { type: 'consumer', residence: 'KG' },
        { category: 'services', net: 500 },
      ),
    );

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      rate: 0,
      liableParty: 'none',
      registration: { required: false },
      filing: null,
      amounts: { net: 500, vat: 0, gross: 500 },
    });
    expectReasons(a, { 'KG.VAT.NONRESIDENT_SERVICES.B2C': 'secondary' });
  });

  it('leaves goods shipped in by a non-resident to import VAT (no seller VAT)', () => {
    // Act
    const a = assessVat(
      request(
        'KG',
        '2026-03-10',
        { residence: 'CN' },
        { type: 'business', residence: 'KG' },
        { category: 'goods', net: 1000 },
      ),
    );

    // Assess
    expect(a).toMatchObject({ vatApplies: false, liableParty: 'none', filing: null });
    expectReasons(a, { 'KG.VAT.IMPORT': 'secondary' });
  });

  it('puts a supply between two foreign parties outside KG VAT', () => {
    // Act
    const a = assessVat(
      request(
        'KG',
        '2026-03-10',
        { residence: 'US' },
        { type: 'consumer', residence: 'DE' },
        { category: 'electronic_services' },
      ),
    );

    // Assess
    expect(a).toMatchObject({ vatApplies: false, liableParty: 'none', filing: null });
    expectReasons(a, { 'KG.VAT.PLACE_OF_SUPPLY.ABROAD': 'secondary' });
  });
});

describe('assessVat: KG goods exports', () => {
  const exportTo = (destination: string, seller: Party = { vatRegistered: true }) =>
    request(
      'KG',
      '2026-03-10',
      { residence: 'KG', ...seller },
      { type: 'business', residence: destination },
      { category: 'goods', net: 1000, destination },
    );

  it('zero-rates an export outside the EAEU and lists the evidence a refund needs', () => {
    // Act
    const a = assessVat(exportTo('DE'));

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 0,
      liableParty: 'seller',
      evidence: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
      filing: { filedBy: 'seller', frequency: 'monthly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
      amounts: { net: 1000, vat: 0, gross: 1000 },
    });
    expectReasons(a, {
      'KG.VAT.THRESHOLD.RESIDENT': 'confirmed',
      'KG.VAT.ZERO.EXPORT': 'confirmed',
      'KG.VAT.EVIDENCE.EXPORT': 'secondary',
      'KG.VAT.FILING.RESIDENT': 'secondary',
    });
  });

  it('replaces the customs declaration with the statement of import for an EAEU destination', () => {
    // Act
    const a = assessVat(exportTo('KZ'));

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 0,
      evidence: ['contract', 'eaeu_import_statement', 'transport_document', 'bank_proceeds'],
    });
    expect(a.evidence).not.toContain('customs_declaration');
    expectReasons(a, {
      'KG.VAT.THRESHOLD.RESIDENT': 'confirmed',
      'KG.VAT.ZERO.EXPORT': 'confirmed',
      'KG.VAT.EVIDENCE.EAEU_EXPORT': 'secondary',
      'KG.VAT.FILING.RESIDENT': 'secondary',
    });
  });

  it('follows supply.destination over the buyer residence for goods', () => {
    // Prepare
    const req = request(
      'KG',
      '2026-03-10',
      { residence: 'KG', vatRegistered: true },
      { type: 'business', residence: 'DE' },
      { category: 'goods', destination: 'RU' },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a.evidence).toContain('eaeu_import_statement');
  });

  it('presumes an exporter is a VAT payer unless it says it is not registered', () => {
    // Act
    const presumed = assessVat(exportTo('DE', {}));
    const notRegistered = assessVat(exportTo('DE', { vatRegistered: false }));

    // Assess
    expect(presumed).toMatchObject({ vatApplies: true, rate: 0 });
    expect(notRegistered).toMatchObject({ vatApplies: false, liableParty: 'none' });
    expect(notRegistered.evidence).toBeUndefined();
  });
});

describe('assessVat: KZ electronic services from a non-resident', () => {
  const toConsumer = (date: string, seller: Party = {}) =>
    request(
      'KZ',
      date,
      { residence: 'US', ...seller },
      { type: 'consumer', residence: 'KZ' },
      { category: 'electronic_services', net: 1000 },
    );

  it('charges 16% on 2026-02-01 and requires conditional registration within one month of the first payment', () => {
    // Act
    const a = assessVat(toConsumer('2026-02-01'));

    // Assess
    expect(a).toEqual({
      vatApplies: true,
      rate: 16,
      liableParty: 'seller',
      registration: {
        required: true,
        deadline: '2026-03-01',
        route: KZ_CONDITIONAL_2026,
        threshold: { amount: 0, currency: 'KZT', basis: expect.stringContaining('no threshold') },
      },
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-04-25' },
      amounts: { net: 1000, vat: 160, gross: 1160 },
      vatCountry: 'KZ',
      reasons: expect.any(Array),
      confidence: 'confirmed',
      confidenceFrom: ['KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2026', 'KZ.VAT.STANDARD.2026'],
      rulesetVersion: RULESET_VERSION,
    });
    expectReasons(a, {
      'KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2026': 'confirmed',
      'KZ.VAT.STANDARD.2026': 'confirmed',
      'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2026': 'seed_only',
    });
  });

  it('charges 12% on 2025-06-01, under the 2022 regime', () => {
    // Act
    const a = assessVat(toConsumer('2025-06-01'));

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 12,
      liableParty: 'seller',
      registration: { required: true, deadline: '2025-07-01', threshold: { amount: 0, currency: 'KZT' } },
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2025-06-30', dueDate: '2025-07-25' },
      amounts: { net: 1000, vat: 120, gross: 1120 },
    });
    expectReasons(a, {
      'KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2022': 'secondary',
      'KZ.VAT.STANDARD.2018': 'confirmed',
      'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2022': 'secondary',
    });
  });

  it.each([
    ['2025-12-31', 12],
    ['2026-01-01', 16],
  ])('uses the rate in force on the turnover date (%s → %i%%)', (date, rate) => {
    // Act
    const a = assessVat(toConsumer(date));

    // Assess
    expect(a.rate).toBe(rate);
  });

  it.each([
    ['2026-01-31', '2026-02-28'],
    ['2026-01-15', '2026-02-15'],
    ['2025-12-31', '2026-01-31'],
  ])('counts one month from a first payment on %s (deadline %s, month-end clamped)', (firstSaleDate, deadline) => {
    // Act
    const a = assessVat(toConsumer('2026-02-01', { firstSaleDate }));

    // Assess
    expect(a.registration.deadline).toBe(deadline);
  });

  it('makes a KZ VAT-registered business buyer pay for the non-resident from 2026 (buyer issues the ESF)', () => {
    // Prepare
    const req = request(
      'KZ',
      '2026-03-10',
      { residence: 'US' },
      { type: 'business', residence: 'KZ', vatRegistered: true },
      { category: 'electronic_services', net: 1000 },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 16,
      liableParty: 'buyer_tax_agent',
      registration: { required: false },
      filing: { filedBy: 'buyer', frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-05-15' },
      taxAgent: {
        paysVat: true,
        issuesEsf: true,
        keeps: ['contract', 'acceptance_act', 'payment_proof'],
        ruleId: 'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026',
      },
      amounts: { net: 1000, vat: 160, gross: 1160 },
      confidence: 'secondary',
      confidenceFrom: [
        'KZ.VAT.NONRESIDENT_ESERVICES.B2B',
        'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026',
        'KZ.VAT.STANDARD.2026',
      ],
    });
    expectReasons(a, {
      'KZ.VAT.NONRESIDENT_ESERVICES.B2B': 'secondary',
      'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026': 'confirmed',
      'KZ.VAT.STANDARD.2026': 'confirmed',
      'KZ.VAT.FILING.RESIDENT.2026': 'secondary',
    });
  });
});

describe('assessVat: KZ services from a non-resident and other KZ edges', () => {
  it.each([
    [
      '2026-03-10',
      16,
      'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026',
      'confirmed',
      'KZ.VAT.STANDARD.2026',
      'KZ.VAT.FILING.RESIDENT.2026',
      'secondary',
      '2026-05-15',
    ],
    [
      '2025-03-10',
      12,
      'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2018',
      'secondary',
      'KZ.VAT.STANDARD.2018',
      'KZ.VAT.FILING.RESIDENT.2018',
      'secondary',
      '2025-05-15',
    ],
  ] as const)(
    'makes the KZ business buyer of services the tax agent on %s at %i%%',
    (date, rate, agentRow, agentConfidence, rateRow, filingRow, filingConfidence, dueDate) => {
      // Prepare
      const req = request(
        'KZ',
        date,
        { residence: 'DE' },
        { type: 'business', residence: 'KZ', vatRegistered: true },
        { category: 'services', net: 250.5 },
      );

      // Act
      const a = assessVat(req);

      // Assess
      expect(a).toMatchObject({
        vatApplies: true,
        rate,
        liableParty: 'buyer_tax_agent',
        registration: { required: false },
        filing: { dueDate },
      });
      expect(a.amounts).toEqual({ net: 250.5, vat: rate === 16 ? 40.08 : 30.06, gross: rate === 16 ? 290.58 : 280.56 });
      expectReasons(a, { [agentRow]: agentConfidence, [rateRow]: 'confirmed', [filingRow]: filingConfidence });
    },
  );

  it('puts no KZ VAT duty on a non-resident supplying ordinary services to a KZ consumer', () => {
    // Act
    const a = assessVat(
      request('KZ', '2026-03-10', { residence: 'DE' }, { type: 'consumer', residence: 'KZ' }, { category: 'services' }),
    );

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      liableParty: 'none',
      registration: { required: false },
      filing: null,
    });
    expectReasons(a, { 'KZ.VAT.NONRESIDENT_SERVICES.B2C': 'secondary' });
  });

  it('leaves goods from a non-resident to import VAT', () => {
    // Act
    const a = assessVat(
      request(
        'KZ',
        '2026-03-10',
        { residence: 'CN' },
        { type: 'consumer', residence: 'KZ' },
        { category: 'goods', net: 99.99 },
      ),
    );

    // Assess
    expect(a).toMatchObject({ vatApplies: false, liableParty: 'none', amounts: { net: 99.99, vat: 0, gross: 99.99 } });
    expectReasons(a, { 'KZ.VAT.IMPORT': 'secondary' });
  });

  it('applies no VAT on the KZ simplified-declaration regime from 2026, and input VAT is not reclaimable', () => {
    // Act
    const a = assessVat(
      request(
        'KZ',
        '2026-03-10',
        { residence: 'KZ', regime: 'simplified', turnover12m: 20_000_000 },
        { type: 'consumer', residence: 'KZ' },
        { category: 'services', net: 1000 },
      ),
    );

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      rate: 0,
      liableParty: 'none',
      registration: { required: false },
      filing: null,
      inputVatReclaimable: false,
    });
    expectReasons(a, { 'KZ.VAT.SPECIAL_REGIME.SIMPLIFIED': 'confirmed' });
  });

  it('zero-rates a KZ export with its evidence and files quarterly by the 15th of the second month', () => {
    // Act
    const a = assessVat(
      request(
        'KZ',
        '2026-07-01',
        { residence: 'KZ', vatRegistered: true },
        { type: 'business', residence: 'CN' },
        { category: 'goods', net: 1000 },
      ),
    );

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 0,
      evidence: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-09-30', dueDate: '2026-11-15' },
    });
  });
});

describe("assessVat: KZ resident registration threshold (MCI × that year's MCI)", () => {
  const resident = (date: string, turnover12m: number, extra: Party = {}) =>
    request(
      'KZ',
      date,
      { residence: 'KZ', turnover12m, ...extra },
      { type: 'business', residence: 'KZ' },
      { category: 'goods', net: 1000 },
    );

  it('requires registration on 2026-05-10 for KZT 50 million (threshold 10,000 MCI × 4,325 = 43,250,000), within 5 business days', () => {
    // Act
    const a = assessVat(resident('2026-05-10', 50_000_000));

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 16,
      liableParty: 'seller',
      registration: {
        required: true,
        deadline: '2026-05-15', // Sunday 10 May + 5 working days
        route: 'VAT registration with the State Revenue Committee (e-filing; directors checked biometrically)',
        threshold: {
          amount: 43_250_000,
          currency: 'KZT',
          basis: '12-month taxable turnover above 10,000 MCI × KZT 4,325 (MCI 2026) = KZT 43,250,000',
        },
      },
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-06-30', dueDate: '2026-08-15' },
      amounts: { net: 1000, vat: 160, gross: 1160 },
    });
    expectReasons(a, {
      'KZ.VAT.THRESHOLD.RESIDENT.2026': 'confirmed',
      'KZ.MCI.2026': 'confirmed',
      'KZ.VAT.STANDARD.2026': 'confirmed',
      'KZ.VAT.FILING.RESIDENT.2026': 'secondary',
    });
  });

  it('does not require registration on 2025-06-10 for KZT 50 million (threshold 20,000 MCI × 3,932 = 78,640,000)', () => {
    // Act
    const a = assessVat(resident('2025-06-10', 50_000_000));

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      rate: 0,
      liableParty: 'none',
      registration: {
        required: false,
        threshold: {
          amount: 78_640_000,
          currency: 'KZT',
          basis: '12-month taxable turnover above 20,000 MCI × KZT 3,932 (MCI 2025) = KZT 78,640,000',
        },
      },
      filing: null,
    });
    expect(a.registration.deadline).toBeUndefined();
    expectReasons(a, { 'KZ.VAT.THRESHOLD.RESIDENT.2018': 'confirmed', 'KZ.MCI.2025': 'confirmed' });
  });

  it.each([
    [43_250_000, false],
    [43_250_000.01, true],
  ])('treats turnover %d in 2026 as over the threshold: %s', (turnover, required) => {
    // Act
    const a = assessVat(resident('2026-03-10', turnover));

    // Assess
    expect(a.registration.required).toBe(required);
  });

  it.each([
    ['Wednesday 2026-05-13', '2026-05-20', '2026-05-13'],
    ['Friday 2026-07-03', '2026-07-10', '2026-07-03'],
  ])('counts the 5 days as business days, skipping the weekend (%s → %s)', (_case, deadline, date) => {
    // Act
    const a = assessVat(resident(date, 50_000_000));

    // Assess
    expect(a.registration.deadline).toBe(deadline);
  });

  it('gives no registration deadline to a seller already registered', () => {
    // Act
    const a = assessVat(resident('2026-05-10', 50_000_000, { vatRegistered: true }));

    // Assess
    expect(a.registration).toMatchObject({ required: true });
    expect(a.registration.deadline).toBeUndefined();
  });

  it.each([
    ['2024-06-10', 73_840_000],
    ['2023-06-10', 69_000_000],
  ])('converts the 20,000 MCI threshold with the MCI of the supply year (%s → KZT %d)', (date, amount) => {
    // Act
    const a = assessVat(resident(date, 1));

    // Assess
    expect(a.registration.threshold).toMatchObject({ amount, currency: 'KZT' });
  });
});

describe('assessVat: EAEU electronic services between KG and KZ', () => {
  it("charges the KZ consumer KZ VAT (16%) on a KG supplier's e-services, on the protocol", () => {
    // Prepare
    const req = request(
      'KG',
      '2026-03-10',
      { residence: 'KG' },
      { type: 'consumer', residence: 'KZ' },
      { category: 'electronic_services', net: 1000 },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 16,
      liableParty: 'seller',
      vatCountry: 'KZ',
      registration: {
        required: true,
        deadline: '2026-04-10',
        route: expect.stringContaining('VAT registration in KZ under the EAEU e-services protocol'),
      },
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-04-25' },
      amounts: { net: 1000, vat: 160, gross: 1160 },
    });
    expect(a.evidence).toHaveLength(1);
    expectReasons(a, {
      'EAEU.VAT.ESERVICES': 'confirmed',
      'KZ.VAT.STANDARD.2026': 'confirmed',
      'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2026': 'seed_only',
    });
    const protocol = a.reasons.find((r) => r.code === 'EAEU.VAT.ESERVICES')!;
    expect(protocol.citation).toContain('signed Bishkek 09.12.2022');
    expect(protocol.citation).toContain('applies from 01.04.2024');
  });

  it.each([['KZ'], ['KG']] as const)(
    "charges a KG business buyer KG VAT (12%%) on a KZ supplier's e-services (request country %s)",
    (country) => {
      // Prepare
      const req = request(
        country,
        '2026-03-10',
        { residence: 'KZ' },
        { type: 'business', residence: 'KG', vatRegistered: true },
        { category: 'electronic_services', net: 1000 },
      );

      // Act
      const a = assessVat(req);

      // Assess
      expect(a).toMatchObject({
        vatApplies: true,
        rate: 12,
        liableParty: 'seller',
        vatCountry: 'KG',
        registration: { required: true, deadline: '2026-03-10', route: expect.stringContaining('vat.salyk.kg') },
        filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2026-03-31', dueDate: '2026-04-20' },
        amounts: { net: 1000, vat: 120, gross: 1120 },
      });
      expectReasons(a, {
        'EAEU.VAT.ESERVICES': 'confirmed',
        'KG.VAT.STANDARD': 'confirmed',
        'EAEU.VAT.ESERVICES.B2B_EXCEPTION': 'secondary',
        'KG.VAT.FILING.NONRESIDENT_ESERVICES': 'secondary',
      });
    },
  );

  it("charges a KZ business buyer KZ VAT on a KG supplier's e-services, the supplier liable (para. 11 cases unknown)", () => {
    // Act
    const a = assessVat(
      request(
        'KG',
        '2026-03-10',
        { residence: 'KG' },
        { type: 'business', residence: 'KZ' },
        { category: 'electronic_services' },
      ),
    );

    // Assess
    expect(a).toMatchObject({ vatApplies: true, rate: 16, liableParty: 'seller', vatCountry: 'KZ' });
    expect(a.reasons.map((r) => r.code)).toContain('EAEU.VAT.ESERVICES.B2B_EXCEPTION');
  });

  it('does not apply the protocol before 2024-04-01: KG non-resident rules instead', () => {
    // Act
    const before = assessVat(
      request(
        'KG',
        '2024-03-31',
        { residence: 'KZ' },
        { type: 'consumer', residence: 'KG' },
        { category: 'electronic_services' },
      ),
    );
    const from = assessVat(
      request(
        'KG',
        '2024-04-01',
        { residence: 'KZ' },
        { type: 'consumer', residence: 'KG' },
        { category: 'electronic_services' },
      ),
    );

    // Assess
    expect(before.reasons.map((r) => r.code)).not.toContain('EAEU.VAT.ESERVICES');
    expect(before.reasons.map((r) => r.code)).toContain('KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION');
    expect(from.reasons.map((r) => r.code)).toContain('EAEU.VAT.ESERVICES');
  });

  it('names another EAEU buyer state but does not assess VAT the rules do not cover', () => {
    // Act
    const a = assessVat(
      request(
        'KG',
        '2026-03-10',
        { residence: 'KG' },
        { type: 'consumer', residence: 'RU' },
        { category: 'electronic_services', net: 10 },
      ),
    );

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      liableParty: 'none',
      vatCountry: 'RU',
      amounts: { net: 10, vat: 0, gross: 10 },
    });
    expectReasons(a, { 'EAEU.VAT.ESERVICES': 'confirmed' });
    expect(a.reasons[0]!.text).toContain('which these rules do not cover');
  });

  it('does not route ordinary (non-electronic) services through the protocol', () => {
    // Act
    const a = assessVat(
      request(
        'KG',
        '2026-03-10',
        { residence: 'KG', vatRegistered: true },
        { type: 'business', residence: 'KZ' },
        { category: 'services' },
      ),
    );

    // Assess
    expect(a.vatCountry).toBe('KG');
    expect(a.reasons.map((r) => r.code)).toEqual(['KG.VAT.PLACE_OF_SUPPLY.ABROAD']);
  });
});

describe('assessVat: dates the rules data does not cover', () => {
  it.each([
    ['KG', '2021-12-31', /no vat\.rate\.standard row for KG on 2021-12-31/],
    ['KZ', '2017-12-31', /no vat\.rate\.standard row for KZ on 2017-12-31/],
    ['KZ', '2022-06-10', /no MCI value for 2022/],
    ['KZ', '2027-06-10', /no MCI value for 2027/],
  ] as const)('refuses %s on %s with a RulesCoverageError on the date', (country, date, message) => {
    // Prepare
    const req = request(
      country,
      date,
      { residence: country, turnover12m: 1 },
      { type: 'business', residence: country },
      { category: 'goods' },
    );

    // Act
    const act = () => assessVat(req);

    // Assess
    expect(act).toThrow(RulesCoverageError);
    expect(act).toThrow(message);
    try {
      act();
    } catch (error) {
      expect((error as RulesCoverageError).field).toBe('date');
    }
  });

  it('still assesses an already-registered KZ seller in a year with no MCI value (2027): the threshold is not needed', () => {
    // Prepare
    const req = request(
      'KZ',
      '2027-06-10',
      { residence: 'KZ', vatRegistered: true, turnover12m: 90_000_000 },
      { type: 'business', residence: 'KZ' },
      { category: 'goods', net: 1000 },
    );

    // Act
    const a = assessVat(req);

    // Assess
    expect(a).toMatchObject({
      vatApplies: true,
      rate: 16,
      liableParty: 'seller',
      registration: {
        required: true,
        route: 'VAT registration with the State Revenue Committee (e-filing; directors checked biometrically)',
      },
      filing: { filedBy: 'seller', frequency: 'quarterly', periodEnd: '2027-06-30', dueDate: '2027-08-15' },
      amounts: { net: 1000, vat: 160, gross: 1160 },
    });
    expect(a.registration.threshold).toBeUndefined();
    expect(a.registration.deadline).toBeUndefined();
    expectReasons(a, {
      'KZ.VAT.THRESHOLD.RESIDENT.2026': 'confirmed',
      'KZ.VAT.STANDARD.2026': 'confirmed',
      'KZ.VAT.FILING.RESIDENT.2026': 'secondary',
    });
    expect(a.reasons[0]!.text).toContain('The MCI for 2027 is not in the rules data');
  });

  it('assesses a KZ seller that gives no turnover in a year with no MCI value as not registered', () => {
    // Act
    const a = assessVat(
      request('KZ', '2027-06-10', { residence: 'KZ' }, { type: 'business', residence: 'KZ' }, { category: 'goods' }),
    );

    // Assess
    expect(a).toMatchObject({ vatApplies: false, liableParty: 'none', registration: { required: false } });
    expect(a.reasons[0]!.text).toContain('no turnover was given');
  });

  it('explains a pre-2022 KZ e-services sale to a consumer as "no regime yet", not as ordinary services', () => {
    // Act
    const a = assessVat(
      request(
        'KZ',
        '2021-06-10',
        { residence: 'US' },
        { type: 'consumer', residence: 'KZ' },
        { category: 'electronic_services', net: 100 },
      ),
    );

    // Assess
    expect(a).toMatchObject({
      vatApplies: false,
      liableParty: 'none',
      registration: { required: false },
      filing: null,
    });
    expectReasons(a, { 'KZ.VAT.NONRESIDENT_SERVICES.B2C': 'secondary' });
    expect(a.reasons[0]!.text).toContain('electronic services');
    expect(a.reasons[0]!.text).toContain('2021-06-10');
    expect(a.reasons[0]!.text).not.toContain('ordinary');
  });

  it("covers the first day of each country's data", () => {
    // Act
    const kg = assessVat(
      request(
        'KG',
        '2022-01-01',
        { residence: 'US' },
        { type: 'consumer', residence: 'KG' },
        { category: 'electronic_services' },
      ),
    );
    const kz = assessVat(
      request('KZ', '2018-01-01', { residence: 'DE' }, { type: 'business', residence: 'KZ' }, { category: 'services' }),
    );

    // Assess
    expect(kg.rate).toBe(12);
    expect(kz).toMatchObject({ rate: 12, liableParty: 'buyer_tax_agent' });
  });
});

describe('rateFor: reduced KZ rates by category', () => {
  it.each([
    ['2025-12-31', 'medicines', 12, 'KZ.VAT.STANDARD.2018'],
    ['2026-01-01', 'medicines', 5, 'KZ.VAT.REDUCED.MEDICINES.2026'],
    ['2026-12-31', 'medicines', 5, 'KZ.VAT.REDUCED.MEDICINES.2026'],
    ['2027-01-01', 'medicines', 10, 'KZ.VAT.REDUCED.MEDICINES.2027'],
    ['2025-12-31', 'periodicals', 12, 'KZ.VAT.STANDARD.2018'],
    ['2026-01-01', 'periodicals', 10, 'KZ.VAT.REDUCED.PERIODICALS'],
    ['2027-06-01', 'standard', 16, 'KZ.VAT.STANDARD.2026'],
  ] as const)('on %s, %s → %i%% (%s)', (date, category, rate, ruleId) => {
    // Act
    const applied = rateFor('KZ', date, 'domestic', category);

    // Assess
    expect(applied.rate).toBe(rate);
    expect(applied.reason.ruleId).toBe(ruleId);
  });

  it('has no reduced KG rates: medicines take the standard 12%', () => {
    // Act
    const applied = rateFor('KG', '2026-06-01', 'domestic', 'medicines');

    // Assess
    expect(applied).toMatchObject({ rate: 12, reason: { ruleId: 'KG.VAT.STANDARD' } });
  });

  it.each(['export', 'eaeu_export'] as const)('zero-rates a %s whatever the category', (supplyType) => {
    // Act
    const applied = rateFor('KZ', '2026-06-01', supplyType, 'medicines');

    // Assess
    expect(applied).toMatchObject({ rate: 0, reason: { ruleId: 'KZ.VAT.ZERO.EXPORT' } });
  });
});
