import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supplierRowFactory } from '../../bench/generate-suppliers.js';
import { textEncoder } from '../../cli/encoding.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';

/**
 * `salyk validate` on a CSV over the parallel path's threshold (lowered here with `SALYK_PARALLEL_MIN_BYTES`): worker
 * threads check pieces cut at row boundaries, the main thread writes them in order; with one thread the pieces are
 * checked on the main thread. Both go through the byte lane. The output and the JSON summary must be those of the
 * parser path alone (`SALYK_BYTE_LANE=0`, one thread), byte for byte, whatever the encoding, quoting, blank or
 * malformed rows.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salyk-parallel-'));
  await ensureBuilt();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await disposeBuild();
});

/** The parallel path's threshold for these tests (32 MiB by default): a few pieces per worker. */
const PARALLEL_MIN_BYTES = 4 << 20;
/** Enough rows for every encoding's file to be over the threshold, with pieces (256 KiB) for both workers. */
const ROWS = 60_000;

/**
 * A 1C-style list: a title row, a blank row, the header; then rows whose note is often quoted with a line break
 * (`\n` inside a `\r\n` file, so pieces must not be cut inside it), `""` and `;` inside quotes, blank rows (empty and
 * `;;`), rows with a field too many or too few, a BOM character in the middle, empty TIN cells.
 */
function supplierList(rows: number): string {
  const row = supplierRowFactory(7);
  const lines = ['Список поставщиков на 01.11.2026;;', ';;', 'Наименование;БИН/ИИН;Примечание'];
  for (let i = 1; i <= rows; i++) {
    const tin = row(i).split(',')[1] ?? '';
    const name = `ТОО «Поставщик №${i}»`;
    if (i % 997 === 0) lines.push(`${name};${tin};лишнее;поле`);
    else if (i % 1009 === 0) lines.push(`${name}`);
    else if (i % 1013 === 0) lines.push(';;', '');
    else if (i % 1019 === 0) lines.push(`\uFEFF${name};;нет номера`);
    else if (i % 2 === 0) lines.push(`"${name} ""Алматы"";";${tin};"строка 1\nстрока 2; ещё\n${i}"`);
    else lines.push(`${name};${tin};примечание ${i} ${'x'.repeat(i % 40)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Runs `salyk validate` on `file` with `threads` (`parser`: one thread, every row through the parser path — the
 * reference), returning the exit code, the output's bytes and the summary.
 */
async function validate(file: string, threads: '1' | '2' | 'parser', extra: string[] = []) {
  const output = `${file}.${threads}.out.csv`;
  const run = await salyk(['validate', file, '-o', output, '--json', '--quiet', ...extra], {
    env: {
      SALYK_THREADS: threads === 'parser' ? '1' : threads,
      SALYK_BYTE_LANE: threads === 'parser' ? '0' : '1',
      SALYK_PARALLEL_MIN_BYTES: String(PARALLEL_MIN_BYTES),
    },
    timeoutMs: 90_000,
  });
  const summary = run.code === 2 ? undefined : (JSON.parse(run.stdout) as Record<string, unknown>);
  const bytes = existsSync(output) ? await readFile(output) : undefined;
  // What depends on the run, not on the data.
  const workers = summary?.workers;
  for (const key of ['output', 'seconds', 'rowsPerSecond', 'peakRssMb', 'workers']) delete summary?.[key];
  return { ...run, bytes, summary, workers };
}

/** The list in `encoding` (UTF-16LE with its BOM, as Excel writes "Unicode text"). */
async function listFile(name: string, encoding: string, text: string): Promise<string> {
  const encoder = textEncoder({ name: encoding, bom: encoding.startsWith('utf-16') });
  const path = join(dir, name);
  // Windows-1251 has no BOM character
  const body = encoding === 'windows-1251' ? text.replaceAll('\uFEFF', '') : text;
  await writeFile(path, Buffer.concat([encoder.preamble, Buffer.from(encoder.encode(body))]));
  return path;
}

describe('salyk validate: the parallel path writes what the single-threaded path writes', () => {
  const text = supplierList(ROWS);

  it.each([
    ['utf-8', '\r\n', ['--country', 'KZ']],
    ['windows-1251', '\r\n', ['--fix-leading-zeros']],
    ['utf-16le', '\r\n', ['--lang', 'kk', '--output-encoding', 'utf-8']],
    ['utf-16be', '\n', []],
  ] as const)(
    '%s input, line break %j, %j: same bytes, same summary',
    async (encoding, newline, extra) => {
      // Prepare: Windows-1251 has no Kazakh letters; the list's are Russian
      const lines = newline === '\r\n' ? text : text.replaceAll('\r\n', '\n');
      const path = await listFile(`list-${encoding}.csv`, encoding, lines);
      expect(statSync(path).size).toBeGreaterThan(PARALLEL_MIN_BYTES);

      // Act
      const single = await validate(path, 'parser', [...extra]);
      const inline = await validate(path, '1', [...extra]);
      const parallel = await validate(path, '2', [...extra]);

      // Assess
      expect(single.code, single.stderr).toBe(0);
      expect(parallel.code, parallel.stderr).toBe(0);
      expect([single.workers, inline.workers, parallel.workers]).toEqual([0, 0, 2]);
      expect(inline.summary).toEqual(single.summary);
      expect(inline.bytes?.equals(single.bytes ?? Buffer.alloc(0))).toBe(true);
      expect(single.summary).toMatchObject({ rows: expect.any(Number), malformedRows: expect.any(Number) });
      expect((single.summary?.rows as number) > 55_000).toBe(true);
      expect((single.summary?.blankRows as number) > 50).toBe(true);
      expect((single.summary?.malformedRows as number) > 50).toBe(true);
      expect(parallel.summary).toEqual(single.summary);
      expect(JSON.stringify(parallel.summary)).toBe(JSON.stringify(single.summary));
      expect(parallel.bytes?.length).toBe(single.bytes?.length);
      expect(parallel.bytes?.equals(single.bytes ?? Buffer.alloc(0))).toBe(true);
    },
    120_000,
  );

  it('an undecodable byte deep in the file: the same error and exit code, no output file', async () => {
    // Prepare: a UTF-8 list (its first 64 KiB decide the encoding) with a byte UTF-8 never holds ~4.5 MiB in
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf('\r\n', 4_500_000) + 5;
    bytes[at] = 0xff;
    const path = join(dir, 'undecodable.csv');
    await writeFile(path, bytes);

    // Act
    const single = await validate(path, 'parser');
    const inline = await validate(path, '1');
    const parallel = await validate(path, '2');

    // Assess
    expect(single.code).toBe(2);
    expect(parallel.code).toBe(2);
    expect(single.stderr).toMatch(/utf-8/);
    expect(parallel.stderr).toBe(single.stderr);
    expect(inline.stderr).toBe(single.stderr);
    expect(inline.bytes).toBeUndefined();
    expect(parallel.bytes).toBeUndefined();
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
  }, 120_000);
});
