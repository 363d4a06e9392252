import { OPEN_JOB_STATES } from '../shared/jobs/model.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { jobView, withPathParameters } from './lib/jobs/api.js';
import { stopExecution } from './lib/jobs/engine-control.js';
import { conflict, notFound } from './lib/jobs/problems.js';
import { JobStateConflict, jobStore } from './lib/jobs/store.js';

/**
 * DELETE /v1/jobs/{id} — cancels a job that is waiting or running. The record is marked first (so no
 * later step can report success), then the engine run is stopped; the counts say how far it got.
 */
export const handler = withPathParameters(
  apiHandler(routes.jobsCancel, async ({ query, tenant }) => {
    const job = await jobStore.get(tenant, query.id);
    if (!job) throw notFound(query.id);
    try {
      const cancelled = await jobStore.transition(tenant, query.id, OPEN_JOB_STATES, {
        state: 'cancelled',
        finishedAt: new Date().toISOString(),
      });
      await stopExecution(cancelled.executionId);
      return { body: await jobView(cancelled) };
    } catch (error) {
      if (error instanceof JobStateConflict) throw conflict(`job ${query.id} has already ended (${job.state})`);
      throw error;
    }
  }),
);
