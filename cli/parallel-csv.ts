/**
 * `salyk validate` on a large CSV, in pieces: the main thread reads the file, cuts it into pieces of whole rows (at a
 * line break outside quotes) and writes what comes back for them in input order. Pieces are checked by worker threads
 * ({@link CsvWorkers}), or on this thread for one core or a smaller file ({@link InlinePieces}); either way through the
 * byte lane (cli/byte-rows.ts), which writes plain rows as their own bytes and hands the others to the single-threaded
 * path's own code (`parseCsvPiece` in readers.ts, `pieceChecker` in supplier-list.ts) — so the output is byte for byte
 * the same. `SALYK_BYTE_LANE=0` sends every row through that code.
 *
 * The header, encoding, delimiter and line break are found by the single-threaded reader, which also reads the first
 * piece (title rows, header choice and all); it stops where the first cut falls and the pieces take the rest.
 *
 * This module is also the workers' entry: a worker loads it again (`new Worker(import.meta.url)`), in the bundle too,
 * and serves pieces instead.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { byteLane, type PieceJob, type PieceResult } from './byte-rows.js';
import { type CsvUnits, csvUnits, findCut, lineBreaks, unitsOf } from './csv-units.js';
import type { TextEncoding } from './encoding.js';
import { say, setLang } from './lang.js';
import { InputError, parseCsvPiece, type TableSource } from './readers.js';
import { type CheckedPiece, type PieceSetup, pieceChecker, type SummaryCollector } from './row-results.js';

/**
 * Bytes of a piece: a message per piece costs little (1 MiB pieces were no faster, and held more memory); small
 * enough that a few pieces in flight keep memory flat.
 */
const PIECE_BYTES = 256 * 1024;
/** Bytes read at a time: a few pieces (a read copies what is left of the last one). */
const READ_BYTES = 4 << 20;
/** The single-threaded reader's first piece at least (title rows and header are found there). */
const FIRST_BYTES = 1 << 16;
/** Pieces handed out and not yet written, per worker: the workers never wait, memory stays bounded. */
const IN_FLIGHT_PER_WORKER = 3;
/** The file stream's read size: an undecodable byte is reported at the start of its read, as the stream does. */
const READ_PIECE = 64 * 1024;
/** A piece of whole rows: where it starts in the file and its bytes (a buffer of its own, to transfer). */
interface Piece {
  start: number;
  bytes: Uint8Array;
}

/**
 * Reads a file from the start and cuts it into pieces of whole rows. Reads are synchronous: a cut is never raced.
 * Reads go into one buffer, reused; each piece is copied into a buffer of its own, to transfer — one written out
 * already when there is one ({@link reuse}), so a large file does not allocate a buffer per piece.
 */
class Cutter {
  private buffer: Uint8Array = new Uint8Array(0);
  private start = 0;
  private readTo = 0;
  private readBuffer: Uint8Array = Buffer.allocUnsafeSlow(0);
  private readonly spare: ArrayBuffer[] = [];

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

  /** A piece's buffer, once written out: the next piece goes into it. */
  reuse(buffer: ArrayBuffer): void {
    if (this.spare.length < MAX_SPARE) this.spare.push(buffer);
  }

  /** Reads `wanted` more bytes after what is left unread in the buffer (moved to its start). */
  private fill(wanted: number): void {
    const left = this.buffer.length;
    const length = Math.min(wanted, this.size - this.readTo);
    let target = this.readBuffer;
    if (target.length < left + length) target = Buffer.allocUnsafeSlow(left + length);
    target.set(this.buffer); // `set` copies as if through a copy when the two overlap
    for (let at = left; at < left + length; ) {
      const n = readSync(this.fd, target, at, left + length - at, this.readTo);
      if (n === 0) throw new InputError('the file got shorter while it was read');
      at += n;
      this.readTo += n;
    }
    this.readBuffer = target;
    this.buffer = target.subarray(0, left + length);
  }

  private take(length: number): Piece {
    let buffer = this.spare.pop();
    // Room for the piece's output too: the byte lane writes it into this buffer (see GrowingBytes.handOver).
    if (!buffer || buffer.byteLength < length) buffer = Buffer.allocUnsafeSlow(length * 2 + 4096).buffer;
    const bytes = new Uint8Array(buffer, 0, length);
    bytes.set(this.buffer.subarray(0, length));
    const piece = { start: this.start, bytes };
    this.buffer = this.buffer.subarray(length);
    this.start += length;
    return piece;
  }
}

/** Buffers kept for reuse: as many as pieces in flight, about. */
const MAX_SPARE = 8;

/** What a worker is told first: how to check and write its pieces. */
export interface WorkerSetup extends PieceSetup {
  encoding: TextEncoding;
}

/** What marks a worker of this module (the module is also the CLI's). */
const WORKER_DATA = { salykCsvWorker: true } as const;
/**
 * A worker's garbage is short-lived (a row's strings and result): a young generation of 4 MiB collects it as well
 * as V8's default, which grew to ~30 MiB a worker on long files — peak RSS at 10M rows 140 MiB instead of 160–200.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** A worker and the answers it owes, oldest first. */
interface PoolEntry {
  worker: Worker;
  waiting: { resolve(result: PieceResult): void; reject(error: Error): void }[];
}

/**
 * Worker threads, each answering its jobs in order. Started before the file is opened — a worker takes a few hundred
 * milliseconds to start, as long as finding the header does — and told their setup once it is known.
 */
export class CsvWorkers {
  private readonly workers: PoolEntry[];
  private turn = 0;
  private closed = false;

  constructor(readonly count: number) {
    this.workers = Array.from({ length: count }, () => {
      const entry: PoolEntry = {
        worker: new Worker(new URL(import.meta.url), { workerData: WORKER_DATA, resourceLimits: WORKER_LIMITS }),
        waiting: [],
      };
      const failAll = (error: Error) => {
        for (const job of entry.waiting.splice(0)) job.reject(error);
      };
      entry.worker.on('message', (result: PieceResult) => entry.waiting.shift()?.resolve(result));
      entry.worker.on('error', failAll);
      entry.worker.on('exit', (code) => failAll(new Error(`a CSV worker stopped (exit code ${code})`)));
      return entry;
    });
  }

  /** The parallel path on these workers: see {@link startParallelCsv}. */
  start(path: string, source: TableSource, setup: PieceSetup): ParallelCsv | undefined {
    return startParallelCsv(path, source, this, setup);
  }

  /** The setup every worker needs before its first piece (its first message). */
  configure(setup: WorkerSetup): void {
    for (const entry of this.workers) entry.worker.postMessage(setup);
  }

  /**
   * The piece to the worker with the fewest pieces waiting (in turn among equals): a worker slowed down — by the
   * machine, or a piece of rows for the parser path — gets fewer, and the other one is not left idle.
   */
  run(job: PieceJob): Promise<PieceResult> {
    let entry = this.workers[this.turn++ % this.workers.length];
    for (const other of this.workers) if (entry && other.waiting.length < entry.waiting.length) entry = other;
    if (!entry) throw new Error('no CSV workers');
    return new Promise((resolve, reject) => {
      entry.waiting.push({ resolve, reject });
      entry.worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    });
  }

  /** Stops the workers (again: nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const entry of this.workers) entry.worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
  }
}

/**
 * The pieces on this thread, one after another, through the byte lane: for one core (`SALYK_THREADS=1`) or a file too
 * small to be worth starting workers. Only where the input has a byte lane: else the reader reads the whole file.
 */
export class InlinePieces {
  readonly count = 0;
  private lane: ((job: PieceJob) => Promise<PieceResult>) | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** The inline path: see {@link startParallelCsv}; `undefined` when the input has no byte lane. */
  start(path: string, source: TableSource, setup: PieceSetup): ParallelCsv | undefined {
    const { lane, parser } = piecePaths({ ...setup, encoding: source.encoding });
    if (lane === parser) return undefined;
    this.lane = lane;
    return startParallelCsv(path, source, this, setup);
  }

  configure(): void {}

  /** Pieces one at a time, in order, as a worker takes them (a piece waits for the parser path at times). */
  run(job: PieceJob): Promise<PieceResult> {
    const lane = this.lane;
    if (!lane) throw new Error('no byte lane');
    const result = this.queue.then(() => lane(job).catch(pieceFailure));
    this.queue = result;
    return result;
  }

  async close(): Promise<void> {}
}

/** Where pieces are checked: worker threads, or this thread. */
type PiecePool = Pick<CsvWorkers, 'count' | 'configure' | 'run' | 'close'>;

/** A piece that could not be checked, as the main thread reports it (an input error, or a failure of ours). */
function pieceFailure(error: Error): PieceResult {
  return { failure: { message: error.message, input: error instanceof InputError } };
}

/** The rest of a large CSV, checked by workers and written in order: started by {@link startParallelCsv}. */
export class ParallelCsv {
  private readonly inFlight: Promise<PieceResult & { end: number }>[] = [];
  private readonly maxInFlight: number;

  constructor(
    private readonly cutter: Cutter,
    private readonly pool: PiecePool,
    private readonly fd: number,
    private readonly path: string,
    private readonly source: TableSource,
    private readonly size: number,
    /** The line the next piece starts on. */
    private nextLine: number,
    readonly workers: number,
  ) {
    this.maxInFlight = Math.max(1, workers) * IN_FLIGHT_PER_WORKER;
    this.dispatch(); // the workers start while the single-threaded reader reads the first piece
  }

  private dispatch(): void {
    while (this.inFlight.length < this.maxInFlight) {
      const piece = this.cutter.next(PIECE_BYTES);
      if (!piece) return;
      const end = piece.start + piece.bytes.length;
      const result = this.pool.run({ ...piece, last: end >= this.size, reusable: true }).then((r) => ({ ...r, end }));
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
    write: (bytes: Uint8Array, written?: () => void) => Promise<void>,
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
      const { output } = result;
      const reuse = result.reusable ? () => this.cutter.reuse(output.buffer as ArrayBuffer) : undefined;
      if (output.length) await write(output, reuse);
      else reuse?.();
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
 * reader to stop there and sets `workers` on the pieces after it. `undefined` when the file cannot be cut (encoding,
 * dialect) or the reader has read it all already: the workers are then the caller's to close.
 */
function startParallelCsv(
  path: string,
  source: TableSource,
  workers: PiecePool,
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
    workers.configure({ ...setup, encoding: source.encoding });
    const lines = 1 + lineBreaks(unitsOf(first.bytes, units), units);
    return new ParallelCsv(cutter, workers, fd, path, source, totalBytes, lines, workers.count);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The worker's side: its setup first, then pieces, each decoded, parsed, checked and encoded; answers in order. */
function servePieces(): void {
  parentPort?.once('message', (setup: WorkerSetup) => servePiecesOf(setup));
}

function servePiecesOf(setup: WorkerSetup): void {
  const port = parentPort;
  if (!port) return;
  setLang(setup.lang);
  const { lane } = piecePaths(setup);
  let queue = Promise.resolve();
  port.on('message', (job: PieceJob) => {
    queue = queue.then(async () => {
      const result = await lane(job).catch(pieceFailure);
      port.postMessage(result, 'output' in result ? [ownBuffer(result)] : []);
    });
  });
}

/**
 * How a worker checks a piece: `parser`, every row decoded, parsed, checked and encoded as on the single-threaded
 * path; `lane`, the byte lane (cli/byte-rows.ts) in front of it where the encoding has one.
 */
export function piecePaths(setup: WorkerSetup): Record<'parser' | 'lane', (job: PieceJob) => Promise<PieceResult>> {
  const check = pieceChecker(setup);
  const units = csvUnits(setup.encoding.name, setup.delimiter, setup.newline);
  const parser = (job: PieceJob) => checkPiece(job, setup, check, units);
  const lane = process.env.SALYK_BYTE_LANE === '0' ? undefined : byteLane(setup, parser);
  return { parser, lane: lane ?? parser };
}

async function checkPiece(
  job: PieceJob,
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

/**
 * The output's bytes in a buffer of their own (a small Buffer lives in a shared pool, which must not be transferred);
 * the lane's output is a view of a buffer that is its own already.
 */
function ownBuffer(result: CheckedPiece & { reusable?: boolean }): ArrayBuffer {
  const { output } = result;
  if (result.reusable) return output.buffer as ArrayBuffer;
  if (output.byteOffset !== 0 || output.byteLength !== output.buffer.byteLength) result.output = output.slice();
  return result.output.buffer as ArrayBuffer;
}

/**
 * A piece's text, decoded strictly (a BOM inside the file is a character, as for the streaming decoder); or the
 * offset the single-threaded reader reports for an undecodable byte: the start of the 64 KiB read that holds it.
 */
function decodePiece({ bytes, start, last }: PieceJob, encoding: string): string | number {
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

if (!isMainThread && (workerData as Partial<typeof WORKER_DATA> | null)?.salykCsvWorker) servePieces();
