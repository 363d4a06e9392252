import { identifierRecord } from '../shared/audit/record.js';
import { validateIdentifier } from '../shared/identifiers/validate.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { openAuditSession, recordAudit } from './lib/audit-trail.js';

/** POST /v1/identifiers/validate — one identifier, one audit record. */
export const handler = apiHandler(routes.validateIdentifier, async ({ body, tenant, lang }) => {
  const { value, country, kind } = body;
  const result = validateIdentifier(value, { country, kind, lang });
  const audit = await openAuditSession(tenant);
  const record = identifierRecord(audit.context(), 'identifiers.validate', audit.secret, value, result);
  await recordAudit([record]);
  return { body: { ...result, checkId: record.checkId } };
});
