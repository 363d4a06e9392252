import type { Lang } from '../../../shared/i18n/index.js';

/** The messages between the supplier page and its worker (structured-cloned; `File` and `Blob` pass by reference). */
export type ToWorker =
  | { type: 'check'; file: File; fixLeadingZeros: boolean; lang: Lang }
  | { type: 'rows'; id: number; code: string | null; start: number; end: number }
  | { type: 'export'; format: 'csv' | 'xlsx' };

export type FromWorker =
  | { type: 'progress'; rows: number; fraction: number }
  | { type: 'summary'; summary: CheckSummary }
  | { type: 'failed'; error: ReaderFailure }
  | { type: 'rows'; id: number; total: number; start: number; rows: ProblemRow[] }
  | { type: 'file'; blob: Blob; name: string };

/** What went wrong reading a file: a catalog key the page translates, or a plain message. */
export type ReaderFailure =
  | { key: 'web.sup.err.empty' | 'web.sup.err.xls' | 'web.sup.err.workbook' }
  | { key: 'web.sup.err.noColumn'; header: string }
  | { key: 'web.error'; message: string };

/** A row with problems, as the table shows it. */
export interface ProblemRow {
  line: number;
  value: string;
  codes: string;
  messages: string;
  suggestion: string;
}

/** The counts the CLI prints, plus how the file was read. */
export interface CheckSummary {
  name: string;
  tinColumn: string;
  encoding: string;
  delimiter: string;
  rows: number;
  /** Blank rows between data rows, skipped (not in `rows`), as the CLI counts them. */
  blankRows: number;
  valid: number;
  invalid: number;
  withWarnings: number;
  fixedLeadingZeros: number;
  malformedRows: number;
  /** Error code → rows, largest first. */
  errorCounts: [code: string, rows: number][];
  /** Rows with an error or a warning (the table's rows). */
  problemRows: number;
  parseErrors: { line: number; message: string }[];
  seconds: number;
  workbook: boolean;
}
