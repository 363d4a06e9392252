import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import Papa from 'papaparse';
import { BackPressureQueue } from './back-pressure-queue.js';
import { InputError, type RowChunk, type TableSource } from './table.js';

export { InputError, type RowChunk, type TableSource } from './table.js';

/** The first bytes of an OLE compound file: old binary Excel (.xls), or an encrypted (password-protected) .xlsx. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** A zip's local file header: an XLSX workbook (whatever the file is called). */
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
/** How much of the file the delimiter is guessed from. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Opens a CSV or XLSX file as a stream of row chunks; memory stays bounded by the chunk size. A workbook
 * is recognised by its `.xlsx` name or its zip signature, and read by a module loaded only then.
 */
export async function openTable(path: string, options: { sheet?: string } = {}): Promise<TableSource> {
  const size = await fileSize(path);
  const head = await readHead(path);
  if (head.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new InputError(
      `${path} is an old binary Excel workbook (.xls) or a password-protected one, which salyk cannot read: save it as .xlsx or .csv`,
    );
  }
  if (/\.xlsx$/i.test(path) || head.subarray(0, 4).equals(ZIP_MAGIC)) {
    const { openXlsx } = await import('./xlsx/index.js');
    return openXlsx(path, size, options.sheet);
  }
  return openCsv(path, size, sniffDelimiter(head));
}

async function fileSize(path: string): Promise<number> {
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
  return size;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The delimiter (`,` `;` tab `|`) guessed from the file's first bytes, blank lines ignored. Guessed once
 * up front so the streaming parse can keep blank lines (for line numbers) without confusing the guess;
 * a single-column file has no delimiter to find and gets `,`.
 */
function sniffDelimiter(bytes: Buffer): { delimiter: string; bom: boolean } {
  const text = bytes.toString('utf8');
  const head = text.replace(/^\uFEFF/, '');
  return {
    delimiter: Papa.parse<string[]>(head, { preview: 20, skipEmptyLines: 'greedy' }).meta.delimiter || ',',
    bom: head.length !== text.length,
  };
}

/**
 * Line breaks inside a row's (quoted) cells, as an editor counts lines: `\r\n` and `\n` once each
 * (Excel writes in-cell breaks as `\n` even in CRLF files); a lone `\r` only in `\r`-terminated files.
 */
function breaksIn(row: readonly string[], crOnly: boolean): number {
  let n = 0;
  for (const cell of row) {
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

/**
 * Turns papaparse's result chunks into {@link RowChunk}s: finds the header (the first non-blank row),
 * drops and counts blank lines, numbers every row by its physical line, and ties parser errors to rows.
 */
class CsvChunker {
  header: string[] | undefined;
  /** The physical line the next row papaparse hands over starts on. */
  private nextLine = 1;
  /** Blank lines since the last data row: counted only once a data row follows (a final newline is no blank row). */
  private pendingBlank = 0;

  /** The chunk's data rows, or `undefined` while no header has been seen. */
  chunk(results: Papa.ParseResult<string[]>): RowChunk | undefined {
    const data = results.data;
    const crOnly = results.meta.linebreak === '\r';
    const rows: string[][] = [];
    const lines: number[] = [];
    let blankRows = 0;
    // Only when the parser flagged something: index into `data` → index into `rows` (-1 for dropped lines), and its line.
    const mapped = results.errors.length > 0;
    const rowIndex: number[] = mapped ? new Array(data.length).fill(-1) : [];
    const lineOf: number[] = mapped ? new Array(data.length) : [];
    for (let i = 0; i < data.length; i++) {
      const row = data[i] as string[];
      const line = this.nextLine;
      if (mapped) lineOf[i] = line;
      this.nextLine += 1 + breaksIn(row, crOnly);
      if (!this.header) {
        if (!isBlank(row)) this.header = [(row[0] ?? '').replace(/^\uFEFF/, ''), ...row.slice(1)];
        continue;
      }
      if (isEmptyLine(row)) {
        this.pendingBlank++;
        continue;
      }
      blankRows += this.pendingBlank;
      this.pendingBlank = 0;
      if (mapped) rowIndex[i] = rows.length;
      rows.push(row);
      lines.push(line);
    }
    if (!this.header) return undefined;
    const chunk: RowChunk = { rows, lines, bytesRead: results.meta.cursor, errors: [] };
    if (blankRows) chunk.blankRows = blankRows;
    if (mapped) this.attachErrors(chunk, results.errors, rowIndex, lineOf, data.length);
    return chunk;
  }

  /** Parser errors go to their row, or — for dropped lines and the row carried into the next chunk — to `notes`. */
  private attachErrors(
    chunk: RowChunk,
    errors: readonly Papa.ParseError[],
    rowIndex: readonly number[],
    lineOf: readonly number[],
    length: number,
  ): void {
    const notes: NonNullable<RowChunk['notes']> = [];
    for (const e of errors) {
      const i = e.row ?? -1;
      const inChunk = i >= 0 && i < length;
      // papaparse may flag the row it carries over to the next chunk (index == data.length).
      const index = inChunk ? (rowIndex[i] ?? -1) : -1;
      if (index >= 0) chunk.errors.push({ index, message: e.message });
      else notes.push({ line: inChunk ? (lineOf[i] ?? this.nextLine) : this.nextLine, message: e.message });
    }
    if (notes.length) chunk.notes = notes;
  }
}

/**
 * Pauses and resumes the file stream and papaparse together. Papaparse's own pause stops parsing but not
 * the file stream, whose chunks would pile up in its queue; and a finished parser is never resumed (it
 * would keep polling the closed stream and hold the process open).
 */
class CsvFlow {
  parser: Papa.Parser | undefined;
  finished = false;
  private paused = false;

  constructor(private readonly input: NodeJS.ReadableStream) {}

  pause(): void {
    if (!this.paused && !this.finished) {
      this.paused = true;
      this.input.pause();
      this.parser?.pause();
    }
  }

  resume(): void {
    if (this.paused && !this.finished) {
      this.paused = false;
      this.input.resume();
      this.parser?.resume();
    }
  }
}

/** CSV via papaparse's streaming parser: BOM stripped, delimiter given (sniffed), quotes honoured, lines counted. */
function openCsv(
  path: string,
  totalBytes: number,
  { delimiter, bom }: { delimiter: string; bom: boolean },
): Promise<TableSource> {
  return new Promise((resolveSource, rejectSource) => {
    const input = createReadStream(path, { encoding: 'utf8' });
    const flow = new CsvFlow(input);
    const queue = new BackPressureQueue<RowChunk>(flow);
    const chunker = new CsvChunker();
    Papa.parse<string[]>(input, {
      delimiter,
      // Empty lines are kept (and dropped by the chunker) so that every row's line number is known.
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk: (results, parser) => {
        flow.parser = parser;
        const hadHeader = chunker.header !== undefined;
        const chunk = chunker.chunk(results);
        if (!chunk || !chunker.header) return;
        if (!hadHeader) resolveSource({ header: chunker.header, delimiter, bom, totalBytes, chunks: queue });
        queue.push(chunk);
      },
      complete: () => {
        flow.finished = true;
        if (!chunker.header) rejectSource(new InputError(`${path} is empty: expected a header row with a TIN column`));
        queue.end();
      },
      error: (error) => {
        const failed = new InputError(`cannot parse ${path}: ${error.message}`);
        rejectSource(failed);
        queue.fail(failed);
      },
    });
  });
}
