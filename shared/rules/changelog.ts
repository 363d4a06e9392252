/**
 * What each ruleset version changed, newest first: every row it added, changed (any field: value, dates,
 * citation, source, confidence, note or text) or ended (an `effectiveTo` set), and why. Integrators pin a
 * `rulesetVersion` and, when it moves, re-check the decisions that cited the rows listed here.
 *
 * A test compares the newest entry with the previous version's rows (`test/fixtures/rules/`), so this list
 * cannot miss or invent a change.
 */

/** What happened to one row in a version. */
export type RuleChangeKind = 'added' | 'changed' | 'ended';

export interface RuleChange {
  ruleId: string;
  change: RuleChangeKind;
  /** Why, in one sentence, with the source that moved it. */
  why: string;
}

export interface RulesetRelease {
  version: string;
  /** The day the version was published (YYYY-MM-DD). */
  date: string;
  summary: string;
  changes: RuleChange[];
}

const FIRST = 'First published ruleset (research/tax-rules.md, 2026-11-22).';

export const RULES_CHANGELOG: readonly RulesetRelease[] = [
  {
    version: '2026.11.30-1',
    date: '2026-11-30',
    summary:
      'November 2026 research pass (research/tax-rules-2026-11.md §9): KG trade threshold, residency rows split at 2026-01-01, confidence and citation updates.',
    changes: [
      {
        ruleId: 'KG.VAT.THRESHOLD.RESIDENT.TRADE',
        change: 'added',
        why: 'Traders leave the single tax (and must register for VAT) above KGS 50 m, not 30 m (Decree No. 250 of 26.07.2022; Law of 31.07.2025).',
      },
      {
        ruleId: 'KG.IDENTIFIER.FOREIGN_PREFIX',
        change: 'added',
        why: 'Prefix 4 for foreign nationals has no source beyond the seed: split out of KG.IDENTIFIER.FORMAT as seed_only.',
      },
      {
        ruleId: 'KZ.RESIDENCY.DAYS_183.2026',
        change: 'added',
        why: 'Residency rows split at 2026-01-01: the 2026 Code row (article number not found), secondary.',
      },
      {
        ruleId: 'KZ.RESIDENCY.VITAL_INTERESTS.2026',
        change: 'added',
        why: 'Residency rows split at 2026-01-01: the 2026 Code row (article number not found), secondary.',
      },
      {
        ruleId: 'KZ.RESIDENCY.TREATY_CERTIFICATE.2026',
        change: 'added',
        why: 'Residency rows split at 2026-01-01: the 2026 Code row (article number not found), secondary.',
      },
      {
        ruleId: 'KG.VAT.THRESHOLD.RESIDENT',
        change: 'changed',
        why: 'Now the services (and default) threshold, with `activity: services`; the note explains that the trigger is leaving the single tax.',
      },
      {
        ruleId: 'KG.VAT.FILING.RESIDENT',
        change: 'changed',
        why: 'Source adds Grant Thornton KG, which supports the monthly period.',
      },
      {
        ruleId: 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES',
        change: 'changed',
        why: 'Citation: only the title of Art. 253 was seen; "citation wrong" was not proven. Still contested.',
      },
      {
        ruleId: 'KG.ESF.DEADLINE',
        change: 'changed',
        why: 'Citation: Res. 141 as amended (procedure renamed); the 5-day deadline is still unconfirmed (seed_only).',
      },
      {
        ruleId: 'KG.IDENTIFIER.FORMAT',
        change: 'changed',
        why: 'Text: 0 = organisation, 1/2 = individual, then DDMMYYYY and a 5-digit serial; prefix 4 moved to its own row.',
      },
      {
        ruleId: 'KZ.VAT.REDUCED.MEDICINES.2026',
        change: 'changed',
        why: 'Source adds the SRC Q&A; note: GOBMP/OSMS supplies are exempt, not 5%.',
      },
      {
        ruleId: 'KZ.VAT.REDUCED.MEDICINES.2027',
        change: 'changed',
        why: 'Source adds the SRC Q&A; note: GOBMP/OSMS supplies are exempt, not 10%.',
      },
      {
        ruleId: 'KZ.VAT.REDUCED.PERIODICALS',
        change: 'changed',
        why: 'Confidence confirmed → secondary: the start year conflicts (2026 per Kursiv and Moore, 2027 per Pagero).',
      },
      {
        ruleId: 'KZ.MCI.2026',
        change: 'changed',
        why: 'Citation: Law No. 239-VIII of 08.12.2025 on the republican budget for 2026–2028; no 2027 MCI is published.',
      },
      {
        ruleId: 'KZ.VAT.THRESHOLD.RESIDENT.2026',
        change: 'changed',
        why: 'Note: special tax regime payers are never VAT-registered whatever their turnover.',
      },
      {
        ruleId: 'KZ.VAT.NONRESIDENT_ESERVICES.B2B',
        change: 'changed',
        why: 'Note: conditional registration is B2C-only; the Kazakh buyer pays and issues the ESF for the non-resident.',
      },
      {
        ruleId: 'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026',
        change: 'changed',
        why: 'The buyer issues the ESF on the non-resident\'s behalf from 2026 (Moore "Electronic invoices in 2026"; enbekshiqazaq 27 Jan 2026); lists what the buyer keeps.',
      },
      {
        ruleId: 'KZ.VAT.SPECIAL_REGIME.SIMPLIFIED',
        change: 'changed',
        why: 'Special tax regime payers are not VAT-registered whatever their turnover (SRC via enbekshiqazaq, 28 Oct 2025 and 10 Apr 2026): the regime, not the threshold, decides.',
      },
      {
        ruleId: 'KZ.VAT.FILING.RESIDENT.2026',
        change: 'changed',
        why: 'Confidence confirmed → secondary: quarterly per the bpo.kz 2026 calendar; the earlier confirming source was not re-seen.',
      },
      {
        ruleId: 'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2026',
        change: 'changed',
        why: 'Note and source (Chambers 2022; EY KZ Feb 2026): under the old regime these sellers paid only (no return, no invoices); the 2026 deadline is still not found.',
      },
      {
        ruleId: 'KZ.ESF.DEADLINE.2026',
        change: 'changed',
        why: 'Source adds Moore "Electronic invoices in 2026" (amendments in force 1 Jan 2026).',
      },
      {
        ruleId: 'KZ.IDENTIFIER.FORMAT',
        change: 'changed',
        why: 'Note: the AIFC e-IIN is not a state IIN and cannot be told from its digits.',
      },
      {
        ruleId: 'KZ.RESIDENCY.DAYS_183',
        change: 'ended',
        why: 'Ends 2025-12-31 with the 2017 Code (Art. 217); continued by KZ.RESIDENCY.DAYS_183.2026.',
      },
      {
        ruleId: 'KZ.RESIDENCY.VITAL_INTERESTS',
        change: 'ended',
        why: 'Ends 2025-12-31 with the 2017 Code (Art. 217(3)); continued by KZ.RESIDENCY.VITAL_INTERESTS.2026.',
      },
      {
        ruleId: 'KZ.RESIDENCY.TREATY_CERTIFICATE',
        change: 'ended',
        why: 'Ends 2025-12-31 with the 2017 Code; continued by KZ.RESIDENCY.TREATY_CERTIFICATE.2026.',
      },
      {
        ruleId: 'KZ.RESIDENCY.DAYS_90_AIFC',
        change: 'changed',
        why: 'Note: a second investment instrument (AIFC-entity share capital); the 2026 fee is KZT 30,275,000.',
      },
      {
        ruleId: 'KZ.PIT.RESIDENT.2026',
        change: 'changed',
        why: 'Note: conflicting non-resident scales (Moore 10%/17% at 600,000 MCI vs 10%/15% at 8,500 MCI).',
      },
      {
        ruleId: 'EAEU.VAT.ESERVICES.B2B_EXCEPTION',
        change: 'changed',
        why: 'Text: the para. 11 exceptions apply to B2C and B2B alike; the buyer pays where its state provides no registration.',
      },
    ],
  },
  {
    version: '2026.11.22-2',
    date: '2026-11-22',
    summary: 'First published ruleset.',
    changes: [
      { ruleId: 'KG.VAT.STANDARD', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.ZERO.EXPORT', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.THRESHOLD.RESIDENT', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.NONRESIDENT_ESERVICES.REGISTRATION', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.NONRESIDENT_ESERVICES.B2B', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.ESERVICES.PLACE_OF_SUPPLY', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.FILING.NONRESIDENT_ESERVICES', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.FILING.RESIDENT', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.SPECIAL_REGIME', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.SPECIAL_REGIME.NO_INPUT_VAT', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.TAX_AGENT.HTP_EXEMPTION', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.NONRESIDENT_SERVICES.B2C', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.EVIDENCE.EXPORT', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.EVIDENCE.EAEU_EXPORT', change: 'added', why: FIRST },
      { ruleId: 'KG.ESF.DEADLINE', change: 'added', why: FIRST },
      { ruleId: 'KG.ESF.ISSUED_BEFORE_DELIVERY', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.IMPORT', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.PLACE_OF_SUPPLY.ABROAD', change: 'added', why: FIRST },
      { ruleId: 'KG.ESF.TIN_FIELD', change: 'added', why: FIRST },
      { ruleId: 'KG.IDENTIFIER.FORMAT', change: 'added', why: FIRST },
      { ruleId: 'KG.VAT.NON_PAYER_CHARGES', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.STANDARD.2018', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.STANDARD.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.REDUCED.MEDICINES.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.REDUCED.MEDICINES.2027', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.REDUCED.PERIODICALS', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.ZERO.EXPORT', change: 'added', why: FIRST },
      { ruleId: 'KZ.MCI.2023', change: 'added', why: FIRST },
      { ruleId: 'KZ.MCI.2024', change: 'added', why: FIRST },
      { ruleId: 'KZ.MCI.2025', change: 'added', why: FIRST },
      { ruleId: 'KZ.MCI.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.THRESHOLD.RESIDENT.2018', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.THRESHOLD.RESIDENT.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2022', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.NONRESIDENT_ESERVICES.REGISTRATION.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.NONRESIDENT_ESERVICES.B2B', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2018', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.NONRESIDENT_SERVICES.B2C', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.SPECIAL_REGIME.SIMPLIFIED', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.FILING.RESIDENT.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.FILING.RESIDENT.2018', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2022', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.FILING.NONRESIDENT_ESERVICES.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.EVIDENCE.EXPORT', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.EVIDENCE.EAEU_EXPORT', change: 'added', why: FIRST },
      { ruleId: 'KZ.ESF.DEADLINE.2018', change: 'added', why: FIRST },
      { ruleId: 'KZ.ESF.DEADLINE.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.ESF.ISSUED_BEFORE_DELIVERY', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.IMPORT', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.PLACE_OF_SUPPLY.ABROAD', change: 'added', why: FIRST },
      { ruleId: 'KZ.ESF.TIN_FIELD', change: 'added', why: FIRST },
      { ruleId: 'KZ.IDENTIFIER.FORMAT', change: 'added', why: FIRST },
      { ruleId: 'KZ.VAT.NON_PAYER_CHARGES', change: 'added', why: FIRST },
      { ruleId: 'KZ.RESIDENCY.DAYS_183', change: 'added', why: FIRST },
      { ruleId: 'KZ.RESIDENCY.DAYS_90_AIFC', change: 'added', why: FIRST },
      { ruleId: 'KZ.RESIDENCY.VITAL_INTERESTS', change: 'added', why: FIRST },
      { ruleId: 'KZ.RESIDENCY.TREATY_CERTIFICATE', change: 'added', why: FIRST },
      { ruleId: 'KZ.PIT.RESIDENT.2026', change: 'added', why: FIRST },
      { ruleId: 'KZ.PIT.RESIDENT.2018', change: 'added', why: FIRST },
      { ruleId: 'EAEU.VAT.ESERVICES', change: 'added', why: FIRST },
      { ruleId: 'EAEU.VAT.ESERVICES.B2B_EXCEPTION', change: 'added', why: FIRST },
    ],
  },
];

/** The releases published on or after `since` (YYYY-MM-DD), newest first. */
export function rulesChangesSince(since: string): RulesetRelease[] {
  return RULES_CHANGELOG.filter((release) => release.date >= since);
}
