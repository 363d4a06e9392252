/**
 * The bulk-job engine's parameters: read by the CDK construct (`infra/jobs.ts`), the local engine and the
 * cost model (`scripts/scale-model.ts`), so the figures in docs/scale.md are those of the deployed stack.
 */
export const JOB_ENGINE = {
  /** Rows per child workflow (the Distributed Map's `ItemBatcher.MaxItemsPerBatch`). */
  batchSize: 1_000,
  /**
   * Child workflows at once (`MaxConcurrency`). Matched to what binds first (docs/scale.md): one tenant's
   * audit records share one partition key (`T#<tenant>`), about 1 000 writes/s, which a single warm batch
   * nearly fills; more children would only be throttled into retries. Raise it together with the audit
   * table's partitioning (the scale model's `--shards`), up to Distributed Map's 10 000.
   */
  maxConcurrency: 4,
  /** The batch function: memory and timeout. 1 GB gives a full vCPU share to the validator. */
  batchMemoryMb: 1_024,
  batchTimeoutSeconds: 120,
  /** Attempts of a batch (the first and its retries): a batch failing this often is reported, not dropped. */
  batchMaxAttempts: 3,
  /** First retry pause and its growth (`Retry.IntervalSeconds`, `BackoffRate`). */
  batchRetryIntervalSeconds: 2,
  batchRetryBackoffRate: 2,
  /** Prepare (normalise the upload) and finish (merge, summary, callback): single functions, the most Lambda allows. */
  stepMemoryMb: 3_008,
  stepTimeoutSeconds: 900,
  /** Uploads and intermediate files expire after this many days; checked files and summaries after `resultDays`. */
  workDays: 2,
  resultDays: 7,
  /** Lifetime of presigned URLs: the upload URL and the result links. */
  uploadUrlSeconds: 3_600,
  downloadUrlSeconds: 3_600,
  /** Largest upload the presigned PUT accepts (one S3 PUT: 5 GB). */
  maxUploadBytes: 5 * 1024 ** 3,
  /** Callback: attempts and the first pause (doubling). */
  callbackAttempts: 5,
  callbackFirstDelayMs: 1_000,
} as const;

/** The parameters as numbers (the scale model varies them). */
export type JobEngineParams = { readonly [K in keyof typeof JOB_ENGINE]: number };
