/**
 * The byte lane of `salyk validate`'s CSV pieces (cli/parallel-csv.ts). Most rows of a supplier list are plain — an ASCII TIN cell, the header's number
 * of fields, quotes only around cells that need them, no line break inside a cell — and the CSV writer would give
 * their cells back exactly as they stand. Such a row is written as its own bytes followed by its result columns:
 * never decoded, parsed into cells or encoded again. Every other row (blank, malformed, a quoted or non-ASCII TIN,
 * a line break in a cell, a fix to write…) goes, with its neighbours of the same kind, through the parser path, so a
 * piece's output and counts are byte for byte those of the parser path alone (test/cli/byte-rows.test.ts).
 *
 * Only for encodings whose quote, delimiter and line breaks are single ASCII bytes (UTF-8, Windows-1251) and output
 * in the input's encoding; a UTF-8 piece that is not valid UTF-8 goes whole to the parser path, which reports it.
 */
import { isUtf8 } from 'node:buffer';
import type { IdentifierResult } from '../shared/identifiers/types.js';
import { type CsvUnits, csvUnits, findCut, lineBreaks } from './csv-units.js';
import { encodeInto, type TextEncoding, textEncoder } from './encoding.js';
import {
  type CheckedPiece,
  csvWriter,
  type PieceSetup,
  ResultWriter,
  type RowSink,
  SHARED_RESULTS,
  SummaryCollector,
  type TinChecker,
  tinChecker,
} from './row-results.js';

/** A piece of whole rows: where it starts in the file, its bytes, whether it ends the file. */
export interface PieceJob {
  start: number;
  bytes: Uint8Array;
  last: boolean;
  /** The bytes' buffer is the piece's alone: once the piece is checked, the lane may write into it. */
  reusable?: boolean;
}

/** A piece checked and written, or why it could not be. */
export type PieceResult =
  | (CheckedPiece & {
      /**
       * The output is a view of a buffer of its own (the lane's): transferred whole, and the main thread may reuse
       * it for a later piece once it is written (see {@link GrowingBytes.handOver}).
       */
      reusable?: boolean;
      /** Line breaks in the piece (the next piece's first line). */
      lines: number;
      hasRows: boolean;
      /** Blank rows after the piece's last data row (they count once a data row follows). */
      trailingBlankRows: number;
    })
  | { failure: { undecodable?: number; input?: boolean; message: string } };

/** The parser path on a piece (or on a run of a piece's rows: a piece of its own). */
type ParserPath = (job: PieceJob) => Promise<PieceResult>;

/**
 * The byte lane for pieces of this setup, given the parser path for the rows it leaves; `undefined` when the
 * encoding, dialect or output encoding has none (every row then takes the parser path).
 */
export function byteLane(
  setup: PieceSetup & { encoding: TextEncoding },
  parserPath: ParserPath,
): ParserPath | undefined {
  const units = csvUnits(setup.encoding.name, setup.delimiter, setup.newline);
  const write = encodeInto(setup.output.name);
  if (units?.size !== 1 || !write || setup.output.name !== setup.encoding.name) return undefined;
  const csv = csvWriter(setup.delimiter, setup.newline);
  const encoder = textEncoder({ name: setup.output.name, bom: false });
  const lane: Lane = {
    units,
    column: setup.column,
    width: setup.width,
    fixLeadingZeros: setup.fixLeadingZeros,
    check: tinChecker(setup, setup.asOf),
    parserPath,
    suffix: '',
    sink: {
      // The result columns of the row just reported (its cells are the input's bytes, written as they stand).
      row: (_cells, valid, country, kind, codes, messages, suggestion) => {
        lane.suffix = csv.results(valid, country, kind, codes, messages, suggestion);
      },
      flush: async () => undefined,
    },
    write: (text, out) => {
      if (!out.encode(text, write)) encoder.encode(text); // throws the encoder's error, naming the character
    },
    suffixes: new Array(SHARED_RESULTS).fill(undefined),
    out: new GrowingBytes(),
  };
  const utf8 = setup.encoding.name === 'utf-8';
  return async (job) => (utf8 && !isUtf8(job.bytes) ? parserPath(job) : new LanePiece(job, lane).run());
}

/** What every piece shares. */
interface Lane {
  units: CsvUnits;
  column: number;
  width: number;
  fixLeadingZeros: boolean;
  check: TinChecker;
  parserPath: ParserPath;
  sink: RowSink;
  /** The result columns the sink was handed last. */
  suffix: string;
  /** Writes text to the output in the output's encoding, or throws the encoder's error. */
  write(text: string, out: GrowingBytes): void;
  /**
   * The result columns of the check's shared results (one per routine kind: most rows), as bytes, by their index
   * (TinChecker.sharedIndex): such a row costs a comparison, not its columns' text and encoding.
   */
  suffixes: ({ bytes: Uint8Array; valid: boolean; warned: boolean } | undefined)[];
  /** The output buffer, reused piece after piece (a piece's output is copied out of it at the end). */
  out: GrowingBytes;
}

/** One piece through the byte lane: plain rows written here, runs of other rows by the parser path, in order. */
class LanePiece {
  private readonly bytes: Buffer;
  /** The same bytes, read four at a time when a row is copied. */
  private readonly view: DataView;
  private readonly scanner: RowScanner;
  private readonly summary = new SummaryCollector('', '', '');
  private readonly writer: ResultWriter;
  private readonly out: GrowingBytes;
  /** The physical line (from 1) the next row starts on: one more than the line breaks passed. */
  private line = 1;
  /** Blank rows since the last data row (they count once a data row follows). */
  private blank = 0;
  private hasRows = false;
  /** Where the run of rows for the parser path starts (-1: none), and its first line. */
  private runStart = -1;
  private runLine = 0;

  constructor(
    private readonly job: PieceJob,
    private readonly lane: Lane,
  ) {
    this.bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.length);
    this.view = new DataView(job.bytes.buffer, job.bytes.byteOffset, job.bytes.length);
    this.scanner = new RowScanner(this.bytes, lane.units, lane.column, lane.width);
    this.writer = new ResultWriter(lane.width, this.summary, lane.sink);
    this.out = lane.out.reset(job.bytes.length * 2 + 4096);
  }

  async run(): Promise<PieceResult> {
    const { bytes, scanner } = this;
    for (let at = 0; at < bytes.length; at = scanner.end) {
      const result = scanner.scan(at) ? this.plainResult() : undefined;
      if (result) {
        // Only a run waiting for the parser path is awaited: an await per plain row cost a tenth of the lane.
        const failure = this.runStart === -1 ? undefined : await this.endRun(at);
        if (failure) return failure;
        this.writePlain(at, result);
        continue;
      }
      if (this.runStart === -1) {
        this.runStart = at;
        this.runLine = this.line;
      }
      this.line += lineBreaks(bytes.subarray(at, scanner.end), this.lane.units);
    }
    const failure = await this.endRun(bytes.length);
    if (failure) return failure;
    return {
      // The piece's input is done with: its buffer, when its own, takes the next piece's output.
      ...(this.job.reusable
        ? { output: this.out.handOver(this.job.bytes.buffer as ArrayBuffer), reusable: true }
        : { output: this.out.bytes() }),
      delta: this.summary.delta(),
      lines: this.line - 1,
      hasRows: this.hasRows,
      trailingBlankRows: this.blank,
    };
  }

  /** The plain row's result; `undefined` leaves it to the parser path (a blank TIN cell, a fix to write). */
  private plainResult(): IdentifierResult | undefined {
    const { scanner, lane } = this;
    const value = latin1(this.bytes, scanner.tinStart, scanner.tinEnd);
    // ASCII: blank only if it starts with a space or control character (most cells do not: no trim for them).
    if (value.length === 0 || (value.charCodeAt(0) <= 0x20 && value.trim() === '')) return undefined;
    const result = lane.check(value);
    return lane.fixLeadingZeros && result.suggestion ? undefined : result;
  }

  /** Counts the plain row at `at` and writes its bytes and result columns. */
  private writePlain(at: number, result: IdentifierResult): void {
    if (this.blank) this.summary.blankRows(this.blank);
    this.blank = 0;
    this.hasRows = true;
    const { lane, out, scanner, line } = this;
    out.copy(this.bytes, this.view, at, scanner.contentEnd);
    // The line count goes on as the rows' line breaks go (the piece's last row may have none).
    if (scanner.end > scanner.contentEnd) this.line++;
    const shared = lane.check.sharedIndex(result);
    const known = shared === -1 ? undefined : lane.suffixes[shared];
    if (known) {
      // What the writer counts for a row without errors (kept in step by test/cli/byte-rows.test.ts).
      this.summary.row(known.valid, known.warned);
      out.append(known.bytes);
      return;
    }
    this.writer.report(NO_CELLS, line, result);
    lane.write(lane.suffix, out);
    if (shared !== -1)
      lane.suffixes[shared] = { bytes: out.last(), valid: result.valid, warned: result.warnings.length > 0 };
  }

  /** The run of rows before `to`, through the parser path, merged in; a failure ends the piece. */
  private async endRun(to: number): Promise<PieceResult | undefined> {
    if (this.runStart === -1) return undefined;
    const from = this.runStart;
    this.runStart = -1;
    const { job } = this;
    const result = await this.lane.parserPath({
      start: job.start + from,
      bytes: job.bytes.subarray(from, to),
      last: job.last && to === job.bytes.length,
    });
    if ('failure' in result) return result;
    this.out.append(result.output);
    this.summary.merge(result.delta, this.runLine - 1);
    // As the main thread merges pieces: blank rows before the run's first data row count once there is one.
    if (result.hasRows) {
      if (this.blank) this.summary.blankRows(this.blank);
      this.hasRows = true;
      this.blank = result.trailingBlankRows;
    } else this.blank += result.trailingBlankRows;
    return undefined;
  }
}

/** The cells argument of a row written from its bytes (the sink only takes its result columns). */
const NO_CELLS: string[] = [];

/** ASCII bytes as a string (a TIN cell): 12 and 14 digits, the usual lengths, without a call into the runtime. */
function latin1(b: Buffer, from: number, to: number): string {
  if (to - from === 12) {
    const f = from;
    return String.fromCharCode(
      b[f] as number,
      b[f + 1] as number,
      b[f + 2] as number,
      b[f + 3] as number,
      b[f + 4] as number,
      b[f + 5] as number,
      b[f + 6] as number,
      b[f + 7] as number,
      b[f + 8] as number,
      b[f + 9] as number,
      b[f + 10] as number,
      b[f + 11] as number,
    );
  }
  return b.toString('latin1', from, to);
}

/**
 * Finds a piece's rows and tells the plain ones. Native searches for the few bytes that matter — delimiter, quote,
 * line breaks — each kept until the scan passes it, so every byte is searched once per kind; a row with a quote is
 * read byte by byte ({@link scanQuoted}).
 */
class RowScanner {
  /** The TIN cell of the row scanned last, when plain. */
  tinStart = 0;
  tinEnd = 0;
  /** Where the plain row's line break (or the piece) starts. */
  contentEnd = 0;
  /** Where the next row starts. */
  end = 0;
  /** The next delimiter, quote, `\r` and `\n` at or after the scan (-1: none left; -2: not searched yet). */
  private delimiter = -2;
  private quote = -2;
  private cr = -2;
  private lf = -2;

  constructor(
    private readonly bytes: Buffer,
    private readonly units: CsvUnits,
    readonly column: number,
    readonly width: number,
  ) {}

  /** Whether the row at `at` is plain; for any row, {@link end} is where it ends as papaparse reads it. */
  scan(at: number): boolean {
    const { bytes, units } = this;
    this.quote = this.next(this.quote, units.quote, at);
    this.cr = this.next(this.cr, units.cr, at);
    this.lf = this.next(this.lf, units.lf, at);
    const plain = !this.rowEnd()
      ? false
      : this.quote !== -1 && this.quote < this.contentEnd
        ? scanQuoted(bytes, at, units, this)
        : this.fields(at);
    if (plain && this.asciiTin()) return true;
    const cut = findCut(bytes.subarray(at), 0, units);
    this.end = cut === -1 ? bytes.length : at + cut;
    return false;
  }

  /** `cursor`, or the next `unit` at or after `from` once the scan has passed it. */
  private next(cursor: number, unit: number, from: number): number {
    return cursor !== -1 && cursor < from ? this.bytes.indexOf(unit, from) : cursor;
  }

  /** The row's line break: the first of the file's kind, with no other `\r` or `\n` before it (a cell would hold it). */
  private rowEnd(): boolean {
    const { cr, lf } = this;
    const n = this.bytes.length;
    const newline = this.units.newline;
    const [stop, other] = newline === '\r' ? [cr, lf] : [lf, cr];
    if (stop === -1) {
      if (other !== -1) return false;
      this.contentEnd = this.end = n;
      return true;
    }
    if (newline === '\r\n' ? other !== stop - 1 : other !== -1 && other < stop) return false;
    this.contentEnd = newline === '\r\n' ? stop - 1 : stop;
    this.end = stop + 1;
    return true;
  }

  /** A row without quotes: its delimiters counted, the TIN cell found. */
  private fields(at: number): boolean {
    const { bytes, column, contentEnd } = this;
    const delimiter = this.units.delimiter;
    let field = 0;
    let start = at;
    let d = this.next(this.delimiter, delimiter, at);
    for (; d !== -1 && d < contentEnd; d = bytes.indexOf(delimiter, d + 1)) {
      if (field === column) {
        this.tinStart = start;
        this.tinEnd = d;
      }
      field++;
      start = d + 1;
    }
    this.delimiter = d;
    if (field === column) {
      this.tinStart = start;
      this.tinEnd = contentEnd;
    }
    return field + 1 === this.width;
  }

  /** The TIN cell holds ASCII only: the same characters in every encoding of the lane. */
  private asciiTin(): boolean {
    for (let i = this.tinStart; i < this.tinEnd; i++) if ((this.bytes[i] as number) > 0x7f) return false;
    return true;
  }
}

/**
 * A row with quotes, byte by byte: plain when each quoted cell needed its quotes (it holds `""` or the delimiter),
 * closes right before a delimiter or the line break and is not the TIN cell. Fills `row` as {@link RowScanner} does.
 */
function scanQuoted(
  bytes: Buffer,
  at: number,
  units: CsvUnits,
  row: { tinStart: number; tinEnd: number; contentEnd: number; column: number; width: number },
): boolean {
  const { delimiter, quote } = units;
  const end = row.contentEnd;
  let field = 0;
  let start = at;
  for (let i = at; i < end; i++) {
    const b = bytes[i];
    if (b === delimiter) {
      if (field === row.column) {
        row.tinStart = start;
        row.tinEnd = i;
      }
      field++;
      start = i + 1;
    } else if (b === quote) {
      if (i !== start || field === row.column) return false;
      i = quotedEnd(bytes, i, end, units);
      if (i === -1 || (i < end && bytes[i] !== delimiter)) return false;
      i--;
    }
  }
  if (field === row.column) {
    row.tinStart = start;
    row.tinEnd = end;
  }
  return field + 1 === row.width;
}

/** Past the closing quote of the cell opened at `open` (before `end`), when the writer would quote it too; else -1. */
function quotedEnd(bytes: Buffer, open: number, end: number, { quote, delimiter }: CsvUnits): number {
  let needed = false;
  for (let i = open + 1; i < end; i++) {
    const b = bytes[i];
    if (b === quote) {
      if (bytes[i + 1] !== quote || i + 1 >= end) return needed ? i + 1 : -1;
      needed = true;
      i++;
    } else if (b === delimiter) needed = true;
  }
  return -1;
}

/** An output buffer that grows as bytes are written. */
class GrowingBytes {
  private buffer: Buffer = Buffer.alloc(0);
  private view: DataView = new DataView(this.buffer.buffer, 0, 0);
  private length = 0;
  private lastEncoded = 0;

  /** Empty, with room for `size` bytes. */
  reset(size: number): this {
    this.length = 0;
    this.lastEncoded = 0;
    if (this.buffer.length < size) this.use(Buffer.allocUnsafeSlow(size));
    return this;
  }

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.use(bigger);
  }

  private use(buffer: Buffer): void {
    this.buffer = buffer;
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  }

  /**
   * Bytes `from` to `to` of `source` (`view` on the same bytes): a row's few dozen bytes, four at a time through
   * data views (about twice as fast as a byte loop, and faster than a native call per row).
   */
  copy(source: Buffer, view: DataView, from: number, to: number): void {
    this.room(to - from);
    const { buffer, view: out } = this;
    let at = this.length;
    let i = from;
    for (; i + 4 <= to; i += 4, at += 4) out.setUint32(at, view.getUint32(i));
    for (; i < to; i++) buffer[at++] = source[i] as number;
    this.length = at;
  }

  append(source: Uint8Array): void {
    this.room(source.length);
    this.buffer.set(source, this.length);
    this.length += source.length;
  }

  /** A copy of the bytes {@link encode} wrote last. */
  last(): Uint8Array {
    return new Uint8Array(this.buffer.subarray(this.length - this.lastEncoded, this.length));
  }

  /** `text` by `write` (see encodeInto); false when a character cannot be written. */
  encode(text: string, write: (text: string, target: Buffer, at: number) => number): boolean {
    this.room(text.length * 3);
    const n = write(text, this.buffer, this.length);
    if (n < 0) return false;
    this.length += n;
    this.lastEncoded = n;
    return true;
  }

  /** A copy of what was written, in a buffer of its own (it is transferred to the main thread). */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.subarray(0, this.length));
  }

  /**
   * What was written, as a view of this buffer, which is given up (it is transferred to the main thread, which
   * writes it and reuses it for a later piece): `next` becomes the buffer (the piece's input, no longer needed), so
   * buffers go round between the threads instead of being allocated, copied and collected piece after piece.
   */
  handOver(next: ArrayBuffer): Uint8Array {
    const written = new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length);
    this.use(Buffer.from(next));
    this.length = 0;
    return written;
  }
}
