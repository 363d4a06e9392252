import type * as z from 'zod';
import { type JobRecord, jobKeys } from '../../../shared/jobs/model.js';
import { JOB_ENGINE } from '../../../shared/jobs/params.js';
import type { JobView } from '../../../shared/jobs/schemas.js';
import { presignDownload } from './s3.js';

/** The job as the API shows it: counts, and fresh presigned links once its results are written. */
export async function jobView(job: JobRecord): Promise<z.input<typeof JobView>> {
  const keys = jobKeys(job.tenant, job.jobId);
  const seconds = JOB_ENGINE.downloadUrlSeconds;
  const format = job.format ?? 'csv';
  const results = job.hasResults
    ? {
        checkedFile: await presignDownload(keys.checked(format), seconds, `${job.jobId}.checked.${format}`),
        summary: await presignDownload(keys.summary, seconds, `${job.jobId}.summary.json`),
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
