/**
 * The audit table's shape, read by both the CDK stack and the local stack's table creation,
 * so the two cannot drift.
 */
export const AUDIT_TABLE = {
  /** `T#<tenant>`: every query is confined to one tenant's partition. */
  partitionKey: { name: 'pk', type: 'S' },
  /** The record's checkId (a ULID): time-ordered, so newest-first is a reverse key scan. */
  sortKey: { name: 'sk', type: 'S' },
  lookupIndex: {
    indexName: 'by-identifier',
    /** `T#<tenant>#H#<hmac>`: a tenant's checks of one identifier. */
    partitionKey: { name: 'gsi1pk', type: 'S' },
    sortKey: { name: 'gsi1sk', type: 'S' },
  },
  counterpartyIndex: {
    indexName: 'by-counterparty',
    /** `T#<tenant>#H#<hmac>` of a record's second identifier (an ESF pre-check's buyer). */
    partitionKey: { name: 'gsi2pk', type: 'S' },
    sortKey: { name: 'gsi2sk', type: 'S' },
  },
  /**
   * Other partitions of the same table (never read by listings, which query `T#<tenant>` only):
   * `R#<tenant>` / `<requestRef>` — a request's start time and, once all its records are durable, its
   * commit; `I#<tenant>` / `<route>#<hash>` — Powertools idempotency records (24 h, same TTL attribute).
   */
  requestPartitionPrefix: 'R#',
  idempotencyPartitionPrefix: 'I#',
  /** Epoch seconds after which DynamoDB may delete the record. */
  timeToLiveAttribute: 'expiresAt',
} as const;

/** The secondary indexes `/v1/audit/lookup` reads, for the CDK stack and local table creation alike. */
export const AUDIT_INDEXES = [AUDIT_TABLE.lookupIndex, AUDIT_TABLE.counterpartyIndex] as const;

/** Default retention of audit records: 5 years. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 1827;
