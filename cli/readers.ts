import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { csvRowProblem } from '../shared/i18n/cli.js';
import { DEFAULT_LANG, type Lang } from '../shared/i18n/languages.js';
import { BackPressureQueue } from './back-pressure-queue.js';
import { DecodeStream, decodeSample, detectEncoding, type TextEncoding } from './encoding.js';
import { say } from './lang.js';
import {
  type CsvSplit,
  HEADER_SEARCH_ROWS,
  type HeaderPicker,
  InputError,
  type OpenOptions,
  type RowChunk,
  type TableSource,
} from './table.js';

export {
  type HeaderPicker,
  InputError,
  type OpenOptions,
  type RowChunk,
  type TableSource,
} from './table.js';

/** The first bytes of an OLE compound file: old binary Excel (.xls), or an encrypted (password-protected) .xlsx. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** A zip's local file header: an XLSX workbook (whatever the file is called). */
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
/** How much of the file the encoding and delimiter are guessed from. */
const SNIFF_BYTES = 64 * 1024;

/** The first non-blank row is the header unless a picker says otherwise. */
const firstRow: HeaderPicker = () => 0;

/**
 * Opens a CSV or XLSX file (or `-`, standard input, for a CSV) as a stream of row chunks; memory stays bounded
 * by the chunk size. A workbook is recognised by its `.xlsx` name or its zip signature, and read by a module
 * loaded only then.
 */
export async function openTable(path: string, options: OpenOptions = {}): Promise<TableSource> {
  const stdin = path === '-';
  const size = stdin ? undefined : await fileSize(path);
  const { head, rest } = stdin ? await readStdinHead() : { head: await readHead(path), rest: undefined };
  const gate = options.splittable && !stdin ? new ByteGate() : undefined;
  // Through the gate, one piece read ahead (not sixteen): the reader has passed little when the header is found,
  // and the parallel path takes the rest from there.
  const bytesOf = (): Readable =>
    rest
      ? Readable.from(prepend(head, rest))
      : gate
        ? Readable.from(gate.read(path), { highWaterMark: 1 })
        : createReadStream(path);
  const name = stdin ? 'stdin' : path;
  if (!stdin && head.length === 0) throw new InputError(say('cli.error.empty', { file: name }));
  if (head.subarray(0, 4).equals(OLE_MAGIC)) throw new InputError(say('cli.error.xls', { file: name }));
  if (/\.xlsx$/i.test(path) || head.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (stdin) throw new InputError(say('cli.error.workbookStdin'));
    const { openXlsx } = await import('./xlsx/index.js');
    return openXlsx(path, size ?? 0, options.sheet, header(options));
  }
  const encoding = detectEncoding(head, options.encoding);
  const csv = { delimiter: sniffDelimiter(head, encoding), encoding, gate, lang: options.lang ?? DEFAULT_LANG };
  return openCsv(name, bytesOf(), size, csv, header(options));
}

/**
 * The file's bytes as the file stream reads them (the same 64 KiB pieces, so an undecodable byte is reported at the
 * same offset), ending early once {@link stopAt} says where: the parallel path takes the rest.
 */
class ByteGate {
  passed = 0;
  private limit = Number.POSITIVE_INFINITY;

  async *read(path: string): AsyncGenerator<Buffer> {
    for await (const bytes of createReadStream(path) as AsyncIterable<Buffer>) {
      const room = this.limit - this.passed;
      const piece = bytes.length > room ? bytes.subarray(0, room) : bytes;
      this.passed += piece.length;
      if (piece.length) yield piece;
      if (this.passed >= this.limit) return;
    }
  }

  stopAt(byte: number): void {
    if (byte < this.passed) throw new Error(`cannot stop at byte ${byte}: ${this.passed} already read`);
    this.limit = byte;
  }
}

/** The header choice: the picker, limited to `--header-row` when one is given. */
function header(options: OpenOptions): { pick: HeaderPicker; row?: number } {
  return { pick: options.pickHeader ?? firstRow, row: options.headerRow };
}

async function readStdinHead(): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const rest = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await rest.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  if (head.length === 0) throw new InputError(say('cli.error.empty', { file: 'stdin' }));
  return { head, rest };
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

async function fileSize(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(say('cli.error.notAFile', { file: path }));
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(say('cli.error.noFile', { file: path }));
  }
  if (size === 0) throw new InputError(say('cli.error.empty', { file: path }));
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
 * a single-column file has no delimiter to find and gets `,`. Title rows without delimiters (1C) are outvoted
 * by the table below them.
 */
function sniffDelimiter(bytes: Buffer, encoding: TextEncoding): string {
  const head = decodeSample(bytes, encoding);
  return Papa.parse<string[]>(head, { preview: 40, skipEmptyLines: 'greedy' }).meta.delimiter || ',';
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

/** `rowIndex` of a row held before the header was chosen: its parser errors travel with it. */
const PREAMBLE = -2;

/**
 * A row of empty or whitespace-only cells (`;;;;`, a lone BOM): blank, wherever it stands. (`trim` removes a BOM
 * too: U+FEFF is white space to ECMAScript.) Runs for every row: a plain loop, no closure or regular expression.
 */
function isBlank(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Turns papaparse's result chunks into {@link RowChunk}s: holds the first rows until the header is chosen among
 * them (title rows above it are dropped), drops and counts blank lines, numbers every row by its physical line,
 * and ties parser errors to rows.
 */
class CsvChunker {
  header: string[] | undefined;
  headerLine = 0;
  /** The input's line break, written back in the output. */
  linebreak = '\n';
  /** The physical line the next row papaparse hands over starts on. */
  private nextLine = 1;
  /** Blank lines since the last data row: counted only once a data row follows (a final newline is no blank row). */
  private pendingBlank = 0;
  /** Rows read before the header is chosen. */
  private preamble: { row: string[]; line: number; errors?: string[] }[] = [];
  private preambleFilled = 0;

  constructor(
    private readonly choice: { pick: HeaderPicker; row?: number },
    private readonly path: string,
    /** The language of the rows' parser problems (they are written in the `messages` column). */
    private readonly lang: Lang,
  ) {}

  /** A chunker for rows after a known header (a chunk of the parallel path), lines counted from 1. */
  static after(header: string[], linebreak: string, lang: Lang): CsvChunker {
    const chunker = new CsvChunker({ pick: firstRow }, '', lang);
    chunker.header = header;
    chunker.linebreak = linebreak;
    return chunker;
  }

  /** Blank rows since the last data row: counted by whoever reads on, once a data row follows. */
  get trailingBlankRows(): number {
    return this.pendingBlank;
  }

  /** The chunk's data rows, or `undefined` while no header has been chosen. */
  chunk(results: Papa.ParseResult<string[]>): RowChunk | undefined {
    const data = results.data;
    const crOnly = results.meta.linebreak === '\r';
    if (!this.header && results.meta.linebreak) this.linebreak = results.meta.linebreak;
    const out: RowChunk = { rows: [], lines: [], errors: [] };
    // Only when the parser flagged something: index into `data` → index into `rows` (-1 for dropped lines), and its line.
    const mapped = results.errors.length > 0;
    const rowIndex: number[] = mapped ? new Array(data.length).fill(-1) : [];
    const lineOf: number[] = mapped ? new Array(data.length) : [];
    for (let i = 0; i < data.length; i++) {
      const row = data[i] as string[];
      const line = this.nextLine;
      if (mapped) lineOf[i] = line;
      this.nextLine += 1 + breaksIn(row, crOnly);
      if (this.header) {
        if (this.accept(row, line, out) && mapped) rowIndex[i] = out.rows.length - 1;
        continue;
      }
      const errors = mapped ? results.errors.filter((e) => e.row === i).map((e) => csvRowProblem(e, this.lang)) : [];
      if (mapped) rowIndex[i] = PREAMBLE;
      this.preamble.push(errors.length ? { row, line, errors } : { row, line });
      if (!isBlank(row)) this.preambleFilled++;
      if (this.choice.row ? line >= this.choice.row : this.preambleFilled >= HEADER_SEARCH_ROWS) this.decide(out);
    }
    if (!this.header) return undefined;
    if (mapped) this.attachErrors(out, results.errors, rowIndex, lineOf, data.length);
    return out;
  }

  /** At the end of the input: the header chosen from what was read, if that was not done yet. */
  finish(): RowChunk | undefined {
    if (this.header || !this.preamble.some((r) => !isBlank(r.row))) return undefined;
    const out: RowChunk = { rows: [], lines: [], errors: [] };
    this.decide(out);
    return out;
  }

  /** Chooses the header among the rows read so far; the rows after it become data rows of `out`. */
  private decide(out: RowChunk): void {
    const rows = this.preamble.filter((r) => !isBlank(r.row));
    const at = this.choice.row
      ? rows.findIndex((r) => r.line === this.choice.row)
      : this.choice.pick(
          rows.map((r) => r.row),
          {},
        );
    const found = rows[at];
    if (!found) throw new InputError(say('cli.error.headerRow', { row: this.choice.row ?? 1, file: this.path }));
    this.header = [(found.row[0] ?? '').replace(/^\uFEFF/, ''), ...found.row.slice(1)];
    this.headerLine = found.line;
    for (const r of this.preamble) {
      if (r.line <= found.line || !this.accept(r.row, r.line, out)) continue;
      for (const message of r.errors ?? []) out.errors.push({ index: out.rows.length - 1, message });
    }
    this.preamble = [];
  }

  /** A row after the header: kept (true), or a blank one counted once a data row follows. */
  private accept(row: string[], line: number, out: RowChunk): boolean {
    if (isBlank(row)) {
      this.pendingBlank++;
      return false;
    }
    if (this.pendingBlank) out.blankRows = (out.blankRows ?? 0) + this.pendingBlank;
    this.pendingBlank = 0;
    out.rows.push(row);
    out.lines.push(line);
    return true;
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
      if (index === PREAMBLE) continue; // kept with its row until the header is chosen
      const message = csvRowProblem(e, this.lang);
      if (index >= 0) chunk.errors.push({ index, message });
      else notes.push({ line: inChunk ? (lineOf[i] ?? this.nextLine) : this.nextLine, message });
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

/**
 * CSV via papaparse's streaming parser, fed strictly decoded text (see {@link DecodeStream}): BOM stripped,
 * delimiter given (sniffed), quotes honoured, lines counted, progress by bytes.
 */
function openCsv(
  path: string,
  bytes: Readable,
  totalBytes: number | undefined,
  { delimiter, encoding, gate, lang }: { delimiter: string; encoding: TextEncoding; gate?: ByteGate; lang: Lang },
  choice: { pick: HeaderPicker; row?: number },
): Promise<TableSource> {
  return new Promise((resolveSource, rejectSource) => {
    const input = new DecodeStream(encoding, path);
    const flow = new CsvFlow(input);
    const queue = new BackPressureQueue<RowChunk>(flow);
    const chunker = new CsvChunker(choice, path, lang);
    const fail = (error: Error) => {
      flow.finished = true;
      rejectSource(error);
      queue.fail(error);
    };
    bytes.on('error', (e) => input.destroy(e));
    input.on('error', (e) => fail(e instanceof InputError ? e : new InputError(`cannot read ${path}: ${e.message}`)));
    bytes.pipe(input);
    const emit = (chunk: RowChunk | undefined, hadHeader: boolean) => {
      if (!chunk || !chunker.header) return;
      if (!hadHeader) {
        const source: TableSource = {
          format: 'csv',
          header: chunker.header,
          headerLine: chunker.headerLine,
          delimiter,
          newline: chunker.linebreak,
          bom: encoding.bom,
          encoding,
          totalBytes,
          chunks: queue,
          ...(gate ? { split: splitOf(gate, chunker) } : {}),
        };
        resolveSource(source);
      }
      queue.push({ ...chunk, bytesRead: input.bytesIn });
    };
    Papa.parse<string[]>(input as unknown as NodeJS.ReadableStream, {
      delimiter,
      // Empty lines are kept (and dropped by the chunker) so that every row's line number is known.
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk: (results, parser) => {
        flow.parser = parser;
        const hadHeader = chunker.header !== undefined;
        try {
          emit(chunker.chunk(results), hadHeader);
        } catch (error) {
          parser.abort();
          fail(error as Error);
        }
      },
      complete: () => {
        if (flow.finished) return;
        flow.finished = true;
        try {
          emit(chunker.finish(), false);
        } catch (error) {
          fail(error as Error);
          return;
        }
        if (!chunker.header) rejectSource(new InputError(say('cli.error.empty', { file: path })));
        queue.end();
      },
      error: (error) =>
        fail(error instanceof InputError ? error : new InputError(`cannot parse ${path}: ${error.message}`)),
    });
  });
}

function splitOf(gate: ByteGate, chunker: CsvChunker): CsvSplit {
  return {
    passed: () => gate.passed,
    stopAt: (byte) => gate.stopAt(byte),
    trailingBlankRows: () => chunker.trailingBlankRows,
  };
}

/** A piece of whole CSV rows (after the header) parsed and turned into a chunk, as the streaming reader would. */
export interface ParsedPiece {
  chunk: RowChunk;
  /** Blank rows after the piece's last data row (they count once a data row follows, in a later piece). */
  trailingBlankRows: number;
}

/**
 * Parses `text`, whole rows that follow the header (a piece of the parallel path), with the streaming reader's
 * delimiter and line break, into the same rows, line numbers (from 1: the caller adds the piece's first line) and
 * parser errors. Papaparse's empty last row after a final line break is dropped, as its streaming parse never
 * makes it.
 */
export function parseCsvPiece(
  text: string,
  { header, delimiter, newline, lang }: { header: string[]; delimiter: string; newline: string; lang: Lang },
): ParsedPiece {
  // papaparse's own parser, without the wrapper of Papa.parse: that would strip a BOM character starting the piece,
  // and it keeps every row reachable long enough for the garbage collector to copy them (4× the GC time).
  const parser = new Papa.Parser({ delimiter, newline: newline as '\n' | '\r' | '\r\n' });
  const results = parser.parse(text, 0, false) as Papa.ParseResult<string[]>;
  const last = results.data[results.data.length - 1];
  if (text.endsWith(newline) && last?.length === 1 && last[0] === '') results.data.pop();
  const chunker = CsvChunker.after(header, newline, lang);
  const chunk = chunker.chunk(results) ?? { rows: [], lines: [], errors: [] };
  return { chunk, trailingBlankRows: chunker.trailingBlankRows };
}
