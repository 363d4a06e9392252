import type { AuditRecord } from './record.js';

export interface AuditListQuery {
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** One page of a listing: at most `limit` items, continuing after `cursor`. */
export interface AuditPageRequest {
  limit: number;
  cursor?: string;
}

export interface AuditPage {
  items: AuditRecord[];
  cursor?: string;
}

/**
 * Where audit records live. The DynamoDB adapter sits in `functions/`; tests may use an in-memory one.
 * `write` resolves only when every record is durably stored, and rejects otherwise.
 */
export interface AuditStore {
  /**
   * Starts a request that may be retried (it has an Idempotency-Key), or finds it again on a retry:
   * resolves to the time first recorded for `requestRef`, from which its record keys are derived.
   */
  begin(tenant: string, requestRef: string, startedAt: Date): Promise<Date>;
  /** Writes the records, then commits their requests: only committed records are listed or found. */
  write(records: readonly AuditRecord[]): Promise<void>;
  list(tenant: string, query: AuditListQuery): Promise<AuditPage>;
  findByIdentifier(tenant: string, hmac: string, page: AuditPageRequest): Promise<AuditPage>;
}

// The store's errors live with the other domain errors; re-exported for the adapters that import them from here.
export { AuditUnavailableError, InvalidCursorError } from '../errors.js';
