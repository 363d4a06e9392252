import type { AuditRecord } from '../../shared/audit/record.js';
import type { AuditPage } from '../../shared/audit/store.js';

/** How a record is shown to its tenant: the masked identifier, never the hash internals. */
function auditView(record: AuditRecord) {
  return {
    checkId: record.checkId,
    createdAt: record.createdAt,
    operation: record.operation,
    country: record.country,
    kind: record.kind,
    valid: record.valid,
    errorCodes: record.errorCodes,
    warningCodes: record.warningCodes,
    rulesetVersion: record.rulesetVersion,
    ...(record.identifier ? { identifierMasked: record.identifier.masked } : {}),
    ...(record.otherIdentifiers
      ? {
          otherIdentifiersMasked: Object.fromEntries(
            Object.entries(record.otherIdentifiers).map(([role, id]) => [role, id.masked]),
          ),
        }
      : {}),
    ...(record.facts ? { facts: record.facts } : {}),
  };
}

/** One page of records as `GET /v1/audit` and `POST /v1/audit/lookup` answer it. */
export function auditPageView(page: AuditPage) {
  return { items: page.items.map(auditView), ...(page.cursor ? { cursor: page.cursor } : {}) };
}
