import { validateIdentifier } from '../../identifiers/validate.js';
import {
  EAEU_MEMBERS,
  type ExportEvidence,
  type LineCategory,
  RULES,
  ruleInForce,
  type SupplyType,
} from '../../rules/index.js';
import type { EsfPrecheckRequest, PartyType } from '../precheck.js';
import { DEFAULT_XML_LIMITS, parseXmlTree, type XmlElement, type XmlLimits, type XmlRefusalCode } from './tree.js';

/** Codes of the document-level problems; `error` ones mean the IS ESF would refuse the document (or we cannot read it). */
export type EsfXmlProblemCode =
  | XmlRefusalCode
  | 'NOT_AN_ESF_INVOICE'
  | 'MORE_THAN_ONE_INVOICE'
  | 'MISSING_ELEMENT'
  | 'INVALID_DATE'
  | 'MISSING_SELLER_TIN'
  | 'MISSING_CUSTOMER_TIN'
  | 'RATE_NOT_ALLOWED'
  | 'NOT_A_NUMBER'
  | 'TOO_MANY_LINES'
  | 'NO_CHECKABLE_LINES'
  | 'EXTRA_PARTY_NOT_CHECKED'
  | 'LINE_NOT_CHECKED'
  | 'CATEGORY_INFERRED_FROM_RATE';

export interface EsfXmlProblem {
  /** XML path with the document's own prefixes, e.g. `/esf:invoiceContainer/invoiceSet/v2:invoice[1]/sellers/seller[1]/tin`. */
  path: string;
  code: EsfXmlProblemCode;
  severity: 'error' | 'warning';
  message: string;
}

export interface KzInvoiceXmlResult {
  /** The pre-check request the document maps to; absent whenever a problem has severity `error`. */
  request?: EsfPrecheckRequest;
  problems: EsfXmlProblem[];
}

/** The pre-check request schema caps lines at this many. */
const MAX_LINES = 1000;

/** `xs:decimal` as the InvoiceV2 XSD types amounts: no grouping, a dot as the separator. */
const XS_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Seller statuses (B 10) held by persons in private practice: an individual entrepreneur's closest type. */
const PRIVATE_PRACTICE = new Set(['LAWYER', 'NOTARY', 'BAILIFF', 'MEDIATOR']);

/**
 * Legal-form abbreviations that open Kazakh organisation names (ru/kk/en). The lookahead, not `\b`:
 * JavaScript's word boundary knows no Cyrillic letters.
 */
const LEGAL_FORM =
  /^(ТОО|АО|ПАО|ОАО|ЗАО|ПК|ГУ|КГУ|РГУ|ГКП|КГП|РГП|ОЮЛ|ОФ|ЧУ|ОО|ЖШС|АҚ|LLP|JSC|LLC|Ltd)(?=[\s"«'.,]|$)/iu;
const ENTREPRENEUR = /^(ИП|ЖК)(?=[\s"«'.,]|$)/u;

/**
 * Maps a Kazakh IS ESF invoice document (`InvoiceV2`: `invoiceContainer` / `invoiceSet` / `invoice`, or a
 * bare `invoice` as sent in `syncInvoice`) onto the ESF pre-check request, and reports what in the
 * document itself is wrong. Elements are matched by local name, so producers' prefixes may differ.
 *
 * Reads exactly one invoice: a container with more is refused (the pre-check answers per invoice).
 *
 * @example
 * const { request, problems } = parseKzInvoiceXml(xml);
 * if (request) precheckEsf(request);
 */
export function parseKzInvoiceXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): KzInvoiceXmlResult {
  const parsed = parseXmlTree(xml, limits);
  if ('refusal' in parsed) {
    const { code, message, line } = parsed.refusal;
    return { problems: [{ path: '/', code, severity: 'error', message: line ? `line ${line}: ${message}` : message }] };
  }
  const problems: EsfXmlProblem[] = [];
  const invoice = findInvoice(parsed.root, problems);
  if (!invoice) return { problems };
  const request = mapInvoice(invoice.element, invoice.path, problems);
  return problems.some((p) => p.severity === 'error') ? { problems } : { request, problems };
}

// ---- finding the invoice ---------------------------------------------------------------------------

function findInvoice(root: XmlElement, problems: EsfXmlProblem[]): { element: XmlElement; path: string } | undefined {
  const rootPath = `/${root.name}`;
  if (root.local === 'invoice') return { element: root, path: rootPath };
  const set = root.local === 'invoiceContainer' ? child(root, 'invoiceSet') : undefined;
  if (!set) {
    const message =
      root.local === 'invoiceContainer'
        ? 'the invoiceContainer has no invoiceSet'
        : `the root element is <${root.name}>; an IS ESF invoice is an <esf:invoiceContainer> with <invoiceSet>/<v2:invoice>`;
    problems.push(error(rootPath, 'NOT_AN_ESF_INVOICE', message));
    return undefined;
  }
  const setPath = `${rootPath}/${set.name}`;
  const invoices = children(set, 'invoice');
  const first = invoices[0];
  if (!first) {
    problems.push(error(setPath, 'NOT_AN_ESF_INVOICE', 'the invoiceSet holds no invoice'));
    return undefined;
  }
  if (invoices.length > 1) {
    problems.push(
      error(
        `${setPath}/${invoices[1]?.name ?? 'invoice'}[2]`,
        'MORE_THAN_ONE_INVOICE',
        `the invoiceSet holds ${invoices.length} invoices; the pre-check answers per invoice, so send one per request`,
      ),
    );
    return undefined;
  }
  return { element: first, path: `${setPath}/${first.name}[1]` };
}

// ---- the invoice -------------------------------------------------------------------------------------

function mapInvoice(invoice: XmlElement, path: string, problems: EsfXmlProblem[]): EsfPrecheckRequest | undefined {
  const issueDate = readDate(invoice, 'date', path, problems);
  const deliveryDate = readDate(invoice, 'turnoverDate', path, problems);
  const seller = firstParty(invoice, 'sellers', 'seller', path, problems);
  const customer = firstParty(invoice, 'customers', 'customer', path, problems);
  const supplier = seller && mapSeller(seller.element, seller.path, problems);
  const buyer = customer && mapCustomer(customer.element, customer.path, problems);
  if (!issueDate || !deliveryDate || !supplier || !buyer) return undefined;

  const products = readProducts(invoice, path, problems, { deliveryDate, foreignBuyer: buyer.foreignCountry });
  if (!products) return undefined;
  const charged = products.lines.length > 0;
  const lines = charged ? products.lines : products.withoutVat;
  if (lines.length === 0) {
    problems.push(
      error(`${path}/productSet`, 'NO_CHECKABLE_LINES', 'no product line is within the scope of Kazakh VAT'),
    );
    return undefined;
  }
  if (charged) {
    for (const skipped of products.withoutVatPaths) {
      problems.push(
        warning(
          skipped,
          'LINE_NOT_CHECKED',
          'a line without VAT next to lines with VAT is an exempt supply; the pre-check has no exemptions, so it is not checked',
        ),
      );
    }
  }
  const vatRegistered = charged ? (supplier.hasVatCertificate ? true : undefined) : false;
  const evidence = exportEvidence(invoice, products.evidence);
  return {
    country: 'KZ',
    supplier: {
      tin: supplier.tin,
      type: supplier.type,
      ...(vatRegistered === undefined ? {} : { vatRegistered }),
    },
    buyer: { ...(buyer.tin === undefined ? {} : { tin: buyer.tin }), type: buyer.type },
    deliveryDate,
    issueDate,
    lines,
    ...(evidence.length > 0 ? { exportEvidence: evidence } : {}),
  };
}

/** `dd.MM.yyyy`, the IS ESF's date form, to `YYYY-MM-DD`; a real calendar date only. */
function readDate(invoice: XmlElement, name: string, path: string, problems: EsfXmlProblem[]): string | undefined {
  const element = child(invoice, name);
  const at = `${path}/${element?.name ?? name}`;
  const text = element?.text.trim();
  if (!text) {
    problems.push(error(at, 'MISSING_ELEMENT', `<${name}> is required (a date dd.MM.yyyy)`));
    return undefined;
  }
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const iso = match ? `${match[3]}-${match[2]}-${match[1]}` : undefined;
  if (!iso || !isCalendarDate(iso)) {
    problems.push(error(at, 'INVALID_DATE', `<${name}> "${text}" is not a date dd.MM.yyyy (e.g. 05.03.2026)`));
    return undefined;
  }
  return iso;
}

function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

function firstParty(
  invoice: XmlElement,
  listName: string,
  itemName: string,
  path: string,
  problems: EsfXmlProblem[],
): { element: XmlElement; path: string } | undefined {
  const list = child(invoice, listName);
  const items = list ? children(list, itemName) : [];
  const first = items[0];
  if (!list || !first) {
    problems.push(error(`${path}/${list?.name ?? listName}`, 'MISSING_ELEMENT', `<${listName}> needs a <${itemName}>`));
    return undefined;
  }
  const listPath = `${path}/${list.name}`;
  items.slice(1).forEach((extra, i) => {
    problems.push(
      warning(
        `${listPath}/${extra.name}[${i + 2}]`,
        'EXTRA_PARTY_NOT_CHECKED',
        `only the first ${itemName} is checked (joint activity: check each participant's share separately)`,
      ),
    );
  });
  return { element: first, path: `${listPath}/${first.name}[1]` };
}

// ---- parties -----------------------------------------------------------------------------------------

interface MappedSeller {
  tin: string;
  type: EsfPrecheckRequest['supplier']['type'];
  hasVatCertificate: boolean;
}

function mapSeller(seller: XmlElement, path: string, problems: EsfXmlProblem[]): MappedSeller | undefined {
  const tin = text(seller, 'tin');
  if (!tin) {
    problems.push(error(`${path}/tin`, 'MISSING_SELLER_TIN', "the seller's <tin> (BIN or IIN) is required"));
    return undefined;
  }
  const country = text(seller, 'countryCode')?.toUpperCase();
  const statuses = statusesOf(seller);
  const name = text(seller, 'name') ?? '';
  let type: MappedSeller['type'];
  if (country && country !== 'KZ') type = 'foreign_company';
  else if ([...statuses].some((s) => PRIVATE_PRACTICE.has(s)) || ENTREPRENEUR.test(name))
    type = 'individual_entrepreneur';
  else if (LEGAL_FORM.test(name) || text(seller, 'isBranchNonResident') === 'true' || text(seller, 'branchTin'))
    type = 'legal_entity';
  else type = tinHolder(tin) === 'individual' ? 'individual_entrepreneur' : 'legal_entity';
  const hasVatCertificate = Boolean(text(seller, 'certificateNum') || text(seller, 'certificateSeries'));
  return { tin, type, hasVatCertificate };
}

interface MappedCustomer {
  tin?: string;
  type: PartyType;
  /** The buyer's country when outside KZ: decides export lines. */
  foreignCountry?: string;
}

function mapCustomer(customer: XmlElement, path: string, problems: EsfXmlProblem[]): MappedCustomer | undefined {
  const tin = text(customer, 'tin');
  const country = text(customer, 'countryCode')?.toUpperCase();
  const statuses = statusesOf(customer);
  const name = text(customer, 'name') ?? '';
  if ((country && country !== 'KZ') || statuses.has('NONRESIDENT')) {
    // A foreign buyer's number is not a Kazakh identifier: checking it as one would only mislead.
    return { type: 'foreign_company', foreignCountry: country && country !== 'KZ' ? country : 'XX' };
  }
  if (statuses.has('RETAIL') || statuses.has('INDIVIDUAL')) {
    return { ...(tin ? { tin } : {}), type: 'individual' };
  }
  if (!tin) {
    problems.push(
      error(
        `${path}/tin`,
        'MISSING_CUSTOMER_TIN',
        "a resident customer's <tin> (BIN or IIN) is required unless its status is RETAIL, INDIVIDUAL or NONRESIDENT",
      ),
    );
    return undefined;
  }
  if (statuses.has('PUBLIC_OFFICE') || LEGAL_FORM.test(name)) return { tin, type: 'legal_entity' };
  if (ENTREPRENEUR.test(name)) return { tin, type: 'individual_entrepreneur' };
  return { tin, type: tinHolder(tin) === 'individual' ? 'individual_entrepreneur' : 'legal_entity' };
}

function statusesOf(party: XmlElement): Set<string> {
  const statuses = child(party, 'statuses');
  return new Set(statuses ? children(statuses, 'status').map((s) => s.text.trim().toUpperCase()) : []);
}

/** What the digits say: an IIN belongs to a person; used only when nothing in the document says more. */
function tinHolder(tin: string): string | undefined {
  const result = validateIdentifier(tin, { country: 'KZ' });
  return result.details && 'holder' in result.details ? result.details.holder : undefined;
}

// ---- products --------------------------------------------------------------------------------------

type Line = EsfPrecheckRequest['lines'][number];

interface ProductsRead {
  /** Lines with a VAT rate. */
  lines: Line[];
  /** Lines without VAT (no `ndsRate`), as 0% lines: a non-payer's whole invoice. */
  withoutVat: Line[];
  withoutVatPaths: string[];
  /** Whether every export line of a supply type carries its customs / EAEU import document number. */
  evidence: Map<Exclude<SupplyType, 'domestic'>, boolean>;
}

interface ProductContext {
  deliveryDate: string;
  foreignBuyer?: string;
}

function readProducts(
  invoice: XmlElement,
  path: string,
  problems: EsfXmlProblem[],
  context: ProductContext,
): ProductsRead | undefined {
  const set = child(invoice, 'productSet');
  const setPath = `${path}/${set?.name ?? 'productSet'}`;
  const list = set && child(set, 'products');
  const products = list ? children(list, 'product') : [];
  if (!set || !list || products.length === 0) {
    problems.push(error(setPath, 'MISSING_ELEMENT', '<productSet>/<products> needs at least one <product>'));
    return undefined;
  }
  if (products.length > MAX_LINES) {
    problems.push(error(setPath, 'TOO_MANY_LINES', `${products.length} products; at most ${MAX_LINES} per request`));
    return undefined;
  }
  // "Без НДС – не РК": the whole turnover is outside Kazakhstan, so outside the scope of these checks.
  const outsideKz = text(set, 'ndsRateType') === 'WITHOUT_NDS_NOT_KZ';
  const read: ProductsRead = { lines: [], withoutVat: [], withoutVatPaths: [], evidence: new Map() };
  const before = problems.length;
  products.forEach((product, i) => {
    const at = `${setPath}/${list.name}/${product.name}[${i + 1}]`;
    const line = readLine(product, at, problems, context);
    if (!line || outsideKz) return;
    if (line.vatRate === undefined) {
      read.withoutVat.push({ net: line.net, vatRate: 0 });
      read.withoutVatPaths.push(at);
      return;
    }
    read.lines.push(line.line);
    if (line.line.supplyType && line.line.supplyType !== 'domestic') {
      const type = line.line.supplyType;
      read.evidence.set(type, (read.evidence.get(type) ?? true) && line.declared);
    }
  });
  if (outsideKz) {
    problems.push(
      warning(`${setPath}/ndsRateType`, 'LINE_NOT_CHECKED', 'WITHOUT_NDS_NOT_KZ: a turnover outside Kazakhstan'),
    );
  }
  return problems.slice(before).some((p) => p.severity === 'error') ? undefined : read;
}

function readLine(
  product: XmlElement,
  at: string,
  problems: EsfXmlProblem[],
  context: ProductContext,
): { line: Line; vatRate?: number; net: number; declared: boolean } | undefined {
  const amounts = ['priceWithoutTax', 'ndsAmount', 'priceWithTax'].every((name) =>
    optionalAmount(product, name, at, problems),
  );
  const net = requiredAmount(product, 'turnoverSize', at, problems);
  const vatRate = readRate(product, at, problems);
  if (!amounts || net === undefined || vatRate === null) return undefined;
  const declared = Boolean(text(product, 'productDeclaration'));
  if (vatRate === undefined) return { line: { net, vatRate: 0 }, net, declared };

  // Goods (origin codes 1–4, 6) at 0% to a foreign buyer are exports; works and services (5) are not.
  const goods = text(product, 'truOriginCode') !== '5';
  let supplyType: SupplyType = 'domestic';
  if (context.foreignBuyer && goods && vatRate === 0) {
    supplyType = (EAEU_MEMBERS as readonly string[]).includes(context.foreignBuyer) ? 'eaeu_export' : 'export';
  }
  const line: Line = { net, vatRate, ...(supplyType === 'domestic' ? {} : { supplyType }) };
  const category = supplyType === 'domestic' ? categoryForRate(vatRate, context.deliveryDate) : undefined;
  if (category) {
    line.category = category;
    problems.push(
      warning(
        `${at}/ndsRate`,
        'CATEGORY_INFERRED_FROM_RATE',
        `${vatRate}% is the reduced rate for ${category}: the ESF does not say the category, so confirm the goods are ${category}`,
      ),
    );
  }
  return { line, vatRate, net, declared };
}

/**
 * `ndsRate` (G 12) is an optional `xs:int`: absent means "without VAT" (Без НДС). Present, it must be
 * a rate Kazakh VAT has had (the rules data, any period): the IS ESF refuses others; whether the rate
 * is right for the turnover date is the pre-check's question, not the document's.
 * Returns `undefined` for "without VAT", `null` for a refused value.
 */
function readRate(product: XmlElement, at: string, problems: EsfXmlProblem[]): number | undefined | null {
  const element = child(product, 'ndsRate');
  const raw = element?.text.trim();
  if (!element || !raw) return undefined;
  const rate = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!ALLOWED_RATES.has(rate)) {
    const hint = /^\d+$/.test(raw)
      ? `Kazakh VAT rates are ${[...ALLOWED_RATES].sort((a, b) => a - b).join(', ')} (%)`
      : 'a whole number of percent; for a line without VAT leave <ndsRate> out';
    problems.push(error(`${at}/${element.name}`, 'RATE_NOT_ALLOWED', `ndsRate "${raw}" is not allowed: ${hint}`));
    return null;
  }
  return rate;
}

/** Every rate the rules data has ever held for Kazakhstan (standard, reduced, zero). */
const ALLOWED_RATES: ReadonlySet<number> = new Set(
  RULES.flatMap((r) => (r.country === 'KZ' && r.topic.startsWith('vat.rate.') && 'rate' in r ? [r.rate] : [])),
);

function categoryForRate(rate: number, date: string): Exclude<LineCategory, 'standard'> | undefined {
  // ruleInForce, not rateFor: a date the rules do not cover is the pre-check's to report, not a parser crash.
  if (rate === 0 || ruleInForce('vat.rate.standard', 'KZ', date)?.rate === rate) return undefined;
  return ruleInForce('vat.rate.reduced', 'KZ', date, (r) => r.rate === rate)?.category;
}

function requiredAmount(product: XmlElement, name: string, at: string, problems: EsfXmlProblem[]): number | undefined {
  const element = child(product, name);
  if (!element?.text.trim()) {
    problems.push(error(`${at}/${element?.name ?? name}`, 'MISSING_ELEMENT', `<${name}> is required (an amount)`));
    return undefined;
  }
  return amountOf(element, at, problems);
}

function optionalAmount(product: XmlElement, name: string, at: string, problems: EsfXmlProblem[]): boolean {
  const element = child(product, name);
  return !element?.text.trim() || (element && amountOf(element, at, problems)) !== undefined;
}

function amountOf(element: XmlElement, at: string, problems: EsfXmlProblem[]): number | undefined {
  const raw = element.text.trim();
  if (!XS_DECIMAL.test(raw) || Math.abs(Number(raw)) > 1e13) {
    problems.push(
      error(
        `${at}/${element.name}`,
        'NOT_A_NUMBER',
        `<${element.local}> "${raw}" is not an amount: digits with a dot for decimals, no spaces or commas (e.g. 1000.50)`,
      ),
    );
    return undefined;
  }
  return Number(raw);
}

/** Export evidence the document itself carries: a contract (E 27) and, per export line, the declaration (G 15). */
function exportEvidence(invoice: XmlElement, declared: ProductsRead['evidence']): ExportEvidence[] {
  if (declared.size === 0) return [];
  const evidence: ExportEvidence[] = [];
  const term = child(invoice, 'deliveryTerm');
  if (term && text(term, 'hasContract') === 'true' && text(term, 'contractNum')) evidence.push('contract');
  if (declared.get('export')) evidence.push('customs_declaration');
  if (declared.get('eaeu_export')) evidence.push('eaeu_import_statement');
  return evidence;
}

// ---- tree helpers ----------------------------------------------------------------------------------

function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local);
}

function children(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local);
}

function text(element: XmlElement, local: string): string | undefined {
  const value = child(element, local)?.text.trim();
  return value ? value : undefined;
}

function error(path: string, code: EsfXmlProblemCode, message: string): EsfXmlProblem {
  return { path, code, severity: 'error', message };
}

function warning(path: string, code: EsfXmlProblemCode, message: string): EsfXmlProblem {
  return { path, code, severity: 'warning', message };
}
