import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** A run of data rows. */
export interface RowChunk {
  rows: string[][];
  /**
   * Where each row starts, 1-based, as a user finds it: the physical line of a CSV (blank lines and
   * line breaks inside quoted fields counted) or the row number of an XLSX sheet.
   */
  lines: number[];
  /** Bytes of input consumed so far (for progress), when known. */
  bytesRead?: number;
  /** Rows the parser flagged (e.g. quote errors), by index into `rows`. */
  errors: { index: number; message: string }[];
  /** Parser problems that belong to no row of this chunk (reported, not attached to a row). */
  notes?: { line: number; message: string }[];
}

export interface TableSource {
  header: string[];
  /** CSV delimiter detected in the input (`,` for XLSX). */
  delimiter: string;
  /** Write a UTF-8 BOM in the output: the input CSV had one, or the input is a workbook (Excel needs it for Cyrillic). */
  bom: boolean;
  totalBytes?: number;
  chunks: AsyncIterable<RowChunk>;
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Opens a CSV or XLSX file as a stream of row chunks; memory stays bounded by the chunk size. */
export async function openTable(path: string, options: { sheet?: string } = {}): Promise<TableSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${path}: no such file`);
  }
  if (size === 0) throw new InputError(`${path} is empty: expected a header row with a TIN column`);
  return /\.xlsx$/i.test(path) ? openXlsx(path, options.sheet) : openCsv(path, size, await sniffDelimiter(path));
}

/**
 * The delimiter (`,` `;` tab `|`) guessed from the first 64 KiB, blank lines ignored. Guessed once up
 * front so the streaming parse can keep blank lines (for line numbers) without confusing the guess;
 * a single-column file has no delimiter to find and gets `,`.
 */
async function sniffDelimiter(path: string): Promise<{ delimiter: string; bom: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const head = text.replace(/^\uFEFF/, '');
    return {
      delimiter: Papa.parse<string[]>(head, { preview: 20, skipEmptyLines: 'greedy' }).meta.delimiter || ',',
      bom: head.length !== text.length,
    };
  } finally {
    await handle.close();
  }
}

/**
 * Line breaks inside a row's (quoted) cells, as an editor counts lines: `\r\n` and `\n` once each
 * (Excel writes in-cell breaks as `\n` even in CRLF files); a lone `\r` only in `\r`-terminated files.
 */
function breaksIn(row: readonly string[], crOnly: boolean): number {
  let n = 0;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c]!;
    if (crOnly) {
      for (let at = cell.indexOf('\r'); at !== -1; at = cell.indexOf('\r', at + 1)) n++;
    } else {
      for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) n++;
    }
  }
  return n;
}

/** A row papaparse makes of an empty line. */
const isEmptyLine = (row: readonly string[]) => row.length === 1 && row[0] === '';
/** Before the header, whitespace-only lines (and a lone BOM) count as blank too. */
const isBlank = (row: readonly string[]) => row.every((cell) => cell.replace(/^\uFEFF/, '').trim() === '');

/** CSV via papaparse's streaming parser: BOM stripped, delimiter given (sniffed), quotes honoured, lines counted. */
function openCsv(
  path: string,
  totalBytes: number,
  { delimiter, bom }: { delimiter: string; bom: boolean },
): Promise<TableSource> {
  return new Promise((resolveSource, rejectSource) => {
    const queue: (RowChunk | null)[] = [];
    let wake: (() => void) | undefined;
    let parser: Papa.Parser | undefined;
    let header: string[] | undefined;
    /** The physical line the next row papaparse hands over starts on. */
    let nextLine = 1;
    let failed: Error | undefined;
    let paused = false;
    let finished = false;
    const HIGH_WATER = 4;

    const input = createReadStream(path, { encoding: 'utf8' });

    // Back-pressure: pause the parser while the consumer is behind; never resume a finished parser
    // (papaparse would keep polling the closed stream and hold the process open). Papaparse's own
    // pause stops parsing but not the file stream, whose chunks would pile up in its queue: pause both.
    const pause = () => {
      if (!paused && !finished) {
        paused = true;
        input.pause();
        parser?.pause();
      }
    };
    const resume = () => {
      if (paused && !finished) {
        paused = false;
        input.resume();
        parser?.resume();
      }
    };
    const push = (item: RowChunk | null) => {
      queue.push(item);
      wake?.();
      if (queue.length >= HIGH_WATER) pause();
    };

    async function* chunks(): AsyncGenerator<RowChunk> {
      for (;;) {
        if (failed) throw failed;
        const next = queue.shift();
        if (next === undefined) {
          resume();
          await new Promise<void>((r) => (wake = r));
          wake = undefined;
          continue;
        }
        if (next === null) return;
        if (queue.length < HIGH_WATER) resume();
        yield next;
      }
    }

    Papa.parse<string[]>(input, {
      delimiter,
      // Empty lines are kept (and dropped below) so that every row's line number is known.
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk: (results, p) => {
        parser = p;
        const data = results.data;
        const crOnly = results.meta.linebreak === '\r';
        const rows: string[][] = [];
        const lines: number[] = [];
        // Only when the parser flagged something: index into `data` → index into `rows` (-1 for dropped lines), and its line.
        const mapped = results.errors.length > 0;
        const rowIndex: number[] = mapped ? new Array(data.length).fill(-1) : [];
        const lineOf: number[] = mapped ? new Array(data.length) : [];
        for (let i = 0; i < data.length; i++) {
          const row = data[i]!;
          const line = nextLine;
          if (mapped) lineOf[i] = line;
          nextLine += 1 + breaksIn(row, crOnly);
          if (!header) {
            if (isBlank(row)) continue;
            row[0] = (row[0] ?? '').replace(/^\uFEFF/, '');
            header = row;
            resolveSource({ header, delimiter, bom, totalBytes, chunks: chunks() });
            continue;
          }
          if (isEmptyLine(row)) continue;
          if (mapped) rowIndex[i] = rows.length;
          rows.push(row);
          lines.push(line);
        }
        const errors: RowChunk['errors'] = [];
        const notes: NonNullable<RowChunk['notes']> = [];
        for (const e of results.errors) {
          const i = e.row ?? -1;
          // papaparse may flag the row it carries over to the next chunk (index == data.length).
          if (i >= 0 && i < data.length && rowIndex[i]! >= 0) errors.push({ index: rowIndex[i]!, message: e.message });
          else notes.push({ line: i >= 0 && i < data.length ? lineOf[i]! : nextLine, message: e.message });
        }
        if (header) push({ rows, lines, bytesRead: results.meta.cursor, errors, ...(notes.length ? { notes } : {}) });
      },
      complete: () => {
        finished = true;
        if (!header) rejectSource(new InputError(`${path} is empty: expected a header row with a TIN column`));
        push(null);
      },
      error: (error) => {
        failed = new InputError(`cannot parse ${path}: ${error.message}`);
        rejectSource(failed);
        wake?.();
      },
    });
  });
}

/** XLSX via exceljs' streaming reader: first sheet unless `--sheet` names one (by name or 1-based number). */
async function openXlsx(path: string, sheet?: string): Promise<TableSource> {
  // Loaded only for workbooks: exceljs is large, and CSV runs should not pay for it at start-up.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let index = 0;
  // Iterate by hand: leaving a `for await` early would close the workbook stream under the sheet we return.
  const sheets = (reader as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
    const worksheet = next.value;
    index++;
    const name = (worksheet as unknown as { name?: string }).name;
    if (sheet !== undefined && sheet !== String(index) && sheet !== name) continue;
    const rows = (worksheet as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
    const first = await rows.next();
    if (first.done) throw new InputError(`sheet ${name ?? index} of ${path} is empty`);
    const header = cellsOf(first.value);
    // A sheet has no field count: trailing empty header cells are formatting, and a row whose last
    // cells are empty simply ends early. Rows are fitted to the header's width.
    while (header.length > 1 && header.at(-1) === '') header.pop();
    const width = header.length;
    async function* chunks(): AsyncGenerator<RowChunk> {
      let batch: string[][] = [];
      let lines: number[] = [];
      for (let r = await rows.next(); !r.done; r = await rows.next()) {
        const cells = cellsOf(r.value);
        if (cells.every((c) => c === '')) continue;
        while (cells.length > width && cells.at(-1) === '') cells.pop();
        while (cells.length < width) cells.push('');
        batch.push(cells);
        lines.push(r.value.number);
        if (batch.length === 5_000) {
          yield { rows: batch, lines, errors: [] };
          batch = [];
          lines = [];
        }
      }
      if (batch.length) yield { rows: batch, lines, errors: [] };
    }
    return { header, delimiter: ',', bom: true, chunks: chunks() };
  }
  throw new InputError(sheet === undefined ? `${path} has no sheets` : `${path} has no sheet "${sheet}"`);
}

/** A row's cells as text; numbers print in full (a TIN stored as a number has lost its leading zeros). */
function cellsOf(row: ExcelJS.Row): string[] {
  const values = (row.values as unknown[]).slice(1);
  return Array.from(values, (v) => cellText(v));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return String(value);
}
