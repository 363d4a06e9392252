import { SaxesParser } from 'saxes';

/** One element of a parsed document: names as written, text of its own (not its children's). */
export interface XmlElement {
  /** The qualified name as written in the document, e.g. `v2:invoice`. */
  name: string;
  /** The name without its prefix: what the ESF format is matched on, since prefixes vary between producers. */
  local: string;
  text: string;
  children: XmlElement[];
  /** 1-based line of the start tag, for messages. */
  line: number;
}

/** Why a document was refused before it could be read. */
export type XmlRefusalCode = 'XML_TOO_LARGE' | 'XML_TOO_DEEP' | 'XML_DOCTYPE_FORBIDDEN' | 'XML_NOT_WELL_FORMED';

export interface XmlRefusal {
  code: XmlRefusalCode;
  message: string;
  line?: number;
}

export interface XmlLimits {
  /** UTF-8 bytes. */
  maxBytes: number;
  /** Element nesting. */
  maxDepth: number;
}

/** A real `InvoiceV2` nests 7 levels (container/set/invoice/productSet/products/product/field): 64 is ample. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64 };

class Stop extends Error {
  constructor(readonly refusal: XmlRefusal) {
    super(refusal.message);
  }
}

/** UTF-8 length without `node:buffer`, so the module stays usable outside Node. */
function utf8Length(text: string, cap: number): number {
  // A UTF-16 code unit never encodes to fewer than one UTF-8 byte: a longer string is over the cap already.
  if (text.length > cap) return text.length;
  return new TextEncoder().encode(text).byteLength;
}

/**
 * Parses an XML document into an element tree, or refuses it. Safe against the two classic XML
 * attacks by construction: any DOCTYPE is refused (so no entity can be declared — no "billion laughs",
 * no external entity / XXE), and saxes itself never reads a DTD or fetches anything. Size is checked
 * before parsing and depth while parsing, so a hostile document costs at most `maxBytes` of work.
 */
export function parseXmlTree(
  xml: string,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): { root: XmlElement } | { refusal: XmlRefusal } {
  const bytes = utf8Length(xml, limits.maxBytes);
  if (bytes > limits.maxBytes) {
    return {
      refusal: {
        code: 'XML_TOO_LARGE',
        message: `the document is over ${limits.maxBytes} bytes; send one invoice per request`,
      },
    };
  }
  try {
    return { root: readTree(xml, limits) };
  } catch (error) {
    if (error instanceof Stop) return { refusal: error.refusal };
    throw error;
  }
}

function readTree(xml: string, limits: XmlLimits): XmlElement {
  // xmlns off: names are matched by local name, so an undeclared or unusual prefix must not fail the read.
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  parser.on('doctype', () => {
    throw new Stop({
      code: 'XML_DOCTYPE_FORBIDDEN',
      message: 'a DOCTYPE is not allowed: an ESF document declares no DTD or entities (entity expansion is refused)',
      line: parser.line,
    });
  });
  parser.on('error', (error) => {
    throw new Stop({ code: 'XML_NOT_WELL_FORMED', message: cleanSaxesMessage(error.message), line: parser.line });
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= limits.maxDepth) {
      throw new Stop({
        code: 'XML_TOO_DEEP',
        message: `elements are nested deeper than ${limits.maxDepth} levels`,
        line: parser.line,
      });
    }
    const colon = tag.name.indexOf(':');
    const element: XmlElement = {
      name: tag.name,
      local: colon < 0 ? tag.name : tag.name.slice(colon + 1),
      text: '',
      children: [],
      line: parser.line,
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (text: string) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  parser.write(xml).close();
  if (!root) throw new Stop({ code: 'XML_NOT_WELL_FORMED', message: 'the document has no root element' });
  return root;
}

/** saxes prefixes messages with `line:column: `; the line travels separately. */
function cleanSaxesMessage(message: string): string {
  return message.replace(/^\d+:\d+:\s*/, '');
}
