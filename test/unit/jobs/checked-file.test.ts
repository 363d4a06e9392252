import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCell, malformedRows } from '../../../cli/row-results.js';
import { openSupplierList, validateFile } from '../../../cli/supplier-list.js';
import type { IdentifierResult } from '../../../shared/identifiers/types.js';

/**
 * The job's finish step writes its checked file with `validateFile`, fed the batches' results: this runs the
 * same three steps in process (prepare's reading, the batch's `checkCell`, finish's writing) and compares the
 * bytes with a plain `salyk validate` run of the same file.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salyk-checked-file-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** BOM, CRLF, a title line, a quoted delimiter, a malformed row, a blank row, an empty cell, a lost zero. */
const LIST = [
  '\uFEFFПоставщики на 01.11.2026',
  'Наименование;БИН/ИИН;Город',
  '"ТОО ""Альфа""; филиал";940140000385;Алматы',
  'Бета;01207199510092;Бишкек',
  'Гамма;94014000038;Астана',
  'Дельта;70641729824;Астана', // 070641729824 with its zero lost
  'Сломано;1;2;3',
  '',
  'Пусто;;Шымкент',
  'Эпсилон;990140004654;Алматы',
].join('\r\n');

/** The rows' results as the batch step makes them, by data row (malformed rows left out, as prepare marks them). */
async function batchResults(input: string, fixLeadingZeros: boolean): Promise<IdentifierResult[]> {
  const { source, column } = await openSupplierList({ input, lang: 'ru' });
  const results: IdentifierResult[] = [];
  for await (const chunk of source.chunks) {
    const bad = malformedRows(chunk, source.header.length, 'ru');
    chunk.rows.forEach((row, i) => {
      const value = bad.has(i) ? '' : (row[column] ?? '');
      results.push(checkCell(value, { asOf: '2026-11-30', lang: 'ru' }, fixLeadingZeros));
    });
  }
  return results;
}

describe('Jobs: the checked file is written by salyk validate’s own writer', () => {
  it.each([false, true])('gives the same bytes as checking in process (fix leading zeros: %s)', async (fix) => {
    // Prepare
    const input = join(dir, `list-${fix}.csv`);
    await writeFile(input, LIST);
    const results = await batchResults(input, fix);
    const common = { input, quiet: true, lang: 'ru' as const, asOf: '2026-11-30', fixLeadingZeros: fix };

    // Act
    const offline = await validateFile({ ...common, output: join(dir, `offline-${fix}.csv`) });
    const job = await validateFile({
      ...common,
      output: join(dir, `job-${fix}.csv`),
      checked: { at: (row) => results[row] ?? Promise.reject(new Error(`no row ${row}`)) },
    });

    // Assess
    const bytes = await readFile(join(dir, `job-${fix}.csv`));
    expect(bytes.equals(await readFile(join(dir, `offline-${fix}.csv`)))).toBe(true);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from('\uFEFF'));
    expect(bytes.toString('utf8')).toContain('\r\n');
    expect(bytes.toString('utf8')).toContain(';01207199510092;');
    const { output: _o, seconds: _s, rowsPerSecond: _r, peakRssMb: _m, ...summary } = job;
    const { output: _o2, seconds: _s2, rowsPerSecond: _r2, peakRssMb: _m2, ...expected } = offline;
    expect(summary).toEqual(expected);
    expect(summary).toMatchObject({ rows: 7, malformedRows: 1, fixedLeadingZeros: fix ? 1 : 0 });
  });
});
