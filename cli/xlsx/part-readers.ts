/**
 * Readers of a workbook's shared-strings and styles parts from their bytes alone (no file handle, no `node:`
 * import), so the web page's workbook reader uses the same code as the CLI.
 */
import { parseXml } from './xml.js';

/**
 * The shared-string table, streamed: each `si` is its text runs joined (`t` directly or inside rich-text
 * `r` runs), phonetic guides (`rPh`) left out as Excel shows them.
 */
export async function sharedStringsOf(bytes: AsyncIterable<Uint8Array>): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await parseXml(bytes, {
    open(tag) {
      if (tag === 'si') current = '';
      else if (tag === 'rPh') inPhonetic = true;
      else if (tag === 't' && !inPhonetic) inText = true;
    },
    text(text) {
      if (inText) current += text;
    },
    close(tag) {
      if (tag === 't') inText = false;
      else if (tag === 'rPh') inPhonetic = false;
      else if (tag === 'si') strings.push(current);
    },
  });
  return strings;
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, and the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** A custom format shows a date when it has date/time letters outside quotes, escapes and `[...]` sections. */
const isDateFormat = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));

/**
 * Which cell styles (`cellXfs` index, a cell's `s`) format numbers as dates: a date cell holds a day
 * number, and is read as the date Excel shows rather than that number.
 */
export async function dateStylesOf(bytes: AsyncIterable<Uint8Array>): Promise<boolean[]> {
  const customDates = new Set<number>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parseXml(bytes, {
    open(tag, attributes) {
      const id = Number(attributes.numFmtId);
      if (tag === 'numFmt' && isDateFormat(attributes.formatCode ?? '')) customDates.add(id);
      else if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) styles.push(DATE_FORMAT_IDS.has(id) || customDates.has(id));
    },
    text: () => undefined,
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}
