import { decisionRecord } from '../shared/audit/record.js';
import { assessKzResidency } from '../shared/residency/kz.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { openAuditSession, recordAudit } from './lib/audit-trail.js';

/** POST /v1/residency/kz — one decision, one audit record of its outcome (no stay dates stored). */
export const handler = apiHandler(routes.residencyKz, async ({ body, tenant, lang }) => {
  const result = assessKzResidency(body, { lang });
  const audit = await openAuditSession(tenant);
  const record = decisionRecord(audit.context(), 'residency.kz', 'KZ', {
    taxYear: body.taxYear,
    resident: result.resident,
    decidedBy: result.decidedBy,
    daysInTaxYear: result.daysInTaxYear,
  });
  await recordAudit([record]);
  return { body: { ...result, checkId: record.checkId } };
});
