import { JOB_ENGINE, type JobEngineParams } from './params.js';

/**
 * The scale model behind docs/scale.md: wall time, the limit that binds and the cost of a job of `rows`
 * rows, from the engine's parameters (`JOB_ENGINE`, what the stack deploys), list prices and a few
 * stated assumptions. Pure arithmetic, so `scripts/scale-model.ts` and tests print the same figures.
 */

/** List prices, us-east-1, read from the AWS pricing pages on 2026-11-30 (see docs/scale.md for the pages). */
export const PRICES = {
  date: '2026-11-30',
  region: 'us-east-1',
  /** Lambda on arm64: per GB-second and per request. */
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** Step Functions Standard: per state transition. */
  standardTransition: 0.025 / 1000,
  /** Step Functions Express: per request, and per GB-second (billed in 64 MB chunks, 100 ms steps). */
  expressRequest: 1 / 1e6,
  expressGbSecond: 0.00001667,
  /** DynamoDB on-demand: per write request unit; storage per GB-month. */
  dynamoWru: 0.625 / 1e6,
  dynamoGbMonth: 0.25,
  /** S3 Standard: PUT/POST and GET per request, storage per GB-month. */
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  s3GbMonth: 0.023,
} as const;

/** Service limits (default quotas) the model checks; each can bind first at some size. */
export const LIMITS = {
  lambdaConcurrency: 1_000,
  lambdaMaxSeconds: 900,
  lambdaTmpBytes: 10 * 1024 ** 3,
  /** On-demand table: writes per second a table may take (account quota "table-level write throughput"). */
  tableWruPerSecond: 40_000,
  /** One partition key value takes at most this many writes per second. */
  partitionWruPerSecond: 1_000,
  /** One presigned PUT: 5 GB. */
  singlePutBytes: 5 * 1024 ** 3,
  /** Distributed Map: largest CSV item source. */
  itemReaderBytes: 10 * 1024 ** 3,
  distributedMapConcurrency: 10_000,
  /** The job state machine's own timeout (infra/jobs.ts). */
  executionSeconds: 24 * 3600,
} as const;

/** What the model assumes rather than reads from the stack; docs/scale.md says where each comes from. */
export const ASSUMPTIONS = {
  /** Input bytes per row (the generated supplier list: 34.9 B/row, name;tin;city). */
  bytesPerRow: 35,
  /** Items-file bytes per row (`row,line,value,bad`). */
  itemBytesPerRow: 30,
  /** A warm 1 000-row batch in AWS: validate (~5 ms), 40 BatchWriteItem calls 8 at a time, a part PUT, a progress update. */
  batchSeconds: 0.4,
  /** Prepare and finish, rows per second in one 3 GB function (the CLI's reader runs 100–250 k rows/s here). */
  prepareRowsPerSecond: 150_000,
  finishRowsPerSecond: 100_000,
  /** Write units per audit record: the item (< 1 KB) and its by-identifier index entry. */
  wruPerRow: 2,
  /** Base-table write units per record: what lands on the tenant's partition `T#<tenant>`. */
  partitionWruPerRow: 1,
  /** Partitions one tenant's records are written to (the audit table's key design: one, `T#<tenant>`). */
  shardsPerTenant: 1,
  /** Stored bytes per audit record, base item plus index projection. */
  recordBytes: 800,
  /** Step Functions Standard transitions: the parent's states, plus one per child workflow started. */
  fixedTransitions: 6,
} as const;

export type Assumptions = { -readonly [K in keyof typeof ASSUMPTIONS]: number };

export interface ScaleEstimate {
  rows: number;
  batches: number;
  /** Rows per second through the map, and what bounds it. */
  rowsPerSecond: number;
  boundBy: 'lambda' | 'table' | 'partition';
  /** Child workflows worth running at once at that rate (more only wait on throttled writes). */
  usefulConcurrency: number;
  seconds: { prepare: number; map: number; finish: number; total: number };
  /** Hard limits the job runs into, in words; empty when none. */
  breaks: string[];
  usage: {
    lambdaGbSeconds: number;
    expressGbSeconds: number;
    transitions: number;
    wru: number;
    s3Puts: number;
    s3Gets: number;
  };
  cost: { lambda: number; stepFunctions: number; dynamodb: number; s3: number; total: number; perMillionRows: number };
  /** Audit records kept for the retention period: storage per month. */
  auditStoragePerMonth: number;
}

/** The estimate for one job of `rows` rows. */
export function estimate(
  rows: number,
  engine: JobEngineParams = JOB_ENGINE,
  assumptions: Assumptions = ASSUMPTIONS,
): ScaleEstimate {
  const a = assumptions;
  const batches = Math.ceil(rows / engine.batchSize);
  const bounds = {
    lambda: (Math.min(engine.maxConcurrency, LIMITS.lambdaConcurrency) * engine.batchSize) / a.batchSeconds,
    table: LIMITS.tableWruPerSecond / a.wruPerRow,
    partition: (LIMITS.partitionWruPerSecond * a.shardsPerTenant) / a.partitionWruPerRow,
  };
  const boundBy = (Object.keys(bounds) as (keyof typeof bounds)[]).reduce((x, y) => (bounds[y] < bounds[x] ? y : x));
  const rowsPerSecond = bounds[boundBy];
  const seconds = {
    prepare: rows / a.prepareRowsPerSecond,
    map: rows / rowsPerSecond,
    finish: rows / a.finishRowsPerSecond,
    total: 0,
  };
  seconds.total = seconds.prepare + seconds.map + seconds.finish;
  const stepGb = engine.stepMemoryMb / 1024;
  const lambdaGbSeconds =
    batches * a.batchSeconds * (engine.batchMemoryMb / 1024) + (seconds.prepare + seconds.finish) * stepGb;
  const expressGbSeconds = batches * (Math.ceil(a.batchSeconds * 10) / 10) * (64 / 1024);
  const transitions = a.fixedTransitions + batches;
  const wru = rows * a.wruPerRow + batches * 2 + 4;
  const s3Puts = batches + 6;
  const s3Gets = batches + 4 + Math.ceil((rows * a.itemBytesPerRow) / (16 * 1024 ** 2));
  const lambda = lambdaGbSeconds * PRICES.lambdaGbSecond + (batches + 2) * PRICES.lambdaRequest;
  const stepFunctions =
    transitions * PRICES.standardTransition +
    batches * PRICES.expressRequest +
    expressGbSeconds * PRICES.expressGbSecond;
  const dynamodb = wru * PRICES.dynamoWru;
  const s3 = s3Puts * PRICES.s3Put + s3Gets * PRICES.s3Get;
  const total = lambda + stepFunctions + dynamodb + s3;
  return {
    rows,
    batches,
    rowsPerSecond,
    boundBy,
    usefulConcurrency: Math.min(engine.maxConcurrency, Math.ceil((rowsPerSecond * a.batchSeconds) / engine.batchSize)),
    seconds,
    breaks: breaksOf(rows, seconds, a),
    usage: { lambdaGbSeconds, expressGbSeconds, transitions, wru, s3Puts, s3Gets },
    cost: { lambda, stepFunctions, dynamodb, s3, total, perMillionRows: (total / rows) * 1e6 },
    auditStoragePerMonth: ((rows * a.recordBytes) / 1024 ** 3) * PRICES.dynamoGbMonth,
  };
}

function breaksOf(rows: number, seconds: ScaleEstimate['seconds'], a: Assumptions): string[] {
  const uploadBytes = rows * a.bytesPerRow;
  const out: string[] = [];
  if (uploadBytes > LIMITS.singlePutBytes)
    out.push('upload over 5 GB: one presigned PUT cannot carry it (needs multipart)');
  if (rows * a.itemBytesPerRow > LIMITS.itemReaderBytes)
    out.push('items file over the CSV item source limit (shard it)');
  // Finish holds the upload and the checked file (~2.5× the upload) in /tmp.
  if (uploadBytes * 3.5 > LIMITS.lambdaTmpBytes) out.push('prepare/finish files over Lambda’s 10 GB /tmp');
  if (seconds.prepare > LIMITS.lambdaMaxSeconds) out.push('prepare over Lambda’s 15 minutes');
  if (seconds.finish > LIMITS.lambdaMaxSeconds) out.push('finish over Lambda’s 15 minutes');
  if (seconds.total > LIMITS.executionSeconds) out.push('job over the state machine’s 24 h timeout');
  return out;
}
