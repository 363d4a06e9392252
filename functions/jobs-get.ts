import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { jobView } from './lib/jobs/api.js';
import { notFound } from './lib/jobs/problems.js';
import { jobStore } from './lib/jobs/store.js';

/** GET /v1/jobs/{id} — state, counts, and presigned links to the checked file and summary once written. */
export const handler = apiHandler(routes.jobsGet, async ({ params, tenant }) => {
  const job = await jobStore.get(tenant, params.id);
  if (!job) throw notFound(params.id);
  return { body: await jobView(job) };
});
