import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIN } from '../fixtures/esf-invoices.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';
import { workbookBytes } from './workbook-fixture.js';

/**
 * `salyk validate <file.xlsx>`: the real binary on workbooks built here (no binary fixtures in the
 * repository), the way accountants hand them over: TINs as text and as numbers that lost their leading
 * zeros, Cyrillic headers, blank rows, several sheets.
 */
let dir: string;
let book: string;
let gaps: string;

const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'];

async function records(path: string): Promise<Record<string, string>[]> {
  const parsed = Papa.parse<Record<string, string>>(await readFile(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'salyk-cli-xlsx-'));

  // Prepare: a workbook with three sheets, its shared strings stored after the sheets
  const first = [
    ['Наименование', 'БИН', 'Город'],
    ['Text cell', TIN.kzBinLeadingZero, 'Алматы'], // typed as text: the zero survives
    ['Number, lost KZ zero', Number(TIN.kzBinLeadingZero), 'Астана'], // 11 digits
    ['Number, lost KG zero', Number(TIN.kgInn2), 'Бишкек'], // 13 digits
    ['Number, no zero to lose', Number(TIN.kzBin)], // the last cell left empty
    ['Formula', { t: 'str', f: `"${TIN.kzIin}"`, v: TIN.kzIin }, 'Шымкент'],
    [{ si: '<r><t xml:space="preserve">Rich </t></r><r><rPr><b/></rPr><t>text</t></r>' }, TIN.kzBin2, 'Караганда'],
  ];
  const second = [
    ['TIN', 'Comment'],
    [TIN.kgInn, 'text'],
    [Number(TIN.kgInn), 'number: two zeros lost, cannot be fixed'],
  ];
  const sheets = [
    { name: 'Поставщики', rows: first },
    { name: 'Second', rows: second },
    { name: 'Empty', rows: [] },
  ];
  book = join(dir, 'suppliers.xlsx');
  await writeFile(book, workbookBytes(sheets, { order: 'strings-last' }));

  // A sheet with blank rows between the data, and an invalid row after them
  const rows = [
    ['name', 'tin'],
    ['A', TIN.kzBin],
    { r: 5, cells: ['B', '12345'] },
    { r: 6, cells: ['C', TIN.kgPin, 'a note beyond the header'] },
  ];
  gaps = join(dir, 'gaps.xlsx');
  await writeFile(gaps, workbookBytes([{ name: 'Data', rows }]));
});

afterAll(async () => {
  await disposeBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.concurrent('CLI: salyk validate <file.xlsx>', () => {
  it('reads the first sheet by default: Cyrillic header, text and numeric cells, formulas and rich text', async () => {
    // Act
    const run = await salyk(['validate', book, '--json', '--format', 'csv']);

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      output: join(dir, 'suppliers.xlsx.checked.csv'),
      tinColumn: 'БИН',
      rows: 6,
      valid: 4,
      invalid: 2,
      malformedRows: 0,
      parseErrors: [],
    });
    const out = await records(join(dir, 'suppliers.xlsx.checked.csv'));
    expect(Object.keys(out[0]!)).toEqual(['Наименование', 'БИН', 'Город', ...RESULT_COLUMNS]);
    expect(
      out.map((r) => [r.Наименование, r.БИН, r.Город, r.valid, r.country, r.kind, r.errors, r.suggestion]),
    ).toEqual([
      ['Text cell', TIN.kzBinLeadingZero, 'Алматы', 'true', 'KZ', 'BIN', '', ''],
      [
        'Number, lost KZ zero',
        TIN.kzBinLeadingZero.slice(1),
        'Астана',
        'false',
        'KZ',
        'BIN',
        'LEADING_ZERO_LOST',
        TIN.kzBinLeadingZero,
      ],
      ['Number, lost KG zero', TIN.kgInn2.slice(1), 'Бишкек', 'false', 'KG', 'INN', 'LEADING_ZERO_LOST', TIN.kgInn2],
      ['Number, no zero to lose', TIN.kzBin, '', 'true', 'KZ', 'BIN', '', ''],
      ['Formula', TIN.kzIin, 'Шымкент', 'true', 'KZ', 'IIN', '', ''],
      ['Rich text', TIN.kzBin2, 'Караганда', 'true', 'KZ', 'BIN', '', ''],
    ]);
  });

  it('writes a workbook whose bytes depend on the list alone: every zip entry dated 1980-01-01, not by the clock', async () => {
    // Prepare
    const output = join(dir, 'dated.xlsx');

    // Act
    const run = await salyk(['validate', book, '-o', output, '--quiet']);

    // Assess: each local file header's DOS time and date (bytes 10–13): 00:00:00, 1980-01-01 (day 1, month 1 → 0x0021)
    expect(run.code).toBe(0);
    const bytes = await readFile(output);
    const headers: number[] = [];
    for (let at = bytes.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = bytes.indexOf('PK\x03\x04', at + 4, 'latin1'))
      headers.push(at);
    expect(headers.length).toBeGreaterThanOrEqual(6);
    for (const at of headers) expect([bytes.readUInt16LE(at + 10), bytes.readUInt16LE(at + 12)]).toEqual([0, 0x21]);
  });

  it('--fix-leading-zeros restores the numeric cells that lost their zero', async () => {
    // Prepare
    const output = join(dir, 'fixed.csv');

    // Act
    const run = await salyk(['validate', book, '--fix-leading-zeros', '-o', output, '--json']);

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 6, valid: 6, invalid: 0, fixedLeadingZeros: 2 });
    expect((await records(output)).map((r) => [r.БИН, r.valid])).toEqual([
      [TIN.kzBinLeadingZero, 'true'],
      [TIN.kzBinLeadingZero, 'true'],
      [TIN.kgInn2, 'true'],
      [TIN.kzBin, 'true'],
      [TIN.kzIin, 'true'],
      [TIN.kzBin2, 'true'],
    ]);
  });

  it.each([
    ['by name', 'Second'],
    ['by 1-based number', '2'],
  ])('--sheet picks another sheet %s', async (_case, sheet) => {
    // Prepare
    const output = join(dir, `second-${sheet}.csv`);

    // Act
    const run = await salyk(['validate', book, '--sheet', sheet, '-o', output, '--json']);

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ tinColumn: 'TIN', rows: 2, valid: 1, invalid: 1 });
    expect((await records(output)).map((r) => [r.TIN, r.Comment, r.valid, r.errors])).toEqual([
      [TIN.kgInn, 'text', 'true', ''],
      // 12 digits left: read as a KZ number, and rejected as one
      [
        TIN.kgInn.replace(/^0+/, ''),
        'number: two zeros lost, cannot be fixed',
        'false',
        'INVALID_CHECKSUM INVALID_COMPONENT',
      ],
    ]);
  });

  it('answers a sheet that is not there with exit 2', async () => {
    // Act
    const run = await salyk(['validate', book, '--sheet', 'Nope']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`salyk: ${book} has no sheet "Nope" (sheets: 1 Поставщики, 2 Second, 3 Empty)\n`);
  });

  it('says so in the language asked: a missing sheet and an empty one in Russian', async () => {
    // Act
    const missing = await salyk(['validate', book, '--sheet', 'Nope', '--lang', 'ru']);
    const empty = await salyk(['validate', book, '--sheet', 'Empty', '--lang', 'ru']);

    // Assess
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`salyk: в книге ${book} нет листа «Nope» (листы: 1 Поставщики, 2 Second, 3 Empty)\n`);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^salyk: лист Empty в .*suppliers\.xlsx пуст\n$/);
  });

  it('answers an empty sheet with exit 2', async () => {
    // Prepare
    const output = join(dir, 'empty-sheet.csv');

    // Act
    const run = await salyk(['validate', book, '--sheet', 'Empty', '-o', output]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^salyk: sheet Empty of .*suppliers\.xlsx is empty/);
    expect(existsSync(output)).toBe(false);
  });

  it('reports sheet row numbers across blank rows, and does not call a short row or an empty trailing cell malformed', async () => {
    // Act
    const run = await salyk(['validate', gaps, '--json']);

    // Assess
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ rows: 3, valid: 1, invalid: 2, malformedRows: 1 });
    expect(summary.errorCounts).toEqual({ INVALID_LENGTH: 1, UNKNOWN_COUNTRY: 1, MALFORMED_ROW: 1 });
    expect(summary.topProblems.find((p: { code: string }) => p.code === 'INVALID_LENGTH').exampleRows).toEqual([5]);
    // A cell beyond the header is data the output has no column for: a malformed row, at its sheet row.
    expect(summary.parseErrors).toEqual([{ line: 6, message: 'expected 2 fields, found 3' }]);
  });

  it('--column works on a sheet too, and --fail-on-invalid exits 1', async () => {
    // Act
    const run = await salyk(['validate', gaps, '--column', '2', '--fail-on-invalid', '-o', join(dir, 'gaps-out.csv')]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TIN column "tin"/);
  });

  it('answers an old binary .xls workbook with "save it as .xlsx or .csv" and exit 2', async () => {
    // Prepare: the OLE compound-file signature that starts every .xls
    const xls = join(dir, 'old.xls');
    await writeFile(
      xls,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
    );

    // Act
    const run = await salyk(['validate', xls]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^salyk: .*old\.xls is an old binary Excel workbook .*save it as \.xlsx or \.csv\n$/);
  });

  it('refuses a file named .xlsx that is not a workbook with exit 2', async () => {
    // Prepare
    const fake = join(dir, 'fake.xlsx');
    await writeFile(fake, 'name,tin\nA,1\n');

    // Act
    const run = await salyk(['validate', fake]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^salyk: /);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // a message, not a stack trace
  });
});
