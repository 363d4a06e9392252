import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKzInvoiceXml } from '../../../shared/esf/xml/index.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/esf-xml/${name}`, import.meta.url), 'utf8');
const domestic = fixture('domestic-16-2026.xml');
const INVOICE = '/esf:invoiceContainer/invoiceSet/v2:invoice[1]';

describe('Function: parseKzInvoiceXml — document-level problems', () => {
  describe('unsafe or unreadable XML is refused before any mapping', () => {
    it.each([
      ['billion-laughs.xml', 'entity expansion'],
      ['external-entity.xml', 'external entity'],
    ])('refuses the DOCTYPE of %s (%s) without expanding anything', (name) => {
      // Prepare
      const xml = fixture(name);

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.request).toBeUndefined();
      expect(result.problems).toEqual([
        expect.objectContaining({ path: '/', code: 'XML_DOCTYPE_FORBIDDEN', severity: 'error' }),
      ]);
      expect(result.problems[0]?.message).toMatch(/DOCTYPE is not allowed/);
    });

    it('refuses a document that is not well-formed, naming the line', () => {
      // Prepare
      const xml = domestic.replace('</turnoverDate>', '</turnoverdate>');

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.request).toBeUndefined();
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ code: 'XML_NOT_WELL_FORMED', severity: 'error' });
      expect(result.problems[0]?.message).toMatch(/^line 10: /);
    });

    it('refuses an undeclared entity reference (no DTD, so nothing can define it)', () => {
      // Prepare
      const xml = domestic.replace('<num>2026000117</num>', '<num>&ref;</num>');

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.problems.map((p) => p.code)).toEqual(['XML_NOT_WELL_FORMED']);
    });

    it('refuses a document over the size limit before parsing it', () => {
      // Prepare: a padded comment takes the invoice over 2 MB
      const xml = domestic.replace('<invoiceSet>', `<!-- ${'x'.repeat(2 * 1024 * 1024)} --><invoiceSet>`);

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.problems.map((p) => p.code)).toEqual(['XML_TOO_LARGE']);
    });

    it('counts the size in UTF-8 bytes, not characters', () => {
      // Prepare: 1 100 000 Cyrillic letters are 1.1 M characters but 2.2 MB in UTF-8
      const xml = `<a>${'Ж'.repeat(1_100_000)}</a>`;

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(xml.length).toBeLessThan(2 * 1024 * 1024);
      expect(result.problems.map((p) => p.code)).toEqual(['XML_TOO_LARGE']);
    });

    it('refuses nesting deeper than 64 levels while parsing, and accepts 64', () => {
      // Prepare
      const nest = (depth: number) => `${'<d>'.repeat(depth)}${'</d>'.repeat(depth)}`;

      // Act
      const tooDeep = parseKzInvoiceXml(nest(65));
      const deepEnough = parseKzInvoiceXml(nest(64));

      // Assess
      expect(tooDeep.problems.map((p) => p.code)).toEqual(['XML_TOO_DEEP']);
      expect(deepEnough.problems.map((p) => p.code)).toEqual(['NOT_AN_ESF_INVOICE']);
    });
  });

  describe('the envelope', () => {
    it('refuses a root that is not an invoice container or invoice', () => {
      // Prepare
      const xml = '<?xml version="1.0"?><awp:awpContainer xmlns:awp="awp"><awpSet/></awp:awpContainer>';

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.problems).toEqual([
        expect.objectContaining({ path: '/awp:awpContainer', code: 'NOT_AN_ESF_INVOICE', severity: 'error' }),
      ]);
    });

    it('refuses an invoice set with no invoice', () => {
      // Act
      const result = parseKzInvoiceXml('<esf:invoiceContainer xmlns:esf="esf"><invoiceSet/></esf:invoiceContainer>');

      // Assess
      expect(result.problems).toEqual([
        expect.objectContaining({ path: '/esf:invoiceContainer/invoiceSet', code: 'NOT_AN_ESF_INVOICE' }),
      ]);
    });

    it('refuses two invoices in one container, pointing at the second', () => {
      // Prepare
      const invoice = /<v2:invoice[\s\S]*<\/v2:invoice>/.exec(domestic)?.[0] ?? '';
      const xml = domestic.replace('</invoiceSet>', `${invoice}</invoiceSet>`);

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.request).toBeUndefined();
      expect(result.problems).toEqual([
        expect.objectContaining({
          path: '/esf:invoiceContainer/invoiceSet/v2:invoice[2]',
          code: 'MORE_THAN_ONE_INVOICE',
          severity: 'error',
        }),
      ]);
    });
  });

  describe('the invoice', () => {
    it('reports a missing seller TIN at its XML path', () => {
      // Prepare
      const xml = domestic.replace('<tin>940140000385</tin>', '');

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.request).toBeUndefined();
      expect(result.problems).toEqual([
        expect.objectContaining({ path: `${INVOICE}/sellers/seller[1]/tin`, code: 'MISSING_SELLER_TIN' }),
      ]);
    });

    it('reports a missing resident customer TIN at its XML path', () => {
      // Prepare
      const xml = domestic.replace('<tin>990140004654</tin>', '');

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.problems).toEqual([
        expect.objectContaining({ path: `${INVOICE}/customers/customer[1]/tin`, code: 'MISSING_CUSTOMER_TIN' }),
      ]);
    });

    it.each([
      ['2026-03-10', 'INVALID_DATE'],
      ['31.02.2026', 'INVALID_DATE'],
      ['10.3.2026', 'INVALID_DATE'],
      ['', 'MISSING_ELEMENT'],
    ])('reports turnoverDate "%s" as %s', (value, code) => {
      // Prepare
      const xml = domestic.replace('<turnoverDate>10.03.2026</turnoverDate>', `<turnoverDate>${value}</turnoverDate>`);

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.request).toBeUndefined();
      expect(result.problems).toEqual([expect.objectContaining({ path: `${INVOICE}/turnoverDate`, code })]);
    });

    it('reports a missing issue date (<date>)', () => {
      // Act
      const result = parseKzInvoiceXml(domestic.replace('<date>12.03.2026</date>', ''));

      // Assess
      expect(result.problems).toEqual([expect.objectContaining({ path: `${INVOICE}/date`, code: 'MISSING_ELEMENT' })]);
    });

    it.each([
      ['20', /Kazakh VAT rates are 0, 5, 10, 12, 16/],
      ['16.5', /leave <ndsRate> out/],
      ['Без НДС', /leave <ndsRate> out/],
    ])('refuses ndsRate "%s", which the ESF does not allow', (rate, message) => {
      // Prepare
      const xml = domestic.replace('<ndsRate>16</ndsRate>', `<ndsRate>${rate}</ndsRate>`);

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.request).toBeUndefined();
      expect(result.problems).toEqual([
        expect.objectContaining({
          path: `${INVOICE}/productSet/products/product[1]/ndsRate`,
          code: 'RATE_NOT_ALLOWED',
          severity: 'error',
        }),
      ]);
      expect(result.problems[0]?.message).toMatch(message);
    });

    it.each([
      ['turnoverSize', '100000.00', '1 000,50'],
      ['turnoverSize', '100000.00', '1e5'],
      ['priceWithTax', '116000.00', 'сто'],
    ])('refuses a non-numeric <%s>', (element, good, bad) => {
      // Prepare
      const xml = domestic.replace(`<${element}>${good}</${element}>`, `<${element}>${bad}</${element}>`);

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.request).toBeUndefined();
      expect(result.problems).toEqual([
        expect.objectContaining({ path: `${INVOICE}/productSet/products/product[1]/${element}`, code: 'NOT_A_NUMBER' }),
      ]);
    });

    it('reports a product without turnoverSize and an invoice without products', () => {
      // Act
      const noTurnover = parseKzInvoiceXml(domestic.replace('<turnoverSize>2500.50</turnoverSize>', ''));
      const noProducts = parseKzInvoiceXml(domestic.replace(/<products>[\s\S]*<\/products>/, '<products/>'));

      // Assess
      expect(noTurnover.problems).toEqual([
        expect.objectContaining({
          path: `${INVOICE}/productSet/products/product[2]/turnoverSize`,
          code: 'MISSING_ELEMENT',
        }),
      ]);
      expect(noProducts.problems).toEqual([
        expect.objectContaining({ path: `${INVOICE}/productSet`, code: 'MISSING_ELEMENT' }),
      ]);
    });

    it('reports every problem of the document at once, not only the first', () => {
      // Prepare
      const xml = domestic
        .replace('<tin>940140000385</tin>', '')
        .replace('<date>12.03.2026</date>', '<date>2026-03-12</date>');

      // Act
      const result = parseKzInvoiceXml(xml);

      // Assess
      expect(result.problems.map((p) => p.code).sort()).toEqual(['INVALID_DATE', 'MISSING_SELLER_TIN']);
    });
  });
});
