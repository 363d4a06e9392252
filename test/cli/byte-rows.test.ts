import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { supplierRowFactory } from '../../bench/generate-suppliers.js';
import type { PieceResult } from '../../cli/byte-rows.js';
import { textEncoder } from '../../cli/encoding.js';
import { piecePaths, type WorkerSetup } from '../../cli/parallel-csv.js';

/**
 * The byte lane (cli/byte-rows.ts) writes plain rows as their own bytes and hands every other row to the parser
 * path. Whatever the piece — quotes needed or not, line breaks in cells, blank and malformed rows, Excel damage,
 * non-ASCII or quoted TIN cells, fixes to write — its output and counts must be the parser path's, byte for byte.
 */
type Newline = '\n' | '\r\n' | '\r';

const tins = (() => {
  const row = supplierRowFactory(11);
  return Array.from({ length: 60 }, (_, i) => row(i).split(',')[1] ?? '');
})();

/** A TIN cell as lists hold them: mostly digits, sometimes damaged, quoted, empty or not ASCII. */
const tinCell = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...tins) },
  fc.constantFrom(
    '',
    '   ',
    '8.9052E+11',
    '8,9052E+11',
    "'061211600012",
    '"=""061211600012"""',
    '"061211600012"',
    '0612 1160 0012',
    '61211600012',
    '1211600012',
    '０６１２１１６００１２',
    '0612116000１2',
    '\uFEFF061211600012',
    '0612\u00a01160\u00a00012',
    '"0612;11600012"',
  ),
);

/** Any other cell: plain or Cyrillic text, quotes needed or not, a line break inside, a stray quote. */
const otherCell = (delimiter: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('ТОО «Ромашка» №5', 'ИП Жумабаев', 'Almaty', '', 'x') },
    fc.constantFrom(
      `"Рога${delimiter} копыта"`,
      '"ТОО ""Восток"""',
      '"plain"',
      '"две\nстроки"',
      '"две\r\nстроки"',
      'ab"c',
      `"a${delimiter}b" `,
      '\uFEFFБОМ',
      'a\rb',
      'a\nb',
      '  ',
    ),
  );

/** A row: the header's cells with the TIN among them, sometimes a cell too many or too few, or a blank line. */
const rowOf = (width: number, column: number, delimiter: string) =>
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(fc.array(otherCell(delimiter), { minLength: width - 1, maxLength: width - 1 }), tinCell)
        .map(([cells, tin]) => [...cells.slice(0, column), tin, ...cells.slice(column)].join(delimiter)),
    },
    fc.constantFrom('', delimiter.repeat(width - 1), ' ', `${tins[0]}${delimiter.repeat(width)}`, tins[1] ?? ''),
  );

const setupOf = (encoding: string, delimiter: string, newline: Newline, column: number, width: number) =>
  fc.record({ lang: fc.constantFrom('en', 'ru'), fixLeadingZeros: fc.boolean() }).map(
    ({ lang, fixLeadingZeros }): WorkerSetup => ({
      header: Array.from({ length: width }, (_, i) => (i === column ? 'БИН/ИИН' : `c${i}`)),
      delimiter,
      newline,
      column,
      width,
      output: { name: encoding, bom: false },
      encoding: { name: encoding, bom: false },
      asOf: '2026-11-30',
      lang: lang as 'en' | 'ru',
      fixLeadingZeros,
    }),
  );

/** A piece of rows after the header, with its setup. */
const pieces = fc
  .record({
    encoding: fc.constantFrom('utf-8', 'windows-1251'),
    delimiter: fc.constantFrom(';', ',', '\t'),
    newline: fc.constantFrom<Newline>('\r\n', '\n', '\r'),
    width: fc.integer({ min: 1, max: 4 }),
    finalNewline: fc.boolean(),
  })
  .chain((p) =>
    fc.record({
      p: fc.constant(p),
      column: fc.integer({ min: 0, max: p.width - 1 }),
      rows: fc
        .integer({ min: 0, max: p.width - 1 })
        .chain((column) =>
          fc
            .array(rowOf(p.width, column, p.delimiter), { minLength: 1, maxLength: 25 })
            .map((rows) => ({ column, rows })),
        ),
    }),
  )
  .chain(({ p, rows: { column, rows } }) =>
    setupOf(p.encoding, p.delimiter, p.newline, column, p.width).map((setup) => {
      let text = rows.join(p.newline) + (p.finalNewline ? p.newline : '');
      if (p.encoding === 'windows-1251') text = text.replace(/[\uFEFF０-９]/g, '?');
      const bytes = Buffer.from(textEncoder({ name: p.encoding, bom: false }).encode(text));
      return { setup, bytes, text };
    }),
  );

/** A result with its output as a plain byte array (comparable whatever its buffer). */
function comparable(result: PieceResult) {
  return 'output' in result ? { ...result, output: Buffer.from(result.output).toString('latin1') } : result;
}

describe('byte lane', () => {
  it('writes every piece as the parser path does', async () => {
    await fc.assert(
      fc.asyncProperty(pieces, async ({ setup, bytes }) => {
        // Prepare
        const { parser, lane } = piecePaths(setup);
        const job = () => ({ start: 4096, bytes: Uint8Array.from(bytes), last: true });
        // Act
        const [expected, actual] = [await parser(job()), await lane(job())];
        // Assess
        expect(comparable(actual)).toEqual(comparable(expected));
      }),
      { numRuns: 400 },
    );
  });

  it('writes plain rows without the parser path, and counts them as it would', async () => {
    // Prepare: a piece of plain rows only (the lane's whole point), in Windows-1251 with Cyrillic names
    const setup: WorkerSetup = {
      header: ['Наименование', 'БИН/ИИН'],
      delimiter: ';',
      newline: '\r\n',
      column: 1,
      width: 2,
      output: { name: 'windows-1251', bom: false },
      encoding: { name: 'windows-1251', bom: false },
      asOf: '2026-11-30',
      lang: 'ru',
      fixLeadingZeros: false,
    };
    const text = `${tins.map((tin, i) => `"ТОО ""Восток"" №${i}";${tin}`).join('\r\n')}\r\n`;
    const bytes = Buffer.from(textEncoder(setup.encoding).encode(text));
    let parserCalls = 0;
    const paths = piecePaths(setup);
    const { byteLane } = await import('../../cli/byte-rows.js');
    const lane = byteLane(setup, async (job) => {
      parserCalls++;
      return paths.parser(job);
    });
    // Act
    const result = await lane?.({ start: 0, bytes: Uint8Array.from(bytes), last: true });
    // Assess
    expect(parserCalls).toBe(0);
    expect(result && comparable(result)).toEqual(
      comparable(await paths.parser({ start: 0, bytes: Uint8Array.from(bytes), last: true })),
    );
  });

  it('has no lane for UTF-16, or for output in another encoding', () => {
    // Prepare
    const base = {
      header: ['БИН'],
      delimiter: ';',
      newline: '\n',
      column: 0,
      width: 1,
      asOf: '2026-11-30',
      lang: 'en' as const,
      fixLeadingZeros: false,
    };
    // Act
    const utf16 = piecePaths({
      ...base,
      encoding: { name: 'utf-16le', bom: true },
      output: { name: 'utf-16le', bom: true },
    });
    const other = piecePaths({
      ...base,
      encoding: { name: 'windows-1251', bom: false },
      output: { name: 'utf-8', bom: true },
    });
    // Assess
    expect(utf16.lane).toBe(utf16.parser);
    expect(other.lane).toBe(other.parser);
  });
});
