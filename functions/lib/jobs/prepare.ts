import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../cli/readers.js';
import { csvWriter, malformedRows } from '../../../cli/row-results.js';
import { openSupplierList } from '../../../cli/supplier-list.js';
import { todayUtc } from '../../../shared/calendar.js';
import type { Lang } from '../../../shared/i18n/index.js';
import {
  type CheckedFormat,
  ITEM_COLUMNS,
  type JobRecord,
  jobKeys,
  parseUploadKey,
} from '../../../shared/jobs/model.js';
import { downloadTo, putObject } from './s3.js';
import { jobStore } from './store.js';

/** What starts an execution: the uploaded object (from the S3 event) and the execution's id. */
export interface PrepareInput {
  key: string;
  executionId: string;
}

/** What the map's batches and the finish step need to know about the job (small: it travels in the state). */
export interface PreparedJob {
  jobId: string;
  tenant: string;
  itemsKey: string;
  rows: number;
  /** The checked file's format (the upload's). */
  format: CheckedFormat;
  lang: Lang;
  /** "Today" for date checks, fixed per job as the CLI fixes it per file. */
  asOf: string;
  /** The job's start: the time part of its audit records' checkIds. */
  startedAt: string;
  country?: 'KZ' | 'KG';
  fixLeadingZeros: boolean;
}

/** Thrown for an upload the job cannot use; its message is shown to the caller, so it holds no cell values. */
class UploadError extends Error {
  override readonly name = 'UploadError';
}

/** How input errors name the upload (never the temporary path it is read from). */
const UPLOAD_NAME = 'the upload';

/**
 * Prepare step: marks the job running, then turns the upload (CSV in any delimiter or encoding the CLI
 * reads, or XLSX) into the map's input — a UTF-8, comma-separated items file of `row,line,value,bad`,
 * one line per data row, whose header the Distributed Map's CSV reader uses as item keys.
 */
export async function prepareJob(input: PrepareInput): Promise<PreparedJob> {
  const named = parseUploadKey(input.key);
  if (!named) throw new Error('the object is not a job upload');
  const { tenant, jobId } = named;
  const startedAt = new Date().toISOString();
  const job = await jobStore.transition(tenant, jobId, ['waiting_for_upload'], {
    state: 'running',
    startedAt,
    executionId: input.executionId,
  });
  const keys = jobKeys(tenant, jobId);
  const uploadPath = join(tmpdir(), `${jobId}.upload`);
  const itemsPath = join(tmpdir(), `${jobId}.items.csv`);
  try {
    await downloadTo(keys.upload, uploadPath);
    const layout = await writeItems(uploadPath, itemsPath, job);
    await putObject(keys.items, createReadStream(itemsPath), {
      contentType: 'text/csv; charset=utf-8',
      length: (await stat(itemsPath)).size,
    });
    await jobStore.transition(tenant, jobId, ['running'], { rowsTotal: layout.rows, format: layout.format });
    return {
      jobId,
      tenant,
      itemsKey: keys.items,
      ...layout,
      lang: job.lang ?? 'en',
      asOf: todayUtc(),
      startedAt,
      ...(job.options.country ? { country: job.options.country } : {}),
      fixLeadingZeros: job.options.fixLeadingZeros,
    };
  } finally {
    await rm(uploadPath, { force: true });
    await rm(itemsPath, { force: true });
  }
}

/**
 * Opens the upload exactly as `salyk validate` opens a file (header row, TIN column, encoding, sheet), so
 * the rows the map checks are the rows the finish step writes back. An unusable upload is an
 * {@link UploadError} with the reader's first line only: the lines after it show sample cells.
 */
async function openUpload(path: string, job: Pick<JobRecord, 'options' | 'lang'>) {
  const { column, sheet, headerRow, encoding } = job.options;
  try {
    return await openSupplierList({
      input: path,
      name: UPLOAD_NAME,
      lang: job.lang ?? 'en',
      ...(column ? { column } : {}),
      ...(sheet ? { sheet } : {}),
      ...(headerRow ? { headerRow } : {}),
      ...(encoding ? { encoding } : {}),
    });
  } catch (error) {
    if (error instanceof InputError) {
      const first = error.message.split('\n')[0] ?? 'unreadable upload';
      throw new UploadError(first.replaceAll(path, UPLOAD_NAME));
    }
    throw error;
  }
}

/** Streams the upload's rows into the items file; malformed rows are marked, so the map leaves them unchecked. */
async function writeItems(uploadPath: string, itemsPath: string, job: JobRecord) {
  const { source, column } = await openUpload(uploadPath, job);
  const width = source.header.length;
  const csv = csvWriter(',');
  const out = createWriteStream(itemsPath, { encoding: 'utf8' });
  let rows = 0;
  let text = csv.line(ITEM_COLUMNS);
  for await (const chunk of source.chunks) {
    const bad = malformedRows(chunk, width, job.lang ?? 'en');
    for (let i = 0; i < chunk.rows.length; i++) {
      const value = bad.has(i) ? '' : (chunk.rows[i]?.[column] ?? '');
      text += csv.line([String(rows++), String(chunk.lines[i] ?? 0), value, bad.get(i) ?? '']);
    }
    if (!out.write(text)) await once(out, 'drain');
    text = '';
  }
  out.end(text);
  await once(out, 'finish');
  return { rows, format: source.format };
}
