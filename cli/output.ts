import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from './table.js';

/** What `validate` writes: CSV (the input's dialect and encoding) or an XLSX workbook. */
export type OutputFormat = 'csv' | 'xlsx';

/**
 * Where the checked list goes by default, beside the input: `<name>.checked<.ext>` in the input's own format
 * (`x.csv` → `x.checked.csv`, `x.txt` → `x.checked.txt`, `x.xlsx` → `x.checked.xlsx`). In the other format the
 * input's extension stays in the name (`x.csv` → `x.csv.checked.xlsx`, `x.xlsx` → `x.xlsx.checked.csv`), so the
 * outputs of `x.csv` and `x.xlsx` never overwrite each other. Standard input goes to standard output.
 */
export function defaultOutputPath(input: string, inputFormat: OutputFormat, format: OutputFormat): string {
  if (input === '-') return '-';
  const ext = extname(input);
  const dir = dirname(input);
  if (format !== inputFormat) return join(dir, `${basename(input)}${ext ? '' : '.csv'}.checked.${format}`);
  if (format === 'xlsx') return join(dir, `${basename(input, ext)}.checked.xlsx`);
  const keep = ext && !/^\.xlsx$/i.test(ext) ? ext : '.csv';
  return join(dir, `${basename(input, ext)}.checked${keep}`);
}

/** Bytes of output the file stream takes before a write waits for the disk. */
const WRITE_AHEAD = 1 << 20;

/**
 * The output file: written under a temporary name beside the target and renamed when the run succeeds, so a
 * failed run (undecodable input, a dead API) leaves no half-written file and `-o` onto the input is safe.
 * `-` writes to standard output. Writes wait for `drain`; a write error becomes an input error naming the file.
 */
export class OutputFile {
  private readonly out: WriteStream | NodeJS.WriteStream;
  private readonly temp: string | undefined;
  private readonly failed: Promise<never>;

  constructor(private readonly path: string) {
    this.temp = path === '-' ? undefined : join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
    // A chunk's output (~100 KB) fits under the high-water mark: the next chunk is checked while it is written.
    this.out = this.temp ? createWriteStream(this.temp, { highWaterMark: WRITE_AHEAD }) : process.stdout;
    this.failed = new Promise<never>((_, fail) =>
      this.out.once('error', (e: Error) => fail(new InputError(`cannot write ${path}: ${e.message}`))),
    );
    this.failed.catch(() => undefined);
  }

  /** Writes `data`; `written` is called once the bytes are out of `data` (it may then be reused). */
  async write(data: string | Uint8Array, written?: () => void): Promise<void> {
    const done = written && ((error?: Error | null) => error || written());
    if (!this.out.write(data, done)) await Promise.race([once(this.out, 'drain'), this.failed]);
  }

  /** Ends the file and gives it its name. */
  async commit(): Promise<void> {
    if (!this.temp) return;
    this.out.end();
    await Promise.race([once(this.out, 'finish'), this.failed]);
    await rename(this.temp, this.path);
  }

  /** Drops what was written (the run failed). */
  async discard(): Promise<void> {
    if (!this.temp) return;
    this.out.destroy();
    await rm(this.temp, { force: true });
  }
}
