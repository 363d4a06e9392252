import { protectIdentifier, recordBase } from '../shared/audit/record.js';
import { precheckEsf } from '../shared/esf/precheck.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { openAuditSession, recordAudit } from './lib/audit-trail.js';

/** POST /v1/esf/precheck — one invoice, one audit record (TINs only as HMAC + mask). */
export const handler = apiHandler(routes.esfPrecheck, async ({ body, tenant }) => {
  // TODO(lead, i18n merge): take `lang` from the request and call precheckEsf(body, { lang }) once the library takes it.
  const result = precheckEsf(body);
  const audit = await openAuditSession(tenant);
  const record = {
    ...recordBase(audit.context()),
    operation: 'esf.precheck' as const,
    country: body.country,
    kind: result.supplierTin.kind,
    valid: result.submittable,
    errorCodes: result.findings.filter((f) => f.severity === 'error').map((f) => f.code),
    warningCodes: result.findings.filter((f) => f.severity === 'warning').map((f) => f.code),
    identifier: protectIdentifier(audit.secret, body.supplier.tin, result.supplierTin.normalized),
    // result.buyerTin is there exactly when body.buyer.tin is.
    ...(body.buyer.tin === undefined
      ? {}
      : {
          otherIdentifiers: {
            buyer: protectIdentifier(audit.secret, body.buyer.tin, result.buyerTin?.normalized ?? null),
          },
        }),
    facts: { lines: body.lines.length, issueBy: result.deadline.issueBy, daysLeft: result.deadline.daysLeft },
  };
  await recordAudit([record]);
  const { checkId } = record;
  const { supplierTin, buyerTin, ...rest } = result;
  return {
    body: {
      ...rest,
      supplierTin: { ...supplierTin, checkId },
      ...(buyerTin ? { buyerTin: { ...buyerTin, checkId } } : {}),
      checkId,
    },
  };
});
