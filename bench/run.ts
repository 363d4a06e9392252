/**
 * `npm run bench`: the figures the issues ask for, measured on this machine.
 *  1. CLI: rows/s and peak RSS validating a generated 1 000 000-row supplier CSV offline, and peak RSS at 10 000 000 rows.
 *  2. API: time for one 10 000-item validate-batch call against the local stack (audit records included),
 *     next to DynamoDB Local's own BatchWriteItem ceiling for the same 10 000 records, measured in the same run.
 * Options: --rows N (default 1 000 000), --big-rows N (default 10 000 000; 0 skips), --skip-cli, --skip-api.
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
import { supplierRowFactory, writeSupplierCsv } from './generate-suppliers.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'big-rows': { type: 'string', default: '10000000' },
    'skip-cli': { type: 'boolean', default: false },
    'skip-api': { type: 'boolean', default: false },
    repeats: { type: 'string', default: '3' },
  },
});
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

async function benchApi(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  const port = await freePort();
  const server = spawn(join(root, 'node_modules/.bin/tsx'), ['local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SALYK_API_KEYS: 'bench:bench-key',
      HMAC_SECRET: 'bench-secret',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health`, { ready: (status) => status === 200, what: 'the local stack' });
    const row = supplierRowFactory(7);
    const values = Array.from({ length: 10_000 }, (_, i) => row(i).split(',')[1]!);
    const body = JSON.stringify({ items: values.map((value) => ({ value })) });
    const call = async () => {
      const t = performance.now();
      const res = await fetch(`${url}/v1/identifiers/validate-batch`, {
        method: 'POST',
        headers: { 'x-api-key': 'bench-key', 'content-type': 'application/json' },
        body,
      });
      if (!res.ok) throw new Error(`batch answered ${res.status}`);
      await res.json();
      return performance.now() - t;
    };
    await call(); // warm-up: JIT, connections, table pages

    // The ceiling: the same 10 000 audit items written straight to DynamoDB Local with BatchWriteItem,
    // 25 per call and the same concurrency the handler uses.
    const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint });
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureAuditTable(client, config.tableName);
    const nextId = monotonicFactory();
    const rawWrite = async () => {
      const now = new Date();
      const items: WriteRequest[] = values.map((value) => ({
        PutRequest: {
          Item: toAttributes(
            toItem(
              identifierRecord(
                { tenant: 'raw', checkId: nextId(), now, retentionDays: 1827, rulesetVersion: RULESET_VERSION },
                'identifiers.validate-batch',
                'bench-secret',
                value,
                validateIdentifier(value),
              ),
            ),
          ),
        },
      }));
      const chunks: WriteRequest[][] = [];
      for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
      const t = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: config.writeConcurrency }, async () => {
          while (next < chunks.length) {
            let pending = chunks[next++]!;
            while (pending.length) {
              const out = await client.send(
                new BatchWriteItemCommand({ RequestItems: { [config.tableName]: pending } }),
              );
              pending = out.UnprocessedItems?.[config.tableName] ?? [];
            }
          }
        }),
      );
      return performance.now() - t;
    };
    await rawWrite();
    // Alternate the two so a load change on the machine hits both alike.
    const apiMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      apiMs.push(await call());
      rawMs.push(await rawWrite());
    }
    const api = median(apiMs);
    const raw = median(rawMs);
    console.log('\nAPI validate-batch, 10 000 items, local stack (DynamoDB Local, audit records included)');
    console.log(
      `  batch call (ms): ${apiMs.map((x) => x.toFixed(0)).join(', ')} — median ${api.toFixed(0)} ms = ${Math.round(10_000 / (api / 1000)).toLocaleString('en-US')} items/s`,
    );
    console.log(
      `  DynamoDB Local raw BatchWriteItem of the same 10 000 items (ms): ${rawMs.map((x) => x.toFixed(0)).join(', ')} — median ${raw.toFixed(0)} ms = ${Math.round(10_000 / (raw / 1000)).toLocaleString('en-US')} items/s`,
    );
    console.log(`  batch endpoint at ${((raw / api) * 100).toFixed(0)}% of the raw BatchWriteItem rate (target ≥ 80%)`);
  } finally {
    server.kill('SIGTERM');
    await dynamo.stop();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'salyk-bench-'));
try {
  console.log(`Salyk benchmarks — Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  if (!args['skip-cli']) await benchCli(dir);
  if (!args['skip-api']) await benchApi();
} finally {
  await rm(dir, { recursive: true, force: true });
}
