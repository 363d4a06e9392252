import { describe, expect, it } from 'vitest';
import { type Confidence, EAEU_MEMBERS, RULES, type Rule, type RuleTopic } from '../../../shared/rules/index.js';

/**
 * Every rules row, checked against research/tax-rules.md (and research/identifiers.md for identifier rows).
 *
 * A rule with no test is a rule nobody checked: each row id needs its own entry in EXPECTED, which pins
 * every value the row carries (topic, rate/amount/days/documents/..., effective dates, confidence). Adding,
 * removing or changing a row without updating its entry here fails CI.
 *
 * Confidence follows the research legend: ✅ → confirmed; ✅ from third-party sources only → secondary;
 * ❓ seed only → seed_only; ⚠️ conflicting → contested. Rows the research does not itemise (derived or
 * "practitioner knowledge") are pinned at their current value and say so in `research`.
 */

/** Row fields that are prose, checked separately (non-empty, key phrases). */
const PROSE = ['citation', 'source', 'text', 'note'] as const;

interface RowExpectation {
  /** Every non-prose field of the row, exactly (id and country are added from the key). */
  values: { topic: RuleTopic; effectiveFrom: string; effectiveTo: string | null; confidence: Confidence } & Record<
    string,
    unknown
  >;
  /** Where the research states it, with its mark. */
  research: string;
  citationIncludes?: string[];
  sourceIncludes?: string[];
  /** Phrases the note must carry (the caveats a user must see). */
  noteIncludes?: string[];
}

const KG_FROM = '2022-01-01';
const KZ_OLD_CODE_FROM = '2018-01-01';

const EXPECTED: Record<string, RowExpectation> = {
  // ---------------------------------------------------------------- Kyrgyzstan
  'KG.VAT.STANDARD': {
    values: {
      topic: 'vat.rate.standard',
      rate: 12,
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KG-1 ✅ unchanged (PwC 25 Jul 2024; Grant Thornton)',
    sourceIncludes: ['PwC'],
  },
  'KG.VAT.ZERO.EXPORT': {
    values: {
      topic: 'vat.rate.zero',
      rate: 0,
      supplyTypes: ['export', 'eaeu_export'],
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KG-13 ✅ partly: 0% on exports (PwC KG 2024, Grant Thornton)',
  },
  'KG.VAT.THRESHOLD.RESIDENT': {
    values: {
      topic: 'vat.threshold.resident',
      activity: 'services',
      amount: 30_000_000,
      unit: 'KGS',
      route: 'VAT registration with the State Tax Service (sti.gov.kg)',
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research:
      'KG-7 ✅ (PwC 25 Jul 2024; Mazars 2023); 2026-11 §3 / §9: the trigger is leaving the single tax; services 30 m, traders 50 m (own row)',
    sourceIncludes: ['PwC', 'Mazars'],
    noteIncludes: ['single-tax ceiling', 'KG.VAT.THRESHOLD.RESIDENT.TRADE'],
  },
  'KG.VAT.THRESHOLD.RESIDENT.TRADE': {
    values: {
      topic: 'vat.threshold.resident',
      activity: 'trade',
      amount: 50_000_000,
      unit: 'KGS',
      route: 'VAT registration with the State Tax Service (sti.gov.kg)',
      effectiveFrom: '2022-07-26',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      '2026-11 §3 🔄 traders: single-tax ceiling KGS 50 m (Decree 250 of 26.07.2022; 0.5% for the whole band since the 31 Jul 2025 law)',
    citationIncludes: ['Decree No. 250'],
    sourceIncludes: ['rgn=142251', 'regfollower'],
    noteIncludes: ['50 m', 'not seen'],
  },
  'KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION': {
    values: {
      topic: 'vat.registration.nonresident_eservices',
      thresholdAmount: 0,
      route: 'non-resident VAT portal vat.salyk.kg (Tax Code Art. 111; foreign organisations under Art. 28(4))',
      deadline: 'first_sale',
      scope: 'b2b_and_b2c',
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research:
      'KG-2 ✅ (vat.salyk.kg official page; bulak.kg; vatcalc; Orbitax): no threshold, from the first sale, since 1 Jan 2022',
    citationIncludes: ['Art. 111', 'Art. 28(4)'],
    sourceIncludes: ['vat.salyk.kg'],
  },
  'KG.VAT.NONRESIDENT_ESERVICES.B2B': {
    values: {
      topic: 'vat.nonresident_eservices.b2b',
      liable: 'seller',
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research:
      'KG-4 ✅ for non-EAEU suppliers (Orbitax "no reverse charge"; vatcalc), ⚠️ for EAEU suppliers (protocol from 2024-04-01)',
    sourceIncludes: ['Orbitax'],
    noteIncludes: ['EAEU', '2024-04-01'],
  },
  'KG.VAT.ESERVICES.PLACE_OF_SUPPLY': {
    values: {
      topic: 'vat.eservices.place_of_supply',
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KG-5 ✅ (vat.salyk.kg, Art. 263 B2B / Art. 32 B2C)',
    citationIncludes: ['Art. 263', 'Art. 32'],
  },
  'KG.VAT.FILING.NONRESIDENT_ESERVICES': {
    values: {
      topic: 'vat.filing',
      filer: 'nonresident_eservices',
      frequency: 'quarterly',
      dueDay: 20,
      monthsAfterPeriodEnd: 1,
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'KG-6 ✅ (third-party only): vatcalc.com KG 2022, quarterly by the 20th',
    sourceIncludes: ['vatcalc'],
    noteIncludes: ['Third-party source only'],
  },
  'KG.VAT.FILING.RESIDENT': {
    values: {
      topic: 'vat.filing',
      filer: 'resident',
      frequency: 'monthly',
      dueDay: 20,
      monthsAfterPeriodEnd: 1,
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      'not in the research notes (practitioner guidance); pinned at its current value — see report: arguably seed_only',
    noteIncludes: ['Not confirmed by the research notes'],
  },
  'KG.VAT.SPECIAL_REGIME': {
    values: {
      topic: 'vat.special_regime',
      regimes: ['single_tax', 'patent'],
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KG-8 ✅ partly: PwC 16 Jan 2023, the single tax replaces VAT',
    sourceIncludes: ['PwC'],
  },
  'KG.VAT.SPECIAL_REGIME.NO_INPUT_VAT': {
    values: {
      topic: 'vat.input_vat.not_reclaimable',
      regimes: ['single_tax', 'patent'],
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'seed_only',
    },
    research: 'KG-8 ❓: no input VAT reclaim stated only by lookuptax (seed source)',
    sourceIncludes: ['lookuptax'],
  },
  'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES': {
    values: {
      topic: 'vat.tax_agent.nonresident_services',
      rateFrom: 'standard',
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'contested',
    },
    research:
      '2026-11 §1 ⚠️ unresolved, stays contested: only the title of Art. 253 ("VAT taxpayer") was seen; Orbitax vs Mazars/Grant Thornton; lookuptax contradicts itself; Q&A No. 2175 answer not in store',
    citationIncludes: ['Art. 253', 'only the title seen', 'tax-agent clause unverified'],
    sourceIncludes: ['prg.kz', 'mineconom.gov.kg'],
    noteIncludes: [
      'lookuptax contradicts itself',
      'Art. 253 is titled "VAT taxpayer"',
      'Orbitax',
      'Mazars',
      'Q&A No. 2175',
      'primary-law confirmation',
    ],
  },
  'KG.VAT.TAX_AGENT.HTP_EXEMPTION': {
    values: {
      topic: 'vat.tax_agent.htp_exemption',
      effectiveFrom: '2023-04-01',
      effectiveTo: null,
      confidence: 'seed_only',
    },
    research: 'KG-12 ❓: the Apr 2023 tax-agent exemption was not found; only the general HTP regime is confirmed',
    citationIncludes: ['No. 84', 'High Technology Park'],
    sourceIncludes: ['seed'],
  },
  'KG.VAT.NONRESIDENT_SERVICES.B2C': {
    values: {
      topic: 'vat.nonresident_services.b2c',
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'derived from KG-2 (the non-resident regime covers electronic services only)',
    sourceIncludes: ['derived'],
  },
  'KG.VAT.EVIDENCE.EXPORT': {
    values: {
      topic: 'vat.export_evidence',
      supplyType: 'export',
      documents: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      'KG-13 ✅ partly: evidence list from the seed; Art. 327 risk factors (lex.kg); the 90-day review ❓ is not modelled',
    noteIncludes: ['90-day'],
  },
  'KG.VAT.EVIDENCE.EAEU_EXPORT': {
    values: {
      topic: 'vat.export_evidence',
      supplyType: 'eaeu_export',
      documents: ['contract', 'eaeu_import_statement', 'transport_document', 'bank_proceeds'],
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'KG-13 ✅ partly: Gov. Res. No. 550 (2015); open.kg STS document list',
    citationIncludes: ['Annex 18', 'No. 550'],
    sourceIncludes: ['open.kg'],
  },
  'KG.ESF.DEADLINE': {
    values: {
      topic: 'esf.deadline',
      calendarDays: 5,
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'seed_only',
    },
    research: 'KG-9 ❓ seed only; §3.2 "the 5-day issuance deadline ... not found"',
    citationIncludes: ['No. 141', 'as amended', 'оформления и применения'],
    sourceIncludes: ['rgn=140965', 'open.kg'],
    noteIncludes: ['No published source confirms'],
  },
  'KG.ESF.ISSUED_BEFORE_DELIVERY': {
    values: {
      topic: 'esf.issue_before_delivery',
      severity: 'warning',
      effectiveFrom: KG_FROM,
      effectiveTo: null,
      confidence: 'seed_only',
    },
    research: 'not in the research notes; from the API contract (ISSUED_BEFORE_DELIVERY is a warning for KG)',
    sourceIncludes: ['API contract'],
  },
  'KG.VAT.IMPORT': {
    values: { topic: 'vat.import', effectiveFrom: KG_FROM, effectiveTo: null, confidence: 'secondary' },
    research: 'derived (general import VAT mechanics); not itemised in the research',
    sourceIncludes: ['derived'],
  },
  'KG.VAT.PLACE_OF_SUPPLY.ABROAD': {
    values: { topic: 'vat.place_of_supply.abroad', effectiveFrom: KG_FROM, effectiveTo: null, confidence: 'secondary' },
    research: 'derived from KG-5 (buyer registration or residence decides for services)',
    citationIncludes: ['Art. 263'],
    sourceIncludes: ['derived'],
  },
  'KG.ESF.TIN_FIELD': {
    values: { topic: 'esf.tin_field', effectiveFrom: KG_FROM, effectiveTo: null, confidence: 'contested' },
    research: 'KG-10 ⚠️ only lookuptax says so; kgaccount.com calls the PIN the TIN equivalent',
    noteIncludes: ['kgaccount', '14 digits'],
  },
  'KG.IDENTIFIER.FORMAT': {
    values: { topic: 'identifier.format', effectiveFrom: '2017-09-28', effectiveTo: null, confidence: 'secondary' },
    research:
      'identifiers.md §5: 14 digits CONFIRMED; first digit / date LIKELY; no check digit known (Decree No. 619 of 28 Sep 2017)',
    citationIncludes: ['No. 619'],
    noteIncludes: ['00207199610017', 'KG.IDENTIFIER.FOREIGN_PREFIX'],
  },
  'KG.IDENTIFIER.FOREIGN_PREFIX': {
    values: {
      topic: 'identifier.format',
      prefix: '4',
      effectiveFrom: '2025-07-01',
      effectiveTo: null,
      confidence: 'seed_only',
    },
    research: '2026-11 §6 ❓ no source supports "4 = foreigner from 2025-07-01" → seed_only',
    sourceIncludes: ['seed 002'],
    noteIncludes: ['proposal'],
  },
  'KG.VAT.NON_PAYER_CHARGES': {
    values: { topic: 'vat.non_payer_charges', effectiveFrom: KG_FROM, effectiveTo: null, confidence: 'secondary' },
    research: 'KG-11 evidence: prg.kz Code copy, Art. 253 "VAT taxpayer"',
    citationIncludes: ['Art. 253 (VAT taxpayer)'],
    sourceIncludes: ['prg.kz'],
  },

  // ---------------------------------------------------------------- Kazakhstan
  'KZ.VAT.STANDARD.2018': {
    values: {
      topic: 'vat.rate.standard',
      rate: 12,
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'confirmed',
    },
    research: 'KZ-1: 12% until 31 Dec 2025 (Mazars 2023-2024)',
    citationIncludes: ['No. 120-VI'],
  },
  'KZ.VAT.STANDARD.2026': {
    values: {
      topic: 'vat.rate.standard',
      rate: 16,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KZ-1 🔄 16% from 1 Jan 2026 (Law No. 214-VIII; SRC Q&A 14 Oct 2025), by turnover date',
    citationIncludes: ['No. 214-VIII'],
    sourceIncludes: ['enbekshiqazaq'],
  },
  'KZ.VAT.REDUCED.MEDICINES.2026': {
    values: {
      topic: 'vat.rate.reduced',
      rate: 5,
      category: 'medicines',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      confidence: 'confirmed',
    },
    research: 'KZ-1b ✅ medicines 5% in 2026; 2026-11 §4: SRC Q&A; GOBMP/OSMS supplies exempt',
    sourceIncludes: ['SRC Q&A'],
    noteIncludes: ['exempt'],
  },
  'KZ.VAT.REDUCED.MEDICINES.2027': {
    values: {
      topic: 'vat.rate.reduced',
      rate: 10,
      category: 'medicines',
      effectiveFrom: '2027-01-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KZ-1b ✅ medicines 10% from 2027; 2026-11 §4: SRC Q&A; GOBMP/OSMS supplies exempt',
    sourceIncludes: ['SRC Q&A'],
    noteIncludes: ['exempt'],
  },
  'KZ.VAT.REDUCED.PERIODICALS': {
    values: {
      topic: 'vat.rate.reduced',
      rate: 10,
      category: 'periodicals',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: '2026-11 §4 ⚠️ periodicals 10%: start year 2026 (Kursiv, Moore) vs 2027 (Pagero) → secondary',
    sourceIncludes: ['pagero'],
    noteIncludes: ['start year conflicts', 'Pagero', 'Before 2026'],
  },
  'KZ.VAT.ZERO.EXPORT': {
    values: {
      topic: 'vat.rate.zero',
      rate: 0,
      supplyTypes: ['export', 'eaeu_export'],
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'not itemised in the research; from the API contract (KZ exports 0%)',
    sourceIncludes: ['API contract'],
  },
  'KZ.MCI.2023': {
    values: {
      topic: 'mci',
      year: 2023,
      amount: 3_450,
      effectiveFrom: '2023-01-01',
      effectiveTo: '2023-12-31',
      confidence: 'confirmed',
    },
    research: 'KZ-10 / §2a ✅ 3,450 (PwC 2023; AIFC FAQ)',
  },
  'KZ.MCI.2024': {
    values: {
      topic: 'mci',
      year: 2024,
      amount: 3_692,
      effectiveFrom: '2024-01-01',
      effectiveTo: '2024-12-31',
      confidence: 'confirmed',
    },
    research: '§2a ✅ 3,692 (PwC sample PIT: 14 × MCI = 51,688)',
  },
  'KZ.MCI.2025': {
    values: {
      topic: 'mci',
      year: 2025,
      amount: 3_932,
      effectiveFrom: '2025-01-01',
      effectiveTo: '2025-12-31',
      confidence: 'confirmed',
    },
    research: '§2a ✅ 3,932 (tengrinews 9 Dec 2024)',
  },
  'KZ.MCI.2026': {
    values: {
      topic: 'mci',
      year: 2026,
      amount: 4_325,
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      confidence: 'confirmed',
    },
    research: '§2a ✅ 4,325; 2026-11 §4: Law No. 239-VIII of 08.12.2025 (number secondary); no 2027 MCI',
    citationIncludes: ['No. 239-VIII', '08.12.2025'],
    sourceIncludes: ['ddn.kz', 'lada.kz'],
    noteIncludes: ['secondary', 'No 2027 MCI'],
  },
  'KZ.VAT.THRESHOLD.RESIDENT.2018': {
    values: {
      topic: 'vat.threshold.resident',
      amount: 20_000,
      unit: 'MCI',
      route: 'VAT registration with the State Revenue Committee',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'confirmed',
    },
    research: 'KZ-4: old threshold 20,000 MCI (Moore, f-chain, regfollower; Mazars 2024 "74 mKZT" = 20,000 × 3,692)',
    sourceIncludes: ['Mazars'],
  },
  'KZ.VAT.THRESHOLD.RESIDENT.2026': {
    values: {
      topic: 'vat.threshold.resident',
      amount: 10_000,
      unit: 'MCI',
      registrationBusinessDays: 5,
      route: 'VAT registration with the State Revenue Committee (e-filing; directors checked biometrically)',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KZ-4 🔄 10,000 MCI, register within 5 business days (enbekshiqazaq 28 Nov 2025; Signum)',
    noteIncludes: ['15,000 MCI', 'De-registration', 'special tax regime (STR)', '43.25 m'],
  },
  'KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2022': {
    values: {
      topic: 'vat.registration.nonresident_eservices',
      thresholdAmount: 0,
      route: 'conditional (simplified online) VAT registration for foreign e-commerce and e-service sellers',
      deadline: 'one_month_after_first_payment',
      scope: 'b2c',
      effectiveFrom: '2022-01-01',
      effectiveTo: '2025-12-31',
      confidence: 'secondary',
    },
    research:
      'KZ-2: since 1 Jan 2022 (EY 10 Jan 2022; GRATA); the pre-2026 deadline is not in the research, so secondary',
    sourceIncludes: ['EY'],
    noteIncludes: ['pre-2026 registration deadline'],
  },
  'KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2026': {
    values: {
      topic: 'vat.registration.nonresident_eservices',
      thresholdAmount: 0,
      route:
        'conditional VAT registration (Tax Code Art. 102.1; MoF Order No. 636): confirmation letter with notarised documents',
      deadline: 'one_month_after_first_payment',
      scope: 'b2c',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KZ-2 ✅ refined: Art. 102.1, within 1 month of the first payment, Order No. 636 (KPMG; EY Feb 2026)',
    citationIncludes: ['Art. 102.1', 'No. 636'],
    sourceIncludes: ['KPMG'],
  },
  'KZ.VAT.NONRESIDENT_ESERVICES.B2B': {
    values: {
      topic: 'vat.nonresident_eservices.b2b',
      liable: 'buyer_tax_agent',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      '2026-11 §4 ✅/secondary: conditional registration is B2C-only; the buyer pays and issues the ESF for the non-resident',
    sourceIncludes: ['KPMG KZ', 'Moore'],
    noteIncludes: ['B2C', 'issues the ESF'],
  },
  'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026': {
    values: {
      topic: 'vat.tax_agent.nonresident_services',
      rateFrom: 'standard',
      buyerIssuesEsf: true,
      buyerKeeps: ['contract', 'acceptance_act', 'payment_proof'],
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research:
      'KZ-3 ✅ new 2026 duty (enbekshiqazaq 28 Oct 2025, 27 Jan 2026; vatupdate); 2026-11 §4: the buyer issues the ESF for the non-resident (Moore)',
    sourceIncludes: ['enbekshiqazaq', 'Moore'],
  },
  'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2018': {
    values: {
      topic: 'vat.tax_agent.nonresident_services',
      rateFrom: 'standard',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'secondary',
    },
    research: 'not in the research notes (2017 Code Art. 373, practitioner knowledge); pinned at its current value',
    citationIncludes: ['Art. 373'],
    sourceIncludes: ['not in the research notes'],
  },
  'KZ.VAT.NONRESIDENT_SERVICES.B2C': {
    values: {
      topic: 'vat.nonresident_services.b2c',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'derived from KZ-2 (conditional registration covers e-services and e-commerce only)',
    sourceIncludes: ['derived'],
  },
  'KZ.VAT.SPECIAL_REGIME.SIMPLIFIED': {
    values: {
      topic: 'vat.special_regime',
      regimes: ['simplified'],
      whateverTurnover: true,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research:
      '§3.1 ✅ simplified-declaration taxpayers are not VAT payers from 2026 (f-chain; enbekshiqazaq 10 Apr 2026); 2026-11 §4: STR payers are not VAT-registered whatever their turnover',
  },
  'KZ.VAT.FILING.RESIDENT.2026': {
    values: {
      topic: 'vat.filing',
      filer: 'resident',
      frequency: 'quarterly',
      dueDay: 15,
      monthsAfterPeriodEnd: 2,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      '2026-11 §4: quarterly (bpo.kz 2026 calendar: Form 300.00 for Q4 2025 due 16 Feb 2026); the confirming source was not re-seen → secondary',
    sourceIncludes: ['bpo.kz'],
  },
  'KZ.VAT.FILING.RESIDENT.2018': {
    values: {
      topic: 'vat.filing',
      filer: 'resident',
      frequency: 'quarterly',
      dueDay: 15,
      monthsAfterPeriodEnd: 2,
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'secondary',
    },
    research: 'not in the research notes (2017 Code Art. 424, practitioner knowledge); pinned at its current value',
    citationIncludes: ['Art. 424'],
  },
  'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2022': {
    values: {
      topic: 'vat.filing',
      filer: 'nonresident_eservices',
      frequency: 'quarterly',
      dueDay: 25,
      monthsAfterPeriodEnd: 1,
      effectiveFrom: '2022-01-01',
      effectiveTo: '2025-12-31',
      confidence: 'secondary',
    },
    research: 'KZ-12: vatcalc KZ 2022 (third-party) quarterly by the 25th',
    sourceIncludes: ['vatcalc'],
  },
  'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2026': {
    values: {
      topic: 'vat.filing',
      filer: 'nonresident_eservices',
      frequency: 'quarterly',
      dueDay: 25,
      monthsAfterPeriodEnd: 1,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'seed_only',
    },
    research: 'KZ-12: the 2026 deadline ❓ not found; the 2022 rule carried forward unverified',
    noteIncludes: ['2026 payment deadline', 'not found', 'no return'],
  },
  'KZ.VAT.EVIDENCE.EXPORT': {
    values: {
      topic: 'vat.export_evidence',
      supplyType: 'export',
      documents: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'not itemised in the research; from the API contract',
    sourceIncludes: ['API contract'],
  },
  'KZ.VAT.EVIDENCE.EAEU_EXPORT': {
    values: {
      topic: 'vat.export_evidence',
      supplyType: 'eaeu_export',
      documents: ['contract', 'eaeu_import_statement', 'transport_document', 'bank_proceeds'],
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'not itemised in the research; API contract and lookuptax (seed) for the statement of import',
    citationIncludes: ['Annex 18'],
  },
  'KZ.ESF.DEADLINE.2018': {
    values: {
      topic: 'esf.deadline',
      calendarDays: 15,
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'secondary',
    },
    research: 'not in the research notes (2017 Code Art. 412); pinned at its current value',
    citationIncludes: ['Art. 412'],
  },
  'KZ.ESF.DEADLINE.2026': {
    values: {
      topic: 'esf.deadline',
      calendarDays: 15,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      '§3.1 ✅ 15 calendar days (KPMG on the draft law of 10 Oct 2025; enacted status inferred) — the row is more cautious than the ✅: see report',
    sourceIncludes: ['KPMG', 'Moore'],
    noteIncludes: ['monthly by the 20th'],
  },
  'KZ.ESF.ISSUED_BEFORE_DELIVERY': {
    values: {
      topic: 'esf.issue_before_delivery',
      severity: 'error',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: '§3.1 ✅ "no earlier than the turnover date" (KPMG 24 Oct 2025)',
    citationIncludes: ['no earlier than the turnover date'],
  },
  'KZ.VAT.IMPORT': {
    values: { topic: 'vat.import', effectiveFrom: KZ_OLD_CODE_FROM, effectiveTo: null, confidence: 'secondary' },
    research: 'derived (general import VAT mechanics); not itemised in the research',
    sourceIncludes: ['derived'],
  },
  'KZ.VAT.PLACE_OF_SUPPLY.ABROAD': {
    values: {
      topic: 'vat.place_of_supply.abroad',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: 'derived from the place-of-supply tests in the research',
    sourceIncludes: ['derived'],
  },
  'KZ.ESF.TIN_FIELD': {
    values: { topic: 'esf.tin_field', effectiveFrom: KZ_OLD_CODE_FROM, effectiveTo: null, confidence: 'confirmed' },
    research: 'identifiers.md §1 CONFIRMED (BIN for legal entities, IIN for individuals)',
  },
  'KZ.IDENTIFIER.FORMAT': {
    values: { topic: 'identifier.format', effectiveFrom: '2007-01-01', effectiveTo: null, confidence: 'confirmed' },
    research: '§4.1 ✅ and identifiers.md §1.1 CONFIRMED: two-pass mod-11 check digit (Decree P070000406)',
    citationIncludes: ['P070000406'],
    noteIncludes: ['e-IIN', 'registry check'],
  },
  'KZ.VAT.NON_PAYER_CHARGES': {
    values: {
      topic: 'vat.non_payer_charges',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: '§3.1 ✅ Art. 207-208 (VAT payers issue ESFs) — row kept at secondary: see report',
    citationIncludes: ['Art. 207-208'],
  },
  'KZ.RESIDENCY.DAYS_183': {
    values: {
      topic: 'residency.days_test',
      days: 183,
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'confirmed',
    },
    research: 'KZ-8 ✅ 183 days in any 12 months (PwC 1 Feb 2023; Mazars) under the 2017 Code, Art. 217',
    citationIncludes: ['Art. 217'],
  },
  'KZ.RESIDENCY.DAYS_183.2026': {
    values: {
      topic: 'residency.days_test',
      days: 183,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: '2026-11 §8 ❓/secondary: no change found; the 2026 article number was not found',
    citationIncludes: ['18.07.2025', 'number not found'],
    sourceIncludes: ['nomadexpat'],
    noteIncludes: ['No change', 'not found'],
  },
  'KZ.RESIDENCY.DAYS_90_AIFC': {
    values: {
      topic: 'residency.days_test',
      days: 90,
      programme: 'aifc_itrp',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research:
      'KZ-11 ✅ ITRP 90-day rule, 7,000 MCI fee, USD 60,000 (itrp.kz; AIFC FAQ); 2026-11 §8: share-capital instrument, KZT 30,275,000 fee',
    noteIncludes: ['7,000 MCI', '60,000', 'share capital', '30,275,000'],
  },
  'KZ.RESIDENCY.VITAL_INTERESTS': {
    values: {
      topic: 'residency.vital_interests',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'confirmed',
    },
    research: 'KZ-8 ✅ all three vital-interest criteria must hold (PwC 1 Feb 2023), 2017 Code Art. 217(3)',
    citationIncludes: ['Art. 217(3)'],
  },
  'KZ.RESIDENCY.VITAL_INTERESTS.2026': {
    values: {
      topic: 'residency.vital_interests',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research: '2026-11 §8 ❓/secondary: no change to the three criteria found; article number not found',
    citationIncludes: ['18.07.2025', 'number not found'],
    noteIncludes: ['three cumulative criteria'],
  },
  'KZ.RESIDENCY.TREATY_CERTIFICATE': {
    values: {
      topic: 'residency.treaty_certificate',
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'seed_only',
    },
    research: 'not in the research notes; seed 004 only',
    citationIncludes: ['Art. 217'],
    sourceIncludes: ['seed'],
  },
  'KZ.RESIDENCY.TREATY_CERTIFICATE.2026': {
    values: {
      topic: 'residency.treaty_certificate',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      '2026-11 §9: residency rows split at 2026-01-01; 2026 rows cite the 2026 Code (number not found), secondary',
    citationIncludes: ['18.07.2025', 'number not found'],
    sourceIncludes: ['seed 004'],
  },
  'KZ.PIT.RESIDENT.2026': {
    values: {
      topic: 'residency.pit_rates',
      rates: [{ rate: 10, upToMci: 8_500 }, { rate: 15 }],
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research: 'KZ-5 🔄 residents 10% up to 8,500 MCI, 15% above (PwC 2 Dec 2025); non-resident ⚠️ in the note',
    noteIncludes: ['oversimplification', '600,000 MCI', '17%'],
  },
  'KZ.PIT.RESIDENT.2018': {
    values: {
      topic: 'residency.pit_rates',
      rates: [{ rate: 10 }],
      effectiveFrom: KZ_OLD_CODE_FROM,
      effectiveTo: '2025-12-31',
      confidence: 'confirmed',
    },
    research: 'KZ-5: residents 10% before 2026 (seed 003; Mazars 2023-2024)',
  },

  // ---------------------------------------------------------------- EAEU
  'EAEU.VAT.ESERVICES': {
    values: {
      topic: 'vat.eaeu_eservices',
      members: ['AM', 'BY', 'KG', 'KZ', 'RU'],
      b2cSupplierRegisters: true,
      b2bSupplierRegisters: true,
      effectiveFrom: '2024-04-01',
      effectiveTo: null,
      confidence: 'confirmed',
    },
    research:
      '§3.3 ✅ signed 9 Dec 2022, in force 4 Mar 2024, applies from 1 Apr 2024; 14 services (EEC Decision No. 97); paras. 9-10',
    citationIncludes: ['09.12.2022', '04.03.2024', '01.04.2024', 'Decision No. 97', 'paras. 9-10'],
    sourceIncludes: ['PwC KZ alert No. 224'],
  },
  'EAEU.VAT.ESERVICES.B2B_EXCEPTION': {
    values: {
      topic: 'vat.eaeu_eservices.b2b_exception',
      effectiveFrom: '2024-04-01',
      effectiveTo: null,
      confidence: 'secondary',
    },
    research:
      '§3.3: para. 11 text not retrieved ❓; mondaq (third-party) reading: the buyer pays where registration is not provided for',
    citationIncludes: ['para. 11'],
    sourceIncludes: ['mondaq', 'schneider-group', '420205962'],
    noteIncludes: ['Para. 11 itself was not read'],
  },
};

const byId = new Map(RULES.map((r) => [r.id, r] as const));

/** The row without its prose fields. */
function valuesOf(rule: Rule): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...rule };
  for (const key of PROSE) delete copy[key];
  return copy;
}

const isIsoDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * What tells rows of one topic apart (several rows may be in force at once only if these differ):
 * the reduced-rate category, the zero-rated supply types, the filer, ... A topic not listed here has
 * one row in force at a time.
 */
function selectorsOf(rule: Rule): string[] {
  switch (rule.topic) {
    case 'vat.rate.reduced':
      return [rule.category];
    case 'vat.rate.zero':
      return rule.supplyTypes;
    case 'vat.filing':
      return [rule.filer];
    case 'vat.export_evidence':
      return [rule.supplyType];
    case 'vat.special_regime':
    case 'vat.input_vat.not_reclaimable':
      return rule.regimes;
    case 'mci':
      return [String(rule.year)];
    case 'residency.days_test':
      return [rule.programme ?? 'general'];
    case 'vat.threshold.resident':
      return [rule.activity ?? '*'];
    case 'identifier.format':
      return [rule.prefix ?? '*'];
    default:
      return ['*'];
  }
}

const overlaps = (a: Rule, b: Rule) =>
  a.effectiveFrom <= (b.effectiveTo ?? '9999-12-31') && b.effectiveFrom <= (a.effectiveTo ?? '9999-12-31');

describe('Rules data: every row has a dedicated, research-backed expectation', () => {
  it('has an expectation for every row of RULES (a new row without a test fails here)', () => {
    // Prepare
    const ids = RULES.map((r) => r.id);

    // Act
    const untested = ids.filter((id) => !(id in EXPECTED));

    // Assess
    expect(untested, 'rows without an entry in EXPECTED').toEqual([]);
  });

  it('has no stale expectation for a row that no longer exists', () => {
    // Act
    const stale = Object.keys(EXPECTED).filter((id) => !byId.has(id));

    // Assess
    expect(stale).toEqual([]);
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const expected = EXPECTED[id];

    it('carries exactly the expected values, effective dates and confidence', () => {
      // Prepare
      expect(expected, `no expectation for ${id}`).toBeDefined();
      const country = id.split('.')[0];

      // Act
      const values = valuesOf(rule);

      // Assess
      expect(values).toEqual({ id, country, ...expected!.values });
    });

    it('cites a legal provision and a source, and states the rule', () => {
      // Act
      const { citation, source, text } = rule;

      // Assess
      expect(citation.trim().length).toBeGreaterThan(10);
      expect(source.trim().length).toBeGreaterThan(5);
      expect(text.trim().length).toBeGreaterThan(10);
      expect(expected!.research.length).toBeGreaterThan(0);
      for (const phrase of expected!.citationIncludes ?? []) expect(citation).toContain(phrase);
      for (const phrase of expected!.sourceIncludes ?? []) expect(source).toContain(phrase);
    });

    it('carries the caveats the research attaches to it', () => {
      // Prepare
      const phrases = expected!.noteIncludes ?? [];

      // Act
      const note = rule.note ?? '';

      // Assess
      for (const phrase of phrases) expect(note, `${id} note`).toContain(phrase);
      if (rule.note !== undefined) expect(rule.note.trim()).not.toBe('');
    });
  });
});

describe('Rules data: structure', () => {
  it('has unique ids', () => {
    // Act
    const duplicates = RULES.map((r) => r.id).filter((id, i, all) => all.indexOf(id) !== i);

    // Assess
    expect(duplicates).toEqual([]);
  });

  it('names each row after its country', () => {
    // Act
    const misnamed = RULES.filter((r) => !r.id.startsWith(`${r.country}.`)).map((r) => r.id);

    // Assess
    expect(misnamed).toEqual([]);
  });

  it('has real ISO dates with effectiveFrom <= effectiveTo', () => {
    // Act
    const bad = RULES.filter(
      (r) =>
        !isIsoDate(r.effectiveFrom) ||
        (r.effectiveTo !== null && (!isIsoDate(r.effectiveTo) || r.effectiveTo < r.effectiveFrom)),
    ).map((r) => `${r.id} ${r.effectiveFrom}..${r.effectiveTo}`);

    // Assess
    expect(bad).toEqual([]);
  });

  it('never has two rows of the same topic, country and discriminator in force on the same day', () => {
    // Prepare
    const conflicts: string[] = [];

    // Act
    for (const [i, a] of RULES.entries()) {
      for (const b of RULES.slice(i + 1)) {
        const sameSelector = selectorsOf(a).some((s) => selectorsOf(b).includes(s));
        if (a.topic === b.topic && a.country === b.country && sameSelector && overlaps(a, b))
          conflicts.push(`${a.id} / ${b.id}`);
      }
    }

    // Assess
    expect(conflicts).toEqual([]);
  });

  it('hands each dated rule over to its successor on the next day (no gaps between rows of one rule)', () => {
    // Prepare
    const groups = new Map<string, Rule[]>();
    for (const r of RULES) {
      if (r.topic === 'mci') continue; // one row per year, checked below
      for (const s of selectorsOf(r)) {
        const key = `${r.topic}|${r.country}|${s}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
    }
    const gaps: string[] = [];

    // Act
    for (const [key, rows] of groups) {
      const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      for (const [i, row] of sorted.slice(0, -1).entries()) {
        const next = sorted[i + 1]!;
        const dayAfter = new Date(Date.parse(`${row.effectiveTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        if (row.effectiveTo === null || dayAfter !== next.effectiveFrom) gaps.push(`${key}: ${row.id} -> ${next.id}`);
      }
      if (sorted.at(-1)!.topic.startsWith('vat.rate') && sorted.at(-1)!.effectiveTo !== null)
        gaps.push(`${key}: the last rate row ends`);
    }

    // Assess
    expect(gaps).toEqual([]);
  });

  it('has the MCI rows 2023-2026 with the research values, each covering exactly its calendar year', () => {
    // Act
    const mci = RULES.filter((r): r is Extract<Rule, { topic: 'mci' }> => r.topic === 'mci')
      .map((r) => ({
        year: r.year,
        amount: r.amount,
        from: r.effectiveFrom,
        to: r.effectiveTo,
        confidence: r.confidence,
      }))
      .sort((a, b) => a.year - b.year);

    // Assess
    expect(mci).toEqual([
      { year: 2023, amount: 3_450, from: '2023-01-01', to: '2023-12-31', confidence: 'confirmed' },
      { year: 2024, amount: 3_692, from: '2024-01-01', to: '2024-12-31', confidence: 'confirmed' },
      { year: 2025, amount: 3_932, from: '2025-01-01', to: '2025-12-31', confidence: 'confirmed' },
      { year: 2026, amount: 4_325, from: '2026-01-01', to: '2026-12-31', confidence: 'confirmed' },
    ]);
  });

  it('derives the research thresholds from MCI: 10,000 × 4,325 in 2026 and 20,000 × 3,692 = Mazars "74 mKZT" in 2024', () => {
    // Prepare
    const mci = (year: number) =>
      (RULES.find((r) => r.topic === 'mci' && r.year === year) as Extract<Rule, { topic: 'mci' }>).amount;
    const threshold = (id: string) => (byId.get(id) as Extract<Rule, { topic: 'vat.threshold.resident' }>).amount;

    // Act
    const kzt2026 = threshold('KZ.VAT.THRESHOLD.RESIDENT.2026') * mci(2026);
    const kzt2024 = threshold('KZ.VAT.THRESHOLD.RESIDENT.2018') * mci(2024);

    // Assess
    expect(kzt2026).toBe(43_250_000);
    expect(Math.round(kzt2024 / 1e6)).toBe(74);
  });

  it('gives every contested row a note saying why', () => {
    // Act
    const contestedWithoutNote = RULES.filter((r) => r.confidence === 'contested' && !r.note).map((r) => r.id);

    // Assess
    expect(contestedWithoutNote).toEqual([]);
  });

  it('lists the EAEU members the protocol covers', () => {
    // Assess
    expect([...EAEU_MEMBERS].sort()).toEqual(['AM', 'BY', 'KG', 'KZ', 'RU']);
  });
});
