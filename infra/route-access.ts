import type { RouteName } from '../shared/routes.js';

/**
 * What a route's function may do with the audit table:
 * - `none`: nothing;
 * - `append`: `PutItem` + `BatchWriteItem` only — the functions can add audit records but never change
 *   or delete one, which keeps the log append-only from the API's side;
 * - `read`: `Query` on the table and its index (listing and lookup).
 */
export type AuditTableAccess = 'none' | 'append' | 'read';

/** The AWS permissions one route's function gets. */
export interface RouteAccess {
  auditTable: AuditTableAccess;
  /** Reads the HMAC secret (to HMAC identifiers it records or looks up). */
  hmacSecret: boolean;
  /** What it may do with bulk jobs (records in `J#<tenant>`, the job bucket, the state machine); default none. */
  jobs?: JobsAccess;
}

/**
 * Bulk-job access (granted by `infra/jobs.ts`):
 * - `create`: put a job record, presign a PUT under `uploads/`;
 * - `read`: get/query job records, presign GETs under `results/`;
 * - `cancel`: `read`, plus update a job record and `states:StopExecution` on the job state machine's runs.
 */
export type JobsAccess = 'none' | 'create' | 'read' | 'cancel';

/** The actions behind each {@link JobsAccess} (DynamoDB on `J#…` only, S3 on its prefix only; see `infra/jobs.ts`). */
export const JOBS_ACCESS_ACTIONS: Record<JobsAccess, readonly string[]> = {
  none: [],
  create: ['dynamodb:PutItem', 's3:PutObject'],
  read: ['dynamodb:GetItem', 'dynamodb:Query', 's3:GetObject'],
  cancel: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 's3:GetObject', 'states:StopExecution'],
};

/** The DynamoDB actions behind each {@link AuditTableAccess} on audit records (what `DynamoDbAuditStore` calls). */
export const AUDIT_TABLE_ACTIONS: Record<AuditTableAccess, readonly string[]> = {
  none: [],
  append: ['dynamodb:PutItem', 'dynamodb:BatchWriteItem'],
  read: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
};

/**
 * Control items beside the records: a request's start/commit item (`R#<tenant>`) and Powertools' idempotency
 * records (`I#<tenant>`). They must be read, updated and deleted, so these actions are granted only on those
 * partitions (`dynamodb:LeadingKeys`): the audit records themselves (`T#<tenant>`) stay append-only.
 */
export const CONTROL_ITEM_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/**
 * Least privilege per route. Keyed by route name so that adding a route to `shared/routes.ts` without
 * deciding its permissions here fails the typecheck instead of deploying a function that either
 * cannot reach the table (a 503 in production) or can reach more than it needs.
 */
export const ROUTE_ACCESS: Record<RouteName, RouteAccess> = {
  health: { auditTable: 'none', hmacSecret: false },
  openapi: { auditTable: 'none', hmacSecret: false },
  validateIdentifier: { auditTable: 'append', hmacSecret: true },
  validateIdentifierBatch: { auditTable: 'append', hmacSecret: true },
  // The secret also seals pagination cursors.
  auditList: { auditTable: 'read', hmacSecret: true },
  auditLookup: { auditTable: 'read', hmacSecret: true },
  esfPrecheck: { auditTable: 'append', hmacSecret: true },
  vatAssess: { auditTable: 'append', hmacSecret: true },
  residencyKz: { auditTable: 'append', hmacSecret: true },
  vatRates: { auditTable: 'none', hmacSecret: false },
  vatCalendar: { auditTable: 'none', hmacSecret: false },
  rules: { auditTable: 'none', hmacSecret: false },
  rulesChanges: { auditTable: 'none', hmacSecret: false },
  // The secret derives each tenant's callback signing key.
  jobsCreate: { auditTable: 'none', hmacSecret: true, jobs: 'create' },
  jobsList: { auditTable: 'none', hmacSecret: false, jobs: 'read' },
  jobsGet: { auditTable: 'none', hmacSecret: false, jobs: 'read' },
  jobsCancel: { auditTable: 'none', hmacSecret: false, jobs: 'cancel' },
};
