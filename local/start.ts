/**
 * `npm start`: the local stack. Starts DynamoDB Local (data under .salyk/, git-ignored), creates the
 * audit table from the CDK stack's definition, and serves the real handlers on http://127.0.0.1:$PORT.
 * Set DYNAMODB_ENDPOINT (or AWS credentials + AWS_REGION + TABLE_NAME) to use another DynamoDB.
 * DynamoDB Local is supervised: restarted on the same data when it dies; its pid is in .salyk/dynamodb-local.pid.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dynamoClient } from '../functions/lib/clients.js';
import { readConfig } from '../functions/lib/config.js';
import { parseApiKeys } from './api-keys.js';
import { ensureAuditTable } from './create-table.js';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { startLocalJobsEngine } from './jobs/engine.js';
import { startLocalServer } from './server.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.SALYK_DATA_DIR ?? join(root, '.salyk'));

/** A stable local HMAC key, so lookups keep working across restarts; never committed. */
async function localHmacSecret(): Promise<string> {
  const file = join(dataDir, 'hmac-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  const apiKeys = parseApiKeys(process.env.SALYK_API_KEYS);
  const port = Number(process.env.PORT ?? 3000);
  // First, before DynamoDB Local: a taken port is the usual mistake, and a second DynamoDB Local on the
  // same data folder would only print a misleading database error before the real one.
  await assertPortFree(port);
  const dynamo = await startLocalDynamoDb();
  process.env.HMAC_SECRET ||= await localHmacSecret();
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true'; // no CloudWatch here: keep the console readable
  await ensureTableOrRetry();
  await startLocalJobsEngine({ dataDir, root });

  const server = await startLocalServer({ port, root, apiKeys }).catch(async (error: unknown) => {
    await dynamo?.stop(); // do not leave the Java process behind holding the data folder
    throw new Error(portMessage(port, error));
  });
  console.log(`Salyk API on http://127.0.0.1:${port}`);
  if (!process.env.SALYK_API_KEYS)
    console.log('SALYK_API_KEYS is unset: use the development key "x-api-key: local-dev-key" (tenant "local")');
  else console.log(`API keys for ${apiKeys.size} key(s) from SALYK_API_KEYS`);

  let stopping = false;
  const shutdown = async () => {
    // Ctrl-C reaches this process twice (from the terminal and relayed by npm/tsx): a second signal
    // must not kill it half-way, or Java would be left running without its supervisor.
    if (stopping) return;
    stopping = true;
    server.close();
    await dynamo?.stop(); // stops supervision first: no restart on Ctrl-C
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Fails at once, with the way out, when another process already serves `port`. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const probe = createServer();
    probe.once('error', (error) => fail(new Error(portMessage(port, error))));
    probe.listen(port, '127.0.0.1', () => probe.close(() => ok()));
  });
}

function portMessage(port: number, error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    return `port ${port} is already in use (another npm start?): stop it, or choose another port, e.g. PORT=${port + 1} npm start`;
  return `cannot serve on port ${port}: ${(error as Error).message}`;
}

/**
 * DynamoDB Local on the data in .salyk/, supervised: if Java dies it is restarted on the same port and
 * data, and the console says so. Its process id is kept in .salyk/dynamodb-local.pid while it runs.
 * Nothing is started when DYNAMODB_ENDPOINT (or SALYK_USE_AWS) names another database.
 */
async function startLocalDynamoDb(): Promise<DynamoDbLocal | undefined> {
  const usesAws =
    Boolean(process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE) && process.env.SALYK_USE_AWS === '1';
  if (process.env.DYNAMODB_ENDPOINT || usesAws) return undefined;
  const data = join(dataDir, 'dynamodb');
  const dynamo = await startDynamoDbLocal({
    port: Number(process.env.DYNAMODB_LOCAL_PORT) || undefined,
    dataDir: data,
    pidFile: join(dataDir, 'dynamodb-local.pid'),
    supervise: {
      exited: ({ code, signal, attempt }) =>
        console.warn(
          `DynamoDB Local exited (${signal ? `signal ${signal}` : `code ${code}`}); restarting on the same data (attempt ${attempt})…`,
        ),
      back: ({ pid }) => console.log(`DynamoDB Local is back (pid ${pid})`),
      gaveUp: ({ attempts }) =>
        console.error(
          `DynamoDB Local failed to restart ${attempts} times in a row; giving up. Checks answer 503 until npm start is restarted`,
        ),
    },
  });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  console.log(`DynamoDB Local on ${dynamo.endpoint} (pid ${dynamo.pid()}, data in ${data})`);
  return dynamo;
}

async function ensureTableOrRetry(): Promise<void> {
  const config = readConfig();
  const where = config.dynamodbEndpoint ?? `AWS ${config.region}`;
  const ensureTable = () => ensureAuditTable(dynamoClient(config), config.tableName);
  try {
    console.log(`audit table ${config.tableName}: ${await ensureTable()} at ${where}`);
  } catch (error) {
    // An unreachable database is an outage, not a reason to refuse to start: the API answers and its
    // checks answer 503 with Retry-After (as deployed) until the database is back; the table is made then.
    console.warn(
      `audit table ${config.tableName}: DynamoDB at ${where} is unreachable (${(error as Error).message}); checks answer 503 until it is back`,
    );
    retryInBackground(ensureTable, (outcome) => console.log(`audit table ${config.tableName}: ${outcome} at ${where}`));
  }
}

/** Retries `attempt` every few seconds until it succeeds, without keeping the process alive. */
function retryInBackground<T>(attempt: () => Promise<T>, onSuccess: (value: T) => void): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    attempt()
      .then((value) => {
        clearInterval(timer);
        onSuccess(value);
      })
      .catch(() => undefined)
      .finally(() => (running = false));
  }, 5_000);
  timer.unref();
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
