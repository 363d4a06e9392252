import type { Lang } from '../i18n/languages.js';

/**
 * The job model: states, where a job's files live in the bucket and how its record is keyed. Pure and
 * framework-free, so the functions, the local engine and the CDK construct read one layout.
 */

/** A job's life: created → upload received → running → one of the three ends. */
export const JOB_STATES = ['waiting_for_upload', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job can still leave; cancel is allowed only from these. */
export const OPEN_JOB_STATES: readonly JobState[] = ['waiting_for_upload', 'running'];

export const JOB_KINDS = ['validate'] as const;
type JobKind = (typeof JOB_KINDS)[number];

/** Job records live in the audit table under `J#<tenant>`, never read by audit listings (`T#<tenant>`). */
export const JOB_PARTITION_PREFIX = 'J#';

/** Bucket prefixes. Lifecycle rules expire `uploads/`, `work/` and `map-results/` sooner than `results/`. */
export const JOB_PREFIXES = {
  uploads: 'uploads/',
  work: 'work/',
  mapResults: 'map-results/',
  results: 'results/',
} as const;

/** CSV encodings a job can be told to read (`salyk validate --encoding`); detected when not given. */
export const JOB_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'cp1251'] as const;

/** The options of a `validate` job: those the CLI's `salyk validate` takes (`--column`, `--header-row`, …). */
interface ValidateJobOptions {
  column?: string;
  sheet?: string;
  /** The header's 1-based CSV line or sheet row (default: found among the first 20 rows). */
  headerRow?: number;
  encoding?: (typeof JOB_ENCODINGS)[number];
  country?: 'KZ' | 'KG';
  fixLeadingZeros: boolean;
}

/** The checked file's format: the upload's, as `salyk validate` writes it by default. */
export type CheckedFormat = 'csv' | 'xlsx';

/** A job record, as stored and as the API shows it (plus links). */
export interface JobRecord {
  jobId: string;
  tenant: string;
  kind: JobKind;
  state: JobState;
  options: ValidateJobOptions;
  /** Language of the checked file's messages: the create request's (`?lang=` or `Accept-Language`). */
  lang: Lang;
  callbackUrl?: string;
  /** The uploaded file's name, for the checked file's download name. */
  fileName?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Data rows in the upload, once prepared. */
  rowsTotal?: number;
  rowsDone: number;
  rowsValid: number;
  rowsInvalid: number;
  /** Why the job failed, in words fit for the caller (no identifiers). */
  error?: string;
  /** Set by the finish step once the checked file and summary are in the bucket. */
  hasResults?: boolean;
  /** The checked file's format, set by the prepare step. */
  format?: CheckedFormat;
  /** The engine's execution (Step Functions ARN, or the local runner's id): what cancel stops. */
  executionId?: string;
}

const TENANT_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Where a job's upload goes: the upload's key names tenant and job, which is how the engine finds the record. */
export function uploadKey(tenant: string, jobId: string): string {
  if (!TENANT_PATTERN.test(tenant)) throw new Error('tenant id is not usable in a key');
  return `${JOB_PREFIXES.uploads}${tenant}/${jobId}`;
}

/** The tenant and job an upload key names, or `undefined` for any other key. */
export function parseUploadKey(key: string): { tenant: string; jobId: string } | undefined {
  const match = /^uploads\/([A-Za-z0-9_-]{1,128})\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key);
  return match?.[1] && match[2] ? { tenant: match[1], jobId: match[2] } : undefined;
}

/** The job's files after the upload. */
export function jobKeys(tenant: string, jobId: string) {
  const work = `${JOB_PREFIXES.work}${tenant}/${jobId}/`;
  const results = `${JOB_PREFIXES.results}${tenant}/${jobId}/`;
  return {
    upload: uploadKey(tenant, jobId),
    /** The Distributed Map's input: one CSV line per data row (`row,line,value,bad`). */
    items: `${work}items.csv`,
    /** One batch's results, named by its first row so a sort by key is input order. */
    part: (firstRow: number) => `${work}parts/${String(firstRow).padStart(12, '0')}.json`,
    checked: (format: CheckedFormat) => `${results}checked.${format}`,
    summary: `${results}summary.json`,
  } as const;
}

/** The header of the items CSV the prepare step writes and the Distributed Map reads. */
export const ITEM_COLUMNS = ['row', 'line', 'value', 'bad'] as const;

/** One item as the Distributed Map's CSV reader hands it on: every field a string (TINs stay text). */
export interface JobItem {
  row: string;
  line: string;
  value: string;
  bad: string;
}
