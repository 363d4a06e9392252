/**
 * Supplier-list file figures (issue 10): the built CLI on generated lists as accountants have them.
 *  - 1 000 000 rows of Windows-1251 CSV and of UTF-8 CSV (`;`, a 1C title row, a `БИН/ИИН` header, Cyrillic names),
 *    each beside a peer measured in the same run: papaparse alone (the parser most Node tools use) reading the same
 *    file — decoded, parsed into rows, nothing checked or written — in a process of its own, start-up included;
 *  - a 1 000 000-row XLSX (numeric TIN cells) in → XLSX out: time and peak RSS;
 *  - peak RSS from 1M to 10M CSV rows (flat memory).
 *
 * Each CSV is run three times, interleaved with its peer, and the medians are printed (`--repeat N`), each run with
 * the CPU time the host took from this virtual machine meanwhile (`steal`: a slow run with seconds stolen says little).
 *
 * Run on its own: `npm run build:cli && npx tsx bench/files.ts [--rows N] [--big-rows N] [--skip-xlsx] [--repeat N]`, or call
 * {@link benchFiles} from bench/run.ts: `await benchFiles(dir, { rows, bigRows })`.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { textEncoder } from '../cli/encoding.js';
import { XlsxTableWriter } from '../cli/xlsx/writer.js';
import { supplierRowFactory } from './generate-suppliers.js';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..');

/** What one CLI run reported, with the process's wall time (start-up included: what a user waits for). */
export interface FileRun {
  file: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  sizeMb: number;
  /** CPU time the host took from this machine's vCPUs during the run (Linux `steal`; 0 where not reported). */
  stolenSeconds: number;
}

/**
 * The machine's stolen CPU time so far, in seconds (the `steal` column of /proc/stat, in 1/100 s): on a shared
 * virtual machine the host can take a vCPU away mid-run, and a wall time then says as much about the host as about
 * the code. 0 where the system does not report it.
 */
function stolen(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
    return Number(fields[8] ?? 0) / 100;
  } catch {
    return 0;
  }
}

const NAMES = ['ТОО «Алтын Дала»', 'ИП Жумабаев', 'ОсОО «Бишкек Софт»', 'АО «Ёлка-Сервис»', 'ТОО "Шығыс"'];

/** One list row in the CSV dialect of a 1C export: `;`, quoted names, the generator's TIN and city. */
function rowsOf(seed = 42): (i: number) => [string, string, string] {
  const row = supplierRowFactory(seed);
  return (i) => {
    const [, tin = '', city = ''] = row(i).trimEnd().split(',');
    return [`${NAMES[i % NAMES.length]} №${i}`, tin, city === 'Almaty' ? 'Алматы' : 'Бишкек'];
  };
}

const quote = (cell: string) => (/[";\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

const KAZAKH_TO_RUSSIAN: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
};
const toCp1251Letters = (text: string) =>
  text.replace(/[әғқңөұүһі]/gi, (c) => {
    const lower = KAZAKH_TO_RUSSIAN[c.toLowerCase()] ?? c;
    return c === c.toLowerCase() ? lower : lower.toUpperCase();
  });

/** Writes a 1C-style CSV: a title row, a blank row, the `БИН/ИИН` header, `rows` rows; in `encoding`. */
export async function writeAccountantCsv(
  path: string,
  rows: number,
  encoding: 'utf-8' | 'windows-1251',
): Promise<void> {
  const out = createWriteStream(path);
  const encoder = textEncoder({ name: encoding, bom: false });
  // Windows-1251 has no Kazakh letters: 1C exports write them as their nearest Russian letter.
  const write = async (text: string) => {
    const bytes = encoder.encode(encoding === 'windows-1251' ? toCp1251Letters(text) : text);
    if (!out.write(bytes)) await once(out, 'drain');
  };
  const row = rowsOf();
  await write('Список поставщиков на 01.11.2026;;\r\n;;\r\nНаименование;БИН/ИИН;Город\r\n');
  let text = '';
  for (let i = 1; i <= rows; i++) {
    text += `${row(i).map(quote).join(';')}\r\n`;
    if (text.length > 1 << 20) {
      await write(text);
      text = '';
    }
  }
  await write(text);
  out.end();
  await once(out, 'finish');
}

/** Writes a workbook of `rows` rows whose TIN cells are numbers (as Excel stores a typed-in TIN), streaming. */
export async function writeAccountantXlsx(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let pending: Uint8Array[] = [];
  const xlsx = new XlsxTableWriter((bytes) => pending.push(bytes), 3, new Set([0, 2]), 1);
  const flush = async () => {
    for (const part of pending) if (!out.write(part)) await once(out, 'drain');
    pending = [];
  };
  await xlsx.header(['Наименование', 'БИН/ИИН', 'Город']);
  const row = rowsOf();
  let batch: { cells: string[]; invalid: boolean }[] = [];
  for (let i = 1; i <= rows; i++) {
    // digits only, so the writer stores a number (Excel drops the leading zero as it does for a typed TIN)
    const [name, tin, city] = row(i);
    batch.push({ cells: [name, tin.replace(/\D/g, '').replace(/^0+/, ''), city], invalid: false });
    if (batch.length === 5_000) {
      await xlsx.rows(batch);
      batch = [];
      await flush();
    }
  }
  await xlsx.rows(batch);
  await xlsx.finish('Поставщики', 'Итоги', []);
  await flush();
  out.end();
  await once(out, 'finish');
}

/** Runs `salyk validate <file> --json` (built CLI) and returns its figures. */
export async function runCli(file: string, extra: string[] = []): Promise<FileRun> {
  const started = performance.now();
  const stolenBefore = stolen();
  const { stdout } = await exec(
    process.execPath,
    [join(root, 'dist/cli/salyk.js'), 'validate', file, '--json', '--lang', 'en', ...extra],
    { maxBuffer: 1 << 24 },
  );
  const seconds = (performance.now() - started) / 1000;
  const stolenSeconds = stolen() - stolenBefore;
  const summary = JSON.parse(stdout) as { rows: number; peakRssMb: number; output: string };
  await rm(summary.output, { force: true });
  return {
    file,
    rows: summary.rows,
    seconds,
    rowsPerSecond: Math.round(summary.rows / seconds),
    peakRssMb: summary.peakRssMb,
    sizeMb: (await stat(file)).size / 1e6,
    stolenSeconds,
  };
}

/**
 * The peer: a process that decodes `file` and parses it with papaparse's streaming parser, counting rows (what any
 * tool built on it does before its own work). Wall time, start-up included, as for the CLI.
 */
export async function runPapaparse(file: string, encoding: string): Promise<{ rows: number; seconds: number }> {
  const script = `
    import { createReadStream } from 'node:fs';
    import { Transform } from 'node:stream';
    import Papa from 'papaparse';
    const decoder = new TextDecoder(${JSON.stringify(encoding)}, { fatal: true });
    const text = new Transform({
      transform(chunk, _e, done) { done(null, decoder.decode(chunk, { stream: true })); },
      flush(done) { done(null, decoder.decode()); },
    });
    let rows = 0;
    Papa.parse(createReadStream(${JSON.stringify(file)}).pipe(text), {
      delimiter: ';',
      chunk: (r) => { rows += r.data.length; },
      complete: () => console.log(rows),
    });`;
  const started = performance.now();
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  return { rows: Number(stdout.trim()), seconds: (performance.now() - started) / 1000 };
}

/** The middle item by `key` (the upper one of an even count). */
function median<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
}

const line = (label: string, r: FileRun) =>
  `  ${label.padEnd(34)} ${r.rows.toLocaleString('en-US')} rows, ${r.sizeMb.toFixed(0)} MB: ${r.seconds.toFixed(2)} s (${r.rowsPerSecond.toLocaleString('en-US')} rows/s), peak RSS ${r.peakRssMb} MiB, ${r.stolenSeconds.toFixed(2)} s stolen`;

/**
 * The file benchmarks, printed as they finish. `bigRows` 0 skips the 10M run; `xlsx` false skips the workbook.
 * Files are written to `dir` and removed after their run.
 */
export async function benchFiles(
  dir: string,
  options: { rows?: number; bigRows?: number; xlsx?: boolean; repeat?: number } = {},
): Promise<FileRun[]> {
  const rows = options.rows ?? 1_000_000;
  const bigRows = options.bigRows ?? 10_000_000;
  const results: FileRun[] = [];
  console.log(
    `\nSupplier-list files (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  for (const encoding of ['windows-1251', 'utf-8'] as const) {
    const file = join(dir, `suppliers-${encoding}-${rows}.csv`);
    await writeAccountantCsv(file, rows, encoding);
    // Interleaved rounds, the median of each: one run on this 2-vCPU host moves ±25 % with its neighbours' load.
    const ours: FileRun[] = [];
    const peers: number[] = [];
    for (let round = 0; round < (options.repeat ?? 3); round++) {
      ours.push(await runCli(file));
      peers.push((await runPapaparse(file, encoding)).seconds);
    }
    const r = median(ours, (x) => x.seconds);
    const peer = median(peers, (x) => x);
    const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;
    console.log(
      `${line(`CSV ${encoding} → CSV`, r)} (median of ${ours.length}; ${spread(ours.map((x) => x.seconds))}; stolen ${spread(ours.map((x) => x.stolenSeconds))})`,
    );
    console.log(
      `  ${'  peer: papaparse parse only'.padEnd(34)} ${peer.toFixed(2)} s (median; ${spread(peers)}) → salyk validate (check + write) at ${(peer / r.seconds).toFixed(2)}× its speed`,
    );
    results.push(r);
    await rm(file, { force: true });
  }
  if (options.xlsx !== false) {
    const file = join(dir, `suppliers-${rows}.xlsx`);
    await writeAccountantXlsx(file, rows);
    const r = await runCli(file, ['--fix-leading-zeros']);
    console.log(line('XLSX → XLSX (numeric TIN cells)', r));
    results.push(r);
    await rm(file, { force: true });
  }
  if (bigRows > 0) {
    const file = join(dir, `suppliers-utf-8-${bigRows}.csv`);
    await writeAccountantCsv(file, bigRows, 'utf-8');
    const r = await runCli(file);
    console.log(line('CSV utf-8 → CSV', r));
    const base = results.find((x) => x.file.includes('utf-8'));
    if (base)
      console.log(
        `  peak RSS growth ${rows.toLocaleString('en-US')} → ${bigRows.toLocaleString('en-US')} rows: ${r.peakRssMb - base.peakRssMb} MiB`,
      );
    results.push(r);
    await rm(file, { force: true });
  }
  console.log(
    `  load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      'big-rows': { type: 'string', default: '10000000' },
      'skip-xlsx': { type: 'boolean', default: false },
      repeat: { type: 'string', default: '3' },
    },
  });
  const dir = await mkdtemp(join(tmpdir(), 'salyk-bench-files-'));
  try {
    await benchFiles(dir, {
      rows: Number(values.rows),
      bigRows: Number(values['big-rows']),
      xlsx: !values['skip-xlsx'],
      repeat: Number(values.repeat),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
