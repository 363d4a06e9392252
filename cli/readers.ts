import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** A run of data rows; `firstRecord` is the 1-based record number (header = 1) of the first row. */
export interface RowChunk {
  rows: string[][];
  firstRecord: number;
  /** Bytes of input consumed so far (for progress), when known. */
  bytesRead?: number;
  /** Parse errors in this chunk, with 1-based record numbers. */
  errors: { record: number; message: string }[];
}

export interface TableSource {
  header: string[];
  /** CSV delimiter detected in the input (`,` for XLSX). */
  delimiter: string;
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
  return /\.xlsx$/i.test(path) ? openXlsx(path, options.sheet) : openCsv(path, size);
}

/** CSV via papaparse's streaming parser: BOM stripped, delimiter (`,` `;` tab) detected, quotes honoured. */
function openCsv(path: string, totalBytes: number): Promise<TableSource> {
  return new Promise((resolveSource, rejectSource) => {
    const queue: (RowChunk | null)[] = [];
    let wake: (() => void) | undefined;
    let parser: Papa.Parser | undefined;
    let header: string[] | undefined;
    let delimiter = ',';
    let record = 1;
    let failed: Error | undefined;
    let paused = false;
    let finished = false;
    const HIGH_WATER = 4;

    // Back-pressure: pause the parser while the consumer is behind; never resume a finished parser
    // (papaparse would keep polling the closed stream and hold the process open).
    const pause = () => {
      if (!paused && !finished) {
        paused = true;
        parser?.pause();
      }
    };
    const resume = () => {
      if (paused && !finished) {
        paused = false;
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

    Papa.parse<string[]>(createReadStream(path, { encoding: 'utf8' }), {
      skipEmptyLines: true,
      chunkSize: 1 << 20,
      chunk: (results, p) => {
        parser = p;
        let rows = results.data;
        const errors = results.errors.map((e) => ({ record: record + 1 + (e.row ?? 0), message: e.message }));
        if (!header) {
          header = rows[0] ?? [];
          header[0] = (header[0] ?? '').replace(/^\uFEFF/, '');
          delimiter = results.meta.delimiter || ',';
          rows = rows.slice(1);
          for (const e of errors) e.record -= 1;
          resolveSource({ header, delimiter, totalBytes, chunks: chunks() });
        }
        push({ rows, firstRecord: record + 1, bytesRead: results.meta.cursor, errors });
        record += rows.length;
      },
      complete: () => {
        finished = true;
        if (!header) rejectSource(new InputError(`${path} has no rows`));
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let index = 0;
  for await (const worksheet of reader) {
    index++;
    const name = (worksheet as unknown as { name?: string }).name;
    if (sheet !== undefined && sheet !== String(index) && sheet !== name) continue;
    const rows = (worksheet as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
    const first = await rows.next();
    if (first.done) throw new InputError(`sheet ${name ?? index} of ${path} is empty`);
    const header = cellsOf(first.value);
    async function* chunks(): AsyncGenerator<RowChunk> {
      let record = 2;
      let batch: string[][] = [];
      for (let r = await rows.next(); !r.done; r = await rows.next()) {
        const cells = cellsOf(r.value);
        if (cells.every((c) => c === '')) continue;
        batch.push(cells);
        if (batch.length === 5_000) {
          yield { rows: batch, firstRecord: record, errors: [] };
          record += batch.length;
          batch = [];
        }
      }
      if (batch.length) yield { rows: batch, firstRecord: record, errors: [] };
    }
    return { header, delimiter: ',', chunks: chunks() };
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
