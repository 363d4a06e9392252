import { describe, expect, it } from 'vitest';
import { RulesCoverageError } from '../../../shared/errors.js';
import { type Finding, precheckEsf } from '../../../shared/esf/precheck.js';
import { ruleById } from '../../../shared/rules/index.js';
import { kgInvoice, kzInvoice } from '../../fixtures/esf-invoices.js';

const codes = (findings: Finding[]) => findings.map((f) => f.code);

function citing(ruleId: string) {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rules row ${ruleId}`);
  return { citation: rule.citation, confidence: rule.confidence, ruleId };
}

describe('Function: precheckEsf — issue deadline and issue date', () => {
  describe('deadline.issueBy and daysLeft', () => {
    it.each([
      // country, delivery, issue, issueBy, daysLeft
      ['KG', '2026-03-10', '2026-03-10', '2026-03-15', 5],
      ['KG', '2026-03-10', '2026-03-14', '2026-03-15', 1],
      ['KG', '2026-03-10', '2026-03-15', '2026-03-15', 0],
      ['KZ', '2026-03-10', '2026-03-10', '2026-03-25', 15],
      ['KZ', '2026-03-10', '2026-03-25', '2026-03-25', 0],
      // across a year end, on the 2018 KZ row
      ['KZ', '2025-12-20', '2025-12-31', '2026-01-04', 4],
      // across a leap-year February
      ['KG', '2028-02-26', '2028-02-28', '2028-03-02', 3],
      ['KZ', '2028-02-20', '2028-02-20', '2028-03-06', 15],
    ] as const)(
      '%s delivered %s, issued %s: issue by %s, %i day(s) left, not late',
      (country, deliveryDate, issueDate, issueBy, daysLeft) => {
        // Prepare
        const invoice = (country === 'KG' ? kgInvoice : kzInvoice)({
          deliveryDate,
          issueDate,
          lines: [{ net: 100, vatRate: 0, supplyType: 'export' }],
          exportEvidence: ['contract', 'customs_declaration', 'transport_document', 'bank_proceeds'],
        });

        // Act
        const result = precheckEsf(invoice, '2000-01-01');

        // Assess
        expect(result.deadline).toMatchObject({ issueBy, daysLeft });
        expect(codes(result.findings)).not.toContain('ESF_LATE');
      },
    );
  });

  describe('ESF_LATE (warning)', () => {
    it('KG: issued on day 6 after delivery is late by 1 day; day 5 was not', () => {
      // Prepare
      const onTime = kgInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-15' });
      const late = kgInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-16' });

      // Act
      const onTimeResult = precheckEsf(onTime, '2026-03-15');
      const lateResult = precheckEsf(late, '2026-03-16');

      // Assess
      expect(onTimeResult.findings).toEqual([]);
      expect(lateResult.deadline).toMatchObject({ issueBy: '2026-03-15', daysLeft: -1 });
      expect(lateResult.findings).toEqual([
        {
          code: 'ESF_LATE',
          severity: 'warning',
          field: 'issueDate',
          message: expect.stringMatching(/1 day\(s\) after the deadline 2026-03-15 \(5 calendar days/),
          ...citing('KG.ESF.DEADLINE'),
        },
      ]);
      // A warning only: the invoice can still be submitted.
      expect(lateResult.submittable).toBe(true);
    });

    it('KZ: issued on day 16 after delivery is late by 1 day; day 15 was not', () => {
      // Prepare
      const onTime = kzInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-25' });
      const late = kzInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-26' });

      // Act
      const onTimeResult = precheckEsf(onTime, '2026-03-25');
      const lateResult = precheckEsf(late, '2026-03-26');

      // Assess
      expect(onTimeResult.findings).toEqual([]);
      expect(lateResult.deadline).toMatchObject({ issueBy: '2026-03-25', daysLeft: -1 });
      expect(lateResult.findings).toEqual([
        {
          code: 'ESF_LATE',
          severity: 'warning',
          field: 'issueDate',
          message: expect.stringMatching(/1 day\(s\) after the deadline 2026-03-25 \(15 calendar days/),
          ...citing('KZ.ESF.DEADLINE.2026'),
        },
      ]);
      expect(lateResult.submittable).toBe(true);
    });

    it('says that the KG 5-day deadline is seed-only (no published source confirms it)', () => {
      // Prepare
      const late = kgInvoice({ deliveryDate: '2026-01-05', issueDate: '2026-02-01' });

      // Act
      const [finding] = precheckEsf(late, '2026-02-01').findings;

      // Assess
      expect(finding?.code).toBe('ESF_LATE');
      expect(precheckEsf(late, '2026-02-01').deadline).toMatchObject({
        calendarDays: 5,
        confidence: 'seed_only',
        ruleId: 'KG.ESF.DEADLINE',
      });
      expect(finding?.confidence).toBe('seed_only');
      expect(finding?.citation).toMatch(/Resolution No\. 141/);
      expect(ruleById('KG.ESF.DEADLINE')?.note).toMatch(/unverified/);
    });

    it('cites the KZ row in force on the delivery date (2018 row for a 2025 delivery)', () => {
      // Prepare
      const late = kzInvoice({
        deliveryDate: '2025-12-10',
        issueDate: '2026-01-10',
        lines: [{ net: 100, vatRate: 12 }],
      });

      // Act
      const result = precheckEsf(late, '2026-01-10');

      // Assess
      expect(result.deadline).toMatchObject({ issueBy: '2025-12-25', daysLeft: -16 });
      expect(result.findings).toEqual([
        expect.objectContaining({ code: 'ESF_LATE', ...citing('KZ.ESF.DEADLINE.2018') }),
      ]);
    });

    it('uses the `today` argument when issueDate is absent', () => {
      // Prepare
      const invoice = kgInvoice({ deliveryDate: '2026-03-10', issueDate: undefined });

      // Act
      const onDay5 = precheckEsf(invoice, '2026-03-15');
      const onDay8 = precheckEsf(invoice, '2026-03-18');

      // Assess
      expect(onDay5.deadline).toMatchObject({ issueBy: '2026-03-15', daysLeft: 0 });
      expect(onDay5.findings).toEqual([]);
      expect(onDay8.deadline).toMatchObject({ issueBy: '2026-03-15', daysLeft: -3 });
      expect(codes(onDay8.findings)).toEqual(['ESF_LATE']);
    });

    it('prefers an explicit issueDate over `today`', () => {
      // Prepare
      const invoice = kzInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-11' });

      // Act
      const result = precheckEsf(invoice, '2026-12-31');

      // Assess
      expect(result.deadline.daysLeft).toBe(14);
      expect(result.findings).toEqual([]);
    });
  });

  describe('ISSUED_BEFORE_DELIVERY (error KZ, warning KG)', () => {
    it('KZ: an issue date one day before delivery is an error and blocks submission', () => {
      // Prepare
      const invoice = kzInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-09' });

      // Act
      const result = precheckEsf(invoice, '2026-03-09');

      // Assess
      expect(result.submittable).toBe(false);
      expect(result.findings).toEqual([
        {
          code: 'ISSUED_BEFORE_DELIVERY',
          severity: 'error',
          field: 'issueDate',
          message: expect.stringContaining('2026-03-09 is before the delivery (turnover) date 2026-03-10'),
          ...citing('KZ.ESF.ISSUED_BEFORE_DELIVERY'),
        },
      ]);
      expect(result.deadline).toMatchObject({ issueBy: '2026-03-25', daysLeft: 16 });
    });

    it('KG: an issue date before delivery is only a warning', () => {
      // Prepare
      const invoice = kgInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-01' });

      // Act
      const result = precheckEsf(invoice, '2026-03-01');

      // Assess
      expect(result.submittable).toBe(true);
      expect(result.findings).toEqual([
        {
          code: 'ISSUED_BEFORE_DELIVERY',
          severity: 'warning',
          field: 'issueDate',
          message: expect.stringContaining('before the delivery'),
          ...citing('KG.ESF.ISSUED_BEFORE_DELIVERY'),
        },
      ]);
    });

    it.each(['KZ', 'KG'] as const)('%s: issuing on the delivery date itself is fine', (country) => {
      // Prepare
      const invoice = (country === 'KZ' ? kzInvoice : kgInvoice)({
        deliveryDate: '2026-03-10',
        issueDate: '2026-03-10',
      });

      // Act
      const result = precheckEsf(invoice, '2026-03-10');

      // Assess
      expect(codes(result.findings)).toEqual([]);
    });
  });

  describe('dates outside the rules data', () => {
    it('throws RulesCoverageError (a 400 at the API) for a KZ delivery before the data starts', () => {
      // Prepare
      const invoice = kzInvoice({
        deliveryDate: '2017-06-01',
        issueDate: '2017-06-01',
        lines: [{ net: 1, vatRate: 12 }],
      });

      // Act
      let thrown: unknown;
      try {
        precheckEsf(invoice, '2017-06-01');
      } catch (error) {
        thrown = error;
      }

      // Assess
      expect(thrown).toBeInstanceOf(RulesCoverageError);
      expect((thrown as RulesCoverageError).field).toBe('deliveryDate');
      expect((thrown as RulesCoverageError).message).toMatch(/esf\.deadline row for KZ on 2017-06-01/);
    });
  });
});
