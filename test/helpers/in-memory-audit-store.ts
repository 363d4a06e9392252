import type { AuditRecord } from '../../shared/audit/record.js';
import {
  type AuditListQuery,
  type AuditPage,
  type AuditPageRequest,
  type AuditStore,
  AuditUnavailableError,
  InvalidCursorError,
} from '../../shared/audit/store.js';

/**
 * An in-memory AuditStore for handler tests: same contract as the DynamoDB adapter (tenant-scoped,
 * newest first, opaque tenant-bound cursors), with a switch that makes it reject like an outage.
 */
export class InMemoryAuditStore implements AuditStore {
  /** Every record written, in write order (deep copies: later mutation by a handler cannot hide). */
  readonly records: AuditRecord[] = [];
  /** How many `write` calls were made, successful or not. */
  writeCalls = 0;
  private failure: Error | undefined;
  /** requestRef → first start time, as the DynamoDB adapter keeps it for retried requests. */
  private readonly starts = new Map<string, Date>();

  async begin(tenant: string, requestRef: string, startedAt: Date): Promise<Date> {
    if (this.failure) throw this.failure;
    const id = `${tenant}\0${requestRef}`;
    if (!this.starts.has(id)) this.starts.set(id, startedAt);
    return this.starts.get(id) ?? startedAt;
  }

  /** From now on every call rejects with this error (default: an AuditUnavailableError). */
  failWith(error: Error = new AuditUnavailableError('simulated outage')): void {
    this.failure = error;
  }

  recover(): void {
    this.failure = undefined;
  }

  async write(records: readonly AuditRecord[]): Promise<void> {
    this.writeCalls++;
    if (this.failure) throw this.failure;
    // Keys are deterministic: writing a record again replaces it, as a DynamoDB put does.
    for (const r of records) {
      const at = this.records.findIndex((o) => o.tenant === r.tenant && o.checkId === r.checkId);
      if (at >= 0) this.records[at] = structuredClone(r);
      else this.records.push(structuredClone(r));
    }
  }

  async list(tenant: string, query: AuditListQuery): Promise<AuditPage> {
    if (this.failure) throw this.failure;
    let after: string | undefined;
    if (query.cursor) {
      const decoded = decodeCursor(query.cursor);
      if (decoded.tenant !== tenant) throw new InvalidCursorError('the cursor does not belong to this listing');
      after = decoded.checkId;
    }
    const matching = this.newestFirst(tenant).filter((r) => {
      const day = r.createdAt.slice(0, 10);
      return (!query.from || day >= query.from) && (!query.to || day <= query.to) && (!after || r.checkId < after);
    });
    const items = matching.slice(0, query.limit);
    const more = matching.length > items.length;
    return { items, ...(more ? { cursor: encodeCursor(tenant, items.at(-1)!.checkId) } : {}) };
  }

  async findByIdentifier(tenant: string, hmac: string, page: AuditPageRequest): Promise<AuditPage> {
    if (this.failure) throw this.failure;
    let after: string | undefined;
    if (page.cursor) {
      const decoded = decodeCursor(page.cursor);
      if (decoded.tenant !== tenant) throw new InvalidCursorError('the cursor does not belong to this listing');
      after = decoded.checkId;
    }
    const matching = this.newestFirst(tenant).filter(
      (r) =>
        (r.identifier?.hmac === hmac || Object.values(r.otherIdentifiers ?? {}).some((o) => o.hmac === hmac)) &&
        (!after || r.checkId < after),
    );
    const items = matching.slice(0, page.limit);
    return {
      items,
      ...(matching.length > items.length ? { cursor: encodeCursor(tenant, items.at(-1)!.checkId) } : {}),
    };
  }

  private newestFirst(tenant: string): AuditRecord[] {
    return this.records
      .filter((r) => r.tenant === tenant)
      .sort((a, b) => (a.checkId < b.checkId ? 1 : a.checkId > b.checkId ? -1 : 0));
  }
}

function encodeCursor(tenant: string, checkId: string): string {
  return Buffer.from(JSON.stringify({ tenant, checkId })).toString('base64url');
}

function decodeCursor(cursor: string): { tenant: string; checkId: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      tenant?: unknown;
      checkId?: unknown;
    };
    if (typeof parsed.tenant === 'string' && typeof parsed.checkId === 'string')
      return { tenant: parsed.tenant, checkId: parsed.checkId };
  } catch {
    // fall through
  }
  throw new InvalidCursorError('the cursor is malformed');
}
