import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EsfPrecheckRequest, type Finding, precheckEsf } from '../../../shared/esf/precheck.js';
import { ruleById } from '../../../shared/rules/index.js';
import { ALL_EXPORT_EVIDENCE, kgInvoice, kzInvoice, TIN } from '../../fixtures/esf-invoices.js';

const codes = (findings: Finding[]) => findings.map((f) => f.code);

function citing(ruleId: string) {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rules row ${ruleId}`);
  return { citation: rule.citation, confidence: rule.confidence, ruleId };
}

type Line = EsfPrecheckRequest['lines'][number];
const invoiceFor = (country: 'KZ' | 'KG', deliveryDate: string, line: Line) =>
  (country === 'KZ' ? kzInvoice : kgInvoice)({
    deliveryDate,
    issueDate: deliveryDate,
    lines: [line],
    exportEvidence: [...ALL_EXPORT_EVIDENCE],
  });

describe('Function: precheckEsf — lines', () => {
  describe('VAT_RATE_MISMATCH (error): the rate in force on the delivery date', () => {
    it.each([
      // country, delivery, supplyType, category, rate on the line, expected rate, rules row
      ['KZ', '2025-12-31', 'domestic', 'standard', 12, 12, 'KZ.VAT.STANDARD.2018'],
      ['KZ', '2026-01-01', 'domestic', 'standard', 16, 16, 'KZ.VAT.STANDARD.2026'],
      ['KZ', '2026-06-30', 'domestic', 'medicines', 5, 5, 'KZ.VAT.REDUCED.MEDICINES.2026'],
      ['KZ', '2027-01-01', 'domestic', 'medicines', 10, 10, 'KZ.VAT.REDUCED.MEDICINES.2027'],
      ['KZ', '2026-06-30', 'domestic', 'periodicals', 10, 10, 'KZ.VAT.REDUCED.PERIODICALS'],
      // before 2026 no reduced row exists: medicines pay the standard 12%
      ['KZ', '2025-12-31', 'domestic', 'medicines', 12, 12, 'KZ.VAT.STANDARD.2018'],
      ['KZ', '2026-06-30', 'export', 'standard', 0, 0, 'KZ.VAT.ZERO.EXPORT'],
      ['KZ', '2026-06-30', 'eaeu_export', 'medicines', 0, 0, 'KZ.VAT.ZERO.EXPORT'],
      ['KG', '2026-06-30', 'domestic', 'standard', 12, 12, 'KG.VAT.STANDARD'],
      ['KG', '2026-06-30', 'domestic', 'medicines', 12, 12, 'KG.VAT.STANDARD'],
      ['KG', '2026-06-30', 'export', 'standard', 0, 0, 'KG.VAT.ZERO.EXPORT'],
      ['KG', '2026-06-30', 'eaeu_export', 'standard', 0, 0, 'KG.VAT.ZERO.EXPORT'],
    ] as const)(
      '%s %s %s %s: %i%% is right (%i%%, row %s)',
      (country, deliveryDate, supplyType, category, vatRate, _expected, _ruleId) => {
        // Prepare
        const invoice = invoiceFor(country, deliveryDate, { net: 100, vatRate, supplyType, category });

        // Act
        const result = precheckEsf(invoice, deliveryDate);

        // Assess
        expect(result.findings).toEqual([]);
        expect(result.submittable).toBe(true);
      },
    );

    it.each([
      ['KZ', '2025-12-31', 'domestic', 'standard', 16, 12, 'KZ.VAT.STANDARD.2018'],
      ['KZ', '2026-01-01', 'domestic', 'standard', 12, 16, 'KZ.VAT.STANDARD.2026'],
      ['KZ', '2026-06-30', 'domestic', 'medicines', 16, 5, 'KZ.VAT.REDUCED.MEDICINES.2026'],
      ['KZ', '2026-06-30', 'domestic', 'medicines', 10, 5, 'KZ.VAT.REDUCED.MEDICINES.2026'],
      ['KZ', '2027-01-01', 'domestic', 'medicines', 5, 10, 'KZ.VAT.REDUCED.MEDICINES.2027'],
      ['KZ', '2025-12-31', 'domestic', 'medicines', 5, 12, 'KZ.VAT.STANDARD.2018'],
      ['KZ', '2026-06-30', 'domestic', 'periodicals', 16, 10, 'KZ.VAT.REDUCED.PERIODICALS'],
      ['KZ', '2026-06-30', 'export', 'standard', 16, 0, 'KZ.VAT.ZERO.EXPORT'],
      ['KZ', '2026-06-30', 'eaeu_export', 'standard', 12, 0, 'KZ.VAT.ZERO.EXPORT'],
      ['KG', '2026-06-30', 'domestic', 'standard', 16, 12, 'KG.VAT.STANDARD'],
      ['KG', '2026-06-30', 'domestic', 'standard', 0, 12, 'KG.VAT.STANDARD'],
      ['KG', '2026-06-30', 'domestic', 'medicines', 5, 12, 'KG.VAT.STANDARD'],
      ['KG', '2026-06-30', 'export', 'standard', 12, 0, 'KG.VAT.ZERO.EXPORT'],
      ['KG', '2026-06-30', 'eaeu_export', 'standard', 12, 0, 'KG.VAT.ZERO.EXPORT'],
    ] as const)(
      '%s %s %s %s: %i%% is a mismatch (expected %i%%, row %s)',
      (country, deliveryDate, supplyType, category, vatRate, expected, ruleId) => {
        // Prepare
        const invoice = invoiceFor(country, deliveryDate, { net: 100, vatRate, supplyType, category });

        // Act
        const result = precheckEsf(invoice, deliveryDate);

        // Assess
        expect(result.submittable).toBe(false);
        expect(result.findings).toEqual([
          {
            code: 'VAT_RATE_MISMATCH',
            severity: 'error',
            field: 'lines[0].vatRate',
            message: expect.stringContaining(
              `rate ${vatRate}% differs from the ${expected}% in force on ${deliveryDate}`,
            ),
            ...citing(ruleId),
          },
        ]);
      },
    );

    it('sets the rate by the delivery (turnover) date, not the issue date: a 2025 delivery invoiced in 2026 keeps 12%', () => {
      // Prepare
      const invoice = kzInvoice({
        deliveryDate: '2025-12-30',
        issueDate: '2026-01-05',
        lines: [{ net: 100, vatRate: 12 }],
      });

      // Act
      const result = precheckEsf(invoice, '2026-01-05');

      // Assess
      expect(result.findings).toEqual([]);
    });

    it('reports each wrong line with its own index', () => {
      // Prepare
      const invoice = kzInvoice({
        lines: [
          { net: 100, vatRate: 16 },
          { net: 100, vatRate: 12 },
          { net: 100, vatRate: 16 },
          { net: 100, vatRate: 20, category: 'periodicals' },
        ],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings.map((f) => [f.code, f.field])).toEqual([
        ['VAT_RATE_MISMATCH', 'lines[1].vatRate'],
        ['VAT_RATE_MISMATCH', 'lines[3].vatRate'],
      ]);
      expect(result.findings[1]?.message).toMatch(/periodicals/);
    });
  });

  describe('SUPPLIER_NOT_VAT_REGISTERED (error)', () => {
    it('flags VAT charged by a supplier marked vatRegistered: false, naming the lines, instead of a rate mismatch', () => {
      // Prepare
      const invoice = kzInvoice({
        supplier: { tin: TIN.kzBin, type: 'legal_entity', vatRegistered: false },
        lines: [
          { net: 100, vatRate: 16 },
          { net: 100, vatRate: 0 },
          { net: 100, vatRate: 12 },
        ],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.submittable).toBe(false);
      expect(result.findings).toEqual([
        {
          code: 'SUPPLIER_NOT_VAT_REGISTERED',
          severity: 'error',
          field: 'supplier.vatRegistered',
          message: expect.stringContaining('line(s) 0, 2 charge VAT'),
          ...citing('KZ.VAT.NON_PAYER_CHARGES'),
        },
      ]);
    });

    it('KG: cites the KG row', () => {
      // Prepare
      const invoice = kgInvoice({ supplier: { tin: TIN.kgInn, type: 'legal_entity', vatRegistered: false } });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings).toEqual([
        expect.objectContaining({ code: 'SUPPLIER_NOT_VAT_REGISTERED', ...citing('KG.VAT.NON_PAYER_CHARGES') }),
      ]);
    });

    it('accepts 0% lines from a non-registered supplier', () => {
      // Prepare
      const invoice = kgInvoice({
        supplier: { tin: TIN.kgInn, type: 'legal_entity', vatRegistered: false },
        lines: [{ net: 100, vatRate: 0 }],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings).toEqual([]);
      expect(result.submittable).toBe(true);
    });

    it('asks a non-registered supplier for no export evidence: it charges no VAT and claims no refund', () => {
      // Prepare
      const invoice = kgInvoice({
        supplier: { tin: TIN.kgInn, type: 'legal_entity', vatRegistered: false },
        lines: [{ net: 100, vatRate: 0, supplyType: 'export' }],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings).toEqual([]);
    });

    it('treats an absent vatRegistered as registered (rates are checked, no non-payer finding)', () => {
      // Prepare
      const invoice = kgInvoice({
        supplier: { tin: TIN.kgInn, type: 'legal_entity' },
        lines: [{ net: 100, vatRate: 16 }],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(codes(result.findings)).toEqual(['VAT_RATE_MISMATCH']);
    });
  });

  describe('EXPORT_EVIDENCE_MISSING (warning)', () => {
    it('lists the four documents a 0% export lacks when none is given', () => {
      // Prepare
      const invoice = kzInvoice({ lines: [{ net: 100, vatRate: 0, supplyType: 'export' }], exportEvidence: undefined });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.submittable).toBe(true);
      expect(result.findings).toEqual([
        {
          code: 'EXPORT_EVIDENCE_MISSING',
          severity: 'warning',
          field: 'exportEvidence',
          message: '0% export lines lack: contract, customs_declaration, transport_document, bank_proceeds',
          ...citing('KZ.VAT.EVIDENCE.EXPORT'),
        },
      ]);
    });

    it('accepts a non-EAEU export with contract, customs declaration, transport document and bank proceeds', () => {
      // Prepare
      const invoice = kgInvoice({
        lines: [{ net: 100, vatRate: 0, supplyType: 'export' }],
        exportEvidence: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings).toEqual([]);
    });

    it('does not accept the EAEU statement of import in place of the customs declaration for a non-EAEU export', () => {
      // Prepare
      const invoice = kgInvoice({
        lines: [{ net: 100, vatRate: 0, supplyType: 'export' }],
        exportEvidence: ['contract', 'eaeu_import_statement', 'transport_document', 'bank_proceeds'],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings).toEqual([
        expect.objectContaining({
          code: 'EXPORT_EVIDENCE_MISSING',
          message: '0% export lines lack: customs_declaration',
          ...citing('KG.VAT.EVIDENCE.EXPORT'),
        }),
      ]);
    });

    it('accepts an EAEU export with the statement of import and no customs declaration', () => {
      // Prepare
      const invoice = kgInvoice({
        lines: [{ net: 100, vatRate: 0, supplyType: 'eaeu_export' }],
        exportEvidence: ['contract', 'eaeu_import_statement', 'transport_document', 'bank_proceeds'],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings).toEqual([]);
    });

    it('asks an EAEU export for the statement of import even when a customs declaration is given', () => {
      // Prepare
      const invoice = kzInvoice({
        lines: [{ net: 100, vatRate: 0, supplyType: 'eaeu_export' }],
        exportEvidence: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings).toEqual([
        {
          code: 'EXPORT_EVIDENCE_MISSING',
          severity: 'warning',
          field: 'exportEvidence',
          message: '0% EAEU export lines lack: eaeu_import_statement',
          ...citing('KZ.VAT.EVIDENCE.EAEU_EXPORT'),
        },
      ]);
    });

    it('reports export and EAEU export separately when an invoice has both', () => {
      // Prepare
      const invoice = kgInvoice({
        lines: [
          { net: 100, vatRate: 0, supplyType: 'eaeu_export' },
          { net: 100, vatRate: 0, supplyType: 'export' },
          { net: 100, vatRate: 0, supplyType: 'export' },
        ],
        exportEvidence: ['contract', 'transport_document', 'bank_proceeds'],
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(result.findings.map((f) => [f.code, f.ruleId, f.message])).toEqual([
        ['EXPORT_EVIDENCE_MISSING', 'KG.VAT.EVIDENCE.EAEU_EXPORT', '0% EAEU export lines lack: eaeu_import_statement'],
        ['EXPORT_EVIDENCE_MISSING', 'KG.VAT.EVIDENCE.EXPORT', '0% export lines lack: customs_declaration'],
      ]);
    });

    it('asks for no evidence on domestic invoices, nor on an export line charged at a (wrong) positive rate', () => {
      // Prepare
      const domestic = kzInvoice({ lines: [{ net: 100, vatRate: 16 }] });
      const wronglyCharged = kzInvoice({ lines: [{ net: 100, vatRate: 16, supplyType: 'export' }] });

      // Act
      const domesticResult = precheckEsf(domestic, '2026-03-10');
      const wronglyChargedResult = precheckEsf(wronglyCharged, '2026-03-10');

      // Assess
      expect(domesticResult.findings).toEqual([]);
      expect(codes(wronglyChargedResult.findings)).toEqual(['VAT_RATE_MISMATCH']);
    });
  });

  describe('submittable and citations over any invoice', () => {
    const partyTin = fc.constantFrom(TIN.kzBin, TIN.kzIin, TIN.kgInn, TIN.kgPin, TIN.kgInn2.slice(1), '123', 'abc');
    const date = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const invoice = fc.record({
      country: fc.constantFrom('KZ' as const, 'KG' as const),
      supplier: fc.record({
        tin: partyTin,
        type: fc.constantFrom('legal_entity' as const, 'individual_entrepreneur' as const, 'foreign_company' as const),
        vatRegistered: fc.option(fc.boolean(), { nil: undefined }),
      }),
      buyer: fc.record({
        tin: fc.option(partyTin, { nil: undefined }),
        type: fc.constantFrom(
          'legal_entity' as const,
          'individual_entrepreneur' as const,
          'individual' as const,
          'foreign_company' as const,
        ),
      }),
      deliveryDate: date,
      issueDate: date,
      lines: fc.array(
        fc.record({
          net: fc.integer({ min: 1, max: 10_000 }),
          vatRate: fc.constantFrom(0, 5, 10, 12, 16),
          supplyType: fc.constantFrom('domestic' as const, 'export' as const, 'eaeu_export' as const),
          category: fc.constantFrom('standard' as const, 'medicines' as const, 'periodicals' as const),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      exportEvidence: fc.subarray([...ALL_EXPORT_EVIDENCE]),
    });

    it('is false exactly when some finding is an error, and every finding cites a rules row', () => {
      fc.assert(
        fc.property(invoice, (request) => {
          // Prepare / Act
          const result = precheckEsf(request, '2026-06-01');

          // Assess
          expect(result.submittable).toBe(!result.findings.some((f) => f.severity === 'error'));
          for (const f of result.findings) {
            const rule = ruleById(f.ruleId ?? '');
            expect(rule, `${f.code} cites no rules row`).toBeDefined();
            expect(f.citation).toBe(rule!.citation);
            expect(f.confidence).toBe(rule!.confidence);
          }
          expect(result.deadline.daysLeft).toBeGreaterThanOrEqual(-(3 * 365 + 15));
        }),
        { numRuns: 500 },
      );
    });
  });
});
