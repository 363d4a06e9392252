import { monotonicFactory } from 'ulid';
import type { AuditRecord, RecordContext } from '../../shared/audit/record.js';
import type { AuditStore } from '../../shared/audit/store.js';
import { RULESET_VERSION } from '../../shared/rules/version.js';
import { dynamoClient, hmacSecret } from './clients.js';
import { readConfig } from './config.js';
import { DynamoDbAuditStore } from './dynamodb-audit-store.js';

/** Monotonic so the records of one batch keep the request's order in the (time-sorted) table. */
const nextCheckId = monotonicFactory();

let storeOverride: AuditStore | undefined;

/** For handler tests: route audit writes to a fake store. */
export function useAuditStore(store: AuditStore | undefined): void {
  storeOverride = store;
}

export function auditStore(): AuditStore {
  if (storeOverride) return storeOverride;
  const config = readConfig();
  return new DynamoDbAuditStore(dynamoClient(config), config.tableName, config.writeConcurrency);
}

/** Everything a handler needs to build records: the HMAC key and one record context per record. */
export interface AuditSession {
  secret: string;
  context(): RecordContext;
}

export async function openAuditSession(tenant: string): Promise<AuditSession> {
  const secret = await hmacSecret();
  const { retentionDays } = readConfig();
  const now = new Date();
  return {
    secret,
    context: () => ({
      tenant,
      checkId: nextCheckId(now.getTime()),
      now,
      retentionDays,
      rulesetVersion: RULESET_VERSION,
    }),
  };
}

/** Writes the records and resolves only once all are durable (the store rejects otherwise → 503). */
export async function recordAudit(records: readonly AuditRecord[]): Promise<void> {
  await auditStore().write(records);
}
