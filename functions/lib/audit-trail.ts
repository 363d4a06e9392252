import { createHmac } from 'node:crypto';
import type { AuditRecord, RecordContext } from '../../shared/audit/record.js';
import type { AuditStore } from '../../shared/audit/store.js';
import { RULESET_VERSION } from '../../shared/rules/version.js';
import { base32, checkIdOf, nextUnkeyedRef } from './check-id.js';
import { dynamoClient, hmacSecret } from './clients.js';
import { readConfig } from './config.js';
import { DynamoDbAuditStore } from './dynamodb-audit-store.js';
import { addFindings, addMetric } from './observability.js';
import { currentScope } from './request-scope.js';
import { WriteGate } from './write-gate.js';

let storeOverride: AuditStore | undefined;
let gate: WriteGate | undefined;

/** For handler tests: route audit writes to a fake store. */
export function useAuditStore(store: AuditStore | undefined): void {
  storeOverride = store;
}

export function auditStore(): AuditStore {
  if (storeOverride) return storeOverride;
  const config = readConfig();
  // One gate per process: it is what bounds the writes of all concurrent requests together.
  gate ??= new WriteGate(config.maxConcurrentWrites);
  return new DynamoDbAuditStore(dynamoClient(config), config.tableName, {
    writeConcurrency: config.writeConcurrency,
    gate,
    cursorSecret: hmacSecret,
  });
}

/** Everything a handler needs to build records: the HMAC key and one record context per record. */
export interface AuditSession {
  secret: string;
  context(): RecordContext;
}

/**
 * Opens the audit session of the running request. Record keys are deterministic per request and item:
 * `checkId` = start time (10 characters, as a ULID, so listings stay newest-first) + request ref (10) +
 * item index (6). With an Idempotency-Key the ref comes from tenant and key and the start time from the
 * first attempt, so a retry rewrites the same records instead of adding new ones.
 */
export async function openAuditSession(tenant: string): Promise<AuditSession> {
  const secret = await hmacSecret();
  const { retentionDays } = readConfig();
  const scope = currentScope();
  const now = new Date();
  let requestRef: string;
  let startedAt = now;
  if (scope.idempotencyKey !== undefined) {
    requestRef = base32(createHmac('sha256', secret).update(`request\0${tenant}\0${scope.idempotencyKey}`).digest());
    startedAt = await auditStore().begin(tenant, requestRef, now);
  } else {
    requestRef = nextUnkeyedRef(now.getTime());
  }
  let index = 0;
  return {
    secret,
    context: () => ({
      tenant,
      checkId: checkIdOf(startedAt, requestRef, index++),
      now: startedAt,
      retentionDays,
      rulesetVersion: RULESET_VERSION,
    }),
  };
}

/**
 * Writes the records and resolves only once all are durable and committed (the store rejects otherwise → 503).
 * The checks and their findings are counted once recorded: a check answered 503 was not answered.
 */
export async function recordAudit(records: readonly AuditRecord[]): Promise<void> {
  const started = performance.now();
  try {
    await auditStore().write(records);
  } finally {
    addMetric('auditWriteLatency', performance.now() - started);
  }
  addMetric('checks', records.length);
  addFindings(findingCodes(records));
}

function* findingCodes(records: readonly AuditRecord[]): Generator<string> {
  for (const record of records) {
    yield* record.errorCodes;
    yield* record.warningCodes;
  }
}
