import type { Lang } from '../../../shared/i18n/index.js';
import { todayUtc } from '../../../shared/identifiers/dates.js';
import type { Country, IdentifierResult } from '../../../shared/identifiers/types.js';
import { validateIdentifier } from '../../../shared/identifiers/validate.js';
import type { CheckSummary, ProblemRow } from './protocol.js';
import type { RowChunk } from './table-source.js';

/** The result columns the CLI appends, in its order: the checked file must be the CLI's, byte for byte. */
export const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'];
const MAX_PARSE_ERRORS = 100;

/** Header names that mean "the TIN column" (the CLI's list), compared case-insensitively after trimming. */
const TIN_HEADERS = ['tin', 'inn', 'iin', 'bin', 'pin', 'инн', 'иин', 'бин', 'пин'];

/** The TIN column's index, or -1. */
export function findTinColumn(header: readonly string[]): number {
  return header.findIndex((h) =>
    TIN_HEADERS.includes(
      h
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase(),
    ),
  );
}

/** RFC 4180 output as the CLI writes it: a field is quoted only when it holds the delimiter, a quote or a line break. */
export function csvWriter(delimiter: string) {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}]`);
  const escapeCell = (cell: string) => (special.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const line = (cells: readonly string[], end = '\n') => {
    let out = escapeCell(cells[0] ?? '');
    for (let i = 1; i < cells.length; i++) out += delimiter + escapeCell(cells[i] ?? '');
    return out + (end === '' ? delimiter : end);
  };
  return { line, escapeCell };
}

export interface CheckOptions {
  column: number;
  header: string[];
  delimiter: string;
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
  /** The checked CSV, a Blob per chunk: kept out of the JavaScript heap, so a million rows cost no garbage collection. */
  readonly output: Blob[] = [];
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
  readonly counts = { rows: 0, valid: 0, invalid: 0, withWarnings: 0, fixedLeadingZeros: 0, malformedRows: 0 };
  readonly errorCounts = new Map<string, number>();
  readonly parseErrors: { line: number; message: string }[] = [];
  private readonly reported = new Set<string>();
  private readonly width: number;
  private readonly writer: ReturnType<typeof csvWriter>;
  private readonly asOf = todayUtc(); // once per file, not per row

  constructor(private readonly options: CheckOptions) {
    this.width = options.header.length;
    this.writer = csvWriter(options.delimiter);
    this.output.push(
      new Blob([(options.bom ? '\uFEFF' : '') + this.writer.line([...options.header, ...RESULT_COLUMNS])]),
    );
  }

  /** Checks one chunk and appends its output. */
  add(chunk: RowChunk): void {
    const bad = this.malformedRows(chunk);
    const { line, escapeCell } = this.writer;
    const d = this.options.delimiter;
    const column = this.options.column;
    let text = '';
    for (let i = 0; i < chunk.rows.length; i++) {
      const row = chunk.rows[i] as string[];
      const lineNo = chunk.lines[i] ?? 0;
      this.counts.rows++;
      const reason = bad.get(i);
      if (reason !== undefined) {
        this.counts.malformedRows++;
        this.counts.invalid++;
        this.count('MALFORMED_ROW');
        const cells = row.length > this.width ? row.slice(0, this.width) : row;
        while (cells.length < this.width) cells.push('');
        text += line([...cells, 'false', '', '', 'MALFORMED_ROW', reason, '']);
        this.problems.malformed.set(this.problems.lines.length, reason);
        this.keep(lineNo, row[column] ?? '', 'MALFORMED_ROW');
        continue;
      }
      const value = row[column] ?? '';
      const result = this.check(row);
      while (row.length < this.width) row.push('');
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
      const suggestion = result.suggestion?.value ?? '';
      text += `${line(row, '')}${result.valid ? 'true' : 'false'}${d}${result.country ?? ''}${d}${result.kind ?? ''}${d}${codes}${d}${escapeCell(messages)}${d}${suggestion}\n`;
      if (messages) this.keep(lineNo, value, codes);
    }
    this.output.push(new Blob([text]));
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
    const result = this.check([value], 0);
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

  /** One value; with the fix option a suggested value replaces the cell and is re-checked, as the CLI does. */
  private check(row: string[], column = this.options.column): IdentifierResult {
    const { country, lang } = this.options;
    const counting = column === this.options.column;
    // `lang` is passed through for when the library formats its messages in the page's language.
    const options = { country, asOf: this.asOf, lang };
    const result = validateIdentifier(row[column] ?? '', options);
    if (!this.options.fixLeadingZeros || !result.suggestion) return result;
    if (counting) this.counts.fixedLeadingZeros++;
    row[column] = result.suggestion.value;
    const recheck = { country, lang };
    return { ...validateIdentifier(result.suggestion.value, recheck), suggestion: result.suggestion };
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
    chunk.rows.forEach((row, i) => {
      if (row.length !== this.width && !bad.has(i)) {
        const message = `expected ${this.width} fields, found ${row.length}`;
        bad.set(i, message);
        found.push({ line: chunk.lines[i] ?? 0, message });
      }
    });
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
