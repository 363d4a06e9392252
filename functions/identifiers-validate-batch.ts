import type * as z from 'zod';
import { identifierRecord } from '../shared/audit/record.js';
import { validateIdentifier } from '../shared/identifiers/validate.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { openAuditSession, recordAudit } from './lib/audit-trail.js';

/** POST /v1/identifiers/validate-batch — up to `MAX_BATCH_ITEMS` identifiers; one audit record each, all written before answering. */
export const handler = apiHandler(routes.validateIdentifierBatch, async ({ body, tenant, lang }) => {
  const audit = await openAuditSession(tenant);
  const summary = { total: body.items.length, valid: 0, invalid: 0, withWarnings: 0 };
  const records = [];
  const results = [];
  for (const { value, country, kind, ref } of body.items) {
    const result = validateIdentifier(value, { country, kind, lang });
    const record = identifierRecord(audit.context(), 'identifiers.validate-batch', audit.secret, value, result);
    records.push(record);
    results.push({ ...result, checkId: record.checkId, ...(ref === undefined ? {} : { ref }) });
    if (result.valid) summary.valid++;
    else summary.invalid++;
    if (result.warnings.length > 0) summary.withWarnings++;
  }
  // Serialize the (multi-megabyte) answer while DynamoDB takes the records; answer only once they are all written.
  const written = recordAudit(records);
  written.catch(() => undefined); // awaited below; this only stops an early rejection counting as unhandled
  const answer: z.input<typeof routes.validateIdentifierBatch.response> = { summary, results };
  const json = JSON.stringify(answer);
  await written;
  return { json };
});
