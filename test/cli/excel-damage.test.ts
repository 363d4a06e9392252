import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIN } from '../fixtures/esf-invoices.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';
import { workbookBytes } from './workbook-fixture.js';

/**
 * Excel's damage to supplier lists, end to end through the built CLI. Needs the library-i18n branch
 * (`lang`, `countryOption`, SPREADSHEET_NUMBER, text forms, two lost zeros): LEAD, rename this file to
 * `excel-damage.test.ts` when that branch is merged.
 */
let dir: string;
let n = 0;

async function run(content: string, args: string[] = []): Promise<Record<string, string>[]> {
  const sub = join(dir, String(++n));
  await mkdir(sub);
  const input = join(sub, 'list.csv');
  await writeFile(input, content);
  const result = await salyk(['validate', input, '--quiet', ...args]);
  expect(result.code).toBe(0);
  return Papa.parse<Record<string, string>>(await readFile(join(sub, 'list.checked.csv'), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'salyk-cli-excel-'));
});

afterAll(async () => {
  await disposeBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('CLI: Excel damage', () => {
  it('unwraps Excel text forms ="…" and a leading apostrophe, and keeps the cell as it was', async () => {
    const rows = await run(`БИН/ИИН;x\n"=""${TIN.kzIinLeadingZero}""";a\n'${TIN.kzIinLeadingZero};b\n`);
    expect(rows.map((r) => [r['БИН/ИИН'], r.valid, r.kind])).toEqual([
      [`="${TIN.kzIinLeadingZero}"`, 'true', 'IIN'],
      [`'${TIN.kzIinLeadingZero}`, 'true', 'IIN'],
    ]);
  });

  it('gives scientific notation its own code, with a message in the --lang', async () => {
    const rows = await run('tin\n8.9052E+11\n"8,9052E+11"\n', ['--lang', 'ru']);
    expect(rows.map((r) => r.errors)).toEqual(['SPREADSHEET_NUMBER', 'SPREADSHEET_NUMBER']);
    expect(rows[0]?.messages).toMatch(/^SPREADSHEET_NUMBER: Excel .*«Текстовый»/);
  });

  it('suggests two lost zeros, and --fix-leading-zeros restores them', async () => {
    const rows = await run(`tin\n${TIN.kzIinLeadingZero.slice(1)}\n1110593221\n`, ['--fix-leading-zeros']);
    expect(rows.map((r) => [r.tin, r.valid, r.suggestion])).toEqual([
      [TIN.kzIinLeadingZero, 'true', TIN.kzIinLeadingZero],
      ['001110593221', 'true', '001110593221'],
    ]);
  });

  it('names the CLI option in UNKNOWN_COUNTRY, and writes messages in the --lang', async () => {
    const rows = await run('tin;x\n123;a\n', ['--lang', 'kk']);
    expect(rows[0]?.errors).toBe('INVALID_LENGTH UNKNOWN_COUNTRY');
    expect(rows[0]?.messages).toContain('--country');
    expect(rows[0]?.messages).toMatch(/[әғқңөұүһі]/);
  });

  it('reads numeric XLSX TIN cells as digits and flags what Excel stored in scientific form', async () => {
    const sub = join(dir, String(++n));
    await mkdir(sub);
    const input = join(sub, 'book.xlsx');
    await writeFile(input, workbookBytes([{ name: 'S', rows: [['БИН'], [Number(TIN.kzBin)], ['8.9052E+11']] }]));
    const result = await salyk(['validate', input, '--format', 'csv', '--quiet']);
    expect(result.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(await readFile(join(sub, 'book.xlsx.checked.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => [r.БИН, r.errors])).toEqual([
      [TIN.kzBin, ''],
      ['8.9052E+11', 'SPREADSHEET_NUMBER'],
    ]);
  });
});
