/**
 * Prints the scale model of docs/scale.md from the parameters the stack deploys (shared/jobs/params.ts)
 * and the prices and assumptions in shared/jobs/cost.ts: `npx tsx scripts/scale-model.ts [--shards N]`.
 */
import { ASSUMPTIONS, estimate, LIMITS, PRICES, type ScaleEstimate } from '../shared/jobs/cost.js';
import { JOB_ENGINE } from '../shared/jobs/params.js';

const SIZES = [1_000_000, 100_000_000, 1_000_000_000];
/** `--name N` from the command line, else the fallback. */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
const shards = option('shards', ASSUMPTIONS.shardsPerTenant);
const engine = { ...JOB_ENGINE, maxConcurrency: option('concurrency', JOB_ENGINE.maxConcurrency) };

const money = (n: number) => (n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
function duration(s: number): string {
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} days`;
}

function table(estimates: ScaleEstimate[]): string {
  const rows: [string, (e: ScaleEstimate) => string][] = [
    ['batches (child workflows)', (e) => int(e.batches)],
    ['rows/s through the map', (e) => `${int(e.rowsPerSecond)} (${e.boundBy})`],
    ['useful map concurrency', (e) => int(e.usefulConcurrency)],
    [
      'prepare / map / finish',
      (e) => `${duration(e.seconds.prepare)} / ${duration(e.seconds.map)} / ${duration(e.seconds.finish)}`,
    ],
    ['wall time', (e) => duration(e.seconds.total)],
    ['Lambda GB-s', (e) => int(e.usage.lambdaGbSeconds)],
    ['DynamoDB write units', (e) => int(e.usage.wru)],
    [
      'Step Functions transitions / Express GB-s',
      (e) => `${int(e.usage.transitions)} / ${int(e.usage.expressGbSeconds)}`,
    ],
    ['S3 PUT / GET', (e) => `${int(e.usage.s3Puts)} / ${int(e.usage.s3Gets)}`],
    ['cost: Lambda', (e) => money(e.cost.lambda)],
    ['cost: Step Functions', (e) => money(e.cost.stepFunctions)],
    ['cost: DynamoDB writes', (e) => money(e.cost.dynamodb)],
    ['cost: S3 requests', (e) => money(e.cost.s3)],
    ['**cost per job**', (e) => `**${money(e.cost.total)}**`],
    ['**cost per million rows**', (e) => `**${money(e.cost.perMillionRows)}**`],
    ['audit storage, per month kept', (e) => money(e.auditStoragePerMonth)],
    ['limits hit', (e) => e.breaks.join('; ') || '—'],
  ];
  const head = `| | ${estimates.map((e) => `${int(e.rows)} rows`).join(' | ')} |`;
  const rule = `|---|${estimates.map(() => '---').join('|')}|`;
  return [head, rule, ...rows.map(([label, f]) => `| ${label} | ${estimates.map(f).join(' | ')} |`)].join('\n');
}

const assumptions = { ...ASSUMPTIONS, shardsPerTenant: shards };
console.log(
  `Engine (shared/jobs/params.ts): batch ${engine.batchSize} rows, map concurrency ${engine.maxConcurrency}, batch function ${engine.batchMemoryMb} MB, prepare/finish ${engine.stepMemoryMb} MB`,
);
console.log(
  `Prices: ${PRICES.region}, list prices of ${PRICES.date}. Audit partitions per tenant: ${shards}. Default quotas: Lambda ${int(LIMITS.lambdaConcurrency)} concurrent, table ${int(LIMITS.tableWruPerSecond)} WRU/s, partition ${int(LIMITS.partitionWruPerSecond)} WRU/s.\n`,
);
console.log(table(SIZES.map((rows) => estimate(rows, engine, assumptions))));
