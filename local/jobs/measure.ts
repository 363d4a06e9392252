/**
 * Measures a bulk job through the real local stack next to the offline CLI and DynamoDB Local's raw write
 * rate, in one run (docs/scale.md, "Measured locally"): `npx tsx local/jobs/measure.ts [rows]` (default
 * 100 000; 50 000 rows took 90 s at 557 rows/s, so a 1 000 000-row run takes about 30 minutes). Needs
 * `npm run build:cli` first. Starts its own `local/start.ts` on a scratch data folder and stops it after.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { generateIdentifiers } from '../../shared/identifiers/generate.js';

const ROWS = Number(process.argv[2] ?? 100_000);
const PORT = Number(process.env.PORT ?? 3990);
const RAW_ITEMS = 10_000;
const AUDIT_TABLE = 'salyk-audit';

/** A supplier list like the integration tests': IINs and BINs, every 7th with a broken check digit. */
function supplierList(path: string): number {
  const iins = generateIdentifiers(ROWS, { country: 'KZ', kind: 'IIN', seed: 1 });
  const bins = generateIdentifiers(ROWS, { country: 'KZ', kind: 'BIN', seed: 2 });
  const broken = generateIdentifiers(Math.ceil(ROWS / 7), { country: 'KZ', kind: 'IIN', seed: 3, invalid: 'checksum' });
  const lines = ['name;tin;city'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`Supplier ${i};${i % 7 === 0 ? broken[i / 7] : i % 2 ? bins[i] : iins[i]};Almaty`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return readFileSync(path).length;
}

function cliSeconds(input: string, output: string): number {
  const started = Date.now();
  execFileSync(process.execPath, ['dist/cli/salyk.js', 'validate', input, '--output', output, '--quiet'], {
    stdio: 'ignore',
  });
  return (Date.now() - started) / 1000;
}

async function startStack(dataDir: string): Promise<{ child: ChildProcess; output: () => string }> {
  const env = {
    ...process.env,
    PORT: String(PORT),
    SALYK_DATA_DIR: dataDir,
    SALYK_API_KEYS: 'alpha:key-alpha',
    TABLE_NAME: AUDIT_TABLE,
    HMAC_SECRET: 'measure',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const child = spawn('node_modules/.bin/tsx', ['local/start.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`http://127.0.0.1:${PORT}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, output: () => output };
    await sleep(500);
  }
  throw new Error(`the local stack did not start:\n${output}`);
}

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the job API
const api = (method: string, path: string, body?: unknown): Promise<any> =>
  fetch(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { 'x-api-key': 'key-alpha', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((r) => r.json());

async function runJob(csv: string): Promise<{ seconds: number; checked: Buffer; state: string }> {
  const job = await api('POST', '/v1/jobs', { kind: 'validate' });
  const started = Date.now();
  await fetch(job.upload.url, { method: 'PUT', body: readFileSync(csv) });
  for (;;) {
    const view = await api('GET', `/v1/jobs/${job.jobId}`);
    if (!['waiting_for_upload', 'running'].includes(view.state)) {
      const seconds = (Date.now() - started) / 1000;
      const checked = view.results
        ? Buffer.from(await (await fetch(view.results.checkedFile.url)).arrayBuffer())
        : Buffer.alloc(0);
      return { seconds, checked, state: view.state };
    }
    await sleep(1_000);
  }
}

/** BatchWriteItem of 25 audit-shaped items, 8 in flight, into a table with one GSI: the audit writes' shape. */
async function rawWriteRate(endpoint: string): Promise<number> {
  const db = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  const key = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  await db.send(
    new CreateTableCommand({
      TableName: 'raw-rate',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [key('pk'), key('sk'), key('gsi1pk'), key('gsi1sk')],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-identifier',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < RAW_ITEMS) {
      const first = next;
      next += 25;
      let requests: WriteRequest[] = Array.from({ length: 25 }, (_, k) => ({
        PutRequest: {
          Item: {
            pk: { S: 'T#alpha' },
            sk: { S: String(first + k).padStart(26, '0') },
            gsi1pk: { S: `T#alpha#H#${String(first + k).padStart(64, '0')}` },
            gsi1sk: { S: String(first + k).padStart(26, '0') },
            operation: { S: 'identifiers.validate-batch' },
            valid: { BOOL: true },
            expiresAt: { N: '1900000000' },
          },
        },
      }));
      while (requests.length) {
        const out = await db.send(new BatchWriteItemCommand({ RequestItems: { 'raw-rate': requests } }));
        requests = out.UnprocessedItems?.['raw-rate'] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  db.destroy();
  return RAW_ITEMS / ((Date.now() - started) / 1000);
}

/** The audit records of the tenant (partition `T#alpha`), counted by DynamoDB Local: one per checked row. */
async function auditRecords(endpoint: string): Promise<number> {
  const db = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: AUDIT_TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'T#alpha' } },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  db.destroy();
  return count;
}

const dir = mkdtempSync(join(tmpdir(), 'salyk-measure-'));
const csv = join(dir, 'suppliers.csv');
console.log(`supplier list: ${ROWS.toLocaleString('en-US')} rows, ${supplierList(csv).toLocaleString('en-US')} bytes`);
const cli = cliSeconds(csv, join(dir, 'cli.checked.csv'));
console.log(`CLI offline: ${cli.toFixed(2)} s, ${Math.round(ROWS / cli).toLocaleString('en-US')} rows/s`);
const stack = await startStack(join(dir, 'data'));
try {
  const job = await runJob(csv);
  const same = job.checked.equals(readFileSync(join(dir, 'cli.checked.csv')));
  console.log(
    `job (${job.state}): ${job.seconds.toFixed(1)} s, ${Math.round(ROWS / job.seconds).toLocaleString('en-US')} rows/s; checked file = CLI output: ${same}`,
  );
  const endpoint = /DynamoDB Local on (\S+)/.exec(stack.output())?.[1];
  if (endpoint) console.log(`audit records of the tenant: ${(await auditRecords(endpoint)).toLocaleString('en-US')}`);
  if (endpoint)
    console.log(
      `DynamoDB Local raw writes: ${Math.round(await rawWriteRate(endpoint)).toLocaleString('en-US')} items/s`,
    );
} finally {
  if (stack.child.pid) process.kill(-stack.child.pid, 'SIGTERM');
  await sleep(3_000);
  rmSync(dir, { recursive: true, force: true });
}
