/**
 * `npm run bench`: the figures the issues ask for, measured on this machine.
 *  1. CLI: rows/s and peak RSS validating a generated 1 000 000-row supplier CSV offline, and peak RSS at 10 000 000 rows.
 *  2. API: time for one 10 000-item validate-batch call against the local stack (audit records included),
 *     next to DynamoDB Local's own BatchWriteItem ceiling for the same 10 000 records, measured in the same run.
 *  3. Library: validations/s of isValidIdentifier and validateIdentifier next to peers and a floor loop, and the
 *     browser bundle size of the identifier functions (bench/library.ts).
 *  4. Files: accountants' files (Windows-1251 and UTF-8 CSV, XLSX → XLSX, peak RSS at 10M rows; bench/files.ts).
 *  5. Load: single validate req/s and p99, 16 concurrent 1 000-item batches vs one client vs DynamoDB Local's raw
 *     BatchWriteItem rate, in one run against the local stack (bench/load.ts).
 * Options: --only cli|api|library|files|load (one section), --rows N (default 1 000 000), --big-rows N (default 10 000 000;
 * 0 skips), --skip-cli, --skip-api, --skip-library, --repeats N (CLI/API), --library-count N (default 1 000 000),
 * --rounds N (library, default 5).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import { readConfig } from '../functions/lib/config.js';
import { toAttributes, toItem } from '../functions/lib/dynamodb-audit-store.js';
import { ensureAuditTable } from '../local/create-table.js';
import { freePort, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { waitForHttp } from '../local/wait-for-http.js';
import { identifierRecord } from '../shared/audit/record.js';
import { validateIdentifier } from '../shared/identifiers/validate.js';
import { RULESET_VERSION } from '../shared/rules/version.js';
import { benchFiles } from './files.js';
import { supplierRowFactory, writeSupplierCsv } from './generate-suppliers.js';
import { benchLibrary } from './library.js';
import { benchLoad } from './load.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'big-rows': { type: 'string', default: '10000000' },
    'skip-cli': { type: 'boolean', default: false },
    'skip-api': { type: 'boolean', default: false },
    'skip-library': { type: 'boolean', default: false },
    'skip-files': { type: 'boolean', default: false },
    'skip-load': { type: 'boolean', default: false },
    only: { type: 'string' },
    repeats: { type: 'string', default: '3' },
    'library-count': { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '5' },
  },
});
const SECTIONS = ['cli', 'api', 'library', 'files', 'load'] as const;
if (args.only !== undefined && !(SECTIONS as readonly string[]).includes(args.only)) {
  throw new Error(`--only takes one of ${SECTIONS.join(', ')}`);
}
/** Whether a section runs: `--only` names one; otherwise every section not skipped. */
const runs = (section: (typeof SECTIONS)[number]): boolean =>
  args.only === undefined ? !args[`skip-${section}`] : args.only === section;
const repeats = Number(args.repeats);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function cliRun(file: string) {
  const started = performance.now();
  const { stdout } = await run(
    process.execPath,
    [join(root, 'dist/cli/salyk.js'), 'validate', file, '--json', '-o', `${file}.out.csv`],
    {
      maxBuffer: 1 << 24,
    },
  );
  const wall = (performance.now() - started) / 1000;
  const summary = JSON.parse(stdout) as {
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    peakRssMb: number;
    valid: number;
    invalid: number;
  };
  // Whole-process wall time (start-up included) is what a user waits for; report that.
  return { ...summary, seconds: wall, rowsPerSecond: Math.round(summary.rows / wall) };
}

async function benchCli(dir: string): Promise<void> {
  const rows = Number(args.rows);
  const file = join(dir, `suppliers-${rows}.csv`);
  await writeSupplierCsv(file, rows);
  const size = (await stat(file)).size;
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await cliRun(file));
  const best = runs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
  console.log(
    `\nCLI offline validate, ${rows.toLocaleString('en-US')} rows (${(size / 1e6).toFixed(1)} MB; ${best.valid} valid / ${best.invalid} invalid)`,
  );
  console.log(
    `  process wall times incl. start-up (s): ${runs.map((r) => r.seconds.toFixed(2)).join(', ')} — median ${median(runs.map((r) => r.seconds)).toFixed(2)} s, best ${best.rowsPerSecond.toLocaleString('en-US')} rows/s`,
  );
  console.log(`  peak RSS: ${runs.map((r) => r.peakRssMb).join(', ')} MiB`);

  const bigRows = Number(args['big-rows']);
  if (bigRows > 0) {
    const big = join(dir, `suppliers-${bigRows}.csv`);
    await writeSupplierCsv(big, bigRows);
    const r = await cliRun(big);
    await rm(big, { force: true });
    await rm(`${big}.out.csv`, { force: true });
    console.log(
      `CLI offline validate, ${bigRows.toLocaleString('en-US')} rows: ${r.seconds.toFixed(1)} s, ${r.rowsPerSecond.toLocaleString('en-US')} rows/s, peak RSS ${r.peakRssMb} MiB`,
    );
    console.log(
      `  peak RSS growth ${rows.toLocaleString('en-US')} → ${bigRows.toLocaleString('en-US')} rows: ${r.peakRssMb - median(runs.map((x) => x.peakRssMb))} MiB (target ≤ 50)`,
    );
  }
}

const BENCH_KEY = 'bench-key';
const BENCH_SECRET = 'bench-secret';

/** Starts the local API server (`local/start.ts`) on a free port against the given DynamoDB endpoint. */
async function startLocalApi(dynamoEndpoint: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const server = spawn(join(root, 'node_modules/.bin/tsx'), ['local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      SALYK_API_KEYS: `bench:${BENCH_KEY}`,
      HMAC_SECRET: BENCH_SECRET,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health`, { ready: (status) => status === 200, what: 'the local stack' });
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }
  return { url, stop: () => server.kill('SIGTERM') };
}

/** One timed validate-batch call of the given values; returns its wall time in ms. */
function batchCaller(url: string, values: readonly string[]): () => Promise<number> {
  const body = JSON.stringify({ items: values.map((value) => ({ value })) });
  return async () => {
    const t = performance.now();
    const res = await fetch(`${url}/v1/identifiers/validate-batch`, {
      method: 'POST',
      headers: { 'x-api-key': BENCH_KEY, 'content-type': 'application/json' },
      body,
    });
    if (!res.ok) throw new Error(`batch answered ${res.status}`);
    await res.json();
    return performance.now() - t;
  };
}

/** The audit items the batch endpoint writes for these values, built as the handler builds them. */
function auditWrites(values: readonly string[], nextId: () => string): WriteRequest[] {
  const now = new Date();
  const context = { tenant: 'raw', now, retentionDays: 1827, rulesetVersion: RULESET_VERSION };
  return values.map((value) => ({
    PutRequest: {
      Item: toAttributes(
        toItem(
          identifierRecord(
            { ...context, checkId: nextId() },
            'identifiers.validate-batch',
            BENCH_SECRET,
            value,
            validateIdentifier(value),
          ),
        ),
      ),
    },
  }));
}

/**
 * The ceiling: the same audit items written straight to DynamoDB Local with BatchWriteItem, 25 per call and the
 * same concurrency the handler uses. Returns a timed writer (ms per 10 000 items).
 */
async function rawBatchWriter(dynamoEndpoint: string, values: readonly string[]): Promise<() => Promise<number>> {
  const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamoEndpoint });
  const client = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureAuditTable(client, config.tableName);
  const nextId = monotonicFactory();
  const writeChunk = async (chunk: WriteRequest[]) => {
    let pending = chunk;
    while (pending.length) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [config.tableName]: pending } }));
      pending = out.UnprocessedItems?.[config.tableName] ?? [];
    }
  };
  return async () => {
    const items = auditWrites(values, nextId);
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    const t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: config.writeConcurrency }, async () => {
        while (next < chunks.length) await writeChunk(chunks[next++]!);
      }),
    );
    return performance.now() - t;
  };
}

/** Alternates the two measurements so a load change on the machine hits both alike. */
async function alternate(a: () => Promise<number>, b: () => Promise<number>): Promise<[number[], number[]]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return [as, bs];
}

function printApiFigures(apiMs: number[], rawMs: number[]): void {
  const api = median(apiMs);
  const raw = median(rawMs);
  const perSecond = (ms: number) => Math.round(10_000 / (ms / 1000)).toLocaleString('en-US');
  console.log('\nAPI validate-batch, 10 000 items, local stack (DynamoDB Local, audit records included)');
  console.log(
    `  batch call (ms): ${apiMs.map((x) => x.toFixed(0)).join(', ')} — median ${api.toFixed(0)} ms = ${perSecond(api)} items/s`,
  );
  console.log(
    `  DynamoDB Local raw BatchWriteItem of the same 10 000 items (ms): ${rawMs.map((x) => x.toFixed(0)).join(', ')} — median ${raw.toFixed(0)} ms = ${perSecond(raw)} items/s`,
  );
  console.log(`  batch endpoint at ${((raw / api) * 100).toFixed(0)}% of the raw BatchWriteItem rate (target ≥ 80%)`);
}

async function benchApi(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  try {
    const api = await startLocalApi(dynamo.endpoint);
    try {
      const row = supplierRowFactory(7);
      const values = Array.from({ length: 10_000 }, (_, i) => row(i).split(',')[1]!);
      const call = batchCaller(api.url, values);
      await call(); // warm-up: JIT, connections, table pages
      const rawWrite = await rawBatchWriter(dynamo.endpoint, values);
      await rawWrite();
      const [apiMs, rawMs] = await alternate(call, rawWrite);
      printApiFigures(apiMs, rawMs);
      if (runs('load'))
        await benchLoad({
          baseUrl: api.url,
          apiKey: BENCH_KEY,
          dynamodbEndpoint: dynamo.endpoint,
          tableName: readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint }).tableName,
        });
    } finally {
      api.stop();
    }
  } finally {
    await dynamo.stop();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'salyk-bench-'));
try {
  console.log(`Salyk benchmarks — Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  if (runs('cli')) await benchCli(dir);
  if (runs('api') || runs('load')) await benchApi();
  if (runs('library')) await benchLibrary({ count: Number(args['library-count']), rounds: Number(args.rounds) });
  if (runs('files')) await benchFiles(dir, { rows: Number(args.rows), bigRows: Number(args['big-rows']), xlsx: true });
} finally {
  await rm(dir, { recursive: true, force: true });
}
