import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { todayUtc } from '../shared/identifiers/dates.js';
import type { Country, IdentifierResult } from '../shared/identifiers/types.js';
import { validateIdentifier } from '../shared/identifiers/validate.js';
import { type ApiOptions, validateBatchRemote } from './api-client.js';
import { createProgress } from './progress.js';
import { InputError, openTable, type RowChunk } from './readers.js';
import { findTinColumn } from './tin-column.js';

export interface ValidateFileOptions {
  input: string;
  output?: string;
  column?: string;
  sheet?: string;
  country?: Country;
  fixLeadingZeros: boolean;
  quiet: boolean;
  /** Send rows to the API (audited) instead of validating offline. */
  api?: ApiOptions;
}

export interface FileSummary {
  input: string;
  output: string;
  tinColumn: string;
  rows: number;
  valid: number;
  invalid: number;
  withWarnings: number;
  fixedLeadingZeros: number;
  malformedRows: number;
  errorCounts: Record<string, number>;
  topProblems: { code: string; count: number; exampleRows: number[] }[];
  /** Malformed input, by line number (header = line 1); the first 100. */
  parseErrors: { line: number; message: string }[];
  seconds: number;
  rowsPerSecond: number;
  /** Peak resident memory of this process so far, in MiB. */
  peakRssMb: number;
}

const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'];
const API_BATCH = 10_000;
const MAX_EXAMPLES = 5;
const MAX_PARSE_ERRORS = 100;

/** `<input>.checked.csv` beside the input. */
export function defaultOutputPath(input: string): string {
  return join(dirname(input), `${basename(input, extname(input))}.checked.csv`);
}

/**
 * Validates the TIN column of a supplier list (CSV or XLSX), streaming: rows are read, checked and
 * written in chunks with back-pressure, so memory stays flat whatever the file size.
 */
export async function validateFile(options: ValidateFileOptions): Promise<FileSummary> {
  const started = Date.now();
  const source = await openTable(options.input, { sheet: options.sheet });
  const column = findTinColumn(source.header, options.column);
  if (column < 0) {
    throw new InputError(
      options.column
        ? `no column "${options.column}" in ${options.input} (header: ${source.header.join(', ')})`
        : `no TIN column in ${options.input}: name one with --column, or use a header such as tin, inn, iin, bin, ИНН, ИИН, БИН, ПИН (header: ${source.header.join(', ')})`,
    );
  }

  const output = options.output ?? defaultOutputPath(options.input);
  const out = createWriteStream(output, { encoding: 'utf8' });
  const outputFailed = new Promise<never>((_, fail) =>
    out.once('error', (e) => fail(new InputError(`cannot write ${output}: ${e.message}`))),
  );
  outputFailed.catch(() => undefined);
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), outputFailed]);
  };
  const delimiter = source.delimiter;
  const { line, escapeCell } = csvWriter(delimiter);

  const summary: FileSummary = {
    input: options.input,
    output,
    tinColumn: source.header[column]!,
    rows: 0,
    valid: 0,
    invalid: 0,
    withWarnings: 0,
    fixedLeadingZeros: 0,
    malformedRows: 0,
    errorCounts: {},
    topProblems: [],
    parseErrors: [],
    seconds: 0,
    rowsPerSecond: 0,
    peakRssMb: 0,
  };
  const examples = new Map<string, number[]>();
  const progress = createProgress({ totalBytes: source.totalBytes, quiet: options.quiet });
  await write((source.bom ? '\uFEFF' : '') + line([...source.header, ...RESULT_COLUMNS]));

  const width = source.header.length;
  const count = (code: string, line: number) => {
    summary.errorCounts[code] = (summary.errorCounts[code] ?? 0) + 1;
    const list = examples.get(code) ?? [];
    if (list.length < MAX_EXAMPLES) examples.set(code, [...list, line]);
  };
  const reported = new Set<string>();
  const parseError = (line: number, message: string) => {
    // papaparse repeats a quote error in every chunk it carries the broken row over: report it once.
    const key = `${line}\n${message}`;
    if (summary.parseErrors.length >= MAX_PARSE_ERRORS || reported.has(key)) return;
    reported.add(key);
    summary.parseErrors.push({ line, message });
  };

  /** Turns checked rows into output CSV text and updates the summary (the hot path: one string per chunk). */
  const emit = (chunk: RowChunk, results: (IdentifierResult | null)[], bad: Map<number, string>): string => {
    let text = '';
    for (let i = 0; i < chunk.rows.length; i++) {
      const row = chunk.rows[i]!;
      const lineNo = chunk.lines[i]!;
      const result = results[i];
      summary.rows++;
      if (!result) {
        summary.malformedRows++;
        summary.invalid++;
        count('MALFORMED_ROW', lineNo);
        // Fitted to the header so the result columns stay under their names.
        const cells = row.length > width ? row.slice(0, width) : row;
        while (cells.length < width) cells.push('');
        text += line([...cells, 'false', '', '', 'MALFORMED_ROW', bad.get(i) ?? 'malformed row', '']);
        continue;
      }
      while (row.length < width) row.push('');
      if (result.valid) summary.valid++;
      else summary.invalid++;
      if (result.warnings.length) summary.withWarnings++;
      let codes = '';
      let messages = '';
      for (const e of result.errors) {
        count(e.code, lineNo);
        codes += codes ? ` ${e.code}` : e.code;
        messages += `${messages ? '; ' : ''}${e.code}: ${e.message}`;
      }
      for (const w of result.warnings) messages += `${messages ? '; ' : ''}${w.code}: ${w.message}`;
      // Result cells other than `messages` are codes and digits: they never need quoting.
      text += `${line(row, '')}${result.valid ? 'true' : 'false'}${delimiter}${result.country ?? ''}${delimiter}${result.kind ?? ''}${delimiter}${codes}${delimiter}${escapeCell(messages)}${delimiter}${result.suggestion?.value ?? ''}\n`;
    }
    return text;
  };

  /** Malformed rows get `null`; with --fix-leading-zeros a suggested value replaces the cell and is re-checked. */
  const asOf = todayUtc(); // once per file, not per row
  const checkOffline = (chunk: RowChunk, bad: Map<number, string>): (IdentifierResult | null)[] => {
    return chunk.rows.map((row, i) => {
      if (bad.has(i)) return null;
      const result = validateIdentifier(row[column] ?? '', { country: options.country, asOf });
      return options.fixLeadingZeros ? applyFix(row, column, result, options.country, summary) : result;
    });
  };

  const checkRemote = async (chunk: RowChunk, bad: Map<number, string>): Promise<(IdentifierResult | null)[]> => {
    const results: (IdentifierResult | null)[] = chunk.rows.map(() => null);
    const sendable: number[] = [];
    chunk.rows.forEach((row, i) => {
      if (bad.has(i)) return;
      const value = row[column] ?? '';
      // The API refuses values outside 1..64 characters as malformed requests; check those here.
      if (value.length < 1 || value.length > 64) results[i] = validateIdentifier(value, { country: options.country });
      else sendable.push(i);
    });
    const remote = await validateBatchRemote(
      options.api!,
      sendable.map((i) => ({
        value: chunk.rows[i]![column]!,
        ...(options.country ? { country: options.country } : {}),
      })),
    );
    sendable.forEach((rowIndex, k) => (results[rowIndex] = remote[k]!));
    if (options.fixLeadingZeros) {
      const fixes = sendable.filter((i) => results[i]?.suggestion);
      if (fixes.length) {
        const rechecked = await validateBatchRemote(
          options.api!,
          fixes.map((i) => ({
            value: results[i]!.suggestion!.value,
            ...(options.country ? { country: options.country } : {}),
          })),
        );
        fixes.forEach((i, k) => {
          chunk.rows[i]![column] = results[i]!.suggestion!.value;
          results[i] = { ...rechecked[k]!, suggestion: results[i]!.suggestion };
          summary.fixedLeadingZeros++;
        });
      }
    }
    return results;
  };

  try {
    if (!options.api) {
      for await (const chunk of source.chunks) {
        const bad = malformedRows(chunk, width, parseError);
        await write(emit(chunk, checkOffline(chunk, bad), bad));
        progress.update(summary.rows, chunk.bytesRead);
      }
    } else {
      // Up to `concurrency` batches in flight; results are written in input order.
      const inFlight: { chunk: RowChunk; bad: Map<number, string>; results: Promise<(IdentifierResult | null)[]> }[] =
        [];
      const flushOne = async () => {
        const head = inFlight.shift()!;
        await write(emit(head.chunk, await head.results, head.bad));
        progress.update(summary.rows, head.chunk.bytesRead);
      };
      for await (const batch of rebatch(source.chunks, API_BATCH)) {
        const bad = malformedRows(batch, width, parseError);
        const results = checkRemote(batch, bad);
        results.catch(() => undefined); // awaited in order by flushOne
        inFlight.push({ chunk: batch, bad, results });
        if (inFlight.length >= options.api.concurrency) await flushOne();
      }
      while (inFlight.length) await flushOne();
    }
  } finally {
    progress.stop();
    out.end();
  }
  await Promise.race([once(out, 'finish'), outputFailed]);

  summary.seconds = (Date.now() - started) / 1000;
  summary.rowsPerSecond = Math.round(summary.rows / Math.max(summary.seconds, 0.001));
  summary.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  summary.topProblems = Object.entries(summary.errorCounts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([code, n]) => ({ code, count: n, exampleRows: examples.get(code) ?? [] }));
  return summary;
}

/**
 * RFC 4180 output: a field is quoted only when it holds the delimiter, a quote or a line break.
 * (Hand-written because it runs for every cell of million-row files; papaparse's unparse was a third of the time.)
 */
function csvWriter(delimiter: string) {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}]`);
  const escapeCell = (cell: string) => (special.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  /** One CSV line; `end` is the line terminator, or the delimiter when more cells follow. */
  const line = (cells: readonly string[], end = '\n') => {
    let out = escapeCell(cells[0] ?? '');
    for (let i = 1; i < cells.length; i++) out += delimiter + escapeCell(cells[i]!);
    return out + (end === '' ? delimiter : end);
  };
  return { line, escapeCell };
}

/**
 * Rows whose field count differs from the header's, or that the parser flagged, are malformed: their
 * index → the reason. Each is reported with its line, and so are parser notes tied to no row.
 */
function malformedRows(
  chunk: RowChunk,
  width: number,
  report: (line: number, message: string) => void,
): Map<number, string> {
  const bad = new Map<number, string>();
  const found: { line: number; message: string }[] = [...(chunk.notes ?? [])];
  for (const e of chunk.errors) {
    if (!bad.has(e.index)) bad.set(e.index, e.message);
    found.push({ line: chunk.lines[e.index]!, message: e.message });
  }
  chunk.rows.forEach((row, i) => {
    if (row.length !== width && !bad.has(i)) {
      const message = `expected ${width} fields, found ${row.length}`;
      bad.set(i, message);
      found.push({ line: chunk.lines[i]!, message });
    }
  });
  // In file order, whatever found them.
  for (const f of found.sort((a, b) => a.line - b.line)) report(f.line, f.message);
  return bad;
}

function applyFix(
  row: string[],
  column: number,
  result: IdentifierResult,
  country: Country | undefined,
  summary: FileSummary,
): IdentifierResult {
  if (!result.suggestion) return result;
  summary.fixedLeadingZeros++;
  row[column] = result.suggestion.value;
  return { ...validateIdentifier(result.suggestion.value, { country }), suggestion: result.suggestion };
}

/** Regroups row chunks into batches of at most `size` rows (the API's batch limit). */
async function* rebatch(chunks: AsyncIterable<RowChunk>, size: number): AsyncGenerator<RowChunk> {
  let pending: RowChunk | undefined;
  for await (const chunk of chunks) {
    if (chunk.rows.length === 0 && chunk.notes?.length) {
      // Parser notes from a chunk without rows (e.g. only blank lines) ride with the next batch.
      pending = {
        rows: [],
        lines: [],
        errors: [],
        ...pending,
        bytesRead: chunk.bytesRead,
        notes: [...(pending?.notes ?? []), ...chunk.notes],
      };
    }
    for (let start = 0; start < chunk.rows.length; ) {
      const offset = pending?.rows.length ?? 0;
      const end = Math.min(chunk.rows.length, start + size - offset);
      const errors = chunk.errors
        .filter((e) => e.index >= start && e.index < end)
        .map((e) => ({ index: e.index - start + offset, message: e.message }));
      const notes = start === 0 ? (chunk.notes ?? []) : [];
      pending = {
        rows: [...(pending?.rows ?? []), ...chunk.rows.slice(start, end)],
        lines: [...(pending?.lines ?? []), ...chunk.lines.slice(start, end)],
        bytesRead: chunk.bytesRead,
        errors: [...(pending?.errors ?? []), ...errors],
        notes: [...(pending?.notes ?? []), ...notes],
      };
      start = end;
      if (pending.rows.length === size) {
        yield pending;
        pending = undefined;
      }
    }
  }
  if (pending?.rows.length) yield pending;
}
