import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayUtc } from '../../../shared/calendar.js';
import { csvFormatter } from '../../../shared/jobs/checked-row.js';
import { ITEM_COLUMNS, jobKeys, parseUploadKey, type ValidateJobOptions } from '../../../shared/jobs/model.js';
import { downloadTo, putObject } from './s3.js';
import { jobStore } from './store.js';
import { malformedRows, openUpload } from './table.js';

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
  delimiter: string;
  width: number;
  column: number;
  /** "Today" for date checks, fixed per job as the CLI fixes it per file. */
  asOf: string;
  /** The job's start: the time part of its audit records' checkIds. */
  startedAt: string;
  country?: 'KZ' | 'KG';
  fixLeadingZeros: boolean;
}

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
    const layout = await writeItems(uploadPath, itemsPath, job.options);
    await putObject(keys.items, createReadStream(itemsPath), {
      contentType: 'text/csv; charset=utf-8',
      length: (await stat(itemsPath)).size,
    });
    await jobStore.transition(tenant, jobId, ['running'], { rowsTotal: layout.rows });
    return {
      jobId,
      tenant,
      itemsKey: keys.items,
      ...layout,
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

/** Streams the upload's rows into the items file; malformed rows are marked, so the map reports them, unchecked. */
async function writeItems(uploadPath: string, itemsPath: string, options: ValidateJobOptions) {
  const { source, column, width } = await openUpload(uploadPath, options);
  const { escapeCell } = csvFormatter(',');
  const out = createWriteStream(itemsPath, { encoding: 'utf8' });
  let rows = 0;
  let text = `${ITEM_COLUMNS.join(',')}\n`;
  for await (const chunk of source.chunks) {
    const { bad } = malformedRows(chunk, width);
    for (let i = 0; i < chunk.rows.length; i++) {
      const value = bad.has(i) ? '' : (chunk.rows[i]?.[column] ?? '');
      text += `${rows++},${chunk.lines[i] ?? 0},${escapeCell(value)},${escapeCell(bad.get(i) ?? '')}\n`;
    }
    if (!out.write(text)) await once(out, 'drain');
    text = '';
  }
  out.end(text);
  await once(out, 'finish');
  return { rows, delimiter: source.delimiter, width, column };
}
