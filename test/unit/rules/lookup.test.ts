import { afterEach, describe, expect, it } from 'vitest';
import {
  inForce,
  RULES,
  type Rule,
  reasonFrom,
  ruleById,
  ruleInForce,
  rulesInForce,
} from '../../../shared/rules/index.js';

/** RULES is typed read-only for callers; the overlap guard test adds a row for one test and takes it out again. */
const mutableRules = RULES as Rule[];
const added: Rule[] = [];

afterEach(() => {
  for (const row of added.splice(0)) mutableRules.splice(mutableRules.indexOf(row), 1);
});

describe('inForce', () => {
  it.each([
    ['the first day', '2018-01-01', true],
    ['the last day', '2025-12-31', true],
    ['the day before', '2017-12-31', false],
    ['the day after', '2026-01-01', false],
  ])('treats %s (%s) of a closed row as in force: %s', (_case, date, expected) => {
    // Prepare
    const rule = ruleById('KZ.VAT.STANDARD.2018')!;

    // Act
    const result = inForce(rule, date);

    // Assess
    expect(result).toBe(expected);
  });

  it('keeps an open-ended row in force indefinitely', () => {
    // Prepare
    const rule = ruleById('KZ.VAT.STANDARD.2026')!;

    // Act / Assess
    expect(inForce(rule, '2099-12-31')).toBe(true);
    expect(inForce(rule, '2025-12-31')).toBe(false);
  });
});

describe('ruleInForce / rulesInForce', () => {
  it.each([
    ['2025-12-31', 'KZ.VAT.STANDARD.2018'],
    ['2026-01-01', 'KZ.VAT.STANDARD.2026'],
  ])('picks the KZ standard-rate row in force on %s', (date, id) => {
    // Act
    const rule = ruleInForce('vat.rate.standard', 'KZ', date);

    // Assess
    expect(rule?.id).toBe(id);
  });

  it('answers undefined when no row covers the date', () => {
    // Act
    const rule = ruleInForce('vat.rate.standard', 'KG', '2021-12-31');

    // Assess
    expect(rule).toBeUndefined();
  });

  it('narrows with a match function (rows that differ by a discriminator)', () => {
    // Act
    const nonResident = ruleInForce('vat.filing', 'KG', '2026-03-10', (r) => r.filer === 'nonresident_eservices');
    const resident = ruleInForce('vat.filing', 'KG', '2026-03-10', (r) => r.filer === 'resident');

    // Assess
    expect(nonResident?.id).toBe('KG.VAT.FILING.NONRESIDENT_ESERVICES');
    expect(resident?.id).toBe('KG.VAT.FILING.RESIDENT');
  });

  it('lists every reduced-rate row in force, by topic and country only', () => {
    // Act
    const in2026 = rulesInForce('vat.rate.reduced', 'KZ', '2026-06-30').map((r) => r.id);
    const in2027 = rulesInForce('vat.rate.reduced', 'KZ', '2027-01-01').map((r) => r.id);
    const kg = rulesInForce('vat.rate.reduced', 'KG', '2026-06-30');

    // Assess
    expect(in2026.sort()).toEqual(['KZ.VAT.REDUCED.MEDICINES.2026', 'KZ.VAT.REDUCED.PERIODICALS']);
    expect(in2027.sort()).toEqual(['KZ.VAT.REDUCED.MEDICINES.2027', 'KZ.VAT.REDUCED.PERIODICALS']);
    expect(kg).toEqual([]);
  });

  it('refuses to guess when two rows of one topic overlap: it throws naming both', () => {
    // Prepare
    const duplicate: Rule = {
      ...ruleById('KG.VAT.STANDARD')!,
      id: 'KG.VAT.STANDARD.DUPLICATE',
      effectiveFrom: '2026-01-01',
    } as Rule;
    mutableRules.push(duplicate);
    added.push(duplicate);

    // Act
    const lookup = () => ruleInForce('vat.rate.standard', 'KG', '2026-03-10');

    // Assess
    expect(lookup).toThrow(
      /rules data overlap: KG\.VAT\.STANDARD, KG\.VAT\.STANDARD\.DUPLICATE all apply on 2026-03-10/,
    );
    expect(ruleInForce('vat.rate.standard', 'KG', '2025-12-31')?.id).toBe('KG.VAT.STANDARD');
  });
});

describe('ruleById', () => {
  it('finds a row by id and answers undefined for an unknown id', () => {
    // Act
    const known = ruleById('EAEU.VAT.ESERVICES');
    const unknown = ruleById('KG.NO.SUCH.RULE');

    // Assess
    expect(known?.topic).toBe('vat.eaeu_eservices');
    expect(unknown).toBeUndefined();
  });
});

describe('reasonFrom', () => {
  it('cites the row: code, citation, confidence, dates and its note', () => {
    // Prepare
    const rule = ruleById('KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES')!;

    // Act
    const reason = reasonFrom(rule);

    // Assess
    expect(reason).toEqual({
      code: 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES',
      text: rule.text,
      citation: rule.citation,
      confidence: 'contested',
      ruleId: 'KG.VAT.TAX_AGENT.NONRESIDENT_SERVICES',
      effectiveFrom: '2022-01-01',
      effectiveTo: null,
      note: rule.note,
    });
  });

  it('takes a case-specific text and leaves out an absent note', () => {
    // Prepare
    const rule = ruleById('KZ.MCI.2025')!;

    // Act
    const reason = reasonFrom(rule, 'MCI 2025 used for the threshold');

    // Assess
    expect(reason.text).toBe('MCI 2025 used for the threshold');
    expect('note' in reason).toBe(false);
    expect(reason.effectiveTo).toBe('2025-12-31');
  });
});
