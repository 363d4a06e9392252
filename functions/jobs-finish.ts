import { failJob, finishJob, type MapOutput } from './lib/jobs/finish.js';
import type { PreparedJob } from './lib/jobs/prepare.js';

/** The finish task's input: the merge after the map, or the failure path's upload key and error. */
export type FinishEvent =
  | { job: PreparedJob; map: MapOutput }
  | { failed: { key: string; error: { Error?: string; Cause?: string } } };

/** Step Functions task: merge + summary + job record + callback, or mark the job failed (see `finishJob`). */
export const handler = (event: FinishEvent) =>
  'failed' in event ? failJob(event.failed.key, event.failed.error) : finishJob(event.job, event.map);
