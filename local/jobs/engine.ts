import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import S3rverModule from '@20minutes/s3rver';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { s3Client } from '../../functions/lib/jobs/s3.js';
import { JOB_ENGINE } from '../../shared/jobs/params.js';
import { lambdaContext } from '../api-gateway-event.js';
import { AslRunner, type TaskHandler } from './asl-runner.js';
import { isCancelled } from './cancellation.js';
import { LOCAL_FUNCTION_ARN_PREFIX, LOCAL_JOBS_BUCKET, storedDefinition } from './definition.js';

/** The local job engine: the S3-compatible server, and the state machine runner the uploads start. */
export interface LocalJobsEngine {
  endpoint: string;
  stop(): Promise<void>;
}

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** s3rver (the @20minutes fork, maintained, Node ≥20) is CommonJS without types: the part used here. */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: S3Event) => void): void;
}
interface S3Event {
  Records?: { eventName: string; s3: { object: { key: string } } }[];
}
const S3rver = S3rverModule as unknown as new (options: Record<string, unknown>) => S3rverServer;

/** The engine's functions, by the names the local definition gives them (see write-definition.ts). */
const STEP_FUNCTIONS = {
  'jobs-prepare': {
    module: 'functions/jobs-prepare.ts',
    memoryMb: JOB_ENGINE.stepMemoryMb,
    timeoutSeconds: JOB_ENGINE.stepTimeoutSeconds,
  },
  'jobs-batch': {
    module: 'functions/jobs-batch.ts',
    memoryMb: JOB_ENGINE.batchMemoryMb,
    timeoutSeconds: JOB_ENGINE.batchTimeoutSeconds,
  },
  'jobs-finish': {
    module: 'functions/jobs-finish.ts',
    memoryMb: JOB_ENGINE.stepMemoryMb,
    timeoutSeconds: JOB_ENGINE.stepTimeoutSeconds,
  },
} as const;

/**
 * The web page PUTs a server job's file to its presigned URL from its own origin: the bucket must allow that
 * cross-origin PUT, as the deployed bucket's CORS rule does (infra/jobs.ts). The signature in the URL is the
 * authorisation; CORS only lets the browser send it.
 */
const UPLOAD_CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>
<AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/**
 * Starts the job engine beside the local API: s3rver (from npm, data under `<dataDir>/s3`) as the job
 * bucket, and — for every object created under `uploads/` — one execution of the synthesised state
 * machine definition by the local runner, as S3 → EventBridge → Step Functions does deployed. Sets
 * `S3_ENDPOINT` and `JOBS_BUCKET` so the job routes presign URLs for this server.
 */
export async function startLocalJobsEngine(options: {
  dataDir: string;
  root: string;
  port?: number;
}): Promise<LocalJobsEngine> {
  const directory = join(options.dataDir, 's3');
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? Number(process.env.S3_LOCAL_PORT ?? 0),
    directory,
    silent: true,
    configureBuckets: [{ name: LOCAL_JOBS_BUCKET, configs: [UPLOAD_CORS] }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  process.env.S3_ENDPOINT = endpoint;
  process.env.JOBS_BUCKET = LOCAL_JOBS_BUCKET;
  console.log(`job bucket ${LOCAL_JOBS_BUCKET} on ${endpoint} (s3rver, data in ${directory})`);
  const runner = new AslRunner(storedDefinition(), {
    handlers: await loadHandlers(options.root),
    storage: bucketStorage(),
    localConcurrency: Number(process.env.SALYK_JOBS_LOCAL_CONCURRENCY) || 2,
    retryDelayScale: Number(process.env.SALYK_JOBS_RETRY_DELAY_SCALE ?? 1),
  });
  const running = new Set<Promise<unknown>>();
  server.on('event', (event) => {
    for (const record of event.Records ?? []) {
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      if (!record.eventName.startsWith('ObjectCreated') || !key.startsWith('uploads/')) continue;
      const run = startExecution(runner, key);
      running.add(run);
      void run.finally(() => running.delete(run));
    }
  });
  return {
    endpoint,
    stop: async () => {
      await server.close();
    },
  };
}

/** One execution, stopped when the job's record says cancelled (the local StopExecution). */
async function startExecution(runner: AslRunner, key: string): Promise<unknown> {
  const executionId = `local:jobs:${randomUUID()}`;
  const controller = new AbortController();
  const watch = watchCancellation(key, controller);
  try {
    return await runner.execute({ key }, { id: executionId, signal: controller.signal });
  } catch (error) {
    if ((error as Error).name !== 'States.Aborted' && (error as Error).name !== 'JobFailed')
      console.warn(`job execution ${executionId} failed: ${(error as Error).message}`);
    return undefined;
  } finally {
    clearInterval(watch);
  }
}

function watchCancellation(key: string, controller: AbortController): NodeJS.Timeout {
  const timer = setInterval(() => {
    isCancelled(key)
      .then((cancelled) => cancelled && controller.abort())
      .catch(() => undefined);
  }, 500);
  timer.unref();
  return timer;
}

/** The step functions' handlers, invoked as Lambda would: a fresh context with the function's timeout. */
async function loadHandlers(root: string): Promise<Record<string, TaskHandler>> {
  const faults = batchFaults();
  const entries = await Promise.all(
    Object.entries(STEP_FUNCTIONS).map(async ([name, fn]) => {
      const { handler } = (await import(pathToFileURL(join(root, fn.module)).href)) as { handler: LambdaHandler };
      const invoke: TaskHandler = (input) => {
        faults?.(name, input);
        const context = lambdaContext({
          functionName: `salyk-local-${name}`,
          timeoutMs: fn.timeoutSeconds * 1000,
          memoryMb: fn.memoryMb,
          region: 'local',
          accountId: '000000000000',
          logStreamName: 'local',
        });
        return handler(input, context);
      };
      return [`${LOCAL_FUNCTION_ARN_PREFIX}${name}`, invoke] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Fault injection for the local stack's tests only: `SALYK_JOBS_FAIL_BATCH=<first row>:<failures>,…` makes
 * the batch starting at that row fail its first attempts (the state's Retry must recover it), and
 * `<first row>:always` makes it fail every attempt (the finish step must report its rows).
 */
function batchFaults(): ((name: string, input: unknown) => void) | undefined {
  const spec = process.env.SALYK_JOBS_FAIL_BATCH;
  if (!spec) return undefined;
  const faults = new Map(spec.split(',').map((f) => f.split(':') as [string, string]));
  return (name, input) => {
    if (name !== 'jobs-batch') return;
    const batch = input as { Items: { row: string }[]; attempt?: number };
    const row = batch.Items[0]?.row ?? '';
    const times = faults.get(row);
    if (times === 'always' || (times !== undefined && (batch.attempt ?? 0) < Number(times))) {
      const error = new Error(`injected failure of the batch at row ${row}`);
      error.name = 'InjectedFault';
      throw error;
    }
  };
}

function bucketStorage() {
  const client = () => s3Client();
  return {
    async getText(bucket: string, key: string) {
      const out = await client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToString('utf8')) ?? '';
    },
    async putText(bucket: string, key: string, body: string) {
      await client().send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
      );
    },
  };
}
