import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { todayUtc } from '../shared/calendar.js';
import { type Lang, t } from '../shared/i18n/index.js';
import type { Country, IdentifierResult } from '../shared/identifiers/types.js';
import { validateIdentifier } from '../shared/identifiers/validate.js';
import { MAX_BATCH_ITEMS } from '../shared/schemas/identifiers.js';
import { type ApiOptions, validateBatchRemote } from './api-client.js';
import { canEncode, encodingName, type TextEncoding, textEncoder } from './encoding.js';
import { lang as cliLang } from './lang.js';
import { emptyValue, type LibraryOptions, libraryOptions } from './library-options.js';
import { defaultOutputPath, OutputFile, type OutputFormat } from './output.js';
import type { CsvWorkers, InlinePieces, ParallelCsv } from './parallel-csv.js';
import { createProgress } from './progress.js';
import { type HeaderPicker, InputError, openTable, type RowChunk, type TableSource } from './readers.js';
import {
  applyFix,
  type CheckedChunk,
  type ChunkResults,
  checkChunkOffline,
  csvRowSink,
  csvWriter,
  type FileSummary,
  malformedRows,
  RESULT_COLUMNS,
  ResultWriter,
  type CheckContext as RowContext,
  type RowSink,
  SummaryCollector,
  type SummaryCounts,
} from './row-results.js';
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

/** The checkers' context here: the row checks' own, with the whole of `salyk validate`'s options. */
interface CheckContext extends RowContext {
  options: ValidateFileOptions & { lang: Lang };
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
  // Pieces are written as CSV: a workbook asked for is written on this thread.
  const toXlsx = (options.format ?? formatOfName(options.output)) === 'xlsx';
  const workers = splittable && !toXlsx ? await piecePool(options.input) : undefined;
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
      (bytes, written) => out.write(bytes, written),
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
    lang: options.lang,
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

/** Turns row chunks into checked chunks, in input order. */
type Checker = (chunks: AsyncIterable<RowChunk>, width: number) => AsyncIterable<CheckedChunk>;

/** Offline: each chunk checked in process as it arrives. */
function checkOffline(context: CheckContext): Checker {
  return async function* (chunks, width) {
    for await (const chunk of chunks) yield checkChunkOffline(chunk, width, context);
  };
}

/** Rows checked elsewhere (a bulk job's batches): each looked up by its place in the file. */
function checkedElsewhere(checked: CheckedRows, context: CheckContext): Checker {
  return async function* (chunks, width) {
    let row = 0;
    for await (const chunk of chunks) {
      const bad = malformedRows(chunk, width, context.options.lang, context.summary);
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
      const bad = malformedRows(batch, width, context.options.lang, context.summary);
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
