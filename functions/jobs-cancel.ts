import { OPEN_JOB_STATES } from '../shared/jobs/model.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { jobView } from './lib/jobs/api.js';
import { stopExecution } from './lib/jobs/engine-control.js';
import { conflict, notFound } from './lib/jobs/problems.js';
import { JobStateConflict, jobStore } from './lib/jobs/store.js';

/**
 * DELETE /v1/jobs/{id} — cancels a job that is waiting or running. The record is marked first (so no
 * later step can report success), then the engine run is stopped; the counts say how far it got.
 */
export const handler = apiHandler(routes.jobsCancel, async ({ params, tenant }) => {
  const job = await jobStore.get(tenant, params.id);
  if (!job) throw notFound(params.id);
  try {
    const cancelled = await jobStore.transition(tenant, params.id, OPEN_JOB_STATES, {
      state: 'cancelled',
      finishedAt: new Date().toISOString(),
    });
    await stopExecution(cancelled.executionId);
    return { body: await jobView(cancelled) };
  } catch (error) {
    if (error instanceof JobStateConflict) throw conflict(`job ${params.id} has already ended (${job.state})`);
    throw error;
  }
});
