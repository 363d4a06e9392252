import { routes } from '../shared/routes.js';
import { inForce, RULES, RULESET_VERSION } from '../shared/rules/index.js';
import { apiHandler } from './lib/api-handler.js';

/** GET /v1/rules — every rules row, filterable by country, topic prefix and date, so users can audit the sources. */
export const handler = apiHandler(routes.rules, async ({ query }) => {
  const rules = RULES.filter(
    (r) =>
      (!query.country || r.country === query.country) &&
      (!query.topic || r.topic.startsWith(query.topic)) &&
      (!query.date || inForce(r, query.date)),
  );
  return { body: { rulesetVersion: RULESET_VERSION, count: rules.length, rules } };
});
