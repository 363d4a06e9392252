import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Finding, precheckEsf } from '../../../shared/esf/precheck.js';
import { parseKzInvoiceXml } from '../../../shared/esf/xml/index.js';
import { ruleInForce } from '../../../shared/rules/index.js';
import { TIN } from '../../fixtures/esf-invoices.js';

const TODAY = '2026-12-01';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/esf-xml/${name}`, import.meta.url), 'utf8');
const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe('Function: parseKzInvoiceXml — mapping an InvoiceV2 document onto the pre-check request', () => {
  it('maps a domestic 2026 invoice at 16%: dd.MM.yyyy dates, turnoverSize as net, VAT certificate as registration', () => {
    // Prepare
    const xml = fixture('domestic-16-2026.xml');

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(problems).toEqual([]);
    expect(request).toEqual({
      country: 'KZ',
      supplier: { tin: TIN.kzBin, type: 'legal_entity', vatRegistered: true },
      buyer: { tin: TIN.kzBin2, type: 'legal_entity' },
      deliveryDate: '2026-03-10',
      issueDate: '2026-03-12',
      lines: [
        { net: 100000, vatRate: 16 },
        { net: 2500.5, vatRate: 16 },
      ],
    });
    if (!request) throw new Error('no request');
    const result = precheckEsf(request, TODAY);
    expect(result.findings).toEqual([]);
    expect(result.submittable).toBe(true);
  });

  it('maps an export at 0% to a non-EAEU buyer, whatever the prefixes; evidence from the contract and declaration', () => {
    // Prepare
    const xml = fixture('export-0-2026.xml');

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(problems).toEqual([]);
    expect(request).toEqual({
      country: 'KZ',
      supplier: { tin: TIN.kzBin2, type: 'legal_entity', vatRegistered: true },
      buyer: { type: 'foreign_company' },
      deliveryDate: '2026-04-15',
      issueDate: '2026-04-20',
      lines: [{ net: 48000, vatRate: 0, supplyType: 'export' }],
      exportEvidence: ['contract', 'customs_declaration'],
    });
    if (!request) throw new Error('no request');
    const result = precheckEsf(request, TODAY);
    expect(codes(result.findings)).toEqual(['EXPORT_EVIDENCE_MISSING']);
    expect(result.findings[0]?.message).toBe('0% export lines lack: transport_document, bank_proceeds');
  });

  it('reads an EAEU buyer (RU) as an EAEU export needing the statement of import', () => {
    // Prepare
    const xml = fixture('export-0-2026.xml')
      .replace('<countryCode>DE</countryCode>', '<countryCode>RU</countryCode>')
      .replace(/<productDeclaration>.*<\/productDeclaration>/, '');

    // Act
    const { request } = parseKzInvoiceXml(xml);

    // Assess
    expect(request?.lines).toEqual([{ net: 48000, vatRate: 0, supplyType: 'eaeu_export' }]);
    expect(request?.exportEvidence).toEqual(['contract']);
  });

  it('reads a seller named as an LLP (ТОО) with an IIN in its tin as a legal entity, so the pre-check flags IIN_IN_BIN_FIELD', () => {
    // Prepare: a bare <v2:invoice>, as syncInvoice carries it
    const xml = fixture('iin-in-bin-field.xml');

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(problems).toEqual([]);
    expect(request?.supplier).toEqual({ tin: TIN.kzIin, type: 'legal_entity', vatRegistered: true });
    if (!request) throw new Error('no request');
    const result = precheckEsf(request, TODAY);
    expect(codes(result.findings)).toEqual(['IIN_IN_BIN_FIELD']);
    expect(result.findings[0]?.field).toBe('supplier.tin');
    expect(result.submittable).toBe(false);
  });

  it('reads an IIN seller with no legal form in its name as an individual entrepreneur (no IIN_IN_BIN_FIELD)', () => {
    // Prepare
    const xml = fixture('iin-in-bin-field.xml').replace('ТОО "Спецмаш Сервис"', 'Спецмаш Сервис');

    // Act
    const { request } = parseKzInvoiceXml(xml);

    // Assess
    expect(request?.supplier.type).toBe('individual_entrepreneur');
  });

  it('maps a seller with a foreign countryCode to a foreign company (services from a non-resident)', () => {
    // Prepare
    const xml = fixture('nonresident-services.xml');

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(problems).toEqual([]);
    expect(request).toEqual({
      country: 'KZ',
      supplier: { tin: '98-7654321', type: 'foreign_company' },
      buyer: { tin: TIN.kzBin2, type: 'legal_entity' },
      deliveryDate: '2026-02-28',
      issueDate: '2026-03-06',
      lines: [{ net: 1011000, vatRate: 16 }],
    });
  });

  it('treats an invoice whose lines all lack ndsRate ("без НДС") as a non-payer\'s: 0% lines, vatRegistered false', () => {
    // Prepare
    const xml = fixture('domestic-16-2026.xml').replaceAll('<ndsRate>16</ndsRate>', '');

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(problems).toEqual([]);
    expect(request?.supplier.vatRegistered).toBe(false);
    expect(request?.lines).toEqual([
      { net: 100000, vatRate: 0 },
      { net: 2500.5, vatRate: 0 },
    ]);
    if (!request) throw new Error('no request');
    expect(precheckEsf(request, TODAY).findings).toEqual([]);
  });

  it('leaves a line without VAT beside VAT lines out of the check, with a warning at its path', () => {
    // Prepare: only the second product loses its rate
    const xml = fixture('domestic-16-2026.xml').replace(
      /(<ndsAmount>400\.08<\/ndsAmount>\s*)<ndsRate>16<\/ndsRate>/,
      '$1',
    );

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(request?.lines).toEqual([{ net: 100000, vatRate: 16 }]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'LINE_NOT_CHECKED',
        severity: 'warning',
        path: '/esf:invoiceContainer/invoiceSet/v2:invoice[1]/productSet/products/product[2]',
      }),
    ]);
  });

  it('infers the medicines category from a 2026 reduced rate in the rules data, and says so', () => {
    // Prepare
    const reduced = ruleInForce('vat.rate.reduced', 'KZ', '2026-03-10', (r) => r.category === 'medicines');
    if (!reduced) throw new Error('no reduced rate in the rules data');
    const xml = fixture('domestic-16-2026.xml').replace('<ndsRate>16</ndsRate>', `<ndsRate>${reduced.rate}</ndsRate>`);

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(request?.lines[0]).toEqual({ net: 100000, vatRate: reduced.rate, category: 'medicines' });
    expect(problems.map((p) => p.code)).toEqual(['CATEGORY_INFERRED_FROM_RATE']);
    if (!request) throw new Error('no request');
    expect(precheckEsf(request, TODAY).findings).toEqual([]);
  });

  it('passes a 12% line of 2026 through as a rate the ESF allows, for the pre-check to call a mismatch', () => {
    // Prepare
    const xml = fixture('domestic-16-2026.xml').replace('<ndsRate>16</ndsRate>', '<ndsRate>12</ndsRate>');

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(problems).toEqual([]);
    if (!request) throw new Error('no request');
    const result = precheckEsf(request, TODAY);
    expect(codes(result.findings)).toEqual(['VAT_RATE_MISMATCH']);
    expect(result.findings[0]?.field).toBe('lines[0].vatRate');
  });

  it('reads a retail customer without a TIN as an individual and a second seller as a warning', () => {
    // Prepare
    const xml = fixture('domestic-16-2026.xml')
      .replace('<tin>990140004654</tin>', '<statuses><status>RETAIL</status></statuses>')
      .replace(
        '</seller>\n      </sellers>',
        '</seller>\n        <seller><name>ТОО "Партнер"</name><tin>990140004654</tin></seller>\n      </sellers>',
      );

    // Act
    const { request, problems } = parseKzInvoiceXml(xml);

    // Assess
    expect(request?.buyer).toEqual({ type: 'individual' });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'EXTRA_PARTY_NOT_CHECKED',
        severity: 'warning',
        path: '/esf:invoiceContainer/invoiceSet/v2:invoice[1]/sellers/seller[2]',
      }),
    ]);
  });
});
