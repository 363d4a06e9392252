/**
 * What a checked row of a supplier list writes and counts, whoever reads the file: the TIN check of one cell
 * ({@link tinChecker}, {@link cellChecker}), the result columns ({@link ResultWriter}, {@link csvWriter}) and the
 * summary ({@link SummaryCollector}). `salyk validate` (supplier-list.ts), its parallel path's workers
 * (parallel-csv.ts, byte-rows.ts) and a bulk job's batches all use this module — and only this, so a worker or a
 * Lambda function loads no more than it needs.
 */
import { tCli } from '../shared/i18n/cli.js';
import type { Lang } from '../shared/i18n/index.js';
import type {
  Country,
  IdentifierKind,
  IdentifierResult,
  IdentifierWarning,
  ValidateOptions,
} from '../shared/identifiers/types.js';
import { routineKind, validateIdentifier } from '../shared/identifiers/validate.js';
import { type TextEncoder1, type TextEncoding, textEncoder } from './encoding.js';
import { emptyValue, type LibraryOptions, libraryOptions } from './library-options.js';
import type { OutputFormat } from './output.js';
import type { RowChunk, TableSource } from './table.js';

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

export const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'];
const MAX_EXAMPLES = 5;
const MAX_PARSE_ERRORS = 100;

/** Per-row results of one chunk: `null` for a malformed row. */
export type ChunkResults = (IdentifierResult | null)[];

/** The options that decide how a TIN cell is checked. */
export interface CheckOptions {
  country?: Country;
  fixLeadingZeros: boolean;
  lang: Lang;
}

/** What the checkers need besides the rows: the TIN column, the options and the running summary. */
export interface CheckContext {
  column: number;
  options: CheckOptions;
  summary: SummaryCollector;
  /** "Today" for date checks: once per file, not per row. */
  asOf: string;
}

/** CSV output rows: a chunk's lines kept as pieces and encoded together at flush (joined once, or straight into single-byte output). */
export function csvRowSink(
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
  const options: CheckOptions = {
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

/** A checked chunk, ready to write: its rows, their results and the malformed rows' reasons. */
export interface CheckedChunk {
  chunk: RowChunk;
  results: ChunkResults;
  bad: Map<number, string>;
}

/** One chunk checked offline: malformed rows found and counted, the others validated (both paths, one code). */
export function checkChunkOffline(chunk: RowChunk, width: number, context: CheckContext): CheckedChunk {
  const bad = malformedRows(chunk, width, context.options.lang, context.summary);
  return { chunk, bad, results: checkRowsOffline(chunk, bad, context) };
}

/** Malformed rows get `null`; with --fix-leading-zeros a suggested value replaces the cell (see {@link applyFix}). */
function checkRowsOffline(chunk: RowChunk, bad: Map<number, string>, context: CheckContext): ChunkResults {
  const { column, options, asOf } = context;
  const check = tinChecker(options, asOf);
  return chunk.rows.map((row, i) => {
    if (bad.size > 0 && bad.has(i)) return null;
    return applyFix(row, check(row[column] ?? ''), context);
  });
}

/** {@link tinChecker}'s check of one cell, and how to tell its shared results. */
export interface TinChecker {
  (value: string): IdentifierResult;
  /**
   * Which of the shared results `result` is — the one result every routine number of its kind shares, the same
   * object each time — as an index below {@link SHARED_RESULTS}; -1 for any other result.
   */
  sharedIndex(result: IdentifierResult): number;
}

/** How many shared results a {@link TinChecker} has at most: one per kind. */
export const SHARED_RESULTS = 4;

/** A kind's place among the shared results (compared, not looked up: this runs for every row). */
const slotOf = (kind: IdentifierKind | null): number =>
  kind === 'BIN' ? 0 : kind === 'IIN' ? 1 : kind === 'INN' ? 2 : kind === 'PIN' ? 3 : -1;

/**
 * A TIN cell checked offline as `salyk validate` writes it ({@link cellChecker}); a routine valid number — most of
 * a list: a BIN, an IIN, a KG INN or citizen's PIN with nothing of its own to warn of — gets its kind's one shared
 * result (the library's `routineKind`, which allocates nothing), built by the full check of the first such number.
 * Its `normalized` and `details` are left out: no output column holds them.
 */
export function tinChecker(options: CheckOptions, asOf: string): TinChecker {
  const check = cellChecker({ country: options.country, asOf, lang: options.lang }, options.fixLeadingZeros);
  const routine: Pick<ValidateOptions, 'country' | 'asOf'> = {
    ...(options.country ? { country: options.country } : {}),
    asOf,
  };
  const shared: (IdentifierResult | undefined)[] = new Array(SHARED_RESULTS).fill(undefined);
  const sharedResult = (value: string, slot: number) => {
    const result: IdentifierResult = Object.freeze({ ...check(value), normalized: null, details: {} });
    shared[slot] = result;
    return result;
  };
  const tin = (value: string) => {
    const slot = slotOf(routineKind(value, routine));
    return slot === -1 ? check(value) : (shared[slot] ?? sharedResult(value, slot));
  };
  // By identity, not by the result's kind: results come in many shapes, and a property read on them would be slow.
  const sharedIndex = (result: IdentifierResult) => shared.indexOf(result);
  return Object.assign(tin, { sharedIndex });
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
    const { rows, blankRows, valid, invalid, withWarnings, errorCounts } = this.summary;
    const codes = Object.entries(errorCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => ({ code, count, exampleRows: this.examples.get(code) ?? [] }));
    return { rows, blankRows, valid, invalid, withWarnings, codes };
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
export type SummaryCounts = Pick<FileSummary, 'rows' | 'blankRows' | 'valid' | 'invalid' | 'withWarnings'> & {
  codes: FileSummary['topProblems'];
};

/** A checked row's result columns, as written (CSV text or XLSX cells). */
type ResultColumns = [
  valid: string,
  country: string,
  kind: string,
  codes: string,
  messages: string,
  suggestion: string,
];

/** One output row, cell by cell: the (fitted) input cells and the result columns. */
export interface RowSink {
  row(cells: string[], ...columns: ResultColumns): void;
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
  const results: (...columns: ResultColumns) => string = (valid, country, kind, codes, messages, suggestion) => {
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
  lang: Lang,
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
      const message = tCli('cli.row.fieldCount', lang, { expected: width, found: row.length });
      bad.set(i, message);
      found.push({ line: chunk.lines[i] ?? 0, message });
    }
  });
  // In file order, whatever found them.
  if (summary) for (const f of found.sort((a, b) => a.line - b.line)) summary.parseError(f.line, f.message);
  return bad;
}

/** With --fix-leading-zeros, a result checked as its suggestion replaces the row's cell (and is counted). */
export function applyFix(
  row: string[],
  result: IdentifierResult,
  { column, options, summary }: CheckContext,
): IdentifierResult {
  if (!options.fixLeadingZeros || !result.suggestion) return result;
  summary.fixedLeadingZeros();
  row[column] = result.suggestion.value;
  return result;
}
