import { describe, expect, it } from 'vitest';
import { precheckEsf } from '../../../shared/esf/precheck.js';
import { kgInvoice, kzInvoice, TIN } from '../../fixtures/esf-invoices.js';

/** A KZ ESF for services bought from a non-resident (the supplier is a foreign company). */
const fromNonResident = (deliveryDate: string, issuedBy?: 'supplier' | 'buyer') =>
  kzInvoice({
    supplier: { tin: TIN.kzBin, type: 'foreign_company', vatRegistered: true },
    deliveryDate,
    issueDate: deliveryDate,
    lines: [{ net: 1000, vatRate: deliveryDate < '2026-01-01' ? 12 : 16 }],
    ...(issuedBy ? { issuedBy } : {}),
  });

describe('Function: precheckEsf — ESF for services from a non-resident (KZ 2026: the buyer issues it)', () => {
  it.each([
    ['not marked', undefined],
    ['marked as issued by the supplier', 'supplier' as const],
  ])('flags a 2026 ESF %s with ESF_NOT_ISSUED_BY_BUYER (error, on the tax-agent row)', (_case, issuedBy) => {
    // Act
    const result = precheckEsf(fromNonResident('2026-01-01', issuedBy));

    // Assess
    expect(result.submittable).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({
        code: 'ESF_NOT_ISSUED_BY_BUYER',
        severity: 'error',
        field: 'issuedBy',
        ruleId: 'KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026',
        confidence: 'confirmed',
        message: expect.stringContaining("issues this ESF on the non-resident's behalf"),
      }),
    ]);
    expect(result.confidenceFrom).toContain('KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026');
  });

  it('accepts the same ESF marked as issued by the buyer, and counts the row among those that decided it', () => {
    // Act
    const result = precheckEsf(fromNonResident('2026-03-10', 'buyer'));

    // Assess
    expect(result.findings).toEqual([]);
    expect(result.submittable).toBe(true);
    expect(result.confidenceFrom).toContain('KZ.VAT.TAX_AGENT.NONRESIDENT_SERVICES.2026');
  });

  it('does not flag a 2025 ESF (the duty starts 2026-01-01) nor a resident supplier', () => {
    // Act
    const before = precheckEsf(fromNonResident('2025-12-31'));
    const resident = precheckEsf(kzInvoice());

    // Assess
    expect(before.findings.map((f) => f.code)).not.toContain('ESF_NOT_ISSUED_BY_BUYER');
    expect(resident.findings.map((f) => f.code)).not.toContain('ESF_NOT_ISSUED_BY_BUYER');
  });

  it('does not flag a KG ESF from a foreign company (no buyer-issued ESF rule in KG)', () => {
    // Act
    const result = precheckEsf(
      kgInvoice({ supplier: { tin: TIN.kgInn, type: 'foreign_company', vatRegistered: true } }),
    );

    // Assess
    expect(result.findings.map((f) => f.code)).not.toContain('ESF_NOT_ISSUED_BY_BUYER');
  });

  it('writes the finding in the requested language', () => {
    // Act
    const [ru] = precheckEsf(fromNonResident('2026-03-10'), { lang: 'ru' }).findings;
    const [kk] = precheckEsf(fromNonResident('2026-03-10'), { lang: 'kk' }).findings;

    // Assess
    expect(ru?.message).toContain('налоговым агентом');
    expect(kk?.message).toContain('салық агенті');
  });
});

describe('Function: precheckEsf — answer-level confidence', () => {
  it('is seed_only for a clean KG invoice: its 5-day deadline rests on the seed alone', () => {
    // Act
    const result = precheckEsf(kgInvoice(), '2026-03-10');

    // Assess
    expect(result.findings).toEqual([]);
    expect(result.confidence).toBe('seed_only');
    expect(result.confidenceFrom).toEqual(['KG.ESF.DEADLINE', 'KG.IDENTIFIER.FORMAT', 'KG.VAT.STANDARD']);
  });

  it('is contested when a finding rests on a contested row, and the finding says so', () => {
    // Prepare
    const invoice = kgInvoice({ supplier: { tin: TIN.kgPin, type: 'legal_entity', vatRegistered: true } });

    // Act
    const result = precheckEsf(invoice, '2026-03-10');
    const ru = precheckEsf(invoice, { today: '2026-03-10', lang: 'ru' });

    // Assess
    const pin = result.findings.find((f) => f.code === 'PIN_IN_INN_FIELD');
    expect(pin).toMatchObject({ confidence: 'contested', ruleId: 'KG.ESF.TIN_FIELD' });
    expect(pin?.message).toMatch(/contested: sources disagree; show it, do not block on it alone\)$/);
    expect(ru.findings.find((f) => f.code === 'PIN_IN_INN_FIELD')?.message).toContain('спорная');
    expect(result.confidence).toBe('contested');
    expect(result.confidenceFrom).toContain('KG.ESF.TIN_FIELD');
  });

  it('says so in a seed_only finding (KG late ESF) but not in a secondary one (KZ late ESF)', () => {
    // Act
    const [kg] = precheckEsf(kgInvoice({ issueDate: '2026-03-20' })).findings;
    const [kz] = precheckEsf(kzInvoice({ issueDate: '2026-03-30' })).findings;

    // Assess
    expect(kg).toMatchObject({ code: 'ESF_LATE', confidence: 'seed_only' });
    expect(kg?.message).toContain('rests on one secondary source only');
    expect(kz).toMatchObject({ code: 'ESF_LATE', confidence: 'secondary' });
    expect(kz?.message).not.toContain('(the rule behind this finding');
  });

  it('is secondary for a clean KZ invoice (15-day deadline secondary, BIN format and 16% confirmed)', () => {
    // Act
    const result = precheckEsf(kzInvoice(), '2026-03-10');

    // Assess
    expect(result.confidence).toBe('secondary');
    expect(result.confidenceFrom).toEqual(['KZ.ESF.DEADLINE.2026', 'KZ.IDENTIFIER.FORMAT', 'KZ.VAT.STANDARD.2026']);
  });
});
