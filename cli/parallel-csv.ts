/**
 * `salyk validate` on a large CSV, in parallel: the main thread reads the file, cuts it into pieces of whole rows (at
 * a line break outside quotes) and writes what the workers give back in input order; each worker decodes, parses,
 * checks and encodes its pieces with the single-threaded path's own code (`parseCsvPiece` in readers.ts,
 * `pieceChecker` in supplier-list.ts), so the output is byte for byte the same.
 *
 * The header, encoding, delimiter and line break are found by the single-threaded reader, which also reads the first
 * piece (title rows, header choice and all); it stops where the first cut falls and the workers take the rest.
 *
 * This module is also the workers' entry: a worker loads it again (`new Worker(import.meta.url)`), in the bundle too,
 * and serves pieces instead.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { TextEncoding } from './encoding.js';
import { say, setLang } from './lang.js';
import { InputError, parseCsvPiece, type TableSource } from './readers.js';
import { type CheckedPiece, type PieceSetup, pieceChecker, type SummaryCollector } from './supplier-list.js';

/**
 * Bytes of a piece: a message per piece costs little (1 MiB pieces were no faster, and held more memory); small
 * enough that a few pieces in flight keep memory flat.
 */
const PIECE_BYTES = 256 * 1024;
/** Bytes read at a time: a few pieces (a read copies what is left of the last one). */
const READ_BYTES = 4 << 20;
/** The single-threaded reader's first piece at least (title rows and header are found there). */
const FIRST_BYTES = 1 << 20;
/** Pieces handed out and not yet written, per worker: the workers never wait, memory stays bounded. */
const IN_FLIGHT_PER_WORKER = 3;
/** The file stream's read size: an undecodable byte is reported at the start of its read, as the stream does. */
const READ_PIECE = 64 * 1024;
/** Encodings whose quote, delimiter and line breaks are found by their code units. */
const CUTTABLE = new Set(['utf-8', 'windows-1251', 'utf-16le', 'utf-16be']);

/** The CSV syntax as code units of the file's encoding (bytes, or UTF-16 units in the platform's byte order). */
export interface CsvUnits {
  /** Bytes per code unit. */
  size: 1 | 2;
  quote: number;
  delimiter: number;
  cr: number;
  lf: number;
  newline: '\n' | '\r' | '\r\n';
  /** The text of units `from` to `to` (rarely needed: what stands between a closing quote and what follows). */
  text(view: Units, from: number, to: number): string;
}

/** The syntax's code units, or `undefined` for an encoding or dialect the cutter does not know. */
export function csvUnits(encoding: string, delimiter: string, newline: string): CsvUnits | undefined {
  if (!CUTTABLE.has(encoding) || delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f) return undefined;
  if (newline !== '\n' && newline !== '\r' && newline !== '\r\n') return undefined;
  const size = encoding.startsWith('utf-16') ? 2 : 1;
  const unit = (c: string) => {
    if (size === 1) return c.charCodeAt(0);
    const bytes = Buffer.from(c, 'utf16le');
    if (encoding === 'utf-16be') bytes.swap16();
    return new Uint16Array(Uint8Array.from(bytes).buffer)[0] ?? 0;
  };
  const decoder = new TextDecoder(encoding);
  return {
    size,
    quote: unit('"'),
    delimiter: unit(delimiter),
    cr: unit('\r'),
    lf: unit('\n'),
    newline,
    text: (view, from, to) => {
      const units = view.subarray(from, to);
      return decoder.decode(new Uint8Array(units.buffer, units.byteOffset, units.byteLength));
    },
  };
}

type Units = Uint8Array | Uint16Array;

/**
 * Where `view` (whole rows from its start on) may be cut: just after the first row end at or after `target`, as
 * papaparse reads rows — a quote opens a field only at its start, `""` is a quote, a field closes at a quote followed
 * (after white space) by the delimiter or the line break, any other quote stays in the field. -1: the view ends first.
 */
export function findCut(view: Units, target: number, u: CsvUnits): number {
  let at = 0;
  let end = -2; // the row end found last (-2: none looked for yet)
  for (;;) {
    const quote = view.indexOf(u.quote, at);
    const from = Math.max(at, target);
    if (end === -2 || (end !== -1 && end - u.newline.length < from)) {
      const start = newlineAt(view, from, u);
      end = start === -1 ? -1 : start + u.newline.length;
    }
    if (end !== -1 && (quote === -1 || end <= quote)) return end;
    if (quote === -1) return -1;
    at = fieldStart(view, quote, u) ? afterQuoted(view, quote, u) : quote + 1;
    if (at === -1) return -1;
  }
}

/** Where the first line break at or after `from` starts, or -1 (also for a `\r` that ends the view in a `\r\n` file). */
function newlineAt(view: Units, from: number, u: CsvUnits): number {
  if (u.newline === '\n') return view.indexOf(u.lf, from);
  let at = view.indexOf(u.cr, from);
  if (u.newline === '\r') return at;
  while (at !== -1 && at + 1 < view.length && view[at + 1] !== u.lf) at = view.indexOf(u.cr, at + 1);
  return at + 1 < view.length ? at : -1;
}

/** A quote at `at` opens a field: it starts the view, or follows a delimiter or a line break. */
function fieldStart(view: Units, at: number, u: CsvUnits): boolean {
  if (at === 0) return true;
  const before = view[at - 1];
  if (before === u.delimiter) return true;
  if (u.newline === '\r') return before === u.cr;
  if (u.newline === '\n') return before === u.lf;
  return before === u.lf && at >= 2 && view[at - 2] === u.cr;
}

/**
 * Past the quoted field opened at `open`: after its delimiter, or at its line break; -1 when the view ends first.
 * As papaparse's parser: a quote closes the field when only white space (`trim`'s) stands between it and the next
 * delimiter (or line break), which follows.
 */
function afterQuoted(view: Units, open: number, u: CsvUnits): number {
  let search = open;
  for (;;) {
    search = view.indexOf(u.quote, search + 1);
    if (search === -1 || search + 1 >= view.length) return -1;
    const next = search + 1;
    if (view[next] === u.quote) {
      search = next; // `""`
      continue;
    }
    if (view[next] === u.delimiter) return next + 1;
    if (newlineAt(view, next, u) === next) return next;
    const delimiter = view.indexOf(u.delimiter, next);
    const newline = newlineAt(view, next, u);
    if (newline === -1) return -1; // the view ends before the answer
    // papaparse's extraSpaces(min(next delimiter, next line break)), a delimiter beyond the view being farther
    const upTo = delimiter === -1 ? newline : Math.min(delimiter, newline);
    if (upTo === delimiter && u.text(view, next, upTo).trim() === '') return upTo + 1;
    if (u.text(view, next, newline).trim() === '') return newline;
    // papaparse: a malformed closing quote; the field goes on to the next quote
  }
}

/** How many line breaks (as lines are numbered: `\n`, or `\r` in a `\r` file) `view` holds. */
function lineBreaks(view: Units, u: CsvUnits): number {
  const unit = u.newline === '\r' ? u.cr : u.lf;
  let n = 0;
  for (let at = view.indexOf(unit); at !== -1; at = view.indexOf(unit, at + 1)) n++;
  return n;
}

function unitsOf(bytes: Uint8Array, u: CsvUnits): Units {
  return u.size === 1 ? bytes : new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
}

/** A piece of whole rows: where it starts in the file and its bytes (a buffer of its own, to transfer). */
interface Piece {
  start: number;
  bytes: Uint8Array;
}

/** Reads a file from the start and cuts it into pieces of whole rows. Reads are synchronous: a cut is never raced. */
class Cutter {
  private buffer = new Uint8Array(0);
  private start = 0;
  private readTo = 0;

  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly units: CsvUnits,
  ) {}

  /** The next piece, at least `minBytes` long unless the file ends first; `undefined` at the end. */
  next(minBytes: number): Piece | undefined {
    if (this.start >= this.size) return undefined;
    const target = Math.ceil(minBytes / this.units.size);
    for (;;) {
      if (this.buffer.length > minBytes) {
        const cut = findCut(unitsOf(this.buffer, this.units), target, this.units);
        if (cut !== -1) return this.take(cut * this.units.size);
      }
      if (this.readTo >= this.size) return this.take(this.buffer.length);
      this.fill(Math.max(minBytes, READ_BYTES));
    }
  }

  private fill(wanted: number): void {
    const length = Math.min(wanted, this.size - this.readTo);
    const next = new Uint8Array(this.buffer.length + length);
    next.set(this.buffer);
    for (let at = this.buffer.length; at < next.length; ) {
      const n = readSync(this.fd, next, at, next.length - at, this.readTo);
      if (n === 0) throw new InputError('the file got shorter while it was read');
      at += n;
      this.readTo += n;
    }
    this.buffer = next;
  }

  private take(length: number): Piece {
    const piece = { start: this.start, bytes: this.buffer.slice(0, length) };
    this.buffer = this.buffer.subarray(length);
    this.start += length;
    return piece;
  }
}

/** A worker's answer for one piece. */
type PieceResult =
  | (CheckedPiece & {
      /** Line breaks in the piece (the next piece's first line). */
      lines: number;
      hasRows: boolean;
      trailingBlankRows: number;
    })
  | { failure: { undecodable?: number; input?: boolean; message: string } };

/** What a worker is started with. */
interface WorkerSetup extends PieceSetup {
  salykCsvWorker: true;
  encoding: TextEncoding;
}

/** A job: a piece and whether it ends the file (a character cut off at the end is an error only there). */
interface Job {
  start: number;
  bytes: Uint8Array;
  last: boolean;
}

/** A worker and the answers it owes, oldest first. */
interface PoolEntry {
  worker: Worker;
  waiting: { resolve(result: PieceResult): void; reject(error: Error): void }[];
}

/** Worker threads, each answering its jobs in order. */
class WorkerPool {
  private readonly workers: PoolEntry[];
  private turn = 0;

  constructor(count: number, setup: WorkerSetup) {
    this.workers = Array.from({ length: count }, () => {
      const entry: PoolEntry = { worker: new Worker(new URL(import.meta.url), { workerData: setup }), waiting: [] };
      const failAll = (error: Error) => {
        for (const job of entry.waiting.splice(0)) job.reject(error);
      };
      entry.worker.on('message', (result: PieceResult) => entry.waiting.shift()?.resolve(result));
      entry.worker.on('error', failAll);
      entry.worker.on('exit', (code) => failAll(new Error(`a CSV worker stopped (exit code ${code})`)));
      return entry;
    });
  }

  /** The piece to the next worker in turn (pieces are about the same size, so turns keep them evenly busy). */
  run(job: Job): Promise<PieceResult> {
    const entry = this.workers[this.turn++ % this.workers.length];
    if (!entry) throw new Error('no CSV workers');
    return new Promise((resolve, reject) => {
      entry.waiting.push({ resolve, reject });
      entry.worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    for (const entry of this.workers) entry.worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
  }
}

/** The rest of a large CSV, checked by workers and written in order: started by {@link startParallelCsv}. */
export class ParallelCsv {
  private readonly inFlight: Promise<PieceResult & { end: number }>[] = [];
  private readonly maxInFlight: number;

  constructor(
    private readonly cutter: Cutter,
    private readonly pool: WorkerPool,
    private readonly fd: number,
    private readonly path: string,
    private readonly source: TableSource,
    private readonly size: number,
    /** The line the next piece starts on. */
    private nextLine: number,
    readonly workers: number,
  ) {
    this.maxInFlight = workers * IN_FLIGHT_PER_WORKER;
    this.dispatch(); // the workers start while the single-threaded reader reads the first piece
  }

  private dispatch(): void {
    while (this.inFlight.length < this.maxInFlight) {
      const piece = this.cutter.next(PIECE_BYTES);
      if (!piece) return;
      const end = piece.start + piece.bytes.length;
      const result = this.pool.run({ ...piece, last: end >= this.size }).then((r) => ({ ...r, end }));
      result.catch(() => undefined); // awaited in order in run(), or dropped when the run fails
      this.inFlight.push(result);
    }
  }

  /**
   * After the first piece: merges each piece's counts into `summary` and writes its bytes, in input order (the
   * writes wait for the output stream, and no more than a few pieces are out at a time).
   */
  async run(
    summary: SummaryCollector,
    write: (bytes: Uint8Array) => Promise<void>,
    progress: (bytesRead: number) => void,
  ): Promise<void> {
    // Blank rows at the end of what has been read count once a data row follows.
    let blank = this.source.split?.trailingBlankRows() ?? 0;
    for (let head = this.inFlight.shift(); head; head = this.inFlight.shift()) {
      const result = await head;
      if ('failure' in result) throw this.failure(result.failure);
      if (result.hasRows) {
        summary.blankRows(blank);
        blank = result.trailingBlankRows;
      } else blank += result.trailingBlankRows;
      summary.merge(result.delta, this.nextLine - 1);
      this.nextLine += result.lines;
      if (result.output.length) await write(result.output);
      progress(result.end);
      this.dispatch();
    }
  }

  private failure(failure: { undecodable?: number; input?: boolean; message: string }): Error {
    const { encoding } = this.source;
    if (failure.undecodable !== undefined)
      return new InputError(
        say('cli.error.undecodable', { file: this.path, encoding: encoding.name, byte: failure.undecodable }),
      );
    return failure.input ? new InputError(failure.message) : new Error(failure.message);
  }

  async close(): Promise<void> {
    await this.pool.close();
    closeSync(this.fd);
  }
}

/**
 * Starts the parallel path for `path` read through `source` (opened `splittable`): cuts the first piece, tells the
 * reader to stop there and starts `workers` workers on the pieces after it. `undefined` when the file cannot be cut
 * (encoding, dialect) or the reader has read it all already.
 */
export function startParallelCsv(
  path: string,
  source: TableSource,
  workers: number,
  setup: PieceSetup,
): ParallelCsv | undefined {
  const { split, totalBytes } = source;
  const units = csvUnits(source.encoding.name, setup.delimiter, setup.newline);
  if (!split || !totalBytes || !units) return undefined;
  const fd = openSync(path, 'r');
  try {
    const cutter = new Cutter(fd, totalBytes, units);
    const first = cutter.next(Math.max(split.passed(), FIRST_BYTES));
    if (!first || first.bytes.length >= totalBytes) {
      closeSync(fd);
      return undefined;
    }
    split.stopAt(first.bytes.length);
    const pool = new WorkerPool(workers, { ...setup, salykCsvWorker: true, encoding: source.encoding });
    const lines = 1 + lineBreaks(unitsOf(first.bytes, units), units);
    return new ParallelCsv(cutter, pool, fd, path, source, totalBytes, lines, workers);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The worker's side: decode, parse, check and encode each piece; answers in order. */
function servePieces(setup: WorkerSetup): void {
  const port = parentPort;
  if (!port) return;
  setLang(setup.lang);
  const check = pieceChecker(setup);
  const units = csvUnits(setup.encoding.name, setup.delimiter, setup.newline);
  let queue = Promise.resolve();
  port.on('message', (job: Job) => {
    queue = queue.then(async () => {
      const result = await checkPiece(job, setup, check, units).catch(
        (error: Error): PieceResult => ({
          failure: { message: error.message, input: error instanceof InputError },
        }),
      );
      port.postMessage(result, 'output' in result ? [ownBuffer(result)] : []);
    });
  });
}

async function checkPiece(
  job: Job,
  setup: WorkerSetup,
  check: ReturnType<typeof pieceChecker>,
  units: CsvUnits | undefined,
): Promise<PieceResult> {
  const text = decodePiece(job, setup.encoding.name);
  if (typeof text === 'number') return { failure: { undecodable: text, message: '' } };
  const { chunk, trailingBlankRows } = parseCsvPiece(text, setup);
  const checked = await check(chunk);
  const lines = units ? lineBreaks(unitsOf(job.bytes, units), units) : 0;
  return { ...checked, lines, hasRows: chunk.rows.length > 0, trailingBlankRows };
}

/** The output's bytes in a buffer of their own (a small Buffer lives in a shared pool, which must not be transferred). */
function ownBuffer(result: CheckedPiece): ArrayBuffer {
  const { output } = result;
  if (output.byteOffset !== 0 || output.byteLength !== output.buffer.byteLength) result.output = output.slice();
  return result.output.buffer as ArrayBuffer;
}

/**
 * A piece's text, decoded strictly (a BOM inside the file is a character, as for the streaming decoder); or the
 * offset the single-threaded reader reports for an undecodable byte: the start of the 64 KiB read that holds it.
 */
function decodePiece({ bytes, start, last }: Job, encoding: string): string | number {
  try {
    // Streaming (then flushed: a character cut off at the end is an error) is the faster of the decoder's paths.
    const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    return decoder.decode(bytes, { stream: true }) + decoder.decode();
  } catch {
    const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    for (let at = 0; at < bytes.length; ) {
      const read = Math.floor((start + at) / READ_PIECE) * READ_PIECE;
      const end = Math.min(bytes.length, read + READ_PIECE - start);
      try {
        decoder.decode(bytes.subarray(at, end), { stream: true });
      } catch {
        return read;
      }
      at = end;
    }
    return last ? start + bytes.length : start;
  }
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.salykCsvWorker)
  servePieces(workerData as WorkerSetup);
