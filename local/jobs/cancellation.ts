import { jobStore } from '../../functions/lib/jobs/store.js';
import { parseUploadKey } from '../../shared/jobs/model.js';

/** True once the job of this upload is cancelled: the local runner's cue to stop, as StopExecution is deployed. */
export async function isCancelled(uploadKey: string): Promise<boolean> {
  const named = parseUploadKey(uploadKey);
  if (!named) return false;
  return (await jobStore.get(named.tenant, named.jobId))?.state === 'cancelled';
}
