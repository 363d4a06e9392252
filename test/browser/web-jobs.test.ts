/// <reference lib="dom" />
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import { breakCheckDigit, randomKzBin, randomKzIin } from '../helpers/identifiers.js';
import {
  API_KEYS,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';
import { openWebPage, SCREENSHOTS, type WebPage } from './web-page.js';

/**
 * The web page's server job against the real local stack: the page on the API's origin (as CloudFront serves
 * it), the job created with the user's API key, the file PUT from the browser to the presigned URL on the local
 * S3-compatible server (CORS and the page's CSP allow exactly that), the state machine run by the local runner,
 * and the checked file the page links to compared with `salyk validate`'s, byte for byte.
 */
let env: IntegrationEnvironment;
let web: WebPage;
let dir: string;

/** A port nobody listens on now, for the local S3 server (the page's CSP must name it before the page loads). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

beforeAll(async () => {
  const s3Port = await freePort();
  env = await startIntegrationEnvironment({ S3_LOCAL_PORT: String(s3Port) });
  // The page's CSP names the job bucket's origin (local/static.ts reads it as the engine sets it).
  process.env.S3_ENDPOINT = `http://127.0.0.1:${s3Port}`;
  web = await openWebPage({ locale: 'ru-RU', api: env.stack.baseUrl });
  dir = await mkdtemp(join(tmpdir(), 'salyk-web-jobs-'));
  await ensureBuilt();
}, 180_000);

afterAll(async () => {
  delete process.env.S3_ENDPOINT;
  await web?.close();
  await env?.stop();
  await disposeBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A supplier list: a header, mostly valid TINs, every 5th with a broken check digit. */
function supplierList(rows: number): string {
  const lines = ['Наименование;БИН/ИИН;Город'];
  for (let i = 0; i < rows; i++) {
    const tin = i % 5 === 0 ? breakCheckDigit(randomKzIin()) : i % 2 ? randomKzBin() : randomKzIin();
    lines.push(`"ТОО Поставщик ${i}";${tin};Алматы`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function startJob(page: Page, key: string): Promise<void> {
  await page.locator('[data-testid=server-job] summary').click();
  await page.locator('[data-testid=api-key]').fill(key);
  await page.getByRole('button', { name: 'Start the job' }).click();
}

describe('web page: a server job for a supplier list', () => {
  it('runs the list as a job with the API key and links the checked file: the CLI’s bytes, one audit record per row', async () => {
    // Prepare
    const input = join(dir, 'Поставщики.csv');
    await writeFile(input, supplierList(2_500));
    const cliOut = join(dir, 'suppliers.cli.csv');
    const cli = await salyk(['validate', input, '-o', cliOut, '--json', '--quiet', '--lang', 'en']);
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as { rows: number; valid: number; invalid: number };
    const records = new AuditTableReader(env.client, TABLE_NAME);
    const before = (await records.scanRecords()).length;
    const page = await web.context.newPage();
    await page.goto(web.url);
    await page.locator('header select').selectOption('en');

    // Act
    await page.locator('[data-testid=supplier-file]').setInputFiles(input);
    await startJob(page, API_KEYS.alpha);
    const status = page.locator('[data-testid=job-status]');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 100_000 }).toBe('succeeded');
    await page.screenshot({ path: join(SCREENSHOTS, 'suppliers-job.png'), fullPage: true });
    const valid = Number((await page.locator('[data-testid=job-valid]').textContent())?.replace(/\D/g, ''));
    const invalid = Number((await page.locator('[data-testid=job-invalid]').textContent())?.replace(/\D/g, ''));
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=job-download]').click(),
    ]);
    const bytes = await readFile(await file.path());

    // Assess
    expect({ valid, invalid }).toEqual({ valid: expected.valid, invalid: expected.invalid });
    expect(file.suggestedFilename()).toBe('Поставщики.checked.csv');
    expect(bytes.equals(await readFile(cliOut))).toBe(true);
    expect((await records.scanRecords()).length - before).toBe(expected.rows);
    await page.close();
  }, 120_000);

  it('says what the API answered when the key is wrong, and uploads nothing', async () => {
    // Prepare
    const input = join(dir, 'small.csv');
    await writeFile(input, supplierList(10));
    const page = await web.context.newPage();
    await page.goto(web.url);
    await page.locator('header select').selectOption('en');
    await page.locator('[data-testid=supplier-file]').setInputFiles(input);

    // Act
    await startJob(page, 'not-a-key');
    const alert = page.locator('[data-testid=server-job] [role=alert]');

    // Assess
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toMatch(/^Cannot check: .+/);
    expect(await page.locator('[data-testid=job-status]').count()).toBe(0);
    await page.close();
  });
});
