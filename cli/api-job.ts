import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { routes } from '../shared/routes.js';
import type { ApiOptions } from './api-client.js';
import { encodingName } from './encoding.js';
import { lang } from './lang.js';
import { defaultOutputPath, OutputFile, type OutputFormat } from './output.js';
import { createProgress } from './progress.js';
import type { FileSummary } from './row-results.js';
import type { ValidateFileOptions } from './supplier-list.js';

/**
 * From this size on, `salyk validate --api` runs the file as a bulk job (`POST /v1/jobs`) instead of sending
 * it in batches of 10 000 to `/v1/identifiers/validate-batch`. Measured on the local stack (docs/scale.md,
 * "Which path for --api"): a job costs about 3 s of its own (upload, prepare, finish, polling) and then
 * checks ~540 rows/s against the batch path's ~400, so the two meet near 5 000 rows; 256 KiB is 7 000 to
 * 9 000 rows of a typical list (30–40 bytes a row), just past that. Deployed the gap only grows: the job's
 * map runs batches in parallel, with neither the 28 s request limit nor the 10 MB body limit.
 */
export const JOB_THRESHOLD_BYTES = 256 * 1024;

/** `--jobs`: when `--api` uses a bulk job. */
export type JobsMode = 'auto' | 'always' | 'never';

/** The job options `salyk validate`'s flags map to (`POST /v1/jobs` body `options`). */
const JOB_ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'windows-1251': 'cp1251',
};

/**
 * Whether this run goes through a bulk job: `--api` on a file (not stdin) at least {@link JOB_THRESHOLD_BYTES}
 * (or `--jobs always`), written in the input's format and encoding — a job writes exactly what `salyk validate`
 * writes by default, so `--format` to the other format or `--output-encoding` keep the batch path.
 */
export async function usesJob(options: ValidateFileOptions, mode: JobsMode): Promise<boolean> {
  if (!options.api || mode === 'never' || options.input === '-' || options.outputEncoding) return false;
  if (options.encoding && !JOB_ENCODINGS[encodingName(options.encoding)]) return false;
  const inputFormat: OutputFormat = /\.xlsx$/i.test(options.input) ? 'xlsx' : 'csv';
  if (options.format && options.format !== inputFormat) return false;
  if (options.output && options.output !== '-' && formatOf(options.output, inputFormat) !== inputFormat) return false;
  return mode === 'always' || (await stat(options.input)).size >= JOB_THRESHOLD_BYTES;
}

const formatOf = (path: string, fallback: OutputFormat): OutputFormat =>
  /\.xlsx$/i.test(path) ? 'xlsx' : /\.(csv|txt|tsv)$/i.test(path) ? 'csv' : fallback;

/** The job as `GET /v1/jobs/{id}` answers it (the fields used here). */
interface JobView {
  jobId: string;
  state: 'waiting_for_upload' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  rows: { total?: number; done: number; valid: number; invalid: number };
  error?: string;
  results?: { checkedFile: { url: string }; summary: { url: string } };
}

/**
 * `salyk validate --api` as a bulk job: creates the job with the run's options, uploads the file to the
 * presigned URL (which starts it), shows its progress, and writes the checked file it made — the same bytes
 * an offline run writes — where an offline run would. Every row is audited by the API, one record per row.
 */
export async function validateFileAsJob(options: ValidateFileOptions & { api: ApiOptions }): Promise<FileSummary> {
  const started = Date.now();
  const size = (await stat(options.input)).size;
  const client = jobClient(options.api);
  const job = await client.create(basename(options.input), jobOptions(options));
  await client.upload(job.upload.url, options.input, size);
  const done = await watch(client, job.jobId, size, options.quiet);
  if (!done.results) throw new Error(`the job ${done.jobId} ${done.state}: ${done.error ?? 'no result'}`);
  const inputFormat: OutputFormat = /\.xlsx$/i.test(options.input) ? 'xlsx' : 'csv';
  const output = options.output ?? defaultOutputPath(options.input, inputFormat, inputFormat);
  await client.download(done.results.checkedFile.url, output);
  const summary = (await client.json(done.results.summary.url)) as Omit<FileSummary, 'input' | 'output'>;
  if (done.state !== 'succeeded') process.stderr.write(`job ${done.jobId} ${done.state}: ${done.error ?? ''}\n`);
  const seconds = (Date.now() - started) / 1000;
  return {
    ...summary,
    input: options.input,
    output,
    seconds,
    rowsPerSecond: Math.round(summary.rows / Math.max(seconds, 0.001)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** The run's flags as job options. */
function jobOptions(options: ValidateFileOptions): Record<string, unknown> {
  return {
    fixLeadingZeros: options.fixLeadingZeros,
    ...(options.column ? { column: options.column } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    ...(options.headerRow ? { headerRow: options.headerRow } : {}),
    ...(options.encoding ? { encoding: JOB_ENCODINGS[encodingName(options.encoding)] } : {}),
    ...(options.country ? { country: options.country } : {}),
  };
}

/** Polls the job until it ends, with the run's progress line (rows done of the rows the job found). */
async function watch(client: JobClient, jobId: string, size: number, quiet: boolean): Promise<JobView> {
  const progress = createProgress({ totalBytes: size, quiet });
  let ok = false;
  try {
    for (let pause = 250; ; pause = Math.min(2_000, pause * 2)) {
      const job = await client.get(jobId);
      const { total, done } = job.rows;
      progress.update(done, total ? Math.round((size * done) / total) : 0);
      if (job.state !== 'waiting_for_upload' && job.state !== 'running') {
        ok = job.state === 'succeeded';
        return job;
      }
      await sleep(pause);
    }
  } finally {
    progress.stop(ok);
  }
}

type JobClient = ReturnType<typeof jobClient>;

/** The job routes and the presigned URLs, with the run's key and language. */
function jobClient(api: ApiOptions) {
  const headers = { 'content-type': 'application/json', 'x-api-key': api.key, 'accept-language': lang() };
  const call = async (method: string, path: string, body?: unknown) => {
    const url = new URL(path, api.url).href;
    const response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(
        `cannot reach the API at ${api.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    });
    if (!response.ok)
      throw new Error(`API answered ${response.status} for ${method} ${path}: ${await response.text()}`);
    return response.json();
  };
  return {
    create: (fileName: string, options: Record<string, unknown>) =>
      call(routes.jobsCreate.method, routes.jobsCreate.path, { kind: 'validate', fileName, options }) as Promise<
        JobView & { upload: { url: string } }
      >,
    get: (jobId: string) =>
      call(routes.jobsGet.method, routes.jobsGet.path.replace('{id}', encodeURIComponent(jobId))) as Promise<JobView>,
    async upload(url: string, path: string, size: number): Promise<void> {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-length': String(size) },
        body: Readable.toWeb(createReadStream(path)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      if (!response.ok) throw new Error(`the upload of ${path} was refused: HTTP ${response.status}`);
    },
    async download(url: string, path: string): Promise<void> {
      const response = await fetch(url);
      if (!response.ok || !response.body)
        throw new Error(`the checked file could not be fetched: HTTP ${response.status}`);
      const out = new OutputFile(path);
      try {
        for await (const chunk of response.body) await out.write(chunk as Uint8Array);
        await out.commit();
      } catch (error) {
        await out.discard();
        throw error;
      }
    },
    json: async (url: string) => (await fetch(url)).json(),
  };
}
