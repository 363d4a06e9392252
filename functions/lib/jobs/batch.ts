import { createHash } from 'node:crypto';
import { cellChecker } from '../../../cli/row-results.js';
import type { AuditRecord } from '../../../shared/audit/record.js';
import { identifierRecord } from '../../../shared/audit/record.js';
import type { IdentifierResult } from '../../../shared/identifiers/types.js';
import { type JobItem, jobKeys } from '../../../shared/jobs/model.js';
import { RULESET_VERSION } from '../../../shared/rules/version.js';
import { recordAudit } from '../audit-trail.js';
import { base32, checkIdOf } from '../check-id.js';
import { hmacSecret } from '../clients.js';
import { readConfig } from '../config.js';
import type { PreparedJob } from './prepare.js';
import { putObject } from './s3.js';
import { jobStore } from './store.js';

/** One child workflow's input, as the ItemBatcher builds it, plus the retry count the state passes in. */
export interface BatchInput {
  BatchInput: PreparedJob;
  Items: JobItem[];
  /** `$$.State.RetryCount`: 0 on the first attempt. */
  attempt?: number;
}

/** What a batch reports to the result writer: its row range, counts and where its outcomes are. */
export interface BatchOutput {
  firstRow: number;
  lastRow: number;
  rows: number;
  valid: number;
  invalid: number;
  attempts: number;
  partKey: string;
}

/** What the checked file needs of a result (a million of them go through S3: no decoded details). */
export type StoredResult = Pick<IdentifierResult, 'valid' | 'country' | 'kind' | 'errors' | 'warnings' | 'suggestion'>;

/** The part file a batch writes: its rows' results in input order; `null` for a malformed row (not checked). */
export interface BatchPart {
  firstRow: number;
  results: (StoredResult | null)[];
}

/**
 * The 10-character request ref of a job's audit records: derived from the job id, so each row's
 * checkId (job start + ref + row number) is the same on every attempt and a retried batch rewrites its
 * records instead of adding more — one record per row, whatever the retries.
 */
const jobRequestRef = (jobId: string): string => base32(createHash('sha256').update(`job\0${jobId}`).digest());

/**
 * Batch step: checks its rows as `salyk validate` does ({@link cellChecker}: the job's language, country and
 * fix-leading-zeros), writes one audit record per checked row with the existing batch writer, stores the
 * results for the finish step and adds the batch to the job's progress.
 */
export async function runBatch(input: BatchInput): Promise<BatchOutput> {
  const job = input.BatchInput;
  const first = input.Items[0];
  if (!first) throw new Error('empty batch');
  const firstRow = Number(first.row);
  const secret = await hmacSecret();
  const { retentionDays } = readConfig();
  const startedAt = new Date(job.startedAt);
  const ref = jobRequestRef(job.jobId);
  const records: AuditRecord[] = [];
  const check = cellChecker({ country: job.country, asOf: job.asOf, lang: job.lang }, job.fixLeadingZeros);
  const results = input.Items.map((item): StoredResult | null => {
    if (item.bad) return null;
    const result = check(item.value);
    const checked = job.fixLeadingZeros && result.suggestion ? result.suggestion.value : item.value;
    const context = {
      tenant: job.tenant,
      checkId: checkIdOf(startedAt, ref, Number(item.row)),
      now: startedAt,
      retentionDays,
      rulesetVersion: RULESET_VERSION,
    };
    records.push(identifierRecord(context, 'identifiers.validate-batch', secret, checked, result));
    const { valid, country, kind, errors, warnings, suggestion } = result;
    return { valid, country, kind, errors, warnings, ...(suggestion ? { suggestion } : {}) };
  });
  await recordAudit(records);
  const partKey = jobKeys(job.tenant, job.jobId).part(firstRow);
  const part: BatchPart = { firstRow, results };
  await putObject(partKey, JSON.stringify(part), { contentType: 'application/json' });
  const valid = results.filter((r) => r?.valid).length;
  await jobStore.addProgress(job.tenant, job.jobId, results.length, valid, results.length - valid);
  return {
    firstRow,
    lastRow: firstRow + results.length - 1,
    rows: results.length,
    valid,
    invalid: results.length - valid,
    attempts: (input.attempt ?? 0) + 1,
    partKey,
  };
}
