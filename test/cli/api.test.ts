import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';
import { expectNoRawIdentifiers } from '../helpers/assertions.js';
import { AuditTableReader } from '../helpers/dynamodb.js';
import { breakCheckDigit, randomKgPin, randomKzBin, randomKzIin, typedWithSeparators } from '../helpers/identifiers.js';
import {
  API_KEYS,
  type IntegrationEnvironment,
  startIntegrationEnvironment,
  TABLE_NAME,
} from '../helpers/local-stack.js';

/**
 * `salyk validate --api <url> --key <key>`: the real binary against the real local stack (HTTP +
 * DynamoDB Local). The output must be the offline output, and every row sent must be audited.
 */
let env: IntegrationEnvironment;
let table: AuditTableReader;
let dir: string;

/** A valid KZ BIN whose first digit is 0 (registered 2000-2009), so a spreadsheet can lose it. */
function binWithLeadingZero(): string {
  for (;;) {
    const bin = randomKzBin();
    if (bin.startsWith('0')) return bin;
  }
}

interface SupplierFile {
  path: string;
  /** Every TIN cell as written. */
  values: string[];
  /** Rows the CLI sends to the API: not malformed, TIN cell 1..64 characters. */
  sendable: number;
  lostZeros: number;
}

/**
 * A few hundred rows of every kind the CLI meets, with a row of too many fields (line 11), an empty
 * TIN (line 21) and an unterminated quote on the last line.
 */
async function supplierFile(name: string, rows: number): Promise<SupplierFile> {
  const values: string[] = [];
  const lines = ['name;tin;city'];
  let lostZeros = 0;
  for (let i = 0; i < rows; i++) {
    const kind = i % 8;
    const value =
      kind === 0
        ? randomKzBin()
        : kind === 1
          ? randomKzIin()
          : kind === 2
            ? randomKgPin()
            : kind === 3
              ? breakCheckDigit(randomKzIin())
              : kind === 4
                ? binWithLeadingZero().slice(1)
                : kind === 5
                  ? typedWithSeparators(randomKzBin()).trim()
                  : kind === 6
                    ? `${randomKzBin()}x`
                    : randomKzIin();
    if (kind === 4) lostZeros++;
    values.push(value);
    lines.push(`"Supplier ${i}; ""Ltd""";${value};${i % 2 ? 'Almaty' : 'Bishkek'}`);
  }
  lines.splice(10, 0, 'malformed;row;with;too;many;fields');
  lines.splice(20, 0, 'Empty TIN;;Osh');
  const path = join(dir, name);
  await writeFile(path, `\uFEFF${lines.join('\r\n')}\r\n"Broken quote;123;x`);
  return { path, values, sendable: rows, lostZeros };
}

async function batchRecords(): Promise<Record<string, unknown>[]> {
  return (await table.queryPartition('T#alpha')).filter((i) => i.operation === 'identifiers.validate-batch');
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'salyk-cli-api-'));
  env = await startIntegrationEnvironment();
  table = new AuditTableReader(env.client, TABLE_NAME);
});

afterAll(async () => {
  await disposeBuild();
  await env?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('CLI: salyk validate --api', () => {
  it('writes the same output as offline, and the API audits every row it was sent', async () => {
    // Prepare
    const file = await supplierFile('suppliers.csv', 400);
    const offlineOut = join(dir, 'offline.csv');
    const apiOut = join(dir, 'api.csv');
    const before = (await batchRecords()).length;

    // Act
    const offline = await salyk(['validate', file.path, '-o', offlineOut, '--json']);
    const api = await salyk([
      'validate',
      file.path,
      '-o',
      apiOut,
      '--json',
      '--api',
      env.stack.baseUrl,
      '--key',
      API_KEYS.alpha,
    ]);

    // Assess
    expect(offline.code).toBe(0);
    expect(api.code).toBe(0);
    const {
      seconds: _s1,
      rowsPerSecond: _r1,
      peakRssMb: _p1,
      output: _o1,
      ...offlineSummary
    } = JSON.parse(offline.stdout);
    const { seconds: _s2, rowsPerSecond: _r2, peakRssMb: _p2, output: _o2, ...apiSummary } = JSON.parse(api.stdout);
    expect(apiSummary).toEqual(offlineSummary);
    expect(apiSummary).toMatchObject({
      rows: 403,
      malformedRows: 2,
      parseErrors: [
        { line: 11, message: 'expected 3 fields, found 6' },
        { line: 404, message: 'a quoted cell is never closed: a quote is missing' },
      ],
    });
    expect(apiSummary.valid).toBeGreaterThan(0);
    expect(apiSummary.invalid).toBeGreaterThan(file.lostZeros);
    const apiText = await readFile(apiOut, 'utf8');
    expect(apiText).toBe(await readFile(offlineOut, 'utf8'));
    expect(apiText.split('\n')).toHaveLength(403 + 2);

    const records = await batchRecords();
    expect(records).toHaveLength(before + file.sendable);
    expectNoRawIdentifiers(records, file.values);
  });

  it('--fix-leading-zeros through the API gives the offline fixes, and audits the re-checks too', async () => {
    // Prepare
    const file = await supplierFile('fix.csv', 240);
    const offlineOut = join(dir, 'fix-offline.csv');
    const apiOut = join(dir, 'fix-api.csv');
    const before = (await batchRecords()).length;

    // Act
    const offline = await salyk(['validate', file.path, '-o', offlineOut, '--fix-leading-zeros', '--json']);
    const api = await salyk([
      'validate',
      file.path,
      '-o',
      apiOut,
      '--fix-leading-zeros',
      '--json',
      '--api',
      env.stack.baseUrl,
      '--key',
      API_KEYS.alpha,
    ]);

    // Assess
    expect(api.code).toBe(0);
    expect(JSON.parse(api.stdout)).toMatchObject({ fixedLeadingZeros: file.lostZeros });
    expect(JSON.parse(offline.stdout)).toMatchObject({ fixedLeadingZeros: file.lostZeros });
    expect(await readFile(apiOut, 'utf8')).toBe(await readFile(offlineOut, 'utf8'));
    expect(await batchRecords()).toHaveLength(before + file.sendable + file.lostZeros);
  });

  it('splits more than 10 000 rows into batches the API accepts, with bounded concurrency', async () => {
    // Prepare: 10 050 rows need two batches (the API answers 413 above 10 000 items)
    const rows = Array.from({ length: 10_050 }, (_, i) => `${i},${i % 2 ? randomKzBin() : randomKgPin()}`);
    const path = join(dir, 'big.csv');
    await writeFile(path, `id,tin\n${rows.join('\n')}\n`);
    const before = (await batchRecords()).length;

    // Act
    const run = await salyk(
      [
        'validate',
        path,
        '-o',
        join(dir, 'big-out.csv'),
        '--json',
        '--api',
        env.stack.baseUrl,
        '--key',
        API_KEYS.alpha,
        '--concurrency',
        '2',
      ],
      { timeoutMs: 120_000 },
    );

    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 10_050, valid: 10_050, invalid: 0 });
    expect(await batchRecords()).toHaveLength(before + 10_050);
  }, 120_000);

  it('exits 2 when --api has no key', async () => {
    // Prepare
    const file = await supplierFile('nokey.csv', 5);

    // Act
    const run = await salyk(['validate', file.path, '--api', env.stack.baseUrl], { env: { SALYK_API_KEY: '' } });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('salyk: --api needs --key (or SALYK_API_KEY)\n');
  });

  it('takes the key from SALYK_API_KEY', async () => {
    // Prepare
    const file = await supplierFile('envkey.csv', 5);

    // Act
    const run = await salyk(
      ['validate', file.path, '-o', join(dir, 'envkey-out.csv'), '--api', env.stack.baseUrl, '--json'],
      { env: { SALYK_API_KEY: API_KEYS.beta } },
    );

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 8 });
    expect((await table.queryPartition('T#beta')).length).toBeGreaterThanOrEqual(5);
  });

  it('exits 2 with the API answer when the key is refused, and audits nothing', async () => {
    // Prepare
    const file = await supplierFile('badkey.csv', 5);
    const before = (await table.scanAll()).length;

    // Act
    const run = await salyk([
      'validate',
      file.path,
      '-o',
      join(dir, 'badkey-out.csv'),
      '--api',
      env.stack.baseUrl,
      '--key',
      'key-nobody',
    ]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^salyk: API answered 401 for a batch of 5: /m);
    expect((await table.scanAll()).length).toBe(before);
  });

  it('exits 2 with a clear message when the API cannot be reached', async () => {
    // Prepare
    const file = await supplierFile('down.csv', 5);
    const closed = `http://127.0.0.1:${await freePort()}`;

    // Act
    const run = await salyk([
      'validate',
      file.path,
      '-o',
      join(dir, 'down-out.csv'),
      '--api',
      closed,
      '--key',
      API_KEYS.alpha,
    ]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`salyk: cannot reach the API at ${closed}: ECONNREFUSED\n`);
  });
});
