import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { auditStore } from './lib/audit-trail.js';
import { auditPageView } from './lib/audit-view.js';

/** GET /v1/audit — the caller's own records, newest first, paginated. */
export const handler = apiHandler(routes.auditList, async ({ query, tenant }) => {
  const page = await auditStore().list(tenant, query);
  return { body: auditPageView(page) };
});
