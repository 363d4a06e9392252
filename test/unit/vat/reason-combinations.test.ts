import { describe, expect, it } from 'vitest';
import { type Confidence, ruleById, weakest } from '../../../shared/rules/index.js';
import { assessVat, type VatAssessment, type VatAssessmentRequest } from '../../../shared/vat/assess.js';

/**
 * Every combination of buyer registration × seller residence × seller regime × supply category (and buyer
 * type), in both countries on a 2026 date: the reasons must say who pays, who registers and whose return it is,
 * and never describe the buyer as a VAT payer when it was sent as not registered.
 */
const COUNTRIES = ['KZ', 'KG'] as const;
const REGISTRATION = [true, false, undefined] as const;
const RESIDENCE = ['home', 'other', 'US', 'RU'] as const; // home = the assessing country; other = KZ↔KG (EAEU)
const REGIMES = [undefined, 'general', 'single_tax', 'simplified'] as const;
const CATEGORIES = ['services', 'electronic_services', 'goods'] as const;
const BUYERS = ['business', 'consumer'] as const;

const cases = COUNTRIES.flatMap((country) =>
  REGISTRATION.flatMap((vatRegistered) =>
    RESIDENCE.flatMap((where) =>
      REGIMES.flatMap((regime) =>
        CATEGORIES.flatMap((category) =>
          BUYERS.map((type): VatAssessmentRequest => {
            const residence = where === 'home' ? country : where === 'other' ? (country === 'KZ' ? 'KG' : 'KZ') : where;
            return {
              country,
              date: '2026-03-10',
              seller: { residence, ...(regime ? { regime } : {}), turnover12m: 100_000_000 },
              buyer: { type, residence: country, ...(vatRegistered === undefined ? {} : { vatRegistered }) },
              supply: { category, net: 1000 },
            };
          }),
        ),
      ),
    ),
  ),
);

const label = (r: VatAssessmentRequest) =>
  `${r.country} seller ${r.seller.residence}/${r.seller.regime ?? '-'} → ${r.buyer.type} (registered ${r.buyer.vatRegistered ?? '?'}), ${r.supply.category}`;
const texts = (a: VatAssessment) => a.reasons.map((r) => r.text).join(' | ');

describe('assessVat reasons for every combination', () => {
  it.each(cases.map((r) => [label(r), r] as const))('%s', (_label, req) => {
    // Act
    const a = assessVat(req);
    const all = texts(a);

    // Assess: whose duty, in the words that matter
    if (req.buyer.vatRegistered === false) expect(all).not.toMatch(/Kazakh VAT payer/);
    if (a.liableParty === 'buyer_tax_agent') {
      expect(a.filing?.filedBy).toBe('buyer');
      expect(all).toMatch(/pays this VAT (for the non-resident )?as tax agent|still pays this VAT/);
      expect(all).toContain('does not register for VAT');
      expect(all).toContain("This is the buyer's return");
      expect(a.registration.required).toBe(false);
      expect(a.taxAgent).toMatchObject({ paysVat: true });
      const issues = req.country === 'KZ' && req.buyer.vatRegistered !== false;
      expect(a.taxAgent?.issuesEsf).toBe(issues);
      if (issues) expect(all).toContain("issues the ESF on the non-resident's behalf");
      if (issues) expect(a.taxAgent?.keeps).toEqual(['contract', 'acceptance_act', 'payment_proof']);
    } else {
      expect(a.taxAgent).toBeUndefined();
      expect(all).not.toContain("This is the buyer's return");
    }
    if (a.liableParty === 'seller') {
      expect(a.filing?.filedBy).toBe('seller');
      expect(all).toContain("This is the seller's own return.");
      expect(a.registration.required).toBe(true);
    }
    if (a.liableParty === 'none') expect(a.filing).toBeNull();
    // A resident seller on a special regime of that country is out of VAT, and the reason says so.
    const special = req.country === 'KZ' ? req.seller.regime === 'simplified' : req.seller.regime === 'single_tax';
    if (req.seller.residence === req.country && special) {
      // KG: 100 m turnover is above both ceilings, so the single tax has ended; KZ: whatever the turnover.
      if (req.country === 'KZ') expect(all).toContain('are not VAT payers, whatever their turnover');
      else expect(a.liableParty).toBe('seller');
    }

    // Assess: the answer's confidence is the weakest of the rows it names, which are rows it cites
    const cited = new Set(a.reasons.map((r) => r.ruleId));
    for (const id of a.confidenceFrom) expect(cited.has(id), id).toBe(true);
    const of = a.confidenceFrom.map((id) => ruleById(id)?.confidence as Confidence);
    expect(a.confidence).toBe(weakest(of));
    expect(a.confidenceFrom.some((id) => ruleById(id)?.topic === 'vat.filing')).toBe(false);
  });

  it('covers every combination (2 countries × 3 registrations × 4 residences × 4 regimes × 3 categories × 2 buyers)', () => {
    expect(cases).toHaveLength(2 * 3 * 4 * 4 * 3 * 2);
  });
});

describe('assessVat: KZ services from a non-resident to a business (issue #13)', () => {
  const req = (
    vatRegistered: boolean | undefined,
    category: 'services' | 'electronic_services',
  ): VatAssessmentRequest => ({
    country: 'KZ',
    date: '2026-03-10',
    seller: { residence: 'US' },
    buyer: { type: 'business', residence: 'KZ', ...(vatRegistered === undefined ? {} : { vatRegistered }) },
    supply: { category, net: 1000 },
  });

  it('a buyer sent as not VAT-registered: still pays as tax agent, no ESF duty claimed, first reason about itself', () => {
    // Act
    const a = assessVat(req(false, 'electronic_services'));

    // Assess
    expect(a.liableParty).toBe('buyer_tax_agent');
    expect(a.reasons[0]?.text).toMatch(/^A Kazakh business buyer that is not VAT-registered/);
    expect(a.reasons[1]?.text).toContain('The buyer is not VAT-registered: it still pays this VAT');
    expect(a.taxAgent).toEqual({
      paysVat: true,
      issuesEsf: false,
      keeps: ['contract', 'acceptance_act', 'payment_proof'],
      ruleId: 'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026',
    });
    expect(a.filing).toMatchObject({ filedBy: 'buyer', frequency: 'quarterly', dueDate: '2026-05-15' });
  });

  it('a registered buyer of ordinary services: confirmed; of e-services: secondary (the B2B row decides too)', () => {
    // Act
    const services = assessVat(req(true, 'services'));
    const eservices = assessVat(req(undefined, 'electronic_services'));

    // Assess
    expect(services).toMatchObject({ confidence: 'confirmed', taxAgent: { issuesEsf: true } });
    expect(services.confidenceFrom).toEqual(['KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026', 'KZ.VAT.STANDARD.2026']);
    expect(services.reasons[0]?.text).toContain(
      "The buyer pays this VAT as tax agent and issues the ESF on the non-resident's behalf; the non-resident seller does not register for VAT in KZ. The buyer keeps the contract, the acts of acceptance, proof of payment.",
    );
    expect(eservices.confidence).toBe('secondary');
    expect(eservices.reasons[0]?.text).toMatch(/^A Kazakh VAT payer buying services/);
  });

  it('in 2025 the buyer paid as tax agent but did not issue the ESF (the duty starts 2026-01-01)', () => {
    // Act
    const a = assessVat({ ...req(true, 'services'), date: '2025-12-31' });

    // Assess
    expect(a.taxAgent).toEqual({
      paysVat: true,
      issuesEsf: false,
      keeps: [],
      ruleId: 'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2018',
    });
    expect(a.rate).toBe(12);
  });
});

describe('assessVat: the KG threshold basis names the activity', () => {
  const kg = (activity?: 'trade' | 'services'): VatAssessmentRequest => ({
    country: 'KG',
    date: '2026-03-10',
    seller: { residence: 'KG', turnover12m: 40_000_000, ...(activity ? { activity } : {}) },
    buyer: { type: 'business', residence: 'KG' },
    supply: { category: 'goods' },
  });

  it.each([
    [undefined, 30_000_000, true, 'services and other activities, the default'],
    ['services' as const, 30_000_000, true, 'services and other activities)'],
    ['trade' as const, 50_000_000, false, 'threshold for trade)'],
  ])('activity %s: threshold %i, registration %s', (activity, amount, required, basis) => {
    // Act
    const a = assessVat(kg(activity));

    // Assess
    expect(a.registration).toMatchObject({ required, threshold: { amount, basis: expect.stringContaining(basis) } });
    expect(a.reasons[0]?.text).toContain(
      `This is the threshold for ${activity === 'trade' ? 'trade' : 'services and other activities'}`,
    );
  });
});
