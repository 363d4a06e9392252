import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvUnits, findCut } from '../../cli/csv-units.js';
import { textEncoder } from '../../cli/encoding.js';
import { parseCsvPiece } from '../../cli/readers.js';

/**
 * Where the parallel path cuts a CSV (cli/parallel-csv.ts): the rows of the two sides, parsed apart, must be the rows
 * of the whole, parsed at once, as papaparse reads them (quotes open a field only at its start, `""`, malformed quotes).
 */
type Newline = '\n' | '\r' | '\r\n';

function rowsOf(text: string, newline: Newline): string[][] {
  const data = Papa.parse<string[]>(text, { delimiter: ';', newline, skipEmptyLines: false }).data;
  const last = data[data.length - 1];
  if (text.endsWith(newline) && last?.length === 1 && last[0] === '') data.pop();
  return data;
}

function cutOf(text: string, target: number, newline: Newline, encoding = 'windows-1251'): number {
  const units = csvUnits(encoding === 'utf-16le' ? encoding : 'windows-1251', ';', newline);
  if (!units) throw new Error('no units');
  if (encoding === 'utf-16le') {
    const bytes = Uint8Array.from(Buffer.from(text, 'utf16le'));
    return findCut(new Uint16Array(bytes.buffer), target, units);
  }
  // Single-byte: units are characters (Windows-1251 for NBSP, which papaparse's `trim` counts as white space)
  return findCut(Buffer.from(textEncoder({ name: 'windows-1251', bom: false }).encode(text)), target, units);
}

describe('findCut', () => {
  it.each([
    ['a;b\r\n"x\r\ny";c\r\nd;e\r\n', 5, '\r\n', 15],
    ['a;b\n"x\ny";c\nd;e\n', 5, '\n', 12],
    ['a;"b\r\nc"\r\nd;e\r\n', 1, '\r\n', 10],
    ['a;"b"" x\nc"\nd;e\n', 1, '\n', 12],
    ['a;b"c\nd;e\n', 1, '\n', 6],
    ['a;"b" \nd;e\n', 1, '\n', 7],
    ['a;"b"x\nc";d\ne;f\n', 1, '\n', 12],
    ['a\nb\r\nc\r\n', 0, '\r\n', 5],
  ] as const)('%j from unit %i (%j): cut at %i', (text, target, newline, expected) => {
    // Act
    const cut = cutOf(text, target, newline);

    // Assess
    expect(cut).toBe(expected);
    expect([...rowsOf(text.slice(0, cut), newline), ...rowsOf(text.slice(cut), newline)]).toEqual(
      rowsOf(text, newline),
    );
  });

  it('a quoted field open at the end of the view: no cut yet (-1)', () => {
    expect(cutOf('a;"b\nc\nd\n', 1, '\n')).toBe(-1);
  });

  it('UTF-16: the same cut in code units', () => {
    // Prepare
    const text = 'ЖСН;"Алматы\r\nқ";x\r\nБСН;y;z\r\n';

    // Act
    const cut = cutOf(text, 2, '\r\n', 'utf-16le');

    // Assess
    expect(text.slice(0, cut)).toBe('ЖСН;"Алматы\r\nқ";x\r\n');
  });

  it('random CSV-like text: the two sides parse to the rows of the whole', () => {
    // Prepare: a deterministic generator over the characters that matter
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = ['a', 'б', ';', '"', '"', ' ', '\t', '\u00a0', '\r\n', '\n', '\r'];
    let checked = 0;
    for (let n = 0; n < 6000; n++) {
      const newline = (['\n', '\r\n', '\r'] as const)[n % 3] ?? '\n';
      let text = '';
      for (let i = 0; i < 40; i++) text += alphabet[next() % alphabet.length];
      text += newline;
      const target = next() % text.length;

      // Act
      const cut = cutOf(text, target, newline);

      // Assess
      if (cut === -1 || cut === text.length) continue;
      checked++;
      expect(cut).toBeGreaterThan(target);
      expect(
        [...rowsOf(text.slice(0, cut), newline), ...rowsOf(text.slice(cut), newline)],
        JSON.stringify(text),
      ).toEqual(rowsOf(text, newline));
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('parseCsvPiece', () => {
  it('a piece as the streaming reader reads it: a BOM character kept, the final empty row dropped, lines from 1', () => {
    // Prepare
    const text = '\uFEFFa;1\r\n;\r\n"b\nc";2\r\nd;3\r\n\r\n;\r\n';

    // Act
    const { chunk, trailingBlankRows } = parseCsvPiece(text, {
      header: ['n', 'v'],
      delimiter: ';',
      newline: '\r\n',
      lang: 'en',
    });

    // Assess
    expect(chunk.rows).toEqual([
      ['\uFEFFa', '1'],
      ['b\nc', '2'],
      ['d', '3'],
    ]);
    expect(chunk.lines).toEqual([1, 3, 5]);
    expect(chunk.blankRows).toBe(1);
    expect(trailingBlankRows).toBe(2);
  });
});
