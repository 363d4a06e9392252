import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { todayUtc } from '../shared/calendar.js';
import { type Lang, t } from '../shared/i18n/index.js';
import type { Country, IdentifierResult, IdentifierWarning, ValidateOptions } from '../shared/identifiers/types.js';
import { isValidIdentifier, validateIdentifier } from '../shared/identifiers/validate.js';
import { MAX_BATCH_ITEMS } from '../shared/schemas/identifiers.js';
import { type ApiOptions, validateBatchRemote } from './api-client.js';
import { canEncode, encodingName, type TextEncoder1, type TextEncoding, textEncoder } from './encoding.js';
import { lang as cliLang } from './lang.js';
import { emptyValue, type LibraryOptions, libraryOptions } from './library-options.js';
import { defaultOutputPath, OutputFile, type OutputFormat } from './output.js';
import type { CsvWorkers, InlinePieces, ParallelCsv } from './parallel-csv.js';
import { createProgress } from './progress.js';
import { type HeaderPicker, InputError, openTable, type RowChunk, type TableSource } from './readers.js';
import { candidateColumns, chooseHeaderRow, findTinColumn } from './tin-column.js';
import { XlsxTableWriter } from './xlsx/writer.js';

export interface ValidateFileOptions {
  input: string;
  output?: string;
  column?: string;
  sheet?: string;
  country?: Country;
  fixLeadingZeros: boolean;
  quiet: boolean;
  /** Send rows to the API (audited) instead of validating offline. */
  api?: ApiOptions;
  /** CSV input encoding (`--encoding`), instead of detecting it. */
  encoding?: string;
  /** CSV output encoding (`--output-encoding`); default the input's. */
  outputEncoding?: string;
  /** The header's 1-based row (`--header-row`). */
  headerRow?: number;
  /** Output format (`--format`); default the input's. */
  format?: OutputFormat;
  /** Language of the messages, of the XLSX summary sheet and of input errors (default: the run's, `--lang`). */
  lang?: Lang;
  /** How input errors name the file (default: `input`). A bulk job names its upload, not a temporary path. */
  name?: string;
  /** "Today" for date checks (default: today, UTC): a bulk job fixes it when it starts. */
  asOf?: string;
  /** Rows already checked elsewhere (a bulk job's batches), written here instead of being checked again. */
  checked?: CheckedRows;
}

/**
 * Results of rows checked elsewhere, by data row (0 is the first row under the header, malformed rows
 * included): a bulk job's batches check with {@link checkCell}, and its finish step writes the file here,
 * so a job's checked file and `salyk validate`'s are made by the same code.
 */
export interface CheckedRows {
  at(row: number): IdentifierResult | Promise<IdentifierResult>;
}

export interface FileSummary {
  input: string;
  output: string;
  /** `csv` or `xlsx`. */
  format: OutputFormat;
  /** The input's text encoding (`utf-8` for a workbook) and the output's (CSV only). */
  encoding: string;
  outputEncoding?: string;
  /** The output is UTF-8 although the input was Windows-1251, which has no letters for the messages' language. */
  utf8Instead?: boolean;
  tinColumn: string;
  /** The header's CSV line or sheet row (title rows above it skipped). */
  headerRow: number;
  rows: number;
  /** Blank rows between data rows, skipped (not in `rows`). */
  blankRows: number;
  valid: number;
  invalid: number;
  withWarnings: number;
  fixedLeadingZeros: number;
  malformedRows: number;
  errorCounts: Record<string, number>;
  topProblems: { code: string; count: number; exampleRows: number[] }[];
  /** Malformed input, by line number (header = line 1); the first 100. */
  parseErrors: { line: number; message: string }[];
  seconds: number;
  rowsPerSecond: number;
  /** Peak resident memory of this process so far, in MiB. */
  peakRssMb: number;
  /** Worker threads that checked the rows after the first piece (a large CSV); 0: this thread alone. */
  workers: number;
}

const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'];
const MAX_EXAMPLES = 5;
const MAX_PARSE_ERRORS = 100;

/** Per-row results of one chunk: `null` for a malformed row. */
type ChunkResults = (IdentifierResult | null)[];

/** What the checkers need besides the rows: the TIN column, the options and the running summary. */
interface CheckContext {
  column: number;
  options: ValidateFileOptions & { lang: Lang };
  summary: SummaryCollector;
  /** "Today" for date checks: once per file, not per row. */
  asOf: string;
}

/**
 * Validates the TIN column of a supplier list (CSV or XLSX), streaming: rows are read, checked and
 * written in chunks with back-pressure, so memory stays flat whatever the file size.
 */
export async function validateFile(fileOptions: ValidateFileOptions): Promise<FileSummary> {
  const started = Date.now();
  const options = { ...fileOptions, lang: fileOptions.lang ?? cliLang() };
  // Rows checked elsewhere (a bulk job's batches) or by the API are read on this thread; a large local CSV may be split.
  const splittable = !options.api && !options.checked && options.input !== '-';
  const workers = splittable ? await piecePool(options.input) : undefined;
  let source: TableSource;
  let column: number;
  try {
    ({ source, column } = await openSupplierList(options, splittable));
  } catch (error) {
    await workers?.close();
    throw error;
  }
  const format = options.format ?? formatOfName(options.output) ?? source.format;
  const output = options.output ?? defaultOutputPath(options.input, source.format, format);
  const summary = new SummaryCollector(options.input, output, source.header[column] ?? '');
  const out = new OutputFile(output);
  const writer = format === 'xlsx' ? xlsxWriter(source, column, out, options.lang) : csvWriterFor(source, options, out);
  summary.describe(source, format, writer);
  const progress = createProgress({ totalBytes: source.totalBytes, quiet: options.quiet });
  const context: CheckContext = { column, options, summary, asOf: options.asOf ?? todayUtc() };
  const results = new ResultWriter(source.header.length, summary, writer.sink);
  let ok = false;
  let rest: ParallelCsv | undefined;
  try {
    rest = workers && parallelRest(source, writer, context, workers);
    summary.workers(rest?.workers ?? 0);
    await writer.start(source.header);
    const run = options.checked
      ? checkedElsewhere(options.checked, context)
      : options.api
        ? checkRemotely(options.api, context)
        : checkOffline(context);
    for await (const checked of run(source.chunks, results.width)) {
      await results.write(checked);
      progress.update(summary.rows, checked.chunk.bytesRead);
    }
    await rest?.run(
      summary,
      (bytes) => out.write(bytes),
      (bytesRead) => progress.update(summary.rows, bytesRead),
    );
    await writer.end(summary.counts());
    ok = true;
  } finally {
    await rest?.close();
    await workers?.close();
    progress.stop(ok);
    if (ok) await out.commit();
    else await out.discard();
  }
  return summary.finish(started);
}

/** The options that decide how a supplier list is read: the same for `salyk validate` and a bulk job's steps. */
export type ListOptions = Pick<
  ValidateFileOptions,
  'input' | 'name' | 'sheet' | 'encoding' | 'headerRow' | 'column'
> & {
  lang: Lang;
};

/**
 * Opens a supplier list as `salyk validate` reads it: the header row found (or `headerRow`), the TIN column
 * chosen (or `column`); an input error otherwise, listing what was found instead.
 */
export async function openSupplierList(
  options: ListOptions,
  splittable = false,
): Promise<{ source: TableSource; column: number }> {
  const source = await openTable(options.input, {
    sheet: options.sheet,
    encoding: options.encoding,
    headerRow: options.headerRow,
    pickHeader: headerPicker(options),
    splittable,
  });
  return { source, column: tinColumnOf(source.header, options) };
}

/**
 * Below this size a CSV is checked on the main thread alone: two workers start in ~0.15 s of CPU each and warm up
 * their own JIT, so on a busy 2-core machine 16–24 MiB files were 5–10 % slower in parallel, 32 MiB even, and
 * 46–66 MiB (1M rows) 20–30 % faster. `SALYK_PARALLEL_MIN_BYTES` moves it (tests, tuning).
 */
const PARALLEL_MIN_BYTES = 32 << 20;
/** Workers at most, whatever the machine (the main thread reads, cuts and writes; the output is written in order). */
const MAX_WORKERS = 4;

/**
 * How many threads check a large CSV: `SALYK_THREADS` (1: the main thread alone), else the cores available (at
 * most {@link MAX_WORKERS}).
 */
function csvThreads(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number.parseInt(env.SALYK_THREADS ?? '', 10);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, 16);
  return Math.min(availableParallelism(), MAX_WORKERS);
}

/**
 * Where the pieces of `input` (a file, not a workbook by its name) are checked: worker threads from
 * {@link PARALLEL_MIN_BYTES} (`SALYK_PARALLEL_MIN_BYTES`) with more than one thread (`SALYK_THREADS`), started now, while
 * this thread finds the header; else this thread. Loaded only then (cli/parallel-csv.ts).
 */
async function piecePool(input: string): Promise<CsvWorkers | InlinePieces | undefined> {
  if (/\.xlsx$/i.test(input)) return undefined;
  const size = await stat(input).then(
    (s) => s.size,
    () => 0,
  );
  const { CsvWorkers, InlinePieces } = await import('./parallel-csv.js');
  const threads = csvThreads();
  const minBytes = Number.parseInt(process.env.SALYK_PARALLEL_MIN_BYTES ?? '', 10);
  const parallel = size >= (Number.isInteger(minBytes) && minBytes >= 0 ? minBytes : PARALLEL_MIN_BYTES);
  return threads >= 2 && parallel ? new CsvWorkers(threads) : new InlinePieces();
}

/** A large CSV written as CSV, offline: the rows after the first piece go to `workers`; `undefined` if it cannot. */
function parallelRest(
  source: TableSource,
  writer: TableWriter,
  context: CheckContext,
  workers: CsvWorkers | InlinePieces,
): ParallelCsv | undefined {
  const { options } = context;
  if (!source.split || !writer.textEncoding) return undefined;
  return workers.start(options.input, source, {
    header: source.header,
    delimiter: source.delimiter,
    newline: source.newline ?? '\n',
    column: context.column,
    width: source.header.length,
    output: writer.textEncoding,
    asOf: context.asOf,
    lang: options.lang,
    fixLeadingZeros: options.fixLeadingZeros,
    ...(options.country ? { country: options.country } : {}),
  });
}

/** `-o x.xlsx` means XLSX, `-o x.csv` (or .txt, .tsv) CSV; other names say nothing. */
function formatOfName(output: string | undefined): OutputFormat | undefined {
  if (!output) return undefined;
  if (/\.xlsx$/i.test(output)) return 'xlsx';
  return /\.(csv|txt|tsv)$/i.test(output) ? 'csv' : undefined;
}

/** Picks the header row among the first rows, or explains what was found instead (columns with samples, sheets). */
function headerPicker(options: ListOptions): HeaderPicker {
  return (rows, where) => {
    const at = chooseHeaderRow(rows, options.column);
    if (at >= 0) return at;
    const lines = [
      `${noColumn(options)} (${candidateColumns(rows)
        .map((c) => c.header)
        .join(', ')})`,
      `  ${t('cli.error.candidates', options.lang)}`,
      ...candidateColumns(rows).map(
        (c) => `  ${c.tinLike ? '*' : ' '} ${String(c.number).padStart(2)} "${c.header}": ${c.samples.join(', ')}`,
      ),
    ];
    if (where.sheets)
      lines.push(
        `  ${t('cli.error.sheets', options.lang, { sheet: where.sheet ?? '', sheets: where.sheets.map((n, i) => `${i + 1} ${n}`).join(', ') })}`,
      );
    throw new InputError(lines.join('\n'));
  };
}

/** Lines and cells of one output format. */
interface TableWriter {
  /** The output's encoding, as the summary names it. */
  encoding: string;
  /** CSV: the output's text encoding (the parallel path's workers encode their pieces in it). */
  textEncoding?: TextEncoding;
  utf8Instead?: boolean;
  start(header: readonly string[]): Promise<void>;
  sink: RowSink;
  end(counts: SummaryCounts): Promise<void>;
}

/** CSV out: the input's delimiter and quoting, in the input's encoding (BOM kept) unless --output-encoding says. */
function csvWriterFor(
  source: TableSource,
  options: ValidateFileOptions & { lang: Lang },
  out: OutputFile,
): TableWriter {
  const { encoding, utf8Instead } = outputEncoding(source, options);
  const encoder = textEncoder(encoding);
  return {
    encoding: encoding.name + (encoding.bom ? ' BOM' : ''),
    textEncoding: encoding,
    utf8Instead,
    start: async (header) => {
      if (encoder.preamble.length) await out.write(encoder.preamble);
      const csv = csvWriter(source.delimiter, source.newline);
      await out.write(encoder.encode(csv.line([...header, ...RESULT_COLUMNS])));
    },
    sink: csvRowSink(source.delimiter, source.newline, encoder, (data) => out.write(data)),
    end: async () => undefined,
  };
}

/** CSV output rows: a chunk's lines kept as pieces and encoded together at flush (joined once, or straight into single-byte output). */
function csvRowSink(
  delimiter: string,
  newline: string | undefined,
  encoder: TextEncoder1,
  write: (data: string | Uint8Array) => Promise<void> | void,
): RowSink {
  const csv = csvWriter(delimiter, newline);
  let lines: string[] = [];
  return {
    row: (cells, valid, country, kind, codes, messages, suggestion) => {
      // Flat pieces (no `+` of a row's text and its delimiter): the join at flush copies each character once.
      lines.push(csv.cellsOf(cells), csv.results(valid, country, kind, codes, messages, suggestion));
    },
    flush: async () => {
      const parts = lines;
      lines = [];
      if (parts.length) await write(encoder.encodeAll(parts));
    },
  };
}

/** What a worker of the parallel path needs to check and write pieces of a CSV as this thread would. */
export interface PieceSetup {
  header: string[];
  delimiter: string;
  newline: string;
  column: number;
  width: number;
  /** The output's encoding (without its BOM: this thread writes that). */
  output: TextEncoding;
  asOf: string;
  lang: Lang;
  fixLeadingZeros: boolean;
  country?: Country;
}

/** A piece of rows checked and written by a worker: its output bytes and what it adds to the summary. */
export interface CheckedPiece {
  output: Uint8Array;
  delta: SummaryDelta;
}

/**
 * The worker's half of the parallel path: each chunk of rows is checked and written by the same code as on the
 * single-threaded path ({@link checkChunkOffline}, {@link ResultWriter}, {@link csvRowSink}), into bytes and a
 * summary of its own that the main thread merges in input order.
 */
export function pieceChecker(setup: PieceSetup): (chunk: RowChunk) => Promise<CheckedPiece> {
  const encoder = textEncoder({ name: setup.output.name, bom: false });
  let parts: (string | Uint8Array)[] = [];
  const sink = csvRowSink(setup.delimiter, setup.newline, encoder, (data) => {
    parts.push(data);
  });
  const options: ValidateFileOptions & { lang: Lang } = {
    input: '',
    quiet: true,
    lang: setup.lang,
    fixLeadingZeros: setup.fixLeadingZeros,
    ...(setup.country ? { country: setup.country } : {}),
  };
  return async (chunk) => {
    const summary = new SummaryCollector('', '', '');
    const context: CheckContext = { column: setup.column, options, summary, asOf: setup.asOf };
    await new ResultWriter(setup.width, summary, sink).write(checkChunkOffline(chunk, setup.width, context));
    const written = parts;
    parts = [];
    const output = Buffer.concat(written.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    return { output, delta: summary.delta() };
  };
}

/**
 * The CSV output's encoding: `--output-encoding`, else the input's — except that Windows-1251 cannot hold Kazakh
 * or Kyrgyz letters, so messages in those languages go out as UTF-8 with a BOM (said in the summary).
 */
function outputEncoding(
  source: TableSource,
  options: ValidateFileOptions & { lang: Lang },
): { encoding: TextEncoding; utf8Instead?: boolean } {
  if (options.outputEncoding) {
    const name = encodingName(options.outputEncoding);
    return {
      encoding: {
        name,
        bom:
          name.startsWith('utf-16') || (name === 'utf-8' && (source.encoding.bom || source.encoding.name !== 'utf-8')),
      },
    };
  }
  const sample = t('cli.summary.utf8Instead', options.lang);
  if (!canEncode(sample, source.encoding.name) && options.lang !== 'ru' && options.lang !== 'en')
    return { encoding: { name: 'utf-8', bom: true }, utf8Instead: true };
  return { encoding: source.encoding };
}

/** XLSX out: the TIN column and the result columns as text, invalid rows filled, a summary sheet at the end. */
function xlsxWriter(source: TableSource, column: number, out: OutputFile, lang: Lang): TableWriter {
  const width = source.header.length + RESULT_COLUMNS.length;
  const text = new Set([column, ...RESULT_COLUMNS.map((_, i) => source.header.length + i)]);
  let pending: Uint8Array[] = [];
  const xlsx = new XlsxTableWriter((bytes) => pending.push(bytes), width, text, column);
  const drain = async () => {
    const parts = pending;
    pending = [];
    for (const part of parts) await out.write(part);
  };
  let rows: { cells: string[]; invalid: boolean }[] = [];
  return {
    encoding: 'xlsx',
    start: async (header) => {
      await xlsx.header([...header, ...RESULT_COLUMNS]);
      await drain();
    },
    sink: {
      row: (cells, valid, country, kind, codes, messages, suggestion) => {
        rows.push({ cells: [...cells, valid, country, kind, codes, messages, suggestion], invalid: valid !== 'true' });
      },
      flush: async () => {
        const batch = rows;
        rows = [];
        await xlsx.rows(batch);
        await drain();
      },
    },
    end: async (counts) => {
      const labels = t('cli.summary.sheetRows', lang).split('|');
      const table: (string | number)[][] = [
        [labels[0] ?? '', counts.rows],
        [labels[1] ?? '', counts.blankRows],
        [labels[2] ?? '', counts.valid],
        [labels[3] ?? '', counts.invalid],
        [labels[4] ?? '', counts.withWarnings],
        [],
        [labels[5] ?? '', labels[6] ?? '', labels[7] ?? ''],
        ...counts.codes.map((c) => [c.code, c.count, c.exampleRows.join(', ')]),
      ];
      await xlsx.finish('Checked', t('cli.summary.sheet', lang), table);
      await drain();
    },
  };
}

/** The TIN column's index, or an input error naming the header and how to choose a column. */
function tinColumnOf(header: readonly string[], options: ListOptions): number {
  const column = findTinColumn(header, options.column);
  if (column >= 0) return column;
  throw new InputError(`${noColumn(options)} (${header.join(', ')})`);
}

/** "No such column" / "no TIN column" in the file, as the options ask. */
function noColumn(options: ListOptions): string {
  const file = options.name ?? options.input;
  return options.column
    ? t('cli.error.noColumn', options.lang, { column: options.column, file })
    : t('cli.error.noTinColumn', options.lang, { file });
}

/** A checked chunk, ready to write: its rows, their results and the malformed rows' reasons. */
interface CheckedChunk {
  chunk: RowChunk;
  results: ChunkResults;
  bad: Map<number, string>;
}

/** Turns row chunks into checked chunks, in input order. */
type Checker = (chunks: AsyncIterable<RowChunk>, width: number) => AsyncIterable<CheckedChunk>;

/** Offline: each chunk checked in process as it arrives. */
function checkOffline(context: CheckContext): Checker {
  return async function* (chunks, width) {
    for await (const chunk of chunks) yield checkChunkOffline(chunk, width, context);
  };
}

/** One chunk checked offline: malformed rows found and counted, the others validated (both paths, one code). */
function checkChunkOffline(chunk: RowChunk, width: number, context: CheckContext): CheckedChunk {
  const bad = malformedRows(chunk, width, context.summary);
  return { chunk, bad, results: checkRowsOffline(chunk, bad, context) };
}

/**
 * What the output needs of a valid KZ BIN (verdict, country, kind; a BIN's decoding never warns), shared by every
 * such row: the full result, with the decoded details the CLI does not write, is built only for the other rows.
 */
const VALID_BIN: IdentifierResult = Object.freeze({
  valid: true,
  country: 'KZ',
  kind: 'BIN',
  normalized: null,
  errors: [],
  warnings: [],
  details: {},
});

/** A BIN's digits. */
const BIN_LENGTH = 12;

/** Malformed rows get `null`; with --fix-leading-zeros a suggested value replaces the cell (see {@link applyFix}). */
function checkRowsOffline(chunk: RowChunk, bad: Map<number, string>, context: CheckContext): ChunkResults {
  const { column, options, asOf } = context;
  const check = tinChecker(options, asOf);
  return chunk.rows.map((row, i) => {
    if (bad.size > 0 && bad.has(i)) return null;
    return applyFix(row, check(row[column] ?? ''), context);
  });
}

/**
 * A TIN cell checked offline as `salyk validate` writes it ({@link cellChecker}), valid BINs — the bulk of a list —
 * by the library's allocation-free check, whose output columns are fixed. (A BIN typed with separators takes the
 * full check, whose output columns are the same.)
 */
export function tinChecker(
  options: Pick<ValidateFileOptions, 'country' | 'fixLeadingZeros'> & { lang: Lang },
  asOf: string,
): (value: string) => IdentifierResult {
  const check = cellChecker({ country: options.country, asOf, lang: options.lang }, options.fixLeadingZeros);
  const binOnly: Pick<ValidateOptions, 'country' | 'kind'> = {
    ...(options.country ? { country: options.country } : {}),
    kind: 'BIN',
  };
  return (value) => (value.length === BIN_LENGTH && isValidIdentifier(value, binOnly) ? VALID_BIN : check(value));
}

/**
 * One TIN cell as `salyk validate` checks it: an empty cell is EMPTY_VALUE; with `fixLeadingZeros` a value
 * that lost its leading zeros is checked as the suggestion says it should read (the suggestion kept on the
 * result, which is how the writer knows to replace the cell). A bulk job's batches call this too.
 */
export function checkCell(value: string, lib: LibraryOptions, fixLeadingZeros: boolean): IdentifierResult {
  return cellChecker(lib, fixLeadingZeros)(value);
}

/** {@link checkCell} with the library's options built once, for the many cells of a chunk or batch. */
export function cellChecker(lib: LibraryOptions, fixLeadingZeros: boolean): (value: string) => IdentifierResult {
  const options = libraryOptions(lib);
  return (value) => {
    if (value.trim() === '') return emptyValue(lib);
    const result = validateIdentifier(value, options);
    if (!fixLeadingZeros || !result.suggestion) return result;
    return { ...validateIdentifier(result.suggestion.value, options), suggestion: result.suggestion };
  };
}

/** Rows checked elsewhere (a bulk job's batches): each looked up by its place in the file. */
function checkedElsewhere(checked: CheckedRows, context: CheckContext): Checker {
  return async function* (chunks, width) {
    let row = 0;
    for await (const chunk of chunks) {
      const bad = malformedRows(chunk, width, context.summary);
      const results: ChunkResults = [];
      for (let i = 0; i < chunk.rows.length; i++, row++) {
        if (bad.has(i)) {
          results.push(null);
          continue;
        }
        const found = checked.at(row);
        const result = found instanceof Promise ? await found : found;
        results.push(applyFix(chunk.rows[i] ?? [], result, context));
      }
      yield { chunk, bad, results };
    }
  };
}

/**
 * Through the API (`--api`): rows regrouped into batches of the API's limit, up to `concurrency` batches
 * in flight; results are handed on in input order.
 */
function checkRemotely(api: ApiOptions, context: CheckContext): Checker {
  return async function* (chunks, width) {
    const inFlight: { chunk: RowChunk; bad: Map<number, string>; results: Promise<ChunkResults> }[] = [];
    for await (const batch of rebatch(chunks, MAX_BATCH_ITEMS)) {
      const bad = malformedRows(batch, width, context.summary);
      const results = checkRowsRemotely(api, batch, bad, context);
      results.catch(() => undefined); // awaited in order below
      inFlight.push({ chunk: batch, bad, results });
      if (inFlight.length >= api.concurrency) yield await settled(inFlight);
    }
    while (inFlight.length) yield await settled(inFlight);
  };
}

/** The oldest batch in flight, once its results are in. */
async function settled(inFlight: { chunk: RowChunk; bad: Map<number, string>; results: Promise<ChunkResults> }[]) {
  const head = inFlight.shift();
  if (!head) throw new Error('no batch in flight');
  return { chunk: head.chunk, bad: head.bad, results: await head.results };
}

/** One batch through the API; values the API would refuse as malformed requests (outside 1..64 characters) are checked here. */
async function checkRowsRemotely(
  api: ApiOptions,
  chunk: RowChunk,
  bad: Map<number, string>,
  context: CheckContext,
): Promise<ChunkResults> {
  const { column, options } = context;
  const results: ChunkResults = chunk.rows.map(() => null);
  const sendable: number[] = [];
  chunk.rows.forEach((row, i) => {
    if (bad.has(i)) return;
    const value = row[column] ?? '';
    const lib: LibraryOptions = { country: options.country, lang: options.lang };
    if (value.trim() === '') results[i] = emptyValue(lib);
    else if (value.length > 64) results[i] = validateIdentifier(value, libraryOptions(lib));
    else sendable.push(i);
  });
  const remote = await validateBatchRemote(
    api,
    sendable.map((i) => batchItem(chunk.rows[i]?.[column] ?? '', options.country)),
  );
  sendable.forEach((rowIndex, k) => {
    results[rowIndex] = remote[k] ?? null;
  });
  if (options.fixLeadingZeros) await applyFixesRemotely(api, chunk, results, sendable, context);
  return results;
}

const batchItem = (value: string, country: Country | undefined) => ({ value, ...(country ? { country } : {}) });

/** --fix-leading-zeros through the API: suggested values replace their cells and are checked again, in one batch. */
async function applyFixesRemotely(
  api: ApiOptions,
  chunk: RowChunk,
  results: ChunkResults,
  sent: readonly number[],
  { column, options, summary }: CheckContext,
): Promise<void> {
  const fixes: { index: number; suggestion: NonNullable<IdentifierResult['suggestion']> }[] = [];
  for (const index of sent) {
    const suggestion = results[index]?.suggestion;
    if (suggestion) fixes.push({ index, suggestion });
  }
  if (!fixes.length) return;
  const rechecked = await validateBatchRemote(
    api,
    fixes.map((f) => batchItem(f.suggestion.value, options.country)),
  );
  fixes.forEach(({ index, suggestion }, k) => {
    const row = chunk.rows[index];
    const result = rechecked[k];
    if (!row || !result) return;
    row[column] = suggestion.value;
    results[index] = { ...result, suggestion };
    summary.fixedLeadingZeros();
  });
}

/** Counts as rows are written, and the summary built from them at the end. */
export class SummaryCollector {
  private readonly summary: FileSummary;
  private readonly examples = new Map<string, number[]>();
  /** Parse errors already reported: papaparse repeats a quote error in every chunk it carries the broken row over. */
  private readonly reported = new Set<string>();

  constructor(input: string, output: string, tinColumn: string) {
    this.summary = {
      input,
      output,
      format: 'csv',
      encoding: 'utf-8',
      tinColumn,
      headerRow: 1,
      rows: 0,
      blankRows: 0,
      valid: 0,
      invalid: 0,
      withWarnings: 0,
      fixedLeadingZeros: 0,
      malformedRows: 0,
      errorCounts: {},
      topProblems: [],
      parseErrors: [],
      seconds: 0,
      rowsPerSecond: 0,
      peakRssMb: 0,
      workers: 0,
    };
  }

  workers(n: number): void {
    this.summary.workers = n;
  }

  get rows(): number {
    return this.summary.rows;
  }

  /** A row read; `valid` is undefined for a malformed row. */
  row(valid: boolean | undefined, warnings: boolean): void {
    const s = this.summary;
    s.rows++;
    if (valid) s.valid++;
    else s.invalid++;
    if (valid === undefined) s.malformedRows++;
    if (warnings) s.withWarnings++;
  }

  blankRows(n: number): void {
    this.summary.blankRows += n;
  }

  /** What was read and how it is written. */
  describe(source: TableSource, format: OutputFormat, writer: { encoding: string; utf8Instead?: boolean }): void {
    const s = this.summary;
    s.format = format;
    s.encoding = source.format === 'xlsx' ? 'xlsx' : source.encoding.name + (source.encoding.bom ? ' BOM' : '');
    s.outputEncoding = writer.encoding;
    if (writer.utf8Instead) s.utf8Instead = true;
    s.headerRow = source.headerLine;
  }

  counts(): SummaryCounts {
    const s = this.summary;
    const codes = Object.entries(s.errorCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => ({ code, count, exampleRows: this.examples.get(code) ?? [] }));
    return {
      rows: s.rows,
      blankRows: s.blankRows,
      valid: s.valid,
      invalid: s.invalid,
      withWarnings: s.withWarnings,
      codes,
    };
  }

  fixedLeadingZeros(): void {
    this.summary.fixedLeadingZeros++;
  }

  /** An error code on the row at `line` (the first few lines per code are kept as examples). */
  count(code: string, line: number): void {
    this.summary.errorCounts[code] = (this.summary.errorCounts[code] ?? 0) + 1;
    const list = this.examples.get(code) ?? [];
    if (list.length < MAX_EXAMPLES) this.examples.set(code, [...list, line]);
  }

  /** What this collector counted, for another to {@link merge} (a worker's piece). */
  delta(): SummaryDelta {
    const s = this.summary;
    return {
      rows: s.rows,
      blankRows: s.blankRows,
      valid: s.valid,
      invalid: s.invalid,
      withWarnings: s.withWarnings,
      fixedLeadingZeros: s.fixedLeadingZeros,
      malformedRows: s.malformedRows,
      errorCounts: s.errorCounts,
      examples: [...this.examples],
      parseErrors: s.parseErrors,
    };
  }

  /**
   * Adds a piece's counts, its line numbers moved by `lineOffset` (the piece counted from line 1). Merged in input
   * order, codes, examples and parse errors come out in the order counting them row by row gives.
   */
  merge(delta: SummaryDelta, lineOffset: number): void {
    const s = this.summary;
    s.rows += delta.rows;
    s.blankRows += delta.blankRows;
    s.valid += delta.valid;
    s.invalid += delta.invalid;
    s.withWarnings += delta.withWarnings;
    s.fixedLeadingZeros += delta.fixedLeadingZeros;
    s.malformedRows += delta.malformedRows;
    for (const [code, n] of Object.entries(delta.errorCounts)) s.errorCounts[code] = (s.errorCounts[code] ?? 0) + n;
    for (const [code, lines] of delta.examples) {
      const list = this.examples.get(code) ?? [];
      for (const line of lines) if (list.length < MAX_EXAMPLES) list.push(line + lineOffset);
      this.examples.set(code, list);
    }
    for (const e of delta.parseErrors) this.parseError(e.line + lineOffset, e.message);
  }

  parseError(line: number, message: string): void {
    const key = `${line}\n${message}`;
    if (this.summary.parseErrors.length >= MAX_PARSE_ERRORS || this.reported.has(key)) return;
    this.reported.add(key);
    this.summary.parseErrors.push({ line, message });
  }

  finish(started: number): FileSummary {
    const s = this.summary;
    s.seconds = (Date.now() - started) / 1000;
    s.rowsPerSecond = Math.round(s.rows / Math.max(s.seconds, 0.001));
    s.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    s.topProblems = Object.entries(s.errorCounts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([code, n]) => ({ code, count: n, exampleRows: this.examples.get(code) ?? [] }));
    return s;
  }
}

/** A summary's counts as a worker sends them (structured-clone safe). */
export type SummaryDelta = Pick<
  FileSummary,
  | 'rows'
  | 'blankRows'
  | 'valid'
  | 'invalid'
  | 'withWarnings'
  | 'fixedLeadingZeros'
  | 'malformedRows'
  | 'errorCounts'
  | 'parseErrors'
> & { examples: [string, number[]][] };

/** The counts the summary sheet shows. */
type SummaryCounts = Pick<FileSummary, 'rows' | 'blankRows' | 'valid' | 'invalid' | 'withWarnings'> & {
  codes: FileSummary['topProblems'];
};

/** One output row, cell by cell: the (fitted) input cells and the result columns. */
export interface RowSink {
  row(
    cells: string[],
    valid: string,
    country: string,
    kind: string,
    codes: string,
    messages: string,
    suggestion: string,
  ): void;
  /** Writes what the rows since the last flush made. */
  flush(): Promise<void>;
}

/** Turns checked rows into output rows (the hot path) and counts them in the summary. */
export class ResultWriter {
  /** The last lone warning and its text: every valid KG number carries the same warning object. */
  private lastWarning: IdentifierWarning | undefined;
  private lastWarningText = '';

  constructor(
    readonly width: number,
    private readonly summary: SummaryCollector,
    private readonly sink: RowSink,
  ) {}

  async write({ chunk, results, bad }: CheckedChunk): Promise<void> {
    if (chunk.blankRows) this.summary.blankRows(chunk.blankRows);
    for (let i = 0; i < chunk.rows.length; i++) {
      const row = chunk.rows[i] ?? [];
      const line = chunk.lines[i] ?? 0;
      const result = results[i];
      if (result) this.checked(row, line, result);
      else this.malformed(row, line, bad.get(i));
    }
    await this.sink.flush();
  }

  private malformed(row: string[], line: number, reason = 'malformed row'): void {
    this.summary.row(undefined, false);
    this.summary.count('MALFORMED_ROW', line);
    // Fitted to the header so the result columns stay under their names.
    const cells = row.length > this.width ? row.slice(0, this.width) : row;
    while (cells.length < this.width) cells.push('');
    this.sink.row(cells, 'false', '', '', 'MALFORMED_ROW', reason, '');
  }

  /** `CODE: message` of a row's only warning, made once while the same warning repeats (the same string each time). */
  private warningText(warning: IdentifierWarning): string {
    if (warning !== this.lastWarning) {
      this.lastWarning = warning;
      this.lastWarningText = `${warning.code}: ${warning.message}`;
    }
    return this.lastWarningText;
  }

  private checked(row: string[], line: number, result: IdentifierResult): void {
    while (row.length < this.width) row.push('');
    this.report(row, line, result);
  }

  /** Counts a checked row and hands the sink its cells (as they are) and result columns. */
  report(row: string[], line: number, result: IdentifierResult): void {
    this.summary.row(result.valid, result.warnings.length > 0);
    let codes = '';
    let messages = '';
    for (const e of result.errors) {
      this.summary.count(e.code, line);
      codes += codes ? ` ${e.code}` : e.code;
      messages += `${messages ? '; ' : ''}${e.code}: ${e.message}`;
    }
    const [only] = result.warnings;
    if (only && messages === '' && result.warnings.length === 1) messages = this.warningText(only);
    else for (const w of result.warnings) messages += `${messages ? '; ' : ''}${w.code}: ${w.message}`;
    this.sink.row(
      row,
      result.valid ? 'true' : 'false',
      result.country ?? '',
      result.kind ?? '',
      codes,
      messages,
      result.suggestion?.value ?? '',
    );
  }
}

/**
 * RFC 4180 output: a field is quoted only when it holds the delimiter, a quote or a line break.
 * (Hand-written because it runs for every cell of million-row files; papaparse's unparse was a third of the time.)
 */
export function csvWriter(delimiter: string, newline = '\n') {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}]`);
  let lastCell = '';
  let lastEscaped = '';
  /** A cell, quoted when needed; the last answer is kept, as the same message text repeats row after row. */
  const escapeCell = (cell: string) => {
    if (cell === lastCell) return lastEscaped;
    lastCell = cell;
    lastEscaped = special.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    return lastEscaped;
  };
  /** The cells of a line, delimited and quoted where needed: a flat string (a join) for the common row. */
  const cellsOf = (cells: readonly string[]) => {
    // Most rows need no quoting: a test per cell (no allocation), then one native join.
    let plain = true;
    for (let i = 0; i < cells.length && plain; i++) plain = !special.test(cells[i] ?? '');
    if (plain) return cells.join(delimiter);
    let out = escapeCell(cells[0] ?? '');
    for (let i = 1; i < cells.length; i++) out += delimiter + escapeCell(cells[i] ?? '');
    return out;
  };
  /** One CSV line; `end` is the line terminator, or the delimiter when more cells follow. */
  const line = (cells: readonly string[], end = newline) => cellsOf(cells) + (end === '' ? delimiter : end);
  /**
   * Rows without codes or suggestion share a few result texts (a valid BIN; a KG number with its one warning):
   * the last few are kept, so most rows make no string here (a dozen `+` per row was a sixth of all allocation).
   */
  const recent: { valid: string; country: string; kind: string; messages: string; text: string }[] = [];
  let next = 0;
  /** The result columns of a row with the delimiter before them (after the row's cells) and the line break. */
  const results = (
    valid: string,
    country: string,
    kind: string,
    codes: string,
    messages: string,
    suggestion: string,
  ) => {
    const d = delimiter;
    if (codes !== '' || suggestion !== '')
      return `${d}${valid}${d}${country}${d}${kind}${d}${codes}${d}${escapeCell(messages)}${d}${suggestion}${newline}`;
    for (const r of recent)
      if (r.messages === messages && r.kind === kind && r.country === country && r.valid === valid) return r.text;
    const text = `${d}${valid}${d}${country}${d}${kind}${d}${d}${escapeCell(messages)}${d}${newline}`;
    recent[next] = { valid, country, kind, messages, text };
    next = (next + 1) % RECENT_RESULTS;
    return text;
  };
  return { line, cellsOf, results };
}

/** How many result texts {@link csvWriter} keeps. */
const RECENT_RESULTS = 8;

/**
 * Rows whose field count differs from the header's, or that the parser flagged, are malformed: their
 * index → the reason. Each is reported with its line, and so are parser notes tied to no row.
 */
export function malformedRows(
  chunk: RowChunk,
  width: number,
  summary?: Pick<SummaryCollector, 'parseError'>,
): Map<number, string> {
  const bad = new Map<number, string>();
  const found: { line: number; message: string }[] = [...(chunk.notes ?? [])];
  for (const e of chunk.errors) {
    if (!bad.has(e.index)) bad.set(e.index, e.message);
    found.push({ line: chunk.lines[e.index] ?? 0, message: e.message });
  }
  chunk.rows.forEach((row, i) => {
    if (row.length !== width && !bad.has(i)) {
      const message = `expected ${width} fields, found ${row.length}`;
      bad.set(i, message);
      found.push({ line: chunk.lines[i] ?? 0, message });
    }
  });
  // In file order, whatever found them.
  if (summary) for (const f of found.sort((a, b) => a.line - b.line)) summary.parseError(f.line, f.message);
  return bad;
}

/** With --fix-leading-zeros, a result checked as its suggestion replaces the row's cell (and is counted). */
function applyFix(
  row: string[],
  result: IdentifierResult,
  { column, options, summary }: CheckContext,
): IdentifierResult {
  if (!options.fixLeadingZeros || !result.suggestion) return result;
  summary.fixedLeadingZeros();
  row[column] = result.suggestion.value;
  return result;
}

/** Regroups row chunks into batches of at most `size` rows (the API's batch limit). */
async function* rebatch(chunks: AsyncIterable<RowChunk>, size: number): AsyncGenerator<RowChunk> {
  let pending: RowChunk | undefined;
  for await (const chunk of chunks) {
    if (chunk.rows.length === 0 && chunk.notes?.length) {
      // Parser notes from a chunk without rows (e.g. only blank lines) ride with the next batch.
      pending = {
        rows: [],
        lines: [],
        errors: [],
        ...pending,
        bytesRead: chunk.bytesRead,
        notes: [...(pending?.notes ?? []), ...chunk.notes],
      };
    }
    for (let start = 0; start < chunk.rows.length; ) {
      const offset = pending?.rows.length ?? 0;
      const end = Math.min(chunk.rows.length, start + size - offset);
      const errors = chunk.errors
        .filter((e) => e.index >= start && e.index < end)
        .map((e) => ({ index: e.index - start + offset, message: e.message }));
      const notes = start === 0 ? (chunk.notes ?? []) : [];
      pending = {
        rows: [...(pending?.rows ?? []), ...chunk.rows.slice(start, end)],
        lines: [...(pending?.lines ?? []), ...chunk.lines.slice(start, end)],
        bytesRead: chunk.bytesRead,
        errors: [...(pending?.errors ?? []), ...errors],
        notes: [...(pending?.notes ?? []), ...notes],
      };
      start = end;
      if (pending.rows.length === size) {
        yield pending;
        pending = undefined;
      }
    }
  }
  if (pending?.rows.length) yield pending;
}
