import type * as z from 'zod';
import { defaultOutputPath } from '../../../cli/output.js';
import { type CheckedFormat, type JobRecord, jobKeys } from '../../../shared/jobs/model.js';
import { JOB_ENGINE } from '../../../shared/jobs/params.js';
import type { JobView } from '../../../shared/jobs/schemas.js';
import { presignDownload } from './s3.js';

/** The checked file's name, as `salyk validate` names its output beside the input (the job id without a file name). */
export function checkedFileName(job: JobRecord, format: CheckedFormat): string {
  return defaultOutputPath(job.fileName ?? `${job.jobId}.${format}`, format, format);
}

/** The job as the API shows it: counts, and fresh presigned links once its results are written. */
export async function jobView(job: JobRecord): Promise<z.input<typeof JobView>> {
  const keys = jobKeys(job.tenant, job.jobId);
  const seconds = JOB_ENGINE.downloadUrlSeconds;
  const format = job.format ?? 'csv';
  const results = job.hasResults
    ? {
        checkedFile: await presignDownload(keys.checked(format), seconds),
        summary: await presignDownload(keys.summary, seconds),
      }
    : undefined;
  return {
    jobId: job.jobId,
    kind: job.kind,
    state: job.state,
    createdAt: job.createdAt,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    rows: {
      ...(job.rowsTotal === undefined ? {} : { total: job.rowsTotal }),
      done: job.rowsDone,
      valid: job.rowsValid,
      invalid: job.rowsInvalid,
    },
    ...(job.error ? { error: job.error } : {}),
    ...(results ? { results } : {}),
  };
}
