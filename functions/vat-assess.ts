import { decisionRecord } from '../shared/audit/record.js';
import { routes } from '../shared/routes.js';
import { assessVat } from '../shared/vat/assess.js';
import { apiHandler } from './lib/api-handler.js';
import { openAuditSession, recordAudit } from './lib/audit-trail.js';

/** POST /v1/vat/assess — one decision, one audit record of its outcome (no identifiers involved). */
export const handler = apiHandler(routes.vatAssess, async ({ body, tenant, lang }) => {
  const assessment = assessVat(body, { lang });
  const audit = await openAuditSession(tenant);
  const record = decisionRecord(audit.context(), 'vat.assess', body.country, {
    vatCountry: assessment.vatCountry,
    vatApplies: assessment.vatApplies,
    rate: assessment.rate,
    liableParty: assessment.liableParty,
    registrationRequired: assessment.registration.required,
    supplyCategory: body.supply.category,
    reasons: assessment.reasons.map((r) => r.code).join(','),
  });
  await recordAudit([record]);
  return { body: { ...assessment, checkId: record.checkId } };
});
