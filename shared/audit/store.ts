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
  write(records: readonly AuditRecord[]): Promise<void>;
  list(tenant: string, query: AuditListQuery): Promise<AuditPage>;
  findByIdentifier(tenant: string, hmac: string, page: AuditPageRequest): Promise<AuditPage>;
}

// The store's errors live with the other domain errors; re-exported for the adapters that import them from here.
export { AuditUnavailableError, InvalidCursorError } from '../errors.js';
