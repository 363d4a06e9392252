import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { jobView } from './lib/jobs/api.js';
import { jobStore } from './lib/jobs/store.js';

/** GET /v1/jobs — the caller's jobs, newest first. */
export const handler = apiHandler(routes.jobsList, async ({ query, tenant }) => {
  const jobs = await jobStore.list(tenant, query.limit);
  return { body: { items: await Promise.all(jobs.map(jobView)) } };
});
