import Papa from 'papaparse';
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

/** A row papaparse makes of an empty line. */
const isEmptyLine = (row: readonly string[]) => row.length === 1 && row[0] === '';
/** Before the header, whitespace-only lines count as blank too. */
const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '');

/** In-cell line breaks as an editor counts lines (the CLI's rule, so line numbers agree). */
function breaksIn(row: readonly string[], crOnly: boolean): number {
  const mark = crOnly ? '\r' : '\n';
  let n = 0;
  for (const cell of row) for (let at = cell.indexOf(mark); at !== -1; at = cell.indexOf(mark, at + 1)) n++;
  return n;
}

/**
 * A CSV as a table source, read like the CLI reads it: the delimiter (`,` `;` tab `|`) guessed from the start,
 * blank lines before the header skipped, empty lines dropped but counted, quotes honoured, parser errors kept
 * with their line.
 */
export function openCsv(bytes: Uint8Array): TableSource {
  const decoded = decodeCsv(bytes);
  const text = decoded.text;
  if (text.trim() === '') throw new ReaderError({ key: 'web.sup.err.empty' });
  const delimiter = Papa.parse<string[]>(text.slice(0, 64 * 1024), { preview: 20, skipEmptyLines: 'greedy' }).meta
    .delimiter;
  const parsed = Papa.parse<string[]>(text.slice(0, 64 * 1024), {
    delimiter: delimiter || ',',
    preview: 1,
    skipEmptyLines: 'greedy',
  });
  // The header is the first non-blank row; found up front so the page can name the TIN column before reading.
  const header = parsed.data.find((row) => !isBlank(row));
  if (!header) throw new ReaderError({ key: 'web.sup.err.empty' });
  return {
    header: [...header],
    delimiter: delimiter || ',',
    bom: decoded.bom,
    encoding: decoded.encoding,
    workbook: false,
    read: (onChunk) => readRows(text, delimiter || ',', onChunk),
  };
}

function readRows(text: string, delimiter: string, onChunk: (chunk: RowChunk) => void): Promise<void> {
  let headerSeen = false;
  let nextLine = 1;
  return new Promise((done, fail) => {
    Papa.parse<string[]>(text, {
      delimiter,
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk: (results: Papa.ParseResult<string[]>) => {
        const data = results.data;
        const crOnly = results.meta.linebreak === '\r';
        const rows: string[][] = [];
        const lines: number[] = [];
        const rowIndex = new Int32Array(data.length).fill(-1);
        const lineOf = new Int32Array(data.length);
        for (let i = 0; i < data.length; i++) {
          const row = data[i] as string[];
          const line = nextLine;
          lineOf[i] = line;
          nextLine += 1 + breaksIn(row, crOnly);
          if (!headerSeen) {
            if (!isBlank(row)) headerSeen = true;
            continue;
          }
          if (isEmptyLine(row)) continue;
          rowIndex[i] = rows.length;
          rows.push(row);
          lines.push(line);
        }
        const errors: RowChunk['errors'] = [];
        const notes: NonNullable<RowChunk['notes']> = [];
        for (const e of results.errors) {
          const i = e.row ?? -1;
          const inChunk = i >= 0 && i < data.length;
          if (inChunk && (rowIndex[i] ?? -1) >= 0) errors.push({ index: rowIndex[i] ?? 0, message: e.message });
          else notes.push({ line: inChunk ? (lineOf[i] ?? nextLine) : nextLine, message: e.message });
        }
        const fraction = Math.min(1, results.meta.cursor / text.length);
        onChunk({ rows, lines, errors, fraction, ...(notes.length ? { notes } : {}) });
      },
      complete: () => done(),
      error: (error: Error) => fail(error),
    });
  });
}
