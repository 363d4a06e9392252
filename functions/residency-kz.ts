import { decisionRecord } from '../shared/audit/record.js';
import { assessKzResidency, InvalidStaysError } from '../shared/residency/kz.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { openAuditSession, recordAudit } from './lib/audit-trail.js';
import { badRequest } from './lib/problem.js';
import { withRulesCoverage } from './lib/rules-coverage.js';

/** POST /v1/residency/kz — one decision, one audit record of its outcome (no stay dates stored). */
export const handler = apiHandler(routes.residencyKz, async ({ body, tenant }) => {
  const result = withRulesCoverage(() => {
    try {
      return assessKzResidency(body);
    } catch (error) {
      if (error instanceof InvalidStaysError)
        throw badRequest(error.message, [{ path: `body.${error.path}`, message: error.message }]);
      throw error;
    }
  });
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
