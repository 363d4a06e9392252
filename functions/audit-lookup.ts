import { hmacIdentifier, identifierKey } from '../shared/audit/record.js';
import { compact } from '../shared/identifiers/normalize.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { auditStore } from './lib/audit-trail.js';
import { auditPageView } from './lib/audit-view.js';
import { hmacSecret } from './lib/clients.js';
import { badRequest } from './lib/problem.js';

/**
 * Digits an identifier can have: 12 (KZ) or 14 (KG), or one fewer when a spreadsheet dropped the
 * leading zero (the checks record those too, as `LEADING_ZERO_LOST`).
 */
const IDENTIFIER_DIGITS = { min: 11, max: 14 } as const;

/** The compact digits of a value that can be an identifier. @throws HttpProblem 400 at `body.value` otherwise. */
function lookupDigits(value: string): string {
  const digits = compact(value);
  if (digits !== null && digits.length >= IDENTIFIER_DIGITS.min && digits.length <= IDENTIFIER_DIGITS.max)
    return digits;
  const message =
    digits === null
      ? 'cannot be an identifier: only ASCII digits, spaces, hyphens and dots are allowed'
      : `cannot be an identifier: ${digits.length} digits; a KZ IIN/BIN has 12, a KG INN/PIN 14`;
  throw badRequest('the value to look up cannot be an identifier', [{ path: 'body.value', message }]);
}

/** POST /v1/audit/lookup — the caller's earlier checks of one identifier, found by its HMAC (the value is never stored); paginated like GET /v1/audit. */
export const handler = apiHandler(routes.auditLookup, async ({ body, tenant }) => {
  const hmac = hmacIdentifier(await hmacSecret(), identifierKey(body.value, lookupDigits(body.value)));
  const page = await auditStore().findByIdentifier(tenant, hmac, { limit: body.limit, cursor: body.cursor });
  return { body: auditPageView(page) };
});
