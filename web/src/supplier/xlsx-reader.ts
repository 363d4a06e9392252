/**
 * The workbook reader: fflate unzips, saxes reads the XML as a stream of tags. Loaded with a dynamic import
 * (a separate chunk) only when a workbook is chosen, so CSV users never download it. The zip's parts are
 * looked up by name, so their order in the file does not matter.
 */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { ReaderError, type RowChunk, type TableSource } from './table-source.js';

const CHUNK_ROWS = 5_000;
const utf8 = new TextDecoder('utf-8');

/** Unzips only the named parts (a workbook's images and styles are never inflated). */
function parts(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, string> {
  const files = unzipSync(bytes, { filter: (f) => wanted(f.name) });
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, utf8.decode(data)]));
}

/** Walks an XML text, calling `open` and `close` for each element and `text` for character data. */
function walk(
  xml: string,
  on: {
    open?: (name: string, attrs: Record<string, string>) => void;
    close?: (name: string) => void;
    text?: (t: string) => void;
  },
): void {
  const parser = new SaxesParser();
  if (on.open) {
    const open = on.open;
    parser.on('opentag', (tag) => open(tag.name, tag.attributes as Record<string, string>));
  }
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (tag) => close(tag.name));
  }
  if (on.text) parser.on('text', on.text);
  parser.write(xml).close();
}

/** The first sheet's path inside the zip. */
function firstSheet(bytes: Uint8Array): { name: string; path: string } {
  const meta = parts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels');
  const sheets: { name: string; rel: string }[] = [];
  const targets = new Map<string, string>();
  walk(meta['xl/workbook.xml'] ?? '', {
    open: (name, a) => {
      if (name === 'sheet') sheets.push({ name: a.name ?? '', rel: a['r:id'] ?? '' });
    },
  });
  walk(meta['xl/_rels/workbook.xml.rels'] ?? '', {
    open: (name, a) => {
      if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target);
    },
  });
  const first = sheets[0];
  const target = first ? targets.get(first.rel) : undefined;
  if (!first || !target) throw new ReaderError({ key: 'web.sup.err.workbook' });
  return { name: first.name, path: target.startsWith('/') ? target.slice(1) : `xl/${target}` };
}

/** The shared strings table (`<si>` items; phonetic `<rPh>` runs left out, as Excel shows them). */
function sharedStrings(xml: string | undefined): string[] {
  const strings: string[] = [];
  if (!xml) return strings;
  let current = '';
  let inText = false;
  let phonetic = false;
  walk(xml, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic = true;
      else if (name === 't' && !phonetic) inText = true;
    },
    close: (name) => {
      if (name === 'si') strings.push(current);
      else if (name === 'rPh') phonetic = false;
      else if (name === 't') inText = false;
    },
    text: (t) => {
      if (inText) current += t;
    },
  });
  return strings;
}

/** `B7` → 1 (0-based column). */
function columnOf(ref: string | undefined, fallback: number): number {
  if (!ref) return fallback;
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n > 0 ? n - 1 : fallback;
}

/** A cell's text as the CLI prints it: numbers in full without exponent, shared and inline strings as written. */
function cellText(type: string | undefined, raw: string, strings: readonly string[]): string {
  if (type === 's') return strings[Number(raw)] ?? '';
  if (type === 'b') return raw === '1' ? 'true' : 'false';
  if (type === 'inlineStr' || type === 'str' || type === 'e') return raw;
  if (raw === '') return '';
  const value = Number(raw);
  if (Number.isNaN(value)) return raw;
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** A workbook's first sheet as a table source: header = first non-empty row; blank rows skipped; rows fitted to the header. */
export function openWorkbook(bytes: Uint8Array): TableSource {
  let sheet: { name: string; path: string };
  let files: Record<string, string>;
  try {
    sheet = firstSheet(bytes);
    files = parts(bytes, (n) => n === 'xl/sharedStrings.xml' || n === sheet.path);
  } catch (error) {
    if (error instanceof ReaderError) throw error;
    throw new ReaderError({ key: 'web.sup.err.workbook' });
  }
  const xml = files[sheet.path];
  if (xml === undefined) throw new ReaderError({ key: 'web.sup.err.workbook' });
  const strings = sharedStrings(files['xl/sharedStrings.xml']);
  const all = readSheet(xml, strings);
  const first = all.next();
  if (first.done) throw new ReaderError({ key: 'web.sup.err.empty' });
  const header = first.value.cells;
  // Trailing empty header cells are formatting, not columns.
  while (header.length > 1 && header.at(-1) === '') header.pop();
  const width = header.length;
  return {
    header,
    delimiter: ',',
    bom: true,
    encoding: 'XLSX',
    workbook: true,
    read: async (onChunk) => {
      let chunk: RowChunk = { rows: [], lines: [], errors: [], fraction: 0 };
      for (const row of all) {
        const cells = row.cells;
        if (cells.every((c) => c === '')) continue;
        while (cells.length > width && cells.at(-1) === '') cells.pop();
        while (cells.length < width) cells.push('');
        chunk.rows.push(cells);
        chunk.lines.push(row.number);
        if (chunk.rows.length === CHUNK_ROWS) {
          onChunk({ ...chunk, fraction: row.fraction });
          chunk = { rows: [], lines: [], errors: [], fraction: row.fraction };
        }
      }
      onChunk({ ...chunk, fraction: 1 });
    },
  };
}

/**
 * The sheet's rows in order, with their row numbers; the XML is parsed in 1 MiB slices as rows are asked for.
 * Rows come out of saxes in batches per slice, so memory holds one slice's rows at a time.
 */
function* readSheet(
  xml: string,
  strings: readonly string[],
): Generator<{ number: number; cells: string[]; fraction: number }> {
  const ready: { number: number; cells: string[]; fraction: number }[] = [];
  let cells: string[] = [];
  let rowNumber = 0;
  let type: string | undefined;
  let column = 0;
  let value = '';
  let inValue = false;
  let fraction = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'row') {
      rowNumber = a.r ? Number(a.r) : rowNumber + 1;
      cells = [];
    } else if (tag.name === 'c') {
      type = a.t;
      column = columnOf(a.r, cells.length);
      value = '';
    } else if (tag.name === 'v' || tag.name === 't') inValue = true;
  });
  parser.on('text', (t) => {
    if (inValue) value += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'v' || tag.name === 't') inValue = false;
    else if (tag.name === 'c') {
      while (cells.length < column) cells.push('');
      cells[column] = cellText(type, value, strings);
    } else if (tag.name === 'row') ready.push({ number: rowNumber, cells, fraction });
  });
  const slice = 1 << 20;
  for (let at = 0; at < xml.length; at += slice) {
    fraction = Math.min(1, (at + slice) / xml.length);
    parser.write(xml.slice(at, at + slice));
    yield* ready.splice(0);
  }
  parser.close();
  yield* ready.splice(0);
}
