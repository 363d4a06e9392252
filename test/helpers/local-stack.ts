import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, freePort, startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { waitForHttp } from '../../local/wait-for-http.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The keys every integration test uses: tenant → key. */
export const API_KEYS = { alpha: 'key-alpha', beta: 'key-beta' } as const;
export const HMAC_SECRET = 'test-secret';
export const TABLE_NAME = 'salyk-audit-it';

export interface LocalStack {
  baseUrl: string;
  /** Everything the stack printed on stdout and stderr so far. */
  output(): string;
  /** True once the process has exited. */
  exited(): boolean;
  /** Sends `signal` to the stack's process group, as a terminal's Ctrl-C (SIGINT) would. */
  signal(signal: NodeJS.Signals): void;
  /** The stack's data folder (SALYK_DATA_DIR), removed by stop(). */
  dataDir: string;
  /**
   * The pid of the DynamoDB Local the stack supervises (from `<dataDir>/dynamodb-local.pid`, rewritten on
   * every restart); `undefined` when it runs none or it is down.
   */
  dynamoDbLocalPid(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** The DynamoDB to use; omit to let the stack start (and supervise) its own DynamoDB Local, as `npm start` does. */
  dynamodbEndpoint?: string;
  /** Extra environment for the child (e.g. POWERTOOLS_LOG_LEVEL). */
  env?: Record<string, string>;
  /** How long to wait for GET /health to answer 200. */
  readyTimeoutMs?: number;
}

/**
 * Spawns the real local stack (`tsx local/start.ts`, what `npm start` runs) as a child process on a
 * free port and resolves once GET /health answers 200.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'salyk-it-'));
  const { DYNAMODB_ENDPOINT: _inherited, ...parentEnv } = process.env;
  const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['local/start.ts'], {
    cwd: ROOT,
    // Own process group, so stop() reaches tsx's own child process too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...parentEnv,
      // tsx's shebang runs `node`: use the Node that runs the tests.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      PORT: String(port),
      ...(options.dynamodbEndpoint ? { DYNAMODB_ENDPOINT: options.dynamodbEndpoint } : {}),
      SALYK_API_KEYS: Object.entries(API_KEYS)
        .map(([tenant, key]) => `${tenant}:${key}`)
        .join(','),
      HMAC_SECRET,
      SALYK_DATA_DIR: dataDir,
      TABLE_NAME,
      AWS_REGION: 'us-east-1',
      ...options.env,
    },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<void>((ok) => child.once('exit', () => ok()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const dynamoDbLocalPid = () => readPid(join(dataDir, 'dynamodb-local.pid'));

  const stop = async () => {
    const java = await dynamoDbLocalPid();
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, 'SIGTERM');
      const timedOut = await Promise.race([exit.then(() => false), sleep(5_000).then(() => true)]);
      if (timedOut) {
        killGroup(child, 'SIGKILL');
        await exit;
      }
    }
    // DynamoDB Local runs in its own process group; the stack stops it on SIGTERM, this covers a stack killed hard.
    if (java !== undefined) killQuietly(java);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHttp(`${baseUrl}/health`, {
      timeoutMs: options.readyTimeoutMs ?? 30_000,
      ready: (status) => status === 200,
      what: 'the local stack',
      failed: () => (child.exitCode !== null ? 'the local stack exited before it was ready' : undefined),
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    baseUrl,
    dataDir,
    dynamoDbLocalPid,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    signal: (signal) => killGroup(child, signal),
    stop,
  };
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An in-memory DynamoDB Local, the local stack on it, and a client to inspect the table directly. */
export interface IntegrationEnvironment {
  dynamo: DynamoDbLocal;
  stack: LocalStack;
  client: DynamoDBClient;
  api: ApiClient;
  stop(): Promise<void>;
}

export async function startIntegrationEnvironment(env?: Record<string, string>): Promise<IntegrationEnvironment> {
  const dynamo = await startDynamoDbLocal();
  let stack: LocalStack;
  try {
    stack = await startLocalStack({ dynamodbEndpoint: dynamo.endpoint, env });
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    dynamo,
    stack,
    client,
    api: apiClient(stack.baseUrl),
    stop: async () => {
      client.destroy();
      await stack.stop();
      await dynamo.stop();
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes and assert on them
  json: any;
}

interface RequestOptions {
  /** The x-api-key header; omitted when undefined. */
  key?: string;
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string>;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

export type ApiClient = (method: string, path: string, options?: RequestOptions) => Promise<HttpAnswer>;

/** Plain HTTP calls against a running stack, answers parsed. */
export function apiClient(baseUrl: string): ApiClient {
  return async (method, path, options = {}) => {
    const url = new URL(path, baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const res = await fetch(url, {
      method,
      headers: {
        ...(options.key === undefined ? {} : { 'x-api-key': options.key }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), text, json };
  };
}
