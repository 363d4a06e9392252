import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, openTable, type RowChunk } from '../../cli/readers.js';
import { numberText } from '../../cli/xlsx/sheet.js';
import { type FixtureOptions, type FixtureSheet, workbookBytes, zipOrder } from './workbook-fixture.js';

/**
 * The XLSX reader on workbooks written part by part (see workbook-fixture.ts): what it reads must not depend
 * on the zip's part order or compression, on how a writer stores strings and numbers, or on row gaps.
 */
let dir: string;
let fileNo = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salyk-xlsx-reader-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function workbook(sheets: FixtureSheet[], options?: FixtureOptions): Promise<string> {
  const path = join(dir, `book-${++fileNo}.xlsx`);
  await writeFile(path, workbookBytes(sheets, options));
  return path;
}

/** Everything the reader hands over: the header, the data rows with their sheet row numbers, and blank rows skipped. */
async function readAll(path: string, sheet?: string) {
  const source = await openTable(path, sheet === undefined ? {} : { sheet });
  const chunks: RowChunk[] = [];
  for await (const chunk of source.chunks) chunks.push(chunk);
  return {
    header: source.header,
    rows: chunks.flatMap((c) => c.rows),
    lines: chunks.flatMap((c) => c.lines),
    blankRows: chunks.reduce((n, c) => n + (c.blankRows ?? 0), 0),
  };
}

const SUPPLIERS: FixtureSheet = {
  name: 'Поставщики',
  rows: [
    ['Наименование', 'БИН'],
    ['ТОО «Альфа» & Co', '061211600012'],
    ['ИП Бета', { t: 'inlineStr', is: '<t>940140000385</t>' }],
  ],
};

describe('XLSX reader: zip layout', () => {
  it.each([
    ['shared strings before the sheets, deflated', { order: 'sheets-last' }],
    ['shared strings after the sheets, deflated', { order: 'strings-last' }],
    ['shared strings after the sheets, stored', { order: 'strings-last', level: 0 }],
  ] as const)('reads the same rows with %s', async (_case, options) => {
    // Prepare
    const path = await workbook([SUPPLIERS], options);
    const order = zipOrder(workbookBytes([SUPPLIERS], options));
    expect(order.indexOf('xl/sharedStrings.xml') > order.indexOf('xl/worksheets/sheet1.xml')).toBe(
      options.order === 'strings-last',
    );

    // Act
    const read = await readAll(path);

    // Assess
    expect(read.header).toEqual(['Наименование', 'БИН']);
    expect(read.rows).toEqual([
      ['ТОО «Альфа» & Co', '061211600012'],
      ['ИП Бета', '940140000385'],
    ]);
    expect(read.lines).toEqual([2, 3]);
  });

  it('follows relationship ids under any namespace prefix', async () => {
    // Prepare
    const path = await workbook([SUPPLIERS], { relPrefix: 'ns7' });

    // Act
    const read = await readAll(path);

    // Assess
    expect(read.rows).toHaveLength(2);
  });
});

describe('XLSX reader: cell values', () => {
  it('turns numeric cells into plain digit strings, also when Excel stored them with an exponent', async () => {
    // Prepare
    const path = await workbook([
      {
        name: 'S',
        rows: [
          ['name', 'tin'],
          ['integer', 61211600012],
          ['exponent', { v: '9.40140000385E+11' }],
          ['exponent, lower case', { t: 'n', v: '6.1211600012e+10' }],
          ['decimal', { v: '0.5' }],
        ],
      },
    ]);

    // Act
    const read = await readAll(path);

    // Assess
    expect(read.rows.map((r) => r[1])).toEqual(['61211600012', '940140000385', '61211600012', '0.5']);
  });

  it.each([
    ['1900', {}, '2023-11-01'],
    ['1904', { date1904: true }, '2027-11-02'],
  ])(
    'reads date-formatted cells as the dates Excel shows (%s date system), other formats as numbers',
    async (_case, system, date) => {
      // Prepare: 45231 is 1 Nov 2023 in the 1900 system
      const path = await workbook(
        [
          {
            name: 'S',
            rows: [
              ['built-in date', 'custom date', 'custom count', 'general'],
              [
                { s: 1, v: '45231' },
                { s: 2, v: '45231.75' },
                { s: 3, v: '45231' },
                { s: 0, v: '45231' },
              ],
            ],
          },
        ],
        { styles: true, ...system },
      );

      // Act
      const read = await readAll(path);

      // Assess
      expect(read.rows).toEqual([[date, date, '45231', '45231']]);
    },
  );

  it.each([
    ['940140000385', '940140000385'],
    ['9.40140000385E+11', '940140000385'],
    ['1E+15', '1000000000000000'],
    ['1.5E-3', '0.0015'],
    ['-2.50', '-2.5'],
    ['-0', '0'],
    ['007', '7'],
    ['not a number', 'not a number'],
  ])('numberText(%s) is %s', (stored, text) => {
    // Act + Assess
    expect(numberText(stored)).toBe(text);
  });

  it('reads inline strings, rich-text shared strings without phonetic guides, formula strings, booleans and errors', async () => {
    // Prepare
    const path = await workbook([
      {
        name: 'S',
        rows: [
          ['a', 'b', 'c', 'd', 'e'],
          [
            { t: 'inlineStr', is: '<r><t xml:space="preserve">Inline </t></r><r><rPr><b/></rPr><t>rich</t></r>' },
            { si: '<r><t>Shared </t></r><r><t>rich</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>' },
            { t: 'str', f: 'A1&"x"', v: 'ax' },
            { t: 'b', v: '1' },
            { t: 'e', v: '#N/A' },
          ],
        ],
      },
    ]);

    // Act
    const read = await readAll(path);

    // Assess
    expect(read.rows).toEqual([['Inline rich', 'Shared rich', 'ax', 'true', '#N/A']]);
  });
});

describe('XLSX reader: rows', () => {
  it('fills column gaps from cell references, and places cells without a reference after the previous one', async () => {
    // Prepare
    const path = await workbook([
      {
        name: 'S',
        rows: [
          ['a', 'b', 'c', 'd'],
          ['x', null, 'z'],
          [null, null, null, 'w'],
          ['p', { r: '', v: '1' }],
        ],
      },
    ]);

    // Act
    const read = await readAll(path);

    // Assess
    expect(read.rows).toEqual([
      ['x', '', 'z', ''],
      ['', '', '', 'w'],
      ['p', '1', '', ''],
    ]);
  });

  it('skips blank rows before the header and between data rows, counts those between, and keeps sheet row numbers', async () => {
    // Prepare: row 1 blank, header on row 2; rows 4-5 missing, row 6 present but empty cells only
    const path = await workbook([
      {
        name: 'S',
        rows: [
          { r: 1, cells: [' ', null] },
          { r: 2, cells: ['name', 'tin'] },
          { r: 3, cells: ['A', '1'] },
          { r: 6, cells: ['', ' '] },
          { r: 7, cells: ['B', '2'] },
          { r: 9, cells: ['', ''] }, // trailing formatted row: not data, not counted
        ],
      },
    ]);

    // Act
    const read = await readAll(path);

    // Assess
    expect(read.header).toEqual(['name', 'tin']);
    expect(read.rows).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
    expect(read.lines).toEqual([3, 7]);
    expect(read.blankRows).toBe(1);
  });

  it('streams a large sheet in bounded chunks with progress', async () => {
    // Prepare
    const rows = [['name', 'tin'], ...Array.from({ length: 12_001 }, (_, i) => [`S${i}`, i])];
    const path = await workbook([{ name: 'Big', rows }], { order: 'strings-last' });

    // Act
    const source = await openTable(path);
    const sizes: number[] = [];
    let lastBytes = 0;
    for await (const chunk of source.chunks) {
      sizes.push(chunk.rows.length);
      lastBytes = chunk.bytesRead ?? 0;
    }

    // Assess
    expect(sizes).toEqual([...Array<number>(12).fill(1_000), 1]);
    expect(lastBytes).toBe(source.totalBytes);
  });
});

describe('XLSX reader: sheets and unusable files', () => {
  const book = () =>
    workbook([
      { name: 'Первый', rows: [['tin'], ['1']] },
      { name: 'Second', rows: [['tin'], ['2']] },
    ]);

  it.each([
    [undefined, '1'],
    ['Second', '2'],
    ['2', '2'],
    ['Первый', '1'],
  ])('--sheet %s reads the sheet holding %s', async (sheet, value) => {
    // Act
    const read = await readAll(await book(), sheet);

    // Assess
    expect(read.rows).toEqual([[value]]);
  });

  it('names the sheets there are when the one asked for is not', async () => {
    // Prepare
    const path = await book();

    // Act + Assess
    await expect(openTable(path, { sheet: '3' })).rejects.toThrow(
      new InputError(`${path} has no sheet "3" (sheets: 1 Первый, 2 Second)`),
    );
  });

  it('tells to save an old binary .xls as .xlsx or .csv', async () => {
    // Prepare
    const path = join(dir, 'old.xls');
    await writeFile(path, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));

    // Act + Assess
    await expect(openTable(path)).rejects.toThrow(/old binary Excel workbook .*save it as \.xlsx or \.csv/);
    await expect(openTable(path)).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a truncated workbook with an input error', async () => {
    // Prepare: the zip without its central directory
    const bytes = workbookBytes([SUPPLIERS]);
    const path = join(dir, 'truncated.xlsx');
    await writeFile(path, bytes.subarray(0, bytes.length - 200));

    // Act + Assess
    await expect(openTable(path)).rejects.toThrow(/cannot read .*truncated\.xlsx as an XLSX workbook/);
  });
});
