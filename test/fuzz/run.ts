/**
 * `npm run fuzz -- --count N [--seed S] [--route ID]`: the fuzz properties of test/integration/fuzz.test.ts
 * with N runs per route, against a fresh local stack on an in-memory DynamoDB Local. Prints the statuses
 * per route and every kind of contract violation with the first request that showed it; exits 1 if any.
 */
import { parseArgs } from 'node:util';
import { routeList } from '../../shared/routes.js';
import { startIntegrationEnvironment } from '../helpers/local-stack.js';
import { type FuzzReport, fuzzPaths, fuzzRoute, summarize } from './engine.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    seed: { type: 'string' },
    route: { type: 'string', multiple: true },
  },
});
const numRuns = Number(args.count);
const seed = args.seed === undefined ? Date.now() % 2 ** 31 : Number(args.seed);
const chosen = args.route?.length ? routeList.filter((r) => args.route?.includes(r.id)) : routeList;

const env = await startIntegrationEnvironment({ POWERTOOLS_LOG_LEVEL: 'SILENT' });
const reports: [string, FuzzReport][] = [];
try {
  console.log(`fuzzing ${chosen.length} route(s), ${numRuns} runs each, seed ${seed}, on ${env.stack.baseUrl}`);
  for (const route of chosen) {
    const started = performance.now();
    const report = await fuzzRoute(env.stack.baseUrl, route, { numRuns, seed });
    reports.push([route.id, report]);
    const s = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`  ${route.id.padEnd(28)} ${s.padStart(6)} s  statuses ${JSON.stringify(report.statuses)}`);
  }
  if (!args.route?.length) {
    const report = await fuzzPaths(env.stack.baseUrl, { numRuns: numRuns * 2, seed });
    reports.push(['paths', report]);
    console.log(`  ${'(odd methods and targets)'.padEnd(28)}          statuses ${JSON.stringify(report.statuses)}`);
  }
} finally {
  await env.stop();
}

const violations = reports.flatMap(([, r]) => r.violations);
const requests = reports.reduce((n, [, r]) => n + r.requests, 0);
console.log(`\n${requests} requests, ${violations.length} contract violation(s)`);
for (const line of summarize(violations)) console.log(`  ✗ ${line}`);
if (violations.length) console.log(`\nreplay with: npm run fuzz -- --count ${numRuns} --seed ${seed}`);
process.exitCode = violations.length ? 1 : 0;
