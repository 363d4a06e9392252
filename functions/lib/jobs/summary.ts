import type { FileSummary } from '../../../cli/row-results.js';

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

/** At most this many failed and retried batches are listed (the counts are whole). */
export const MAX_REPORTED_BATCHES = 100;

/**
 * The job's JSON summary: `salyk validate --json`'s summary of the same file (without the local paths and
 * timings), plus what the engine did with batches. Rows of failed batches are in the checked file as
 * `NOT_CHECKED` (counted in `invalid` and `errorCounts`) and in `unprocessedRows`.
 */
export type JobSummary = Omit<FileSummary, 'input' | 'output' | 'seconds' | 'rowsPerSecond' | 'peakRssMb'> & {
  unprocessedRows: number;
  batches: number;
  failedBatches: FailedBatch[];
  retriedBatches: RetriedBatch[];
};
