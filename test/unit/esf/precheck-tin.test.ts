import { describe, expect, it } from 'vitest';
import { type Finding, precheckEsf } from '../../../shared/esf/precheck.js';
import { ruleById } from '../../../shared/rules/index.js';
import { kgInvoice, kzInvoice, TIN } from '../../fixtures/esf-invoices.js';

const TODAY = '2026-03-10';
const codes = (findings: Finding[]) => findings.map((f) => f.code);

/** What a finding must carry when it comes from a rules row: that row's citation, confidence and id. */
function citing(ruleId: string) {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rules row ${ruleId}`);
  return { citation: rule.citation, confidence: rule.confidence, ruleId };
}

describe('Function: precheckEsf — supplier and buyer TINs', () => {
  describe('clean invoices', () => {
    it('passes a KZ BIN-to-BIN invoice with no findings and both nested results', () => {
      // Prepare
      const invoice = kzInvoice();

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(true);
      expect(result.findings).toEqual([]);
      expect(result.supplierTin).toMatchObject({
        valid: true,
        country: 'KZ',
        kind: 'BIN',
        normalized: TIN.kzBin,
        errors: [],
      });
      expect(result.buyerTin).toMatchObject({
        valid: true,
        country: 'KZ',
        kind: 'BIN',
        normalized: TIN.kzBin2,
        errors: [],
      });
    });

    it('passes a KG INN-to-INN invoice; the STRUCTURE_UNCONFIRMED warning stays in the nested result, not in findings', () => {
      // Prepare
      const invoice = kgInvoice();

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(true);
      expect(result.findings).toEqual([]);
      expect(result.supplierTin).toMatchObject({
        valid: true,
        country: 'KG',
        kind: 'INN',
        details: { holder: 'legal_entity' },
      });
      expect(result.supplierTin.warnings.map((w) => w.code)).toEqual(['STRUCTURE_UNCONFIRMED']);
      expect(result.buyerTin).toMatchObject({ valid: true, country: 'KG', kind: 'INN' });
    });

    it('leaves buyerTin out when the buyer has no TIN (a private individual)', () => {
      // Prepare
      const invoice = kzInvoice({ buyer: { type: 'individual' } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(true);
      expect(result.findings).toEqual([]);
      expect('buyerTin' in result).toBe(false);
    });
  });

  describe('PIN_IN_INN_FIELD (KG, error)', () => {
    it("flags a legal-entity supplier whose TIN field holds an individual's PIN", () => {
      // Prepare
      const invoice = kgInvoice({ supplier: { tin: TIN.kgPin, type: 'legal_entity', vatRegistered: true } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(false);
      expect(result.findings).toEqual([
        {
          code: 'PIN_IN_INN_FIELD',
          severity: 'error',
          field: 'supplier.tin',
          message: expect.stringContaining('supplier'),
          ...citing('KG.ESF.TIN_FIELD'),
        },
      ]);
      // The PIN itself is a valid identifier: the problem is the field, not the number.
      expect(result.supplierTin).toMatchObject({ valid: true, kind: 'PIN', details: { holder: 'individual' } });
    });

    it("flags a legal-entity buyer whose TIN field holds an individual's PIN", () => {
      // Prepare
      const invoice = kgInvoice({ buyer: { tin: TIN.kgPin, type: 'legal_entity' } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(false);
      expect(result.findings).toEqual([
        {
          code: 'PIN_IN_INN_FIELD',
          severity: 'error',
          field: 'buyer.tin',
          message: expect.stringContaining('buyer'),
          ...citing('KG.ESF.TIN_FIELD'),
        },
      ]);
    });

    it("flags a foreign national's PIN (first digit 4) in a legal entity's field too", () => {
      // Prepare
      const invoice = kgInvoice({ supplier: { tin: TIN.kgForeignPin, type: 'legal_entity' } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(codes(result.findings)).toEqual(['PIN_IN_INN_FIELD']);
    });

    it('carries the contested confidence of the KG TIN-field rule (only one source states the rejection)', () => {
      // Prepare
      const invoice = kgInvoice({ buyer: { tin: TIN.kgPin, type: 'legal_entity' } });

      // Act
      const [finding] = precheckEsf(invoice, TODAY).findings;

      // Assess
      expect(finding?.confidence).toBe('contested');
      expect(finding?.citation).toMatch(/Resolution No\. 141/);
    });

    it.each([
      [
        'an individual-entrepreneur supplier',
        { supplier: { tin: TIN.kgPin, type: 'individual_entrepreneur' as const } },
      ],
      ['a foreign-company supplier', { supplier: { tin: TIN.kgPin, type: 'foreign_company' as const } }],
      ['an individual buyer', { buyer: { tin: TIN.kgPin, type: 'individual' as const } }],
      ['an individual-entrepreneur buyer', { buyer: { tin: TIN.kgPin, type: 'individual_entrepreneur' as const } }],
    ])('accepts a PIN for %s', (_, overrides) => {
      // Prepare
      const invoice = kgInvoice(overrides);

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.findings).toEqual([]);
      expect(result.submittable).toBe(true);
    });
  });

  describe('IIN_IN_BIN_FIELD (KZ, error)', () => {
    it.each([
      ['supplier', { supplier: { tin: TIN.kzIin, type: 'legal_entity' as const, vatRegistered: true } }],
      ['buyer', { buyer: { tin: TIN.kzIin, type: 'legal_entity' as const } }],
    ])('flags a legal-entity %s whose TIN field holds an IIN', (role, overrides) => {
      // Prepare
      const invoice = kzInvoice(overrides);

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(false);
      expect(result.findings).toEqual([
        {
          code: 'IIN_IN_BIN_FIELD',
          severity: 'error',
          field: `${role}.tin`,
          message: expect.stringContaining('IIN'),
          ...citing('KZ.ESF.TIN_FIELD'),
        },
      ]);
      expect(result.findings[0]?.confidence).toBe('confirmed');
    });

    it('never uses the KG code for a KZ invoice, nor the KZ code for a KG one', () => {
      // Prepare
      const kz = kzInvoice({ supplier: { tin: TIN.kzIin, type: 'legal_entity' } });
      const kg = kgInvoice({ supplier: { tin: TIN.kgPin, type: 'legal_entity' } });

      // Act
      const kzCodes = codes(precheckEsf(kz, TODAY).findings);
      const kgCodes = codes(precheckEsf(kg, TODAY).findings);

      // Assess
      expect(kzCodes).toEqual(['IIN_IN_BIN_FIELD']);
      expect(kgCodes).toEqual(['PIN_IN_INN_FIELD']);
    });

    it.each([
      [
        'an individual-entrepreneur supplier',
        { supplier: { tin: TIN.kzIin, type: 'individual_entrepreneur' as const } },
      ],
      ['an individual buyer', { buyer: { tin: TIN.kzIin, type: 'individual' as const } }],
    ])('accepts an IIN for %s', (_, overrides) => {
      // Prepare
      const invoice = kzInvoice(overrides);

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.findings).toEqual([]);
    });
  });

  describe('INVALID_SUPPLIER_TIN / INVALID_BUYER_TIN (error, with the nested result)', () => {
    it('flags a KZ supplier BIN with a wrong check digit; the nested result says INVALID_CHECKSUM', () => {
      // Prepare
      const broken = `${TIN.kzBin.slice(0, 11)}${(Number(TIN.kzBin[11]) + 1) % 10}`;
      const invoice = kzInvoice({ supplier: { tin: broken, type: 'legal_entity', vatRegistered: true } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(false);
      expect(result.findings).toEqual([
        {
          code: 'INVALID_SUPPLIER_TIN',
          severity: 'error',
          field: 'supplier.tin',
          message: expect.stringContaining('INVALID_CHECKSUM'),
          ...citing('KZ.IDENTIFIER.FORMAT'),
        },
      ]);
      expect(result.supplierTin.valid).toBe(false);
      expect(result.supplierTin.errors.map((e) => e.code)).toEqual(['INVALID_CHECKSUM']);
    });

    it('flags a KG buyer INN that lost its leading zero, with the suggestion in the nested result', () => {
      // Prepare
      const invoice = kgInvoice({ buyer: { tin: TIN.kgInn2.slice(1), type: 'legal_entity' } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.submittable).toBe(false);
      expect(result.findings).toEqual([
        {
          code: 'INVALID_BUYER_TIN',
          severity: 'error',
          field: 'buyer.tin',
          message: expect.stringContaining('LEADING_ZERO_LOST'),
          ...citing('KG.IDENTIFIER.FORMAT'),
        },
      ]);
      expect(result.buyerTin).toMatchObject({
        valid: false,
        country: 'KG',
        errors: [{ code: 'LEADING_ZERO_LOST', message: expect.any(String) }],
        suggestion: { value: TIN.kgInn2, reason: 'LEADING_ZERO_LOST' },
      });
    });

    it("checks TINs against the invoice's country: a KG INN on a KZ invoice is INVALID_LENGTH", () => {
      // Prepare
      const invoice = kzInvoice({ supplier: { tin: TIN.kgInn, type: 'legal_entity' } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(codes(result.findings)).toEqual(['INVALID_SUPPLIER_TIN']);
      expect(result.supplierTin).toMatchObject({ valid: false, country: 'KZ' });
      expect(result.supplierTin.errors.map((e) => e.code)).toEqual(['INVALID_LENGTH']);
    });

    it('flags letters in a TIN as INVALID_CHARACTERS without throwing', () => {
      // Prepare
      const invoice = kgInvoice({ buyer: { tin: '0020719961001O', type: 'legal_entity' } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(codes(result.findings)).toEqual(['INVALID_BUYER_TIN']);
      expect(result.buyerTin?.errors.map((e) => e.code)).toEqual(['INVALID_CHARACTERS']);
      expect(result.buyerTin?.normalized).toBeNull();
    });

    it('reports both TINs when both are invalid, supplier first', () => {
      // Prepare
      const invoice = kzInvoice({
        supplier: { tin: '123', type: 'legal_entity' },
        buyer: { tin: '456', type: 'legal_entity' },
      });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(codes(result.findings)).toEqual(['INVALID_SUPPLIER_TIN', 'INVALID_BUYER_TIN']);
      expect(result.findings.map((f) => f.field)).toEqual(['supplier.tin', 'buyer.tin']);
    });

    it('accepts separators in a TIN (normalized like the identifier check)', () => {
      // Prepare
      const invoice = kzInvoice({ supplier: { tin: ' 940 140-000.385 ', type: 'legal_entity' } });

      // Act
      const result = precheckEsf(invoice, TODAY);

      // Assess
      expect(result.findings).toEqual([]);
      expect(result.supplierTin.normalized).toBe(TIN.kzBin);
    });
  });
});
