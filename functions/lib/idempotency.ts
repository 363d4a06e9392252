import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyUnknownError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { AuditUnavailableError } from '../../shared/audit/store.js';
import { AUDIT_TABLE } from '../../shared/audit/table.js';
import type { ApiResult } from './api-handler.js';
import { dynamoClient, hmacSecret } from './clients.js';
import { readConfig } from './config.js';
import { openAnswer, sealAnswer } from './cursor.js';
import { addMetric } from './observability.js';
import { badRequest, HttpProblem } from './problem.js';
import { deadlineOf, runInScope } from './request-scope.js';

/** How long a key is remembered: a retry within 24 h gets the first answer. */
const IDEMPOTENCY_TTL_SECONDS = 86_400;
/** Budget kept back for Powertools' last call (saving the answer), which cannot be aborted. */
const IDEMPOTENCY_RESERVE_MS = 3_000;
/** Answers larger than this are not stored (DynamoDB items hold 400 KB); a retry recomputes them. */
const MAX_STORED_ANSWER_CHARS = 300_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const HEADER = 'idempotency-key';

/** The part of a request the idempotency record is keyed and validated on. */
interface IdempotentPayload {
  key: string;
  body: unknown;
}

/** Stored instead of an answer too large to store: the retry runs the request again (same keys, same answer). */
// Answers that fit are stored sealed (AES-GCM, see cursor.ts): they echo identifiers, which the table never holds.
const RECOMPUTE = { recompute: true } as const;

export interface RequestInput {
  routeId: string;
  method: string;
  event: APIGatewayProxyEvent;
  context: Context | undefined;
  tenant: string;
  body: unknown;
}

/**
 * Runs a route's business function in its request scope (budget, record keys) and, for a POST with an
 * `Idempotency-Key`, through Powertools' idempotency utility: a retry with the same key and body gets
 * the first answer and writes nothing; the same key with another body is a 422; a duplicate arriving
 * while the first is still running is a 409 with Retry-After. Keys are scoped per tenant (their own
 * partition `I#<tenant>` of the audit table) and per route, and expire after 24 h.
 */
export async function runRequest(input: RequestInput, run: () => Promise<ApiResult>): Promise<ApiResult> {
  const key = input.method === 'POST' && input.tenant ? idempotencyKeyOf(input.event) : undefined;
  const deadline = deadlineOf(input.context) - (key === undefined ? 0 : IDEMPOTENCY_RESERVE_MS);
  const requestId = input.context?.awsRequestId ?? input.event.requestContext?.requestId ?? '';
  return runInScope({ deadline, requestId, idempotencyKey: key }, () =>
    key === undefined ? run() : runOnce(input, key, run),
  );
}

async function runOnce(input: RequestInput, key: string, run: () => Promise<ApiResult>): Promise<ApiResult> {
  let fresh: ApiResult | undefined;
  const secret = await hmacSecret();
  const scope = `${input.tenant}\0${input.routeId}`;
  const once = makeIdempotent(
    async (_payload: IdempotentPayload) => {
      fresh = await run();
      const json = JSON.stringify(fresh);
      return json.length > MAX_STORED_ANSWER_CHARS ? RECOMPUTE : { sealed: sealAnswer(secret, scope, json) };
    },
    {
      persistenceStore: persistenceFor(input.tenant),
      config: idempotencyConfig(input.context),
      keyPrefix: input.routeId,
    },
  );
  let stored: unknown;
  try {
    stored = await once({ key, body: input.body });
  } catch (error) {
    // The request itself succeeded and its records are committed; only saving the answer for replays failed
    // (the database stalled just then). Answer it: a 503 now would disown committed records, and a retry
    // recomputes the same answer from the same deterministic keys.
    if (fresh) return fresh;
    throw asProblem(error);
  }
  if (fresh) return fresh;
  addMetric('idempotentReplays', 1);
  // A replay. Record keys are deterministic, so running again rewrites the same records and gives the same answer.
  const opened =
    stored && typeof stored === 'object' && 'sealed' in stored && typeof stored.sealed === 'string'
      ? openAnswer(secret, scope, stored.sealed)
      : undefined;
  return opened === undefined ? run() : (JSON.parse(opened) as ApiResult);
}

function idempotencyConfig(context: Context | undefined): IdempotencyConfig {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
    throwOnNoIdempotencyKey: true,
  });
  // In-progress records then expire with the invocation, so a crashed attempt does not block retries for long.
  if (context) config.registerLambdaContext(context);
  return config;
}

const layers = new Map<string, DynamoDBPersistenceLayer>();

/** One persistence layer per tenant: its records live in the tenant's own partition of the audit table. */
function persistenceFor(tenant: string): DynamoDBPersistenceLayer {
  const config = readConfig();
  const id = `${config.tableName}\0${tenant}`;
  let layer = layers.get(id);
  if (!layer) {
    layer = new DynamoDBPersistenceLayer({
      tableName: config.tableName,
      keyAttr: AUDIT_TABLE.partitionKey.name,
      sortKeyAttr: AUDIT_TABLE.sortKey.name,
      staticPkValue: `${AUDIT_TABLE.idempotencyPartitionPrefix}${tenant}`,
      expiryAttr: AUDIT_TABLE.timeToLiveAttribute,
      awsSdkV3Client: dynamoClient(config, 'idempotency'),
    });
    layers.set(id, layer);
  }
  return layer;
}

/** The `Idempotency-Key` header (any case), or undefined when absent. @throws HttpProblem 400 when malformed. */
function idempotencyKeyOf(event: APIGatewayProxyEvent): string | undefined {
  const name = Object.keys(event.headers ?? {}).find((h) => h.toLowerCase() === HEADER);
  const value = name === undefined ? undefined : event.headers[name];
  if (value === undefined) return undefined;
  if (!KEY_PATTERN.test(value))
    throw badRequest('the Idempotency-Key header must be 1 to 255 visible ASCII characters', [
      { path: `headers.${HEADER}`, message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  return value;
}

/** Powertools' errors as HTTP problems; the business function's own errors pass through unchanged. */
function asProblem(error: unknown): unknown {
  if (error instanceof IdempotencyValidationError)
    return new HttpProblem(
      422,
      'Idempotency key reused',
      'this Idempotency-Key was already used with a different request body',
      [{ path: `headers.${HEADER}`, message: 'already used with a different request body' }],
    );
  if (error instanceof IdempotencyAlreadyInProgressError)
    return new HttpProblem(
      409,
      'Request in progress',
      'a request with this Idempotency-Key is still running; retry after it has answered',
      [],
      { 'retry-after': '1' },
    );
  if (error instanceof IdempotencyUnknownError)
    return new AuditUnavailableError(`idempotency store: ${error.message}`, { cause: error });
  return error;
}
