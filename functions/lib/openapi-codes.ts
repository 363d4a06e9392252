import { FINDING_CODES, IDENTIFIER_ERROR_CODES, IDENTIFIER_WARNING_CODES } from '../../shared/enums.js';
import { codeOf, MESSAGES } from '../../shared/i18n/index.js';
import { ESF_XML_PROBLEM_CODES } from '../../shared/schemas/esf.js';

/**
 * What each XML document problem means (docs/esf-xml.md). These are not in the message catalog: the
 * XML reader writes its messages itself, naming the element.
 */
const XML_PROBLEMS: Record<(typeof ESF_XML_PROBLEM_CODES)[number], string> = {
  XML_TOO_LARGE: 'error: over 2 MiB of UTF-8 (answered as a `413`)',
  XML_TOO_DEEP: 'error: elements nested over 64 levels (a real invoice nests 7)',
  XML_DOCTYPE_FORBIDDEN: 'error: any `<!DOCTYPE …>`; this refuses entity expansion and external entities outright',
  XML_NOT_WELL_FORMED: "error: not well-formed XML (the parser's message, with the line number)",
  NOT_AN_ESF_INVOICE: 'error: a root other than `invoiceContainer`/`invoice`, no `invoiceSet`, or no invoice',
  MORE_THAN_ONE_INVOICE: 'error: an `invoiceSet` holding several invoices; the pre-check answers per invoice',
  MISSING_ELEMENT: 'error: no `date`, `turnoverDate`, seller, customer or product, or a product without `turnoverSize`',
  INVALID_DATE: 'error: a date that is not `dd.MM.yyyy` or not a calendar date',
  MISSING_SELLER_TIN: "error: the seller's `tin` (IIN/BIN) is missing",
  MISSING_CUSTOMER_TIN: "error: a Kazakh business customer's `tin` is missing",
  RATE_NOT_ALLOWED: 'error: an `ndsRate` the Kazakh rules never had (e.g. 20), a fraction, or text',
  NOT_A_NUMBER: 'error: an amount that is not an `xs:decimal` (e.g. `1 000,50`, `1e5`)',
  TOO_MANY_LINES: 'error: over 1000 products',
  NO_CHECKABLE_LINES: 'error: every line is outside Kazakh VAT (`WITHOUT_NDS_NOT_KZ`)',
  EXTRA_PARTY_NOT_CHECKED: 'warning: a second seller or customer (joint activity); only the first is checked',
  LINE_NOT_CHECKED:
    'warning: a line without `ndsRate` beside lines with one (an exempt supply the pre-check does not model)',
  CATEGORY_INFERRED_FROM_RATE:
    'warning: the line category was inferred from a reduced rate, because the ESF does not state it',
};

/** Placeholders for a message's parameters, so the catalog's English text reads as a template. */
const PLACEHOLDERS = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? `{${name}}` : undefined) });

/** The English catalog texts of one code (every variant), e.g. `INVALID_CHECKSUM`: "the check digit should be …". */
function catalogTexts(code: string): string[] {
  return Object.entries(MESSAGES)
    .filter(([key]) => codeOf(key as keyof typeof MESSAGES) === code)
    .map(([key, entry]) => {
      try {
        return (entry.en as (params: unknown) => string)(PLACEHOLDERS).replaceAll('undefined', '…');
      } catch {
        // A message that needs structured parameters (e.g. a list of readings) cannot read as a template.
        return `see message key \`${key}\``;
      }
    });
}

/** A string enum whose values each carry a description: `enum` for validators, `x-enumDescriptions` for renderers. */
function codeSchema(title: string, codes: readonly string[], describe: (code: string) => string) {
  const descriptions = Object.fromEntries(codes.map((code) => [code, describe(code)]));
  return {
    type: 'string' as const,
    title,
    enum: [...codes],
    'x-enumDescriptions': descriptions,
    description: `${title}. Stable: match on the code, show the message.\n\n${codes
      .map((code) => `- \`${code}\`: ${descriptions[code]}`)
      .join('\n')}`,
  };
}

const fromCatalog = (code: string) => catalogTexts(code).join(' / ') || code;

/** The code lists of the contract, as reusable schemas (`#/components/schemas/<name>`). */
export const CODE_SCHEMAS = {
  IdentifierErrorCode: codeSchema('Identifier error code', IDENTIFIER_ERROR_CODES, fromCatalog),
  IdentifierWarningCode: codeSchema('Identifier warning code', IDENTIFIER_WARNING_CODES, fromCatalog),
  EsfFindingCode: codeSchema('ESF pre-check finding code', FINDING_CODES, fromCatalog),
  EsfDocumentProblemCode: codeSchema(
    'ESF XML document problem code',
    ESF_XML_PROBLEM_CODES,
    (code) => XML_PROBLEMS[code as keyof typeof XML_PROBLEMS],
  ),
} as const;

const sameSet = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

/**
 * Replaces every inline enum that is exactly one of the code lists with a reference to its described
 * schema, wherever zod-openapi wrote it (results, batch results, findings, document problems).
 */
export function withCodeSchemas<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withCodeSchemas) as T;
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  if (Array.isArray(object.enum) && !('x-enumDescriptions' in object)) {
    const match = Object.entries(CODE_SCHEMAS).find(([, schema]) => sameSet(schema.enum, object.enum as unknown[]));
    if (match) return { $ref: `#/components/schemas/${match[0]}` } as T;
  }
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, withCodeSchemas(value)])) as T;
}
