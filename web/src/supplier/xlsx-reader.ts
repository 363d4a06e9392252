/**
 * The workbook reader: fflate unzips, and the sheet's rows and cells are read by the CLI's own XML stream and row
 * collector (cli/xlsx/xml.ts, cli/xlsx/sheet.ts: numbers as digits without exponent, inline and shared strings).
 * Loaded with a dynamic import (a separate chunk) only when a workbook is chosen, so CSV users never download it.
 * The zip's parts are looked up by name, so their order in the file does not matter. Shared strings and date
 * styles are read by the CLI's part readers (cli/xlsx/part-readers.ts); only finding the parts is the page's own
 * (the CLI's reads a zip through a Node file handle).
 */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { chooseHeaderRow } from '../../../cli/tin-column.js';
import { dateStylesOf, sharedStringsOf } from '../../../cli/xlsx/part-readers.js';
import { type CellContext, type SheetRow, SheetRowCollector } from '../../../cli/xlsx/sheet.js';
import { XmlStream } from '../../../cli/xlsx/xml.js';
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

/** Where a workbook keeps its parts, from `xl/workbook.xml` and its relationships. */
interface WorkbookMap {
  /** The first sheet's part. */
  sheet: string;
  sharedStrings?: string;
  styles?: string;
  /** Dates count from 1904-01-01 (old Mac Excel). */
  date1904: boolean;
}

/** The first sheet's part, and the shared-strings and styles parts, inside the zip. */
function workbookMap(bytes: Uint8Array): WorkbookMap {
  const meta = parts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels');
  const sheets: string[] = [];
  let date1904 = false;
  const targets = new Map<string, { type: string; part: string }>();
  walk(meta['xl/workbook.xml'] ?? '', {
    open: (name, a) => {
      const local = name.slice(name.indexOf(':') + 1);
      if (local === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (local !== 'sheet') return;
      // The relationship id is `r:id` under whatever prefix the writer chose.
      sheets.push(Object.entries(a).find(([key]) => key === 'id' || key.endsWith(':id'))?.[1] ?? '');
    },
  });
  walk(meta['xl/_rels/workbook.xml.rels'] ?? '', {
    open: (name, a) => {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      targets.set(a.Id, { type: a.Type ?? '', part: a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}` });
    },
  });
  const sheet = targets.get(sheets[0] ?? '')?.part;
  if (!sheet) throw new ReaderError({ key: 'web.sup.err.workbook' });
  const ofType = (suffix: string) => [...targets.values()].find((t) => t.type.endsWith(suffix))?.part;
  const sharedStrings = ofType('/sharedStrings');
  const styles = ofType('/styles');
  return { sheet, date1904, ...(sharedStrings ? { sharedStrings } : {}), ...(styles ? { styles } : {}) };
}

/** A part's bytes as the CLI's part readers take them (a stream of one piece). */
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The workbook's cell context (shared strings, date styles) and its first sheet's XML. */
async function readParts(bytes: Uint8Array): Promise<{ context: CellContext; xml: Uint8Array }> {
  const map = workbookMap(bytes);
  const wanted = new Set([map.sheet, map.sharedStrings, map.styles]);
  const files = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  const xml = files[map.sheet];
  if (xml === undefined) throw new ReaderError({ key: 'web.sup.err.workbook' });
  const strings = map.sharedStrings ? files[map.sharedStrings] : undefined;
  const styles = map.styles ? files[map.styles] : undefined;
  const context: CellContext = {
    shared: strings ? await sharedStringsOf(once(strings)) : [],
    dateStyles: styles ? await dateStylesOf(once(styles)) : [],
    date1904: map.date1904,
  };
  return { context, xml };
}

/** How many non-blank rows the header is looked for among (the CLI's `HEADER_SEARCH_ROWS`). */
const HEADER_SEARCH_ROWS = 20;

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * A workbook's first sheet as a table source, read as the CLI reads it: the header chosen among the first
 * non-blank rows (title rows above it skipped), blank rows skipped and counted, rows fitted to the header.
 */
export async function openWorkbook(bytes: Uint8Array): Promise<TableSource> {
  let read: { context: CellContext; xml: Uint8Array };
  try {
    read = await readParts(bytes);
  } catch (error) {
    if (error instanceof ReaderError) throw error;
    throw new ReaderError({ key: 'web.sup.err.workbook' });
  }
  const all = readSheet(read.xml, read.context);
  const seen: (SheetRow & { fraction: number })[] = [];
  for (let next = all.next(); !next.done; next = all.next()) {
    seen.push(next.value);
    if (seen.filter((r) => !isBlank(r.cells)).length >= HEADER_SEARCH_ROWS) break;
  }
  const candidates = seen.filter((r) => !isBlank(r.cells));
  const first = candidates[0];
  if (!first) throw new ReaderError({ key: 'web.sup.err.empty' });
  const found = candidates[chooseHeaderRow(candidates.map((r) => r.cells))];
  if (!found) throw new ReaderError({ key: 'web.sup.err.noColumn', header: first.cells.join(', ') });
  const header = found.cells;
  // Trailing empty header cells are formatting, not columns.
  while (header.length > 1 && header.at(-1) === '') header.pop();
  const rest = seen.filter((r) => r.number > found.number);
  return {
    header,
    delimiter: ',',
    newline: '\n',
    bom: true,
    encoding: 'XLSX',
    workbook: true,
    read: async (onChunk) => dataChunks(rest, all, header.length, onChunk),
  };
}

/** Data rows in chunks, fitted to the header's width; blank rows skipped and counted once a data row follows. */
function dataChunks(
  first: Iterable<SheetRow & { fraction: number }>,
  more: Iterator<SheetRow & { fraction: number }>,
  width: number,
  onChunk: (chunk: RowChunk) => void,
): void {
  let chunk: RowChunk = { rows: [], lines: [], errors: [], fraction: 0 };
  let pendingBlank = 0;
  const take = (row: SheetRow & { fraction: number }) => {
    const cells = row.cells;
    if (isBlank(cells)) {
      pendingBlank++;
      return;
    }
    if (pendingBlank) chunk.blankRows = (chunk.blankRows ?? 0) + pendingBlank;
    pendingBlank = 0;
    while (cells.length > width && cells.at(-1) === '') cells.pop();
    while (cells.length < width) cells.push('');
    chunk.rows.push(cells);
    chunk.lines.push(row.number);
    if (chunk.rows.length === CHUNK_ROWS) {
      onChunk({ ...chunk, fraction: row.fraction });
      chunk = { rows: [], lines: [], errors: [], fraction: row.fraction };
    }
  };
  for (const row of first) take(row);
  for (let next = more.next(); !next.done; next = more.next()) take(next.value);
  onChunk({ ...chunk, fraction: 1 });
}

/**
 * The sheet's rows in order, through the CLI's row collector; the XML is parsed in 1 MiB slices (UTF-8 split between slices is fine) as rows are
 * asked for, so memory holds one slice's rows at a time.
 */
function* readSheet(xml: Uint8Array, context: CellContext): Generator<SheetRow & { fraction: number }> {
  const collector = new SheetRowCollector(context);
  const stream = new XmlStream(collector);
  const slice = 1 << 20;
  for (let at = 0; at < xml.length; at += slice) {
    const fraction = Math.min(1, (at + slice) / xml.length);
    stream.write(xml.subarray(at, at + slice));
    for (const row of collector.take()) yield { ...row, fraction };
  }
  stream.end();
  for (const row of collector.take()) yield { ...row, fraction: 1 };
}
