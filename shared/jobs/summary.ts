import type { RowOutcome } from './checked-row.js';

const MAX_EXAMPLES = 5;
const MAX_PARSE_ERRORS = 100;
const MAX_REPORTED_BATCHES = 100;

/** Rows of a batch that failed every attempt: reported by row and line range, never dropped silently. */
export interface FailedBatch {
  firstRow: number;
  lastRow: number;
  firstLine: number;
  lastLine: number;
  error: string;
}

/** A batch that succeeded only after retries. */
export interface RetriedBatch {
  firstRow: number;
  lastRow: number;
  attempts: number;
}

/** The job's JSON summary: the CLI's summary fields, plus what the engine did with batches. */
export interface JobSummary {
  tinColumn: string;
  rows: number;
  blankRows: number;
  valid: number;
  invalid: number;
  withWarnings: number;
  fixedLeadingZeros: number;
  malformedRows: number;
  /** Rows of failed batches (in `failedBatches`): not checked, not in the checked file's valid/invalid. */
  unprocessedRows: number;
  errorCounts: Record<string, number>;
  topProblems: { code: string; count: number; exampleRows: number[] }[];
  parseErrors: { line: number; message: string }[];
  batches: number;
  failedBatches: FailedBatch[];
  retriedBatches: RetriedBatch[];
}

/** Counts rows in input order as the finish step merges them (the CLI's summary rules). */
export class JobSummaryCollector {
  private readonly s: JobSummary;
  private readonly examples = new Map<string, number[]>();

  constructor(tinColumn: string) {
    this.s = {
      tinColumn,
      rows: 0,
      blankRows: 0,
      valid: 0,
      invalid: 0,
      withWarnings: 0,
      fixedLeadingZeros: 0,
      malformedRows: 0,
      unprocessedRows: 0,
      errorCounts: {},
      topProblems: [],
      parseErrors: [],
      batches: 0,
      failedBatches: [],
      retriedBatches: [],
    };
  }

  /** One merged row and its input line. */
  row(outcome: RowOutcome, line: number): void {
    const s = this.s;
    s.rows++;
    if (outcome.ok) s.valid++;
    else s.invalid++;
    if (outcome.bad) s.malformedRows++;
    if (outcome.w) s.withWarnings++;
    if (outcome.fix !== undefined) s.fixedLeadingZeros++;
    for (const code of outcome.e) {
      s.errorCounts[code] = (s.errorCounts[code] ?? 0) + 1;
      const list = this.examples.get(code) ?? [];
      if (list.length < MAX_EXAMPLES) this.examples.set(code, [...list, line]);
    }
  }

  /** A row no batch result covers (its batch failed every attempt). */
  unprocessed(): void {
    this.s.unprocessedRows++;
  }

  blankRows(n: number): void {
    this.s.blankRows += n;
  }

  parseError(line: number, message: string): void {
    if (this.s.parseErrors.length < MAX_PARSE_ERRORS) this.s.parseErrors.push({ line, message });
  }

  batches(count: number, failed: readonly FailedBatch[], retried: readonly RetriedBatch[]): void {
    this.s.batches = count;
    this.s.failedBatches = failed.slice(0, MAX_REPORTED_BATCHES);
    this.s.retriedBatches = retried.slice(0, MAX_REPORTED_BATCHES);
  }

  finish(): JobSummary {
    this.s.topProblems = Object.entries(this.s.errorCounts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([code, count]) => ({ code, count, exampleRows: this.examples.get(code) ?? [] }));
    return this.s;
  }
}
