import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckedRows, validateFile } from '../../../cli/supplier-list.js';
import type { IdentifierResult } from '../../../shared/identifiers/types.js';
import { type JobRecord, type JobState, jobKeys, parseUploadKey } from '../../../shared/jobs/model.js';
import { hmacSecret } from '../clients.js';
import { logger } from '../logger.js';
import { checkedFileName, jobView } from './api.js';
import type { BatchInput, BatchOutput, BatchPart, StoredResult } from './batch.js';
import { callbackKey, sendCallback } from './callback.js';
import type { PreparedJob } from './prepare.js';
import { downloadTo, getText, putObject } from './s3.js';
import { JobStateConflict, jobStore } from './store.js';
import { type FailedBatch, type JobSummary, MAX_REPORTED_BATCHES, type RetriedBatch } from './summary.js';

/** The Distributed Map's output with a result writer: where the manifest of child results is. */
export interface MapOutput {
  MapRunArn?: string;
  ResultWriterDetails: { Bucket: string; Key: string };
}

interface ResultManifest {
  ResultFiles: { SUCCEEDED?: { Key: string }[]; FAILED?: { Key: string }[]; PENDING?: { Key: string }[] };
}

interface ChildResult {
  Input: string;
  Output?: string;
  Error?: string;
  Cause?: string;
}

/** One batch's place in the input and what became of it. */
type BatchResult =
  | { firstRow: number; lastRow: number; ok: true; output: BatchOutput }
  | { firstRow: number; lastRow: number; ok: false; failure: FailedBatch };

/**
 * Finish step: writes the checked file with `salyk validate`'s own writer ({@link validateFile}), the
 * batches' results looked up row by row in input order, and the JSON summary; every row must be covered
 * by a batch that succeeded or one that failed (reported by rows and lines, its rows `NOT_CHECKED`) — a
 * row covered by neither fails the job. Then the job record gets its end state and counts, and the
 * callback is sent.
 */
export async function finishJob(job: PreparedJob, map: MapOutput): Promise<{ state: JobState; rows: number }> {
  const batches = await readBatchResults(map.ResultWriterDetails.Key);
  const current = await jobStore.get(job.tenant, job.jobId);
  if (current?.state !== 'running') return { state: current?.state ?? 'failed', rows: current?.rowsDone ?? 0 };
  const summary = await writeResults(job, current, batches);
  const failed = summary.failedBatches.length > 0 || summary.unprocessedRows > 0;
  const ended = await end(job.tenant, job.jobId, {
    state: failed ? 'failed' : 'succeeded',
    finishedAt: new Date().toISOString(),
    rowsDone: summary.rows - summary.unprocessedRows,
    rowsValid: summary.valid,
    rowsInvalid: summary.invalid - summary.unprocessedRows,
    hasResults: true,
    ...(failed
      ? { error: `${summary.unprocessedRows} rows could not be checked: see failedBatches in the summary` }
      : {}),
  });
  if (ended) await callBack(ended);
  return { state: ended?.state ?? 'cancelled', rows: summary.rows };
}

/** The failure path (prepare or map failed): the job ends `failed` with a reason the caller can read. */
export async function failJob(key: string, error: { Error?: string; Cause?: string }): Promise<{ state: JobState }> {
  const named = parseUploadKey(key);
  if (!named) return { state: 'failed' };
  // S3 events are delivered at least once: a second execution for an upload whose job already runs (or
  // ended) stops at prepare's state check, and must not fail the job the first execution is running.
  if (errorTypeOf(error) === 'JobStateConflict') return { state: 'failed' };
  const reason = causeOf(error);
  const ended = await end(named.tenant, named.jobId, {
    state: 'failed',
    finishedAt: new Date().toISOString(),
    error: reason,
  });
  if (ended) await callBack(ended);
  return { state: 'failed' };
}

/** The job's end state, unless it was cancelled meanwhile (then `undefined`: cancel wins). */
async function end(tenant: string, jobId: string, fields: Partial<JobRecord>): Promise<JobRecord | undefined> {
  try {
    return await jobStore.transition(tenant, jobId, ['running', 'waiting_for_upload'], fields);
  } catch (error) {
    if (error instanceof JobStateConflict) return undefined;
    throw error;
  }
}

/** The Lambda error behind a Step Functions error (its `Cause` is Lambda's JSON error), if any. */
function lambdaCause(error: { Cause?: string }): { errorType?: string; errorMessage?: string } {
  try {
    return JSON.parse(error.Cause ?? '{}') as { errorType?: string; errorMessage?: string };
  } catch {
    return {};
  }
}

const errorTypeOf = (error: { Error?: string; Cause?: string }) => lambdaCause(error).errorType ?? error.Error;

/** Only an upload problem's own message goes to the caller; anything else is an internal error. */
function causeOf(error: { Error?: string; Cause?: string }): string {
  const cause = lambdaCause(error);
  if (cause.errorType === 'UploadError' || cause.errorType === 'InputError')
    return cause.errorMessage ?? 'unreadable upload';
  return `the job failed (${error.Error ?? 'internal error'})`;
}

async function callBack(job: JobRecord): Promise<void> {
  if (!job.callbackUrl) return;
  const outcome = await sendCallback(job.callbackUrl, callbackKey(await hmacSecret(), job.tenant), await jobView(job));
  if (!outcome.delivered)
    logger.warn('job callback not delivered', { jobId: job.jobId, attempts: outcome.attempts, error: outcome.error });
}

/** The result writer's manifest → every batch, sorted by first row. */
async function readBatchResults(manifestKey: string): Promise<BatchResult[]> {
  const manifest = JSON.parse(await getText(manifestKey)) as ResultManifest;
  const results: BatchResult[] = [];
  for (const file of manifest.ResultFiles.SUCCEEDED ?? []) {
    for (const child of JSON.parse(await getText(file.Key)) as ChildResult[]) {
      const output = JSON.parse(child.Output ?? '{}') as BatchOutput;
      results.push({ firstRow: output.firstRow, lastRow: output.lastRow, ok: true, output });
    }
  }
  for (const file of manifest.ResultFiles.FAILED ?? []) {
    for (const child of JSON.parse(await getText(file.Key)) as ChildResult[]) {
      const input = JSON.parse(child.Input) as Pick<BatchInput, 'Items'>;
      const rows = input.Items.map((i) => Number(i.row));
      const lines = input.Items.map((i) => Number(i.line));
      const failure: FailedBatch = {
        firstRow: Math.min(...rows),
        lastRow: Math.max(...rows),
        firstLine: Math.min(...lines),
        lastLine: Math.max(...lines),
        error: child.Error ?? 'failed',
      };
      results.push({ firstRow: failure.firstRow, lastRow: failure.lastRow, ok: false, failure });
    }
  }
  return results.sort((a, b) => a.firstRow - b.firstRow);
}

/** Re-reads the upload and writes the checked file and summary to the bucket. */
async function writeResults(job: PreparedJob, record: JobRecord, batches: BatchResult[]): Promise<JobSummary> {
  const keys = jobKeys(job.tenant, job.jobId);
  const uploadPath = join(tmpdir(), `${job.jobId}.finish-upload`);
  const checkedPath = join(tmpdir(), `${job.jobId}.checked.${job.format}`);
  try {
    await downloadTo(keys.upload, uploadPath);
    const results = new BatchResults(batches);
    const {
      input: _input,
      output: _output,
      seconds: _s,
      rowsPerSecond: _r,
      peakRssMb: _m,
      ...file
    } = await validateFile({
      input: uploadPath,
      output: checkedPath,
      format: job.format,
      quiet: true,
      lang: job.lang,
      asOf: job.asOf,
      ...fileOptions(record),
      checked: results,
    });
    if (file.rows !== job.rows) throw new Error(`the upload has ${file.rows} rows now, ${job.rows} when prepared`);
    const summary: JobSummary = { ...file, ...results.report() };
    await putObject(keys.checked(job.format), createReadStream(checkedPath), {
      contentType: job.format === 'xlsx' ? XLSX_TYPE : 'text/csv',
      length: (await stat(checkedPath)).size,
      fileName: checkedFileName(record, job.format),
    });
    await putObject(keys.summary, JSON.stringify(summary, null, 2), {
      contentType: 'application/json',
      fileName: `${job.jobId}.summary.json`,
    });
    return summary;
  } finally {
    await rm(uploadPath, { force: true });
    await rm(checkedPath, { force: true });
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The job's options as `salyk validate` takes them (the language and "today" come with the prepared job). */
function fileOptions({ options }: JobRecord) {
  return {
    fixLeadingZeros: options.fixLeadingZeros,
    ...(options.column ? { column: options.column } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    ...(options.headerRow ? { headerRow: options.headerRow } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.country ? { country: options.country } : {}),
  };
}

/**
 * The batches' results by row, for the writer: walks the sorted batches alongside the rows, loading one
 * part at a time (and the next one ahead). A row of a failed batch is `NOT_CHECKED`, with its reason.
 */
class BatchResults implements CheckedRows {
  private index = 0;
  private part: Promise<BatchPart> | undefined;
  private next: Promise<BatchPart> | undefined;
  private unprocessed = 0;

  constructor(private readonly batches: BatchResult[]) {}

  async at(row: number): Promise<IdentifierResult> {
    const batch = this.batchOf(row);
    if (!batch.ok) {
      this.unprocessed++;
      return notChecked(batch.failure.error);
    }
    this.part ??= this.load(batch);
    const following = this.batches[this.index + 1];
    if (!this.next && following?.ok) this.next = this.load(following);
    const result = (await this.part).results[row - batch.firstRow];
    if (!result) throw new Error(`row ${row} is missing from its batch's part`);
    return { ...result, normalized: null, details: {} } satisfies StoredResult & Partial<IdentifierResult>;
  }

  /** What the engine did with batches, for the summary. */
  report(): Pick<JobSummary, 'unprocessedRows' | 'batches' | 'failedBatches' | 'retriedBatches'> {
    const failed: FailedBatch[] = this.batches.flatMap((b) => (b.ok ? [] : [b.failure]));
    const retried: RetriedBatch[] = this.batches.flatMap((b) =>
      b.ok && b.output.attempts > 1 ? [{ firstRow: b.firstRow, lastRow: b.lastRow, attempts: b.output.attempts }] : [],
    );
    return {
      unprocessedRows: this.unprocessed,
      batches: this.batches.length,
      failedBatches: failed.slice(0, MAX_REPORTED_BATCHES),
      retriedBatches: retried.slice(0, MAX_REPORTED_BATCHES),
    };
  }

  private batchOf(row: number): BatchResult {
    let batch = this.batches[this.index];
    while (batch && batch.lastRow < row) {
      this.index++;
      this.part = this.next;
      this.next = undefined;
      batch = this.batches[this.index];
    }
    if (!batch || batch.firstRow > row) throw new Error(`row ${row} has no batch result: it would be lost`);
    return batch;
  }

  private load(batch: BatchResult & { ok: true }): Promise<BatchPart> {
    const promise = getText(batch.output.partKey).then((text) => JSON.parse(text) as BatchPart);
    promise.catch(() => undefined);
    return promise;
  }
}

/** A row whose batch failed every attempt: written and marked, never dropped (not a contract code: a file's). */
function notChecked(reason: string): IdentifierResult {
  const code = 'NOT_CHECKED' as IdentifierResult['errors'][number]['code'];
  return {
    valid: false,
    country: null,
    kind: null,
    normalized: null,
    errors: [{ code, message: `its batch failed (${reason})` }],
    warnings: [],
    details: {},
  };
}
