import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../../shared/audit/record.js';
import { identifierRecord } from '../../../shared/audit/record.js';
import type { IdentifierResult } from '../../../shared/identifiers/types.js';
import { validateIdentifier } from '../../../shared/identifiers/validate.js';
import { checkedOutcome, malformedOutcome, type RowOutcome } from '../../../shared/jobs/checked-row.js';
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

/** The part file a batch writes: its rows' outcomes, in input order. */
export interface BatchPart {
  firstRow: number;
  outcomes: RowOutcome[];
}

/**
 * The 10-character request ref of a job's audit records: derived from the job id, so each row's
 * checkId (job start + ref + row number) is the same on every attempt and a retried batch rewrites its
 * records instead of adding more — one record per row, whatever the retries.
 */
const jobRequestRef = (jobId: string): string => base32(createHash('sha256').update(`job\0${jobId}`).digest());

/**
 * Batch step: validates its rows with the library (the CLI's rules, `--fix-leading-zeros` included),
 * writes one audit record per checked row with the existing batch writer, stores the outcomes for the
 * merge and adds the batch to the job's progress.
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
  const outcomes = input.Items.map((item) => {
    if (item.bad) return malformedOutcome(item.bad, job.delimiter);
    const { result, fix } = check(item.value, job);
    const context = {
      tenant: job.tenant,
      checkId: checkIdOf(startedAt, ref, Number(item.row)),
      now: startedAt,
      retentionDays,
      rulesetVersion: RULESET_VERSION,
    };
    records.push(identifierRecord(context, 'identifiers.validate-batch', secret, fix ?? item.value, result));
    return checkedOutcome(result, job.delimiter, fix);
  });
  await recordAudit(records);
  const partKey = jobKeys(job.tenant, job.jobId).part(firstRow);
  const part: BatchPart = { firstRow, outcomes };
  await putObject(partKey, JSON.stringify(part), { contentType: 'application/json' });
  const valid = outcomes.filter((o) => o.ok).length;
  await jobStore.addProgress(job.tenant, job.jobId, outcomes.length, valid, outcomes.length - valid);
  return {
    firstRow,
    lastRow: firstRow + outcomes.length - 1,
    rows: outcomes.length,
    valid,
    invalid: outcomes.length - valid,
    attempts: (input.attempt ?? 0) + 1,
    partKey,
  };
}

/** The CLI's check of one cell: with fix-leading-zeros, a suggested value replaces the cell and is checked again. */
function check(value: string, job: PreparedJob): { result: IdentifierResult; fix?: string } {
  const result = validateIdentifier(value, { country: job.country, asOf: job.asOf });
  if (!job.fixLeadingZeros || !result.suggestion) return { result };
  const fixed = result.suggestion.value;
  return {
    result: { ...validateIdentifier(fixed, { country: job.country }), suggestion: result.suggestion },
    fix: fixed,
  };
}
