/**
 * Load figures for issue 9 against a running local stack, for `npm run bench` (call `benchLoad`) or on its
 * own (`tsx bench/load.ts`, which starts DynamoDB Local and the stack itself):
 *  1. single validate: requests/s and p50/p99 latency (default 2 000 requests at concurrency 8);
 *  2. 16 clients each sending one 1 000-item validate-batch at once: accepted identifiers/s;
 *  3. one client sending 1 000-item batches one after another: identifiers/s;
 *  4. DynamoDB Local's raw BatchWriteItem rate for as many audit-like items, in the same run.
 * Targets: (2) ≥ (3) and (2) ≥ 80% of (4). Every POST carries a fresh Idempotency-Key, as clients will.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import { ensureAuditTable } from '../local/create-table.js';
import { freePort, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { supplierRowFactory } from './generate-suppliers.js';

export interface LoadTarget {
  baseUrl: string;
  apiKey: string;
  /** DynamoDB Local behind the stack, for the raw write rate. */
  dynamodbEndpoint: string;
  tableName: string;
}

export interface LoadOptions {
  requests?: number;
  concurrency?: number;
  batchClients?: number;
  batchSize?: number;
  /** Batches the single client sends one after another. */
  singleClientBatches?: number;
}

export interface LoadFigures {
  validate: { requests: number; failed: number; perSecond: number; p50Ms: number; p99Ms: number };
  concurrentBatches: { clients: number; accepted: number; refused: number; identifiersPerSecond: number };
  singleClient: { batches: number; identifiersPerSecond: number };
  rawBatchWrite: { items: number; itemsPerSecond: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function post(target: LoadTarget, path: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': target.apiKey, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

async function validateLoad(target: LoadTarget, values: () => string, requests: number, concurrency: number) {
  const latencies: number[] = [];
  let failed = 0;
  let left = requests;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const { status, ms } = await post(target, '/v1/identifiers/validate', JSON.stringify({ value: values() }));
        latencies.push(ms);
        if (status !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests,
    failed,
    perSecond: requests / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
  };
}

const batchBody = (values: () => string, size: number) =>
  JSON.stringify({ items: Array.from({ length: size }, () => ({ value: values() })) });

async function concurrentBatches(target: LoadTarget, values: () => string, clients: number, size: number) {
  const bodies = Array.from({ length: clients }, () => batchBody(values, size));
  const started = performance.now();
  const answers = await Promise.all(bodies.map((b) => post(target, '/v1/identifiers/validate-batch', b)));
  const seconds = (performance.now() - started) / 1000;
  const accepted = answers.filter((a) => a.status === 200).length;
  return { clients, accepted, refused: clients - accepted, identifiersPerSecond: (accepted * size) / seconds };
}

async function singleClient(target: LoadTarget, values: () => string, batches: number, size: number) {
  const bodies = Array.from({ length: batches }, () => batchBody(values, size));
  let accepted = 0;
  const started = performance.now();
  for (const b of bodies) if ((await post(target, '/v1/identifiers/validate-batch', b)).status === 200) accepted++;
  return { batches, identifiersPerSecond: (accepted * size) / ((performance.now() - started) / 1000) };
}

/** Writes `count` items shaped like audit records straight to the table, 25 per call, `concurrency` calls at once. */
async function rawBatchWrite(target: LoadTarget, count: number, concurrency: number) {
  const client = new DynamoDBClient({
    endpoint: target.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const nextId = monotonicFactory();
  const now = new Date().toISOString();
  const expiresAt = String(Math.floor(Date.now() / 1000) + 86_400);
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < count; i += 25) {
    chunks.push(
      Array.from({ length: Math.min(25, count - i) }, () => {
        const checkId = nextId();
        const hmac = randomUUID().replaceAll('-', '').repeat(2);
        return {
          PutRequest: {
            Item: {
              pk: { S: 'T#raw-bench' },
              sk: { S: checkId },
              gsi1pk: { S: `T#raw-bench#H#${hmac}` },
              gsi1sk: { S: checkId },
              tenant: { S: 'raw-bench' },
              checkId: { S: checkId },
              createdAt: { S: now },
              operation: { S: 'identifiers.validate-batch' },
              country: { S: 'KZ' },
              kind: { S: 'BIN' },
              valid: { BOOL: true },
              errorCodes: { L: [] },
              warningCodes: { L: [] },
              rulesetVersion: { S: 'bench' },
              identifier: { M: { hmac: { S: hmac }, masked: { S: '********1234' } } },
              expiresAt: { N: expiresAt },
            },
          },
        };
      }),
    );
  }
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < chunks.length) {
        let pending = chunks[next++] as WriteRequest[];
        while (pending.length) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [target.tableName]: pending } }));
          pending = out.UnprocessedItems?.[target.tableName] ?? [];
        }
      }
    }),
  );
  client.destroy();
  return { items: count, itemsPerSecond: count / ((performance.now() - started) / 1000) };
}

/** Runs the four measurements against `target` and prints them with the ratios issue 9 asks for. */
export async function benchLoad(target: LoadTarget, options: LoadOptions = {}): Promise<LoadFigures> {
  const row = supplierRowFactory(11);
  let i = 0;
  const values = () => row(i++).split(',')[1] as string;
  const size = options.batchSize ?? 1000;
  const clients = options.batchClients ?? 16;
  await post(target, '/v1/identifiers/validate-batch', batchBody(values, 100)); // warm-up: JIT, connections
  const validate = await validateLoad(target, values, options.requests ?? 2000, options.concurrency ?? 8);
  const single = await singleClient(target, values, options.singleClientBatches ?? 4, size);
  const concurrent = await concurrentBatches(target, values, clients, size);
  const raw = await rawBatchWrite(target, clients * size, clients);
  const figures = { validate, concurrentBatches: concurrent, singleClient: single, rawBatchWrite: raw };
  printFigures(figures, size);
  return figures;
}

function printFigures(f: LoadFigures, size: number): void {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const { validate: v, concurrentBatches: c, singleClient: s, rawBatchWrite: r } = f;
  console.log('\nAPI load, local stack (DynamoDB Local, audit records included)');
  console.log(
    `  validate: ${n(v.requests)} requests, ${v.failed} not 200 — ${n(v.perSecond)} req/s, p50 ${v.p50Ms.toFixed(1)} ms, p99 ${v.p99Ms.toFixed(1)} ms`,
  );
  console.log(
    `  ${c.clients} concurrent ${n(size)}-item batches: ${c.accepted} accepted, ${c.refused} refused — ${n(c.identifiersPerSecond)} identifiers/s`,
  );
  console.log(
    `  one client, ${s.batches} × ${n(size)}-item batches in turn: ${n(s.identifiersPerSecond)} identifiers/s`,
  );
  console.log(`  DynamoDB Local raw BatchWriteItem, ${n(r.items)} audit-like items: ${n(r.itemsPerSecond)} items/s`);
  console.log(
    `  ratios: ${c.clients} clients / one client = ${(c.identifiersPerSecond / s.identifiersPerSecond).toFixed(2)}× (target ≥ 1×); ` +
      `${c.clients} clients / raw = ${((c.identifiersPerSecond / r.itemsPerSecond) * 100).toFixed(0)}% (target ≥ 80%)`,
  );
}

/** `tsx bench/load.ts`: starts DynamoDB Local and the local stack, runs `benchLoad`, stops both. */
async function standalone(): Promise<void> {
  const root = resolve(fileURLToPath(import.meta.url), '..', '..');
  const dynamo = await startDynamoDbLocal();
  const port = await freePort();
  const tableName = 'salyk-audit-load';
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureAuditTable(client, tableName);
  client.destroy();
  const server = spawn(join(root, 'node_modules/.bin/tsx'), ['local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_NAME: tableName,
      SALYK_API_KEYS: 'bench:bench-key',
      HMAC_SECRET: 'bench-secret',
    },
    stdio: 'ignore',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      if (tries > 300) throw new Error('the local stack did not start');
      if (
        await fetch(`${baseUrl}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await benchLoad({ baseUrl, apiKey: 'bench-key', dynamodbEndpoint: dynamo.endpoint, tableName });
  } finally {
    server.kill('SIGTERM');
    await dynamo.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await standalone();
