import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCallback } from '../../functions/lib/jobs/callback.js';
import type { JobSummary } from '../../functions/lib/jobs/summary.js';
import { JOB_ENGINE } from '../../shared/jobs/params.js';
import { workbookBytes } from '../cli/workbook-fixture.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import { breakCheckDigit, randomKzBin, randomKzIin } from '../helpers/identifiers.js';
import {
  API_KEYS,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/**
 * Bulk jobs through the real local stack: the job routes over HTTP, the upload PUT to the presigned URL
 * on the local S3-compatible server (s3rver), the synthesised state machine run by the local runner, and
 * the audit records in DynamoDB Local. Faults are injected into the batch function only (see
 * `SALYK_JOBS_FAIL_BATCH` in local/jobs/engine.ts): the batch at row 1000 fails twice, the batch at row
 * 5000 fails every time.
 */
let env: IntegrationEnvironment;
let table: AuditTableReader;
let dir: string;

/** A leading-zero IIN as a spreadsheet keeps it only when the column is text. */
const ZERO_IIN = '01207199510092';

beforeAll(async () => {
  env = await startIntegrationEnvironment({
    SALYK_JOBS_FAIL_BATCH: '1000:2,5000:always',
    SALYK_JOBS_RETRY_DELAY_SCALE: '0.01',
  });
  table = new AuditTableReader(env.client, TABLE_NAME);
  dir = await mkdtemp(join(tmpdir(), 'salyk-jobs-'));
  await ensureBuilt();
}, 120_000);

afterAll(async () => {
  await env?.stop();
  await disposeBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A supplier list: mostly valid TINs, every 7th broken, a quoted name with the delimiter, the leading-zero IIN. */
function supplierList(rows: number, delimiter = ';'): string {
  const lines = [`name${delimiter}tin${delimiter}city`];
  for (let i = 0; i < rows; i++) {
    const tin =
      i === 3 ? ZERO_IIN : i % 7 === 0 ? breakCheckDigit(randomKzIin()) : i % 2 ? randomKzBin() : randomKzIin();
    lines.push([`"Supplier ${i}${delimiter} LLP"`, tin, 'Almaty'].join(delimiter));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function createJob(body: unknown = { kind: 'validate' }) {
  const res = await env.api('POST', '/v1/jobs', { key: API_KEYS.alpha, body });
  expect(res.status).toBe(201);
  return res.json as { jobId: string; state: string; upload: { url: string; method: string } };
}

async function upload(url: string, content: string): Promise<void> {
  const res = await fetch(url, { method: 'PUT', body: content });
  expect(res.status).toBe(200);
}

// biome-ignore lint/suspicious/noExplicitAny: the job view as JSON
async function waitFor(jobId: string, done: (job: any) => boolean, timeoutMs = 120_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await env.api('GET', `/v1/jobs/${jobId}`, { key: API_KEYS.alpha });
    expect(res.status).toBe(200);
    if (done(res.json) || Date.now() > until) return res.json;
    await sleep(250);
  }
}

const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

const ended = (job: { state: string }) => !['waiting_for_upload', 'running'].includes(job.state);

async function cliOutput(csv: string, name: string): Promise<string> {
  const input = join(dir, `${name}.csv`);
  const output = join(dir, `${name}.cli.checked.csv`);
  await writeFile(input, csv);
  const run = await salyk(['validate', input, '--output', output, '--quiet']);
  expect(run.code).toBe(0);
  return readFile(output, 'utf8');
}

describe('Bulk jobs: POST /v1/jobs → upload → GET /v1/jobs/{id}', () => {
  it('runs a job to succeeded, retrying a batch that failed twice, with the CLI’s checked file and one audit record per row', async () => {
    // Prepare
    const csv = supplierList(2_500);
    const before = (await table.scanRecords()).length;
    const job = await createJob();

    // Act
    expect(job).toMatchObject({ state: 'waiting_for_upload', upload: { method: 'PUT' } });
    await upload(job.upload.url, csv);
    const done = await waitFor(job.jobId, ended);

    // Assess
    expect(done).toMatchObject({ state: 'succeeded', rows: { total: 2_500, done: 2_500 } });
    expect(done.rows.valid + done.rows.invalid).toBe(2_500);
    // Bytes, not text: fetch's text() would drop a BOM.
    const checked = (await download(done.results.checkedFile.url)).toString('utf8');
    expect(checked).toBe(await cliOutput(csv, 'succeeded'));
    expect(checked).toContain(`;${ZERO_IIN};`);
    const summary = (await (await fetch(done.results.summary.url)).json()) as JobSummary;
    expect(summary.retriedBatches).toEqual([{ firstRow: 1_000, lastRow: 1_999, attempts: 3 }]);
    expect(summary.failedBatches).toEqual([]);
    expect(summary.batches).toBe(Math.ceil(2_500 / JOB_ENGINE.batchSize));
    expect((await table.scanRecords()).length - before).toBe(2_500);
  }, 180_000);

  it('reports the rows of a batch that failed every attempt, and never drops them', async () => {
    // Prepare
    const csv = supplierList(5_200, ',');
    const job = await createJob();

    // Act
    await upload(job.upload.url, csv);
    const done = await waitFor(job.jobId, ended);

    // Assess
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/200 rows could not be checked/);
    const summary = (await (await fetch(done.results.summary.url)).json()) as JobSummary;
    expect(summary.failedBatches).toEqual([
      { firstRow: 5_000, lastRow: 5_199, firstLine: 5_002, lastLine: 5_201, error: 'InjectedFault' },
    ]);
    expect(summary.unprocessedRows).toBe(200);
    const lines = (await (await fetch(done.results.checkedFile.url)).text()).trimEnd().split('\n');
    expect(lines).toHaveLength(5_201);
    expect(lines.filter((l) => l.includes(',NOT_CHECKED,'))).toHaveLength(200);
  }, 180_000);

  it('stops a job cancelled half way and says how far it got', async () => {
    // Prepare
    const job = await createJob();
    await upload(job.upload.url, supplierList(30_000));
    await waitFor(job.jobId, (j) => j.rows.done > 0 || ended(j));

    // Act
    const cancel = await env.api('DELETE', `/v1/jobs/${job.jobId}`, { key: API_KEYS.alpha });
    await sleep(3_000);
    const after = await waitFor(job.jobId, () => true);

    // Assess
    expect(cancel.status).toBe(200);
    expect(cancel.json.state).toBe('cancelled');
    expect(after.state).toBe('cancelled');
    expect(after.rows.done).toBeGreaterThan(0);
    expect(after.rows.done).toBeLessThan(30_000);
    expect(after.results).toBeUndefined();
  }, 180_000);

  it('keeps running when the upload event arrives twice (S3 events are at least once)', async () => {
    // Prepare
    const csv = supplierList(3_000);
    const job = await createJob();

    // Act
    await upload(job.upload.url, csv);
    await waitFor(job.jobId, (j) => j.state === 'running');
    await upload(job.upload.url, csv);
    const done = await waitFor(job.jobId, ended);

    // Assess
    expect(done).toMatchObject({ state: 'succeeded', rows: { total: 3_000, done: 3_000 } });
  }, 120_000);

  it('reads an XLSX upload like the CLI does: same checked file, leading zeros kept', async () => {
    // Prepare
    const rows = [
      ['name', 'ИИН'],
      ['Zero LLP', ZERO_IIN],
      ...Array.from({ length: 50 }, (_, i) => [`S${i}`, randomKzIin()]),
    ];
    const book = workbookBytes([{ name: 'Suppliers', rows }]);
    const path = join(dir, 'suppliers.xlsx');
    await writeFile(path, book);
    const job = await createJob();

    // Act
    const put = await fetch(job.upload.url, { method: 'PUT', body: Buffer.from(book) });
    const done = await waitFor(job.jobId, ended);
    const cli = await salyk(['validate', path, '--output', join(dir, 'xlsx.cli.xlsx'), '--quiet']);

    // Assess
    expect(put.status).toBe(200);
    expect(cli.code).toBe(0);
    expect(done).toMatchObject({ state: 'succeeded', rows: { total: 51 } });
    expect(done.results.checkedFile.url).toMatch(/checked\.xlsx/);
    const checked = await download(done.results.checkedFile.url);
    expect(checked.equals(await readFile(join(dir, 'xlsx.cli.xlsx')))).toBe(true);
    expect(checked.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1')); // a workbook, as the upload was
  }, 120_000);

  it('honours every option salyk validate takes: the same checked file as the CLI with the same flags', async () => {
    // Prepare: a Windows-1251 list with two title lines, its TIN column under a header no detector knows,
    // a BIN whose leading zero a spreadsheet dropped, and Russian messages asked for by Accept-Language
    let zeroBin = randomKzBin();
    while (!zeroBin.startsWith('0')) zeroBin = randomKzBin();
    const lines = ['Контрагенты', 'на 01.03.2026', 'Наименование;Код;Город', `ТОО Ноль;${zeroBin.slice(1)};Алматы`];
    for (let i = 0; i < 40; i++)
      lines.push(`ТОО ${i};${i % 5 ? randomKzIin() : breakCheckDigit(randomKzBin())};Астана`);
    const bytes = iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1251');
    const input = join(dir, 'options.csv');
    await writeFile(input, bytes);
    const options = { column: 'Код', headerRow: 3, encoding: 'cp1251', country: 'KZ', fixLeadingZeros: true };
    const res = await env.api('POST', '/v1/jobs', {
      key: API_KEYS.alpha,
      body: { kind: 'validate', options },
      headers: { 'accept-language': 'ru' },
    });
    expect(res.status).toBe(201);

    // Act
    const put = await fetch(res.json.upload.url, { method: 'PUT', body: Buffer.from(bytes) });
    const done = await waitFor(res.json.jobId, ended);
    const flags = ['--column', 'Код', '--header-row', '3', '--encoding', 'cp1251', '--country', 'KZ'];
    const cli = await salyk(['validate', input, ...flags, '--fix-leading-zeros', '--lang', 'ru', '--quiet']);

    // Assess
    expect(put.status).toBe(200);
    expect(cli.code).toBe(0);
    expect(done).toMatchObject({ state: 'succeeded', rows: { total: 41, done: 41 } });
    const checked = await download(done.results.checkedFile.url);
    expect(checked.equals(await readFile(join(dir, 'options.checked.csv')))).toBe(true);
    const text = iconv.decode(checked, 'windows-1251');
    expect(text).toContain(`ТОО Ноль;${zeroBin};`); // the fixed value, in the input's encoding
    const summary = (await (await fetch(done.results.summary.url)).json()) as JobSummary;
    expect(summary).toMatchObject({ tinColumn: 'Код', headerRow: 3, encoding: 'windows-1251', fixedLeadingZeros: 1 });
    expect(summary.errorCounts.INVALID_CHECKSUM).toBe(8);
  }, 120_000);

  it('calls back when the job ends, signed with the key the create answer gave, and retries a failed delivery', async () => {
    // Prepare: the receiver answers the first delivery with a 503
    const received: { signature: string; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ signature: String(req.headers['salyk-signature']), body });
        res.statusCode = received.length === 1 ? 503 : 200;
        res.end();
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', () => ok()));
    const { port } = receiver.address() as AddressInfo;
    const job = (await createJob({ kind: 'validate', callbackUrl: `http://127.0.0.1:${port}/hook` })) as Awaited<
      ReturnType<typeof createJob>
    > & { callbackSigningKey: string };

    // Act
    await upload(job.upload.url, supplierList(300));
    await waitFor(job.jobId, ended);
    for (let i = 0; i < 60 && received.length < 2; i++) await sleep(100);
    receiver.close();

    // Assess
    expect(received).toHaveLength(2);
    for (const call of received) {
      expect(verifyCallback(job.callbackSigningKey, call.signature, call.body, Date.now() / 1000)).toBe(true);
      expect(call.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(JSON.parse(call.body)).toMatchObject({ jobId: job.jobId, state: 'succeeded', rows: { done: 300 } });
    }
    expect(verifyCallback(job.callbackSigningKey, received[0]?.signature ?? '', '{}', Date.now() / 1000)).toBe(false);
  }, 120_000);

  it('fails a job whose upload has no TIN column, saying so', async () => {
    // Prepare
    const job = await createJob();

    // Act
    await upload(job.upload.url, 'name;city\nAcme;Almaty\n');
    const done = await waitFor(job.jobId, ended);

    // Assess
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/no TIN column/);
    expect(done.results).toBeUndefined();
  }, 120_000);

  it('runs salyk validate --api as a job: the offline run’s bytes, one audit record per row; a small file keeps the batch path', async () => {
    // Prepare
    const input = join(dir, 'cli-job.csv');
    await writeFile(input, supplierList(1_200));
    const offline = await salyk(['validate', input, '--output', join(dir, 'cli-job.offline.csv'), '--quiet']);
    const jobsBefore = (await env.api('GET', '/v1/jobs', { key: API_KEYS.alpha })).json.items.length;
    const recordsBefore = (await table.scanRecords()).length;
    const api = ['--api', env.stack.baseUrl, '--key', API_KEYS.alpha, '--quiet', '--json'];

    // Act
    const asJob = await salyk(['validate', input, '-o', join(dir, 'cli-job.job.csv'), '--jobs', 'always', ...api]);
    const jobsBetween = (await env.api('GET', '/v1/jobs', { key: API_KEYS.alpha })).json.items.length;
    const auto = await salyk(['validate', input, '-o', join(dir, 'cli-job.auto.csv'), ...api]);
    const jobsAfter = (await env.api('GET', '/v1/jobs', { key: API_KEYS.alpha })).json.items.length;

    // Assess
    expect([offline.code, asJob.code, auto.code], asJob.stderr).toEqual([0, 0, 0]);
    const expected = await readFile(join(dir, 'cli-job.offline.csv'));
    expect((await readFile(join(dir, 'cli-job.job.csv'))).equals(expected)).toBe(true);
    expect((await readFile(join(dir, 'cli-job.auto.csv'))).equals(expected)).toBe(true);
    expect(JSON.parse(asJob.stdout)).toMatchObject({ rows: 1_200, tinColumn: 'tin' });
    expect([jobsBetween - jobsBefore, jobsAfter - jobsBetween]).toEqual([1, 0]); // 1 200 rows are under the threshold
    expect((await table.scanRecords()).length - recordsBefore).toBe(2 * 1_200);
  }, 180_000);

  it('lists the tenant’s jobs newest first and hides them from another tenant', async () => {
    // Act
    const mine = await env.api('GET', '/v1/jobs', { key: API_KEYS.alpha });
    const theirs = await env.api('GET', '/v1/jobs', { key: API_KEYS.beta });
    const first = mine.json.items[0]?.jobId as string;
    const peek = await env.api('GET', `/v1/jobs/${first}`, { key: API_KEYS.beta });

    // Assess
    expect(mine.json.items.length).toBeGreaterThanOrEqual(3);
    const ids = mine.json.items.map((j: { jobId: string }) => j.jobId);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect(theirs.json.items).toEqual([]);
    expect(peek.status).toBe(404);
  });

  it('refuses an unknown option and a malformed job id with problem+json', async () => {
    // Act
    const unknown = await env.api('POST', '/v1/jobs', {
      key: API_KEYS.alpha,
      body: { kind: 'validate', options: { delimiter: ';' } },
    });
    const badId = await env.api('GET', '/v1/jobs/not-a-job', { key: API_KEYS.alpha });

    // Assess
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect(badId.status).toBe(400);
    expect(badId.json.errors[0].path).toBe('params.id');
  });
});
