/**
 * The Kazakh IS ESF invoice document (`InvoiceV2` XML) as input to the ESF pre-check. A separate entry
 * (not re-exported by the library entry `shared/index.ts`): it brings an XML parser the rest of the
 * library does not need.
 */
export {
  type EsfXmlProblem,
  type EsfXmlProblemCode,
  parseKzInvoiceXml,
} from './kz-invoice.js';
