import { emptyValue, type LibraryOptions, libraryOptions } from '../../../cli/library-options.js';
import { todayUtc } from '../../../shared/calendar.js';
import { tCli } from '../../../shared/i18n/cli.js';
import type { Lang } from '../../../shared/i18n/index.js';
import type { Country, IdentifierResult, ValidateOptions } from '../../../shared/identifiers/types.js';
import { isValidIdentifier, validateIdentifier } from '../../../shared/identifiers/validate.js';
import type { CheckSummary, ProblemRow } from './protocol.js';
import type { RowChunk } from './table-source.js';

/** The result columns the CLI appends, in its order: the checked file must be the CLI's, byte for byte. */
export const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'];
const MAX_PARSE_ERRORS = 100;
/** Checked text gathered before it becomes a Blob (UTF-16 code units): 8 Mi, about 130 000 rows. */
const BLOB_CHARS = 1 << 23;

/** RFC 4180 output as the CLI writes it: a field is quoted only when it holds the delimiter, a quote or a line break. */
export function csvWriter(delimiter: string, newline = '\n') {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}]`);
  const quoteOrBreak = /["\r\n]/;
  const escapeCell = (cell: string) => (special.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  /** One CSV line; `end` is the line terminator, or the delimiter when more cells follow. */
  const line = (cells: readonly string[], end = newline) => {
    // The common row needs no quoting: one native join, checked once, instead of a test and a concatenation per cell.
    const joined = cells.join(delimiter);
    if (!quoteOrBreak.test(joined) && count(joined, delimiter) === cells.length - 1)
      return joined + (end === '' ? delimiter : end);
    let out = escapeCell(cells[0] ?? '');
    for (let i = 1; i < cells.length; i++) out += delimiter + escapeCell(cells[i] ?? '');
    return out + (end === '' ? delimiter : end);
  };
  return { line, escapeCell };
}

/** How often `part` occurs in `text`: more delimiters than cell boundaries means a cell holds one (and needs quotes). */
function count(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) n++;
  return n;
}

export interface CheckOptions {
  column: number;
  header: string[];
  delimiter: string;
  /** The input's line break, written back as the CLI does. */
  newline: string;
  bom: boolean;
  fixLeadingZeros: boolean;
  country?: Country;
  lang: Lang;
}

/**
 * Checks row chunks as the CLI's `salyk validate` does and keeps what the page needs: the checked CSV (as text
 * parts, for the download), the counts, and the rows with problems (for the table).
 */
export class SupplierCheck {
  /**
   * The checked CSV, a Blob per few megabytes of text: kept out of the JavaScript heap, so a million rows cost no
   * garbage collection. Not a Blob per chunk: each Blob is registered with the browser process, and a thousand
   * of them cost Chromium two seconds.
   */
  readonly output: Blob[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  /**
   * Rows with problems, compact: line, the cell as read, and its error codes (for the filter). The table's
   * texts are made again from the value when the page shows those rows (a few dozen at a time).
   */
  readonly problems = {
    lines: [] as number[],
    values: [] as string[],
    codes: [] as string[],
    malformed: new Map<number, string>(),
  };
  readonly counts = {
    rows: 0,
    blankRows: 0,
    valid: 0,
    invalid: 0,
    withWarnings: 0,
    fixedLeadingZeros: 0,
    malformedRows: 0,
  };
  readonly errorCounts = new Map<string, number>();
  readonly parseErrors: { line: number; message: string }[] = [];
  private readonly reported = new Set<string>();
  private readonly width: number;
  private readonly writer: ReturnType<typeof csvWriter>;
  /** How the library is called, as the CLI calls it (its language, "today" once per file, its country option's name). */
  private readonly lib: LibraryOptions;
  private readonly validateOptions: ValidateOptions;
  /** The bulk fast path's question: a valid KZ BIN (decoding a BIN never warns, so its result columns are fixed). */
  private readonly binOnly: Pick<ValidateOptions, 'country' | 'kind'>;
  /** The result columns of a valid BIN, after the row's own cells. */
  private readonly binSuffix: string;

  constructor(private readonly options: CheckOptions) {
    this.width = options.header.length;
    this.writer = csvWriter(options.delimiter, options.newline);
    this.lib = { country: options.country, asOf: todayUtc(), lang: options.lang };
    this.validateOptions = libraryOptions(this.lib);
    this.binOnly = { kind: 'BIN', ...(options.country ? { country: options.country } : {}) };
    const d = options.delimiter;
    this.binSuffix = `true${d}KZ${d}BIN${d}${d}${d}${options.newline}`;
    this.output.push(
      new Blob([(options.bom ? '\uFEFF' : '') + this.writer.line([...options.header, ...RESULT_COLUMNS])]),
    );
  }

  /** Checks one chunk and appends its output (the hot path: one string per row, no result object for valid BINs). */
  add(chunk: RowChunk): void {
    const bad = this.malformedRows(chunk);
    const { line } = this.writer;
    const { column, delimiter } = this.options;
    const plain = chunk.plain === true;
    const parts: string[] = [];
    if (chunk.blankRows) this.counts.blankRows += chunk.blankRows;
    for (let i = 0; i < chunk.rows.length; i++) {
      const row = chunk.rows[i] as string[];
      const lineNo = chunk.lines[i] ?? 0;
      this.counts.rows++;
      if (bad.size > 0 && bad.has(i)) {
        parts.push(this.malformed(row, lineNo, bad.get(i) ?? 'malformed row'));
        continue;
      }
      const value = row[column] ?? '';
      // Malformed rows are out, so the row is as wide as the header; a valid value has no suggestion to apply.
      if (isValidIdentifier(value, this.binOnly)) {
        this.counts.valid++;
        parts.push((plain ? row.join(delimiter) + delimiter : line(row, '')) + this.binSuffix);
        continue;
      }
      parts.push(this.checked(row, lineNo, value, plain));
    }
    this.pending.push(parts.join(''));
    this.pendingChars += (this.pending.at(-1) as string).length;
    if (this.pendingChars >= BLOB_CHARS) this.flush();
  }

  /** After the last chunk: the rest of the checked CSV goes into its Blob. */
  end(): void {
    this.flush();
  }

  /** Moves the text made so far into one Blob (out of the JavaScript heap). */
  private flush(): void {
    if (this.pending.length) this.output.push(new Blob(this.pending));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** A row the fast path did not settle: the library's full answer, written as the CLI writes it. */
  private checked(row: string[], lineNo: number, value: string, plain: boolean): string {
    const { line, escapeCell } = this.writer;
    const d = this.options.delimiter;
    const result = this.check(row, value);
    if (result.valid) this.counts.valid++;
    else this.counts.invalid++;
    if (result.warnings.length) this.counts.withWarnings++;
    let codes = '';
    let messages = '';
    for (const e of result.errors) {
      this.count(e.code);
      codes += codes ? ` ${e.code}` : e.code;
      messages += `${messages ? '; ' : ''}${e.code}: ${e.message}`;
    }
    for (const w of result.warnings) messages += `${messages ? '; ' : ''}${w.code}: ${w.message}`;
    if (messages) this.keep(lineNo, value, codes);
    const suggestion = result.suggestion?.value ?? '';
    const cells = plain ? row.join(d) + d : line(row, '');
    return `${cells}${result.valid ? 'true' : 'false'}${d}${result.country ?? ''}${d}${result.kind ?? ''}${d}${codes}${d}${escapeCell(messages)}${d}${suggestion}${this.options.newline}`;
  }

  /** A row with the wrong number of fields (or flagged by the parser), fitted to the header as the CLI does. */
  private malformed(row: string[], lineNo: number, reason: string): string {
    this.counts.malformedRows++;
    this.counts.invalid++;
    this.count('MALFORMED_ROW');
    const cells = row.length > this.width ? row.slice(0, this.width) : row;
    while (cells.length < this.width) cells.push('');
    this.problems.malformed.set(this.problems.lines.length, reason);
    this.keep(lineNo, row[this.options.column] ?? '', 'MALFORMED_ROW');
    return this.writer.line([...cells, 'false', '', '', 'MALFORMED_ROW', reason, '']);
  }

  private keep(line: number, value: string, codes: string): void {
    this.problems.lines.push(line);
    this.problems.values.push(value);
    this.problems.codes.push(codes);
  }

  /** The table row of problem `i`, its texts made again from the value as read (the check is deterministic). */
  problemRow(i: number): ProblemRow {
    const { lines, values, codes, malformed } = this.problems;
    const value = values[i] ?? '';
    const reason = malformed.get(i);
    const line = lines[i] ?? 0;
    if (reason !== undefined) return { line, value, codes: 'MALFORMED_ROW', messages: reason, suggestion: '' };
    const result = this.check(null, value);
    const messages = [...result.errors, ...result.warnings].map((e) => `${e.code}: ${e.message}`).join('; ');
    return { line, value, codes: codes[i] ?? '', messages, suggestion: result.suggestion?.value ?? '' };
  }

  summary(extra: Pick<CheckSummary, 'name' | 'encoding' | 'seconds' | 'workbook'>): CheckSummary {
    return {
      ...extra,
      ...this.counts,
      tinColumn: this.options.header[this.options.column] ?? '',
      delimiter: this.options.delimiter,
      errorCounts: [...this.errorCounts].sort((a, b) => b[1] - a[1]),
      problemRows: this.problems.lines.length,
      parseErrors: this.parseErrors,
    };
  }

  /**
   * One value as the CLI checks it: an empty cell is EMPTY_VALUE; with the fix option a suggested value replaces
   * the cell of `row` and is re-checked. `row` is null when a table row's texts are made again (nothing counted).
   */
  private check(row: string[] | null, value: string): IdentifierResult {
    if (value.trim() === '') return emptyValue(this.lib);
    const result = validateIdentifier(value, this.validateOptions);
    if (!this.options.fixLeadingZeros || !result.suggestion) return result;
    if (row) {
      this.counts.fixedLeadingZeros++;
      row[this.options.column] = result.suggestion.value;
    }
    return { ...validateIdentifier(result.suggestion.value, this.validateOptions), suggestion: result.suggestion };
  }

  private count(code: string): void {
    this.errorCounts.set(code, (this.errorCounts.get(code) ?? 0) + 1);
  }

  /** Rows whose field count differs from the header's, or that the parser flagged (the CLI's rule). */
  private malformedRows(chunk: RowChunk): Map<number, string> {
    const bad = new Map<number, string>();
    const found: { line: number; message: string }[] = [...(chunk.notes ?? [])];
    for (const e of chunk.errors) {
      if (!bad.has(e.index)) bad.set(e.index, e.message);
      found.push({ line: chunk.lines[e.index] ?? 0, message: e.message });
    }
    const rows = chunk.rows;
    for (let i = 0; i < rows.length; i++) {
      const length = (rows[i] as string[]).length;
      if (length !== this.width && !bad.has(i)) {
        const message = tCli('cli.row.fieldCount', this.options.lang, { expected: this.width, found: length });
        bad.set(i, message);
        found.push({ line: chunk.lines[i] ?? 0, message });
      }
    }
    for (const f of found.sort((a, b) => a.line - b.line)) {
      // papaparse repeats a quote error in every chunk it carries the broken row over: report it once.
      const key = `${f.line}\n${f.message}`;
      if (this.parseErrors.length >= MAX_PARSE_ERRORS || this.reported.has(key)) continue;
      this.reported.add(key);
      this.parseErrors.push(f);
    }
    return bad;
  }
}
