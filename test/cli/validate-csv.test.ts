import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIN } from '../fixtures/esf-invoices.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';

/** `salyk validate <file.csv>`: the real binary on CSV files written to a temp directory. */
let dir: string;
let fileNo = 0;

/** Writes a fixture into its own sub-directory (so default outputs never collide) and returns its path. */
async function fixture(name: string, content: string | Buffer): Promise<string> {
  const sub = join(dir, String(++fileNo));
  await mkdir(sub);
  const path = join(sub, name);
  await writeFile(path, content);
  return path;
}

/** The output CSV as a header and rows of cells (papaparse, delimiter auto-detected or given). */
async function readOutput(
  path: string,
  delimiter?: string,
): Promise<{ header: string[]; rows: string[][]; text: string }> {
  const text = await readFile(path, 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true, ...(delimiter ? { delimiter } : {}) });
  expect(parsed.errors.filter((e) => e.type !== 'Delimiter')).toEqual([]);
  const [header, ...rows] = parsed.data;
  return { header: header!, rows, text };
}

/** The output rows as objects keyed by the output header. */
async function outputRecords(path: string, delimiter?: string): Promise<Record<string, string>[]> {
  const { header, rows } = await readOutput(path, delimiter);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? '<missing>'])));
}

const checked = (input: string) => input.replace(/\.csv$/, '.checked.csv');
const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'];

/** A supplier list as a spreadsheet user exports it: one good BIN, lost zeros (KZ 11 digits, KG 13), a checksum error. */
const SUPPLIERS = [
  'name,tin,city',
  `Alpha LLP,${TIN.kzBin},Almaty`,
  `Lost zero KZ,${TIN.kzBinLeadingZero.slice(1)},Astana`,
  `Lost zero KG,${TIN.kgInn2.slice(1)},Bishkek`,
  `KG org,${TIN.kgInn},Osh`,
  `Broken,${TIN.kzBin.slice(0, 11)}6,Almaty`,
  `Person,${TIN.kzIin},Shymkent`,
].join('\n');

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'salyk-cli-csv-'));
});

afterAll(async () => {
  await disposeBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.concurrent('CLI: salyk validate <file.csv>', () => {
  describe('the checked output', () => {
    it('writes <name>.checked.csv beside the input: the input columns plus valid, country, kind, errors, messages, suggestion', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `${SUPPLIERS}\n`);

      // Act
      const run = await salyk(['validate', input]);

      // Assess
      expect(run.code).toBe(0);
      const { header } = await readOutput(checked(input));
      expect(header).toEqual(['name', 'tin', 'city', ...RESULT_COLUMNS]);
      const records = await outputRecords(checked(input));
      expect(records.map((r) => [r.name, r.tin, r.city, r.valid, r.country, r.kind, r.errors, r.suggestion])).toEqual([
        ['Alpha LLP', TIN.kzBin, 'Almaty', 'true', 'KZ', 'BIN', '', ''],
        [
          'Lost zero KZ',
          TIN.kzBinLeadingZero.slice(1),
          'Astana',
          'false',
          'KZ',
          'BIN',
          'LEADING_ZERO_LOST',
          TIN.kzBinLeadingZero,
        ],
        ['Lost zero KG', TIN.kgInn2.slice(1), 'Bishkek', 'false', 'KG', 'INN', 'LEADING_ZERO_LOST', TIN.kgInn2],
        ['KG org', TIN.kgInn, 'Osh', 'true', 'KG', 'INN', '', ''],
        ['Broken', `${TIN.kzBin.slice(0, 11)}6`, 'Almaty', 'false', 'KZ', 'BIN', 'INVALID_CHECKSUM', ''],
        ['Person', TIN.kzIin, 'Shymkent', 'true', 'KZ', 'IIN', '', ''],
      ]);
      expect(records[4]!.messages).toMatch(/^INVALID_CHECKSUM: /);
      expect(records[3]!.messages).toMatch(/^STRUCTURE_UNCONFIRMED: /);
    });

    it('prints a summary on stderr and points at --fix-leading-zeros', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', SUPPLIERS);

      // Act
      const run = await salyk(['validate', input]);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^6 rows checked in [\d.]+ s \(\d+ rows\/s\), TIN column "tin"$/m);
      expect(run.stderr).toMatch(/valid 3, invalid 3, with warnings 1/);
      expect(run.stderr).toMatch(/2 value\(s\) lost leading zeros .*--fix-leading-zeros/);
      expect(run.stderr).toMatch(/LEADING_ZERO_LOST\s+2\s+\(lines 3, 4\)/);
      expect(run.stderr).toMatch(/INVALID_CHECKSUM\s+1\s+\(lines 6\)/);
      expect(run.stderr).toContain(`Written: ${checked(input)}`);
    });

    it('--fix-leading-zeros restores the 11-digit KZ and 13-digit KG values and re-checks them', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', SUPPLIERS);

      // Act
      const run = await salyk(['validate', input, '--fix-leading-zeros', '--json']);

      // Assess
      expect(run.code).toBe(0);
      const records = await outputRecords(checked(input));
      expect(records.map((r) => [r.name, r.tin, r.valid, r.country, r.kind, r.errors, r.suggestion])).toEqual([
        ['Alpha LLP', TIN.kzBin, 'true', 'KZ', 'BIN', '', ''],
        ['Lost zero KZ', TIN.kzBinLeadingZero, 'true', 'KZ', 'BIN', '', TIN.kzBinLeadingZero],
        ['Lost zero KG', TIN.kgInn2, 'true', 'KG', 'INN', '', TIN.kgInn2],
        ['KG org', TIN.kgInn, 'true', 'KG', 'INN', '', ''],
        ['Broken', `${TIN.kzBin.slice(0, 11)}6`, 'false', 'KZ', 'BIN', 'INVALID_CHECKSUM', ''],
        ['Person', TIN.kzIin, 'true', 'KZ', 'IIN', '', ''],
      ]);
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 6, valid: 5, invalid: 1, fixedLeadingZeros: 2 });
    });

    it('--json prints only the summary as JSON on stdout', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', SUPPLIERS);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({
        input,
        output: checked(input),
        tinColumn: 'tin',
        rows: 6,
        valid: 3,
        invalid: 3,
        withWarnings: 1,
        fixedLeadingZeros: 0,
        malformedRows: 0,
        errorCounts: { LEADING_ZERO_LOST: 2, INVALID_CHECKSUM: 1 },
        topProblems: [
          { code: 'LEADING_ZERO_LOST', count: 2, exampleRows: [3, 4] },
          { code: 'INVALID_CHECKSUM', count: 1, exampleRows: [6] },
        ],
        parseErrors: [],
        seconds: expect.any(Number),
        rowsPerSecond: expect.any(Number),
      });
    });

    it('--output writes where it is told, and nothing beside the input', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', SUPPLIERS);
      const output = join(dir, 'elsewhere', 'result file.csv');
      await mkdir(join(dir, 'elsewhere'));

      // Act
      const run = await salyk(['validate', input, '--output', output, '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).output).toBe(output);
      expect((await outputRecords(output)).map((r) => r.valid)).toEqual([
        'true',
        'false',
        'false',
        'true',
        'false',
        'true',
      ]);
      expect(existsSync(checked(input))).toBe(false);
    });

    it('-o into a directory that does not exist is a clear error (exit 2)', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', SUPPLIERS);

      // Act
      const run = await salyk(['validate', input, '-o', join(dir, 'no-such-dir', 'out.csv')]);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^salyk: cannot write .*no-such-dir.*out\.csv/m);
    });

    it('--country KZ reads an 11-digit value as a KZ number that lost its zero, and rejects a KG length', async () => {
      // Prepare
      const input = await fixture('kz.csv', `tin\n${TIN.kzIinLeadingZero.slice(1)}\n${TIN.kgInn}\n`);

      // Act
      const run = await salyk(['validate', input, '--country', 'KZ']);

      // Assess
      expect(run.code).toBe(0);
      const records = await outputRecords(checked(input));
      expect(records.map((r) => [r.valid, r.country, r.errors, r.suggestion])).toEqual([
        ['false', 'KZ', 'LEADING_ZERO_LOST', TIN.kzIinLeadingZero],
        ['false', 'KZ', 'INVALID_LENGTH', ''],
      ]);
    });
  });

  describe('CSV dialects', () => {
    it('reads a UTF-8 BOM, `;` delimiter, quoted fields with `;` and quotes, and a Cyrillic header; writes the same dialect back', async () => {
      // Prepare
      const name = 'ТОО "Альфа"; филиал';
      const address = 'г. Алматы; ул. Абая, 1';
      const text = `\uFEFFНаименование;БИН;Адрес\r\n"ТОО ""Альфа""; филиал";${TIN.kzBin};"${address}"\r\nИП Беков;${TIN.kzIin};Астана\r\n`;
      const input = await fixture('поставщики.csv', text);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ tinColumn: 'БИН', rows: 2, valid: 2, parseErrors: [] });
      const out = await readOutput(checked(input), ';');
      expect(out.header).toEqual(['Наименование', 'БИН', 'Адрес', ...RESULT_COLUMNS]);
      expect(out.rows.map((r) => r.slice(0, 6))).toEqual([
        [name, TIN.kzBin, address, 'true', 'KZ', 'BIN'],
        ['ИП Беков', TIN.kzIin, 'Астана', 'true', 'KZ', 'IIN'],
      ]);
      expect(out.text).toContain('"ТОО ""Альфа""; филиал";');
      // The BOM is written back so Excel keeps reading the Cyrillic as UTF-8, and so are the CRLF line breaks.
      expect(out.text.split('\r\n')[0]).toBe(`\uFEFFНаименование;БИН;Адрес;${RESULT_COLUMNS.join(';')}`);
    });

    it('reads a tab-separated file', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `name\tinn\nA\t${TIN.kgInn}\nB\t${TIN.kgPin}\n`);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ tinColumn: 'inn', rows: 2, valid: 2 });
      expect((await outputRecords(checked(input), '\t')).map((r) => r.kind)).toEqual(['INN', 'PIN']);
    });

    it('keeps a quoted field with a line break, and counts the lines after it right', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `name,tin\n"Alpha\nLLP",${TIN.kzBin}\nBad,${TIN.kzBin},extra\n`);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      const summary = JSON.parse(run.stdout);
      expect(summary.parseErrors).toEqual([{ line: 4, message: 'expected 2 fields, found 3' }]);
      expect((await outputRecords(checked(input)))[0]).toMatchObject({ name: 'Alpha\nLLP', valid: 'true' });
    });

    it('reads a single-column file without complaining about the delimiter', async () => {
      // Prepare
      const input = await fixture('tins.csv', `TIN\n${TIN.kzBin}\n${TIN.kgInn}\n`);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        tinColumn: 'TIN',
        rows: 2,
        valid: 2,
        malformedRows: 0,
        parseErrors: [],
      });
    });

    it.each(['ИНН', 'иин', 'БИН', 'ПИН', 'TIN', 'Inn', ' IIN ', 'bin', 'PIN'])(
      'finds the TIN column by the header "%s"',
      async (heading) => {
        // Prepare
        const input = await fixture('suppliers.csv', `Name,${heading},City\nA,${TIN.kzBin},X\n`);

        // Act
        const run = await salyk(['validate', input, '--json']);

        // Assess
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ tinColumn: heading, valid: 1 });
      },
    );
  });

  describe('--column', () => {
    const text = `Supplier,Old tin,Tax number\nA,123,${TIN.kzBin}\nB,456,${TIN.kgInn}\n`;

    it.each([
      ['by name, any case', 'tax NUMBER'],
      ['by 1-based number', '3'],
    ])('picks the column %s', async (_case, column) => {
      // Prepare
      const input = await fixture('suppliers.csv', text);

      // Act
      const run = await salyk(['validate', input, '--column', column, '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ tinColumn: 'Tax number', rows: 2, valid: 2 });
    });

    it.each(['VAT id', '4', '0'])('answers a column "%s" that is not there with exit 2', async (column) => {
      // Prepare
      const input = await fixture('suppliers.csv', text);

      // Act
      const run = await salyk(['validate', input, '--column', column]);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`no column "${column}"`);
      expect(run.stderr).toContain('Supplier, Old tin, Tax number');
    });
  });

  describe('unusable input: exit 2 with a clear message, no output file', () => {
    it.each([
      ['an empty file', ''],
      ['a file holding only a UTF-8 BOM (Excel saving an empty sheet)', '\uFEFF'],
      ['a file of blank lines', '\n\r\n  \n'],
    ])('refuses %s', async (_case, content) => {
      // Prepare
      const input = await fixture('empty.csv', content);

      // Act
      const run = await salyk(['validate', input]);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`salyk: ${input} is empty: expected a header row with a TIN column\n`);
      expect(existsSync(checked(input))).toBe(false);
    });

    it('refuses a file that does not exist', async () => {
      // Prepare
      const input = join(dir, 'missing.csv');

      // Act
      const run = await salyk(['validate', input]);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`salyk: cannot read ${input}: no such file\n`);
      expect(existsSync(checked(input))).toBe(false);
    });

    it('refuses a file without a TIN column, naming --column and the header it found', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `name,vat number,city\nA,${TIN.kzBin},X\n`);

      // Act
      const run = await salyk(['validate', input]);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^salyk: no TIN column in .*suppliers\.csv: name one with --column/);
      expect(run.stderr).toContain('(name, vat number, city)');
      // the columns with samples (TIN-like values masked, marked *)
      expect(run.stderr).toMatch(/\*\s+2 "vat number": 9401…\(12\)/);
      expect(existsSync(checked(input))).toBe(false);
    });

    it('answers a usage error (unknown option) with exit 2, not the exit 1 that means invalid rows', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', SUPPLIERS);

      // Act
      const run = await salyk(['validate', input, '--fail-on-invalid', '--colum', 'tin']);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("unknown option '--colum'");
      expect(existsSync(checked(input))).toBe(false);
    });

    it('answers a header-only file with zero rows and exit 0', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', 'name,tin\n');

      // Act
      const run = await salyk(['validate', input, '--json', '--fail-on-invalid']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 0, valid: 0, invalid: 0 });
      expect(await readFile(checked(input), 'utf8')).toBe(`name,tin,${RESULT_COLUMNS.join(',')}\n`);
    });
  });

  describe('malformed rows: reported by line, the rest still written', () => {
    const text = [
      'name,tin,city',
      `A,${TIN.kzBin},Almaty`,
      '',
      `B,${TIN.kzIin},Astana,EXTRA`,
      `C,${TIN.kgInn},Osh`,
      `D,${TIN.kzBin2}`,
      `E,${TIN.kgPin},Bishkek`,
    ].join('\n');

    it('reports the physical line of each malformed row and keeps going', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', text);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ rows: 5, valid: 3, invalid: 2, malformedRows: 2 });
      expect(summary.parseErrors).toEqual([
        { line: 4, message: 'expected 3 fields, found 4' },
        { line: 6, message: 'expected 3 fields, found 2' },
      ]);
      expect(summary.topProblems).toEqual([{ code: 'MALFORMED_ROW', count: 2, exampleRows: [4, 6] }]);
      const kk = JSON.parse((await salyk(['validate', input, '--json', '--lang', 'kk'])).stdout);
      expect(kk.parseErrors[0]).toEqual({ line: 4, message: 'күтілген өріс саны: 3, табылғаны: 4' });
    });

    it('writes every row, the malformed ones aligned under the header with MALFORMED_ROW', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', text);

      // Act
      const run = await salyk(['validate', input]);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('line 4: expected 3 fields, found 4');
      expect(run.stderr).toContain('line 6: expected 3 fields, found 2');
      const { header, rows } = await readOutput(checked(input));
      expect(rows.every((r) => r.length === header.length)).toBe(true);
      const records = await outputRecords(checked(input));
      expect(records.map((r) => [r.name, r.valid, r.errors])).toEqual([
        ['A', 'true', ''],
        ['B', 'false', 'MALFORMED_ROW'],
        ['C', 'true', ''],
        ['D', 'false', 'MALFORMED_ROW'],
        ['E', 'true', ''],
      ]);
      expect(records[1]!.messages).toContain('expected 3 fields, found 4');
    });

    it("reports a quote error in the run's language, with its line", async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `name,tin\nA,${TIN.kzBin}\nB,"${TIN.kzIin}\n`);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ valid: 1, malformedRows: 1 });
      expect(summary.parseErrors).toEqual([{ line: 3, message: 'a quoted cell is never closed: a quote is missing' }]);
      const records = await outputRecords(checked(input));
      expect(records[1]).toMatchObject({
        valid: 'false',
        errors: 'MALFORMED_ROW',
        messages: 'a quoted cell is never closed: a quote is missing',
      });
      const ru = JSON.parse((await salyk(['validate', input, '--json', '--lang', 'ru'])).stdout);
      expect(ru.parseErrors).toEqual([{ line: 3, message: 'ячейка в кавычках не закрыта: не хватает кавычки' }]);
    });

    it('counts lines right past the parser chunk boundary of a large file', async () => {
      // Prepare: 60 000 rows (about 1.6 MB, more than one 1 MB parser chunk), one malformed row near the end
      const rows = Array.from({ length: 60_000 }, (_, i) => `supplier number ${i},${i % 2 ? TIN.kzBin : TIN.kgInn}`);
      rows[59_000] = 'broken,row,with,too,many,fields';
      const input = await fixture('big.csv', `name,tin\n${rows.join('\n')}\n`);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary).toMatchObject({ rows: 60_000, valid: 59_999, malformedRows: 1 });
      expect(summary.parseErrors).toEqual([{ line: 59_002, message: 'expected 2 fields, found 6' }]);
    });
  });

  describe('--fail-on-invalid', () => {
    it('exits 1 when any row is invalid, after writing the output', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', SUPPLIERS);

      // Act
      const run = await salyk(['validate', input, '--fail-on-invalid']);

      // Assess
      expect(run.code).toBe(1);
      expect((await outputRecords(checked(input))).length).toBe(6);
    });

    it('exits 1 for a malformed row alone', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `name,tin\nA,${TIN.kzBin}\nB,${TIN.kzBin},x\n`);

      // Act
      const run = await salyk(['validate', input, '--fail-on-invalid']);

      // Assess
      expect(run.code).toBe(1);
    });

    it('exits 0 when every row is valid (warnings do not count)', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `name,tin\nA,${TIN.kzBin}\nB,${TIN.kgForeignPin}\n`);

      // Act
      const run = await salyk(['validate', input, '--fail-on-invalid', '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ valid: 2, invalid: 0, withWarnings: 1 });
    });

    it('exits 0 without the flag even when rows are invalid', async () => {
      // Prepare
      const input = await fixture('suppliers.csv', `tin\n123\n`);

      // Act
      const run = await salyk(['validate', input]);

      // Assess
      expect(run.code).toBe(0);
    });
  });
});
