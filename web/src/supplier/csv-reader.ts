import Papa from 'papaparse';
import { chooseHeaderRow } from '../../../cli/tin-column.js';
import { csvRowProblem } from '../../../shared/i18n/cli.js';
import type { Lang } from '../../../shared/i18n/languages.js';
import { ReaderError, type RowChunk, type TableSource } from './table-source.js';

/** The text of a CSV and how it was decoded. */
interface Decoded {
  text: string;
  encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'windows-1251';
  bom: boolean;
}

/**
 * Decodes CSV bytes: a UTF-16 BOM decides UTF-16; otherwise strict UTF-8 (BOM or not), and bytes that are not
 * valid UTF-8 are Windows-1251 (what 1C and older Excel write). Nothing is replaced silently.
 */
function decodeCsv(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'UTF-16BE');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8', bom };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251', bom: false };
  }
}

function utf16(bytes: Uint8Array, encoding: 'UTF-16LE' | 'UTF-16BE'): Decoded {
  return { text: new TextDecoder(encoding.toLowerCase(), { fatal: true }).decode(bytes), encoding, bom: true };
}

/** How much of the text the delimiter and the header are looked for in (the CLI's sample). */
const SNIFF_CHARS = 64 * 1024;
/** How many non-blank rows the header is looked for among (the CLI's `HEADER_SEARCH_ROWS`). */
const HEADER_SEARCH_ROWS = 20;

/** A row of empty or whitespace-only cells (`;;;;`, a lone BOM — `trim` removes U+FEFF): blank, wherever it stands. */
function isBlank(row: readonly string[]): boolean {
  for (let i = 0; i < row.length; i++) if ((row[i] as string).trim() !== '') return false;
  return true;
}

/**
 * In-cell line breaks as an editor counts lines (the CLI's rule, so line numbers agree): `\r\n` and `\n` once
 * each, a lone `\r` only in `\r`-terminated files.
 */
function breaksIn(row: readonly string[], crOnly: boolean): number {
  const mark = crOnly ? '\r' : '\n';
  let n = 0;
  for (const cell of row) for (let at = cell.indexOf(mark); at !== -1; at = cell.indexOf(mark, at + 1)) n++;
  return n;
}

/**
 * The header among the first non-blank rows, as the CLI chooses it: the first that names the TIN column
 * (`БИН/ИИН`, `ИНН поставщика`, …; title rows such as 1C's "Список поставщиков на …" above it are skipped).
 */
function findHeader(text: string, delimiter: string): { header: string[]; line: number; newline: string } {
  const head = Papa.parse<string[]>(text.slice(0, SNIFF_CHARS), { delimiter, skipEmptyLines: false });
  const crOnly = head.meta.linebreak === '\r';
  const rows: { row: string[]; line: number }[] = [];
  let line = 1;
  for (const row of head.data) {
    if (!isBlank(row)) rows.push({ row, line });
    if (rows.length >= HEADER_SEARCH_ROWS) break;
    line += 1 + breaksIn(row, crOnly);
  }
  const first = rows[0];
  if (!first) throw new ReaderError({ key: 'web.sup.err.empty' });
  const found = rows[chooseHeaderRow(rows.map((r) => r.row))];
  if (!found) throw new ReaderError({ key: 'web.sup.err.noColumn', header: first.row.join(', ') });
  const header = [(found.row[0] ?? '').replace(/^\uFEFF/, ''), ...found.row.slice(1)];
  return { header, line: found.line, newline: head.meta.linebreak || '\n' };
}

/**
 * A CSV as a table source, read like the CLI reads it: the delimiter (`,` `;` tab `|`) guessed from the start,
 * the header found below any title rows, blank rows skipped and counted, quotes honoured, parser errors kept
 * with their line, the line break kept for the output.
 */
export function openCsv(bytes: Uint8Array, lang: Lang): TableSource {
  const decoded = decodeCsv(bytes);
  const text = decoded.text;
  if (text.trim() === '') throw new ReaderError({ key: 'web.sup.err.empty' });
  const sniffed = Papa.parse<string[]>(text.slice(0, SNIFF_CHARS), { preview: 40, skipEmptyLines: 'greedy' }).meta;
  const delimiter = sniffed.delimiter || ',';
  const { header, line, newline } = findHeader(text, delimiter);
  return {
    header,
    delimiter,
    newline,
    bom: decoded.bom,
    encoding: decoded.encoding,
    workbook: false,
    read: (onChunk) => readRows(text, { delimiter, newline, headerLine: line, lang }, onChunk),
  };
}

/**
 * Characters parsed at a time. Small on purpose: a slice's rows and output lines are all the young garbage alive
 * at once, and keeping that well under V8's young generation makes the collector's work cheap.
 */
const SLICE_CHARS = 1 << 16;

/**
 * The rows after the header line, slice by slice through papaparse's own parser (the loop its string streamer
 * runs, but iterative: its recursion per chunk holds every chunk's text on the stack until the end). Blank rows
 * are dropped and counted once a data row follows.
 */
async function readRows(
  text: string,
  { delimiter, newline, headerLine, lang }: { delimiter: string; newline: string; headerLine: number; lang: Lang },
  onChunk: (chunk: RowChunk) => void,
): Promise<void> {
  const parser = new Papa.Parser({ delimiter, newline: newline as Papa.ParseConfig['newline'] });
  const crOnly = newline === '\r';
  let nextLine = 1;
  let pendingBlank = 0;
  let partial = '';
  let base = 0;
  for (let at = 0; at < text.length; at += SLICE_CHARS) {
    const last = at + SLICE_CHARS >= text.length;
    const input = partial + text.slice(at, at + SLICE_CHARS);
    // Until the last slice, the last row may be cut: papaparse leaves it, and it is parsed again with the next slice.
    const results: Papa.ParseResult<string[]> = parser.parse(input, base, !last);
    if (!last) {
      partial = input.slice(results.meta.cursor - base);
      base = results.meta.cursor;
    }
    const data = results.data;
    const fraction = last ? 1 : (at + SLICE_CHARS) / text.length;
    // Without a quote in the slice, every row is a line split at the delimiter: no cell needs quoting on output.
    const chunk: RowChunk = { rows: [], lines: [], errors: [], fraction, plain: input.indexOf('"') === -1 };
    // Only when the parser flagged something: index into `data` → index into `rows` (-1: dropped), and its line.
    const mapped = results.errors.length > 0;
    const rowIndex = mapped ? new Int32Array(data.length).fill(-1) : undefined;
    const lineOf = mapped ? new Int32Array(data.length) : undefined;
    for (let i = 0; i < data.length; i++) {
      const row = data[i] as string[];
      const line = nextLine;
      if (lineOf) lineOf[i] = line;
      nextLine += 1 + breaksIn(row, crOnly);
      if (line <= headerLine) continue;
      if (isBlank(row)) {
        pendingBlank++;
        continue;
      }
      if (pendingBlank) chunk.blankRows = (chunk.blankRows ?? 0) + pendingBlank;
      pendingBlank = 0;
      if (rowIndex) rowIndex[i] = chunk.rows.length;
      chunk.rows.push(row);
      chunk.lines.push(line);
    }
    if (rowIndex && lineOf) attachErrors(chunk, results.errors, rowIndex, lineOf, { headerLine, nextLine, lang });
    onChunk(chunk);
  }
}

/** Parser errors go to their row, or — for dropped lines and the row carried into the next chunk — to `notes`. */
function attachErrors(
  chunk: RowChunk,
  errors: readonly Papa.ParseError[],
  rowIndex: Int32Array,
  lineOf: Int32Array,
  at: { headerLine: number; nextLine: number; lang: Lang },
): void {
  const notes: NonNullable<RowChunk['notes']> = [];
  for (const e of errors) {
    const i = e.row ?? -1;
    const inChunk = i >= 0 && i < rowIndex.length;
    const line = inChunk ? (lineOf[i] ?? at.nextLine) : at.nextLine;
    if (line <= at.headerLine) continue; // the header and the title rows above it are not data
    const index = inChunk ? (rowIndex[i] ?? -1) : -1;
    const message = csvRowProblem(e, at.lang);
    if (index >= 0) chunk.errors.push({ index, message });
    else notes.push({ line, message });
  }
  if (notes.length) chunk.notes = notes;
}
