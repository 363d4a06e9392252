import { routes } from '../shared/routes.js';
import { RULESET_VERSION, rulesChangesSince } from '../shared/rules/index.js';
import { apiHandler } from './lib/api-handler.js';

/**
 * GET /v1/rules/changes?since=YYYY-MM-DD — the ruleset versions published since a date, newest first, each with
 * every row it added, changed or ended and why: what an integrator re-checks when `rulesetVersion` moves.
 */
export const handler = apiHandler(routes.rulesChanges, async ({ query }) => ({
  body: {
    rulesetVersion: RULESET_VERSION,
    since: query.since ?? null,
    releases: rulesChangesSince(query.since ?? '0000-01-01'),
  },
}));
