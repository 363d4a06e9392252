import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../cli/readers.js';
import { assessVat } from '../../shared/vat/assess.js';
import { TIN } from '../fixtures/esf-invoices.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';
import { workbookBytes } from './workbook-fixture.js';

/**
 * `salyk validate` on supplier lists as accountants have them (1C Windows-1251 exports with a title row, Excel's
 * "Unicode text", workbooks with numeric TIN cells), and the CLI's other entry points (stdin, --version, check, vat),
 * through the real built binary.
 */
let dir: string;
let fileNo = 0;

async function fixture(name: string, content: string | Uint8Array): Promise<string> {
  const sub = join(dir, String(++fileNo));
  await mkdir(sub);
  const path = join(sub, name);
  await writeFile(path, content);
  return path;
}

const TITLE = 'Список поставщиков на 01.11.2026;;;';
const LIST_1251 = [
  TITLE,
  ';;;',
  'Наименование;БИН/ИИН;Адрес;Сумма',
  `ТОО «Әлем-Ёлка» (ёжик);${TIN.kzBin};г. Алматы, ул. Абая, 1;1 500,00`,
  ';;;',
  `ИП Бета;${TIN.kzIinLeadingZero.slice(1)};"Астана; пр. ""Мангилик Ел""";10`,
  'ТОО Пусто;;Шымкент;3',
  `ТОО №5 — «Гамма»;${TIN.kzIin};Тараз, 5 мкр.;4`,
  '',
].join('\r\n');

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'salyk-cli-files-'));
});

afterAll(async () => {
  await disposeBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('CLI: supplier lists as they come', () => {
  it('reads a Windows-1251 1C export with a title row and a БИН/ИИН header, and loses no character', async () => {
    // Prepare
    const bytes = iconv.encode(LIST_1251.replace('Әлем', 'Алем'), 'windows-1251'); // Ә is not in cp1251
    const input = await fixture('suppliers.csv', bytes);

    // Act
    const run = await salyk(['validate', input, '--json', '--lang', 'en']);

    // Assess: every input line's bytes start the output line unchanged; the output stays Windows-1251
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ tinColumn: 'БИН/ИИН', headerRow: 3, rows: 4, blankRows: 1, valid: 2, invalid: 2 });
    expect(summary.encoding).toBe('windows-1251');
    const out = await readFile(input.replace(/\.csv$/, '.checked.csv'));
    const inLines = splitBytes(bytes)
      .slice(2)
      .filter((l) => l.length && l.toString('latin1') !== ';;;');
    const outLines = splitBytes(out).filter((l) => l.length);
    expect(outLines).toHaveLength(inLines.length);
    inLines.forEach((line, i) => {
      expect(outLines[i]?.subarray(0, line.length).equals(line), `line ${i}`).toBe(true);
    });
    const text = iconv.decode(out, 'windows-1251');
    expect(text).not.toContain('\uFFFD');
    // the input's CRLF line breaks are kept
    expect(text.split('\r\n').length).toBe(text.split('\n').length);
    expect(text).toContain('ТОО «Алем-Ёлка» (ёжик)');
    expect(text).toMatch(/ТОО Пусто;;Шымкент;3;false;;;EMPTY_VALUE;/);
  });

  it('refuses bytes that are not in the detected encoding (exit 2), naming --encoding, and writes nothing', async () => {
    // Prepare: UTF-8 for the first 70 KB, then a Windows-1251 byte
    const good = `tin;name\n${`${TIN.kzBin};Алматы\n`.repeat(3000)}`;
    const input = await fixture('mixed.csv', Buffer.concat([Buffer.from(good), Buffer.from([0xc0, 0x0a])]));

    // Act
    const run = await salyk(['validate', input, '--quiet']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot be read as utf-8 near byte \d+.*--encoding/);
    expect(existsSync(input.replace(/\.csv$/, '.checked.csv'))).toBe(false);
  });

  it("reads Excel's Unicode text (UTF-16 LE, tab) and writes it back the same way", async () => {
    // Prepare
    const text = `Наименование\tИИН (БИН)\r\nАльфа\t${TIN.kzIinLeadingZero}\r\n`;
    const input = await fixture(
      'suppliers.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]),
    );

    // Act
    const run = await salyk(['validate', input, '--quiet', '--lang', 'en']);

    // Assess
    expect(run.code).toBe(0);
    const out = await readFile(input.replace(/\.txt$/, '.checked.txt'));
    expect([...out.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const lines = iconv.decode(out.subarray(2), 'utf-16le').split('\r\n');
    expect(lines[0]).toBe('Наименование\tИИН (БИН)\tvalid\tcountry\tkind\terrors\tmessages\tsuggestion');
    expect(lines[1]).toBe(`Альфа\t${TIN.kzIinLeadingZero}\ttrue\tKZ\tIIN\t\t\t`);
  });

  it.each([['ИИН/БИН'], ['IIN/BIN'], ['ИНН/ПИН'], ['ИНН поставщика'], ['БИН контрагента'], ['ЖСН/БСН'], ['БСН']])(
    'finds the TIN column under %s',
    async (header) => {
      // Prepare
      const input = await fixture('h.csv', `Контрагент;${header};Примечание\nАльфа;${TIN.kzBin};-\n`);

      // Act
      const run = await salyk(['validate', input, '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ tinColumn: header, valid: 1 });
    },
  );

  it('skips blank rows and counts them, in CSV and XLSX alike; an empty TIN cell is EMPTY_VALUE', async () => {
    // Prepare
    const rows = [
      ['name', 'tin'],
      ['a', TIN.kzBin],
      ['', ''],
      ['b', ''],
      ['c', TIN.kzIin],
    ];
    const csv = await fixture('blank.csv', rows.map((r) => r.join(';')).join('\n'));
    const xlsx = await fixture('blank.xlsx', workbookBytes([{ name: 'S', rows }]));

    // Act
    const runs = await Promise.all([salyk(['validate', csv, '--json']), salyk(['validate', xlsx, '--json'])]);

    // Assess
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        rows: 3,
        blankRows: 1,
        valid: 2,
        invalid: 1,
        errorCounts: { EMPTY_VALUE: 1 },
      });
    }
  });

  it('--header-row picks the header when the first rows would mislead', async () => {
    // Prepare: a title that itself mentions ИНН
    const input = await fixture('t.csv', `Сверка ИНН;x\nимя;код\nАльфа;${TIN.kzBin}\n`);

    // Act
    const run = await salyk(['validate', input, '--json', '--header-row', '2', '--column', 'код']);

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ tinColumn: 'код', headerRow: 2, rows: 1, valid: 1 });
  });

  it('without a TIN column lists the candidate columns with samples and the sheet names', async () => {
    // Prepare
    const input = await fixture(
      'n.xlsx',
      workbookBytes([
        { name: 'Итоги', rows: [['Всего', 3]] },
        {
          name: 'Контрагенты',
          rows: [
            ['Имя', 'Код'],
            ['Альфа', TIN.kzBin],
          ],
        },
      ]),
    );

    // Act
    const run = await salyk(['validate', input, '--sheet', '2', '--lang', 'ru']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('не найден столбец ИИН/БИН');
    expect(run.stderr).toMatch(/\* +2 "Код": 9401…\(12\)/);
    expect(run.stderr).toContain('1 Итоги, 2 Контрагенты');
  });
});

describe('CLI: XLSX output', () => {
  it('writes <name>.checked.xlsx with TIN cells as text, invalid rows filled, and a summary sheet', async () => {
    // Prepare: TINs as numbers, one that lost its zero
    const input = await fixture(
      'book.xlsx',
      workbookBytes([
        {
          name: 'Поставщики',
          rows: [
            ['Наименование', 'БИН', 'Сумма'],
            ['Альфа', Number(TIN.kzBin), 1500.5],
            ['Бета', Number(TIN.kzBinLeadingZero), 7],
          ],
        },
      ]),
    );

    // Act
    const run = await salyk(['validate', input, '--fix-leading-zeros', '--quiet']);

    // Assess: read back with the project's reader
    expect(run.code).toBe(0);
    const output = input.replace(/\.xlsx$/, '.checked.xlsx');
    const back = await openTable(output);
    const rows: string[][] = [];
    for await (const chunk of back.chunks) rows.push(...chunk.rows);
    expect(back.header).toEqual([
      'Наименование',
      'БИН',
      'Сумма',
      'valid',
      'country',
      'kind',
      'errors',
      'messages',
      'suggestion',
    ]);
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['Альфа', TIN.kzBin, '1500.5', 'true', 'KZ'],
      ['Бета', TIN.kzBinLeadingZero, '7', 'true', 'KZ'],
    ]);
    // …and at the XML: the TIN cells are inline strings, the amount a number
    const sheet = new TextDecoder().decode(unzipSync(await readFile(output))['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain(`<c r="B3" s="3" t="inlineStr"><is><t>${TIN.kzBinLeadingZero}</t></is></c>`);
    expect(sheet).toContain('<c r="C2"><v>1500.5</v></c>');
    const summary = await openTable(output, { sheet: '2' });
    expect(summary.header).toEqual(['rows read', '2']);
  });

  it('fills invalid rows', async () => {
    // Prepare
    const input = await fixture('bad.csv', `tin\n${TIN.kzBin.slice(0, 11)}6\n`);

    // Act
    const run = await salyk(['validate', input, '--format', 'xlsx', '--quiet']);

    // Assess
    expect(run.code).toBe(0);
    const sheet = new TextDecoder().decode(
      unzipSync(await readFile(`${input}.checked.xlsx`))['xl/worksheets/sheet1.xml'],
    );
    expect(sheet).toMatch(/<c r="A2" s="4" t="inlineStr">/);
    expect(sheet).toMatch(/<c r="B2" s="1" t="inlineStr"><is><t>false<\/t>/);
  });

  it('never lets the outputs of x.csv and x.xlsx overwrite each other, in either --format', async () => {
    // Prepare
    const csv = await fixture('x.csv', `tin\n${TIN.kzBin}\n`);
    const xlsx = csv.replace(/\.csv$/, '.xlsx');
    await writeFile(xlsx, workbookBytes([{ name: 'S', rows: [['tin'], [TIN.kzIin]] }]));

    // Act
    const runs = await Promise.all([
      salyk(['validate', csv, '--quiet']),
      salyk(['validate', xlsx, '--quiet']),
      salyk(['validate', csv, '--quiet', '--format', 'xlsx']),
      salyk(['validate', xlsx, '--quiet', '--format', 'csv']),
    ]);

    // Assess
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const names = (await readdir(join(csv, '..'))).sort();
    expect(names).toEqual([
      'x.checked.csv',
      'x.checked.xlsx',
      'x.csv',
      'x.csv.checked.xlsx',
      'x.xlsx',
      'x.xlsx.checked.csv',
    ]);
    expect(await readFile(join(csv, '..', 'x.xlsx.checked.csv'), 'utf8')).toContain(TIN.kzIin);
  });
});

describe('CLI: entry points', () => {
  it('validate - reads a CSV from stdin and writes the checked CSV to stdout', async () => {
    // Act
    const run = await salyk(['validate', '-', '--quiet'], { stdin: `tin;name\n${TIN.kzBin};A\n` });

    // Assess
    expect(run.code).toBe(0);
    const parsed = Papa.parse<string[]>(run.stdout, { skipEmptyLines: true });
    expect(parsed.data[1]?.slice(0, 4)).toEqual([TIN.kzBin, 'A', 'true', 'KZ']);
  });

  it('salyk --version prints the package version', async () => {
    const run = await salyk(['--version']);
    const pkg = JSON.parse(await readFile(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('check joins a number split over several arguments, and speaks the --lang', async () => {
    const run = await salyk(['check', '0612', '1160', '0012', '--lang', 'ru']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^верный: KZ IIN/);
  });

  it('takes the language from LANG when --lang is not given', async () => {
    const input = await fixture('l.csv', `tin\n${TIN.kzBin}\n`);
    const run = await salyk(['validate', input], { env: { LANG: 'kk_KZ.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('ЖСН/БСН бағаны');
  });

  it('vat answers from flags like POST /v1/vat/assess, with reasons and citations', async () => {
    // Prepare: a German SaaS seller to a Kazakh business
    const body = {
      country: 'KZ',
      date: '2026-11-02',
      seller: { residence: 'DE' },
      buyer: { type: 'business', residence: 'KZ' },
      supply: { category: 'electronic_services', net: 1000 },
    } as const;
    const flags = ['--country', 'KZ', '--date', body.date, '--seller-residence', 'DE', '--buyer', 'business'];
    flags.push('--buyer-residence', 'KZ', '--category', 'electronic_services', '--net', '1000');

    // Act
    const [json, text] = await Promise.all([
      salyk(['vat', ...flags, '--json']),
      salyk(['vat', ...flags, '--lang', 'en']),
    ]);

    // Assess
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(assessVat(body))));
    const expected = assessVat(body);
    for (const r of expected.reasons) expect(text.stdout).toContain(r.citation);
    expect(text.stdout).toContain(`liable: ${expected.liableParty}`);
  });

  it('vat reads the body from a JSON file, and refuses an invalid one with exit 2', async () => {
    const good = await fixture(
      'v.json',
      JSON.stringify({
        country: 'KG',
        date: '2026-11-02',
        seller: { residence: 'DE' },
        buyer: { type: 'consumer', residence: 'KG' },
        supply: { category: 'electronic_services' },
      }),
    );
    const bad = await fixture('b.json', JSON.stringify({ country: 'KG', seller: { residence: 'UK' } }));
    const [ok, refused] = await Promise.all([salyk(['vat', good, '--json']), salyk(['vat', bad])]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).vatApplies).toBe(true);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/seller\.residence: not an ISO 3166/);
  });
});

function splitBytes(buffer: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buffer.length; i++) {
    if (buffer[i] === 0x0a) {
      lines.push(buffer.subarray(start, buffer[i - 1] === 0x0d ? i - 1 : i));
      start = i + 1;
    }
  }
  if (start < buffer.length) lines.push(buffer.subarray(start));
  return lines;
}

describe('CLI: esf -', () => {
  it('reads the invoice from stdin', async () => {
    const run = await salyk(['esf', '-', '--json'], { stdin: '{"not":"an invoice"}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^salyk: - is not a valid invoice: /);
  });
});
