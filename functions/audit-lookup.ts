import { hmacIdentifier, identifierKey } from '../shared/audit/record.js';
import { compact } from '../shared/identifiers/normalize.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { auditStore } from './lib/audit-trail.js';
import { auditPageView } from './lib/audit-view.js';
import { hmacSecret } from './lib/clients.js';

/** POST /v1/audit/lookup — the caller's earlier checks of one identifier, found by its HMAC (the value is never stored); paginated like GET /v1/audit. */
export const handler = apiHandler(routes.auditLookup, async ({ body, tenant }) => {
  const hmac = hmacIdentifier(await hmacSecret(), identifierKey(body.value, compact(body.value)));
  const page = await auditStore().findByIdentifier(tenant, hmac, { limit: body.limit, cursor: body.cursor });
  return { body: auditPageView(page) };
});
