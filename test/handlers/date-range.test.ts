import { describe, expect, it } from 'vitest';
import { handler as auditList } from '../../functions/audit-list.js';
import { handler as esfPrecheck } from '../../functions/esf-precheck.js';
import { handler as residency } from '../../functions/residency-kz.js';
import { handler as vatAssess } from '../../functions/vat-assess.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

const post = (h: typeof esfPrecheck, path: string, body: unknown) =>
  invoke(h, apiEvent({ method: 'POST', path, body }));

describe('Dates outside 1900-01-01..2100-12-31 are a 400 naming the field', () => {
  const audit = useFakeAuditTrail('date-range-secret');

  it.each([
    ['0026-03-01', 'a two-digit year'],
    ['2101-01-01', 'after the range'],
    ['9999-12-31', 'far future'],
  ])('ESF deliveryDate %s (%s)', async (date) => {
    // Act
    const res = await post(esfPrecheck, '/v1/esf/precheck', {
      country: 'KZ',
      supplier: { tin: '940140000385', type: 'legal_entity' },
      buyer: { type: 'individual' },
      deliveryDate: date,
      lines: [{ net: 100, vatRate: 16 }],
    });

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual(['body.deliveryDate']);
    expect(audit.store.records).toHaveLength(0);
  });

  it('VAT seller.firstSaleDate', async () => {
    // Act
    const res = await post(vatAssess, '/v1/vat/assess', {
      country: 'KZ',
      date: '2026-03-01',
      seller: { residence: 'KZ', firstSaleDate: '1899-12-31' },
      buyer: { type: 'business', residence: 'KZ' },
      supply: { category: 'goods' },
    });

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual(['body.seller.firstSaleDate']);
  });

  it('residency stays.0.entry', async () => {
    // Act
    const res = await post(residency, '/v1/residency/kz', { taxYear: 2026, stays: [{ entry: '0025-12-01' }] });

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual(['body.stays.0.entry']);
  });

  it('audit from', async () => {
    // Act
    const early = await invoke(
      auditList,
      apiEvent({ method: 'GET', path: '/v1/audit', query: { from: '1800-01-01' } }),
    );

    // Assess
    expectProblem(early, 400);
    expect(problemPaths(early)).toEqual(['query.from']);
  });
});
