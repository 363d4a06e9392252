/// <reference lib="webworker" />
/**
 * The supplier-list worker: reads the chosen file, checks every row with the library and keeps the results,
 * so the page's main thread only draws. The page asks for the rows it shows and for the checked file.
 */

import Papa from 'papaparse';
import { findTinColumn } from '../../../cli/tin-column.js';
import { type Lang, t } from '../../../shared/i18n/index.js';
import { RESULT_COLUMNS, SupplierCheck } from './checker.js';
import type { CheckSummary, FromWorker, ReaderFailure, ToWorker } from './protocol.js';
import { encodeSingleByte } from './single-byte.js';
import { openTable, ReaderError } from './table-source.js';

declare const self: DedicatedWorkerGlobalScope;

let current: { check: SupplierCheck; summary: CheckSummary; base: string; lang: Lang } | undefined;
/** Row indices of the problems with one code, by code (built on first use). */
const byCode = new Map<string, Int32Array>();

const post = (message: FromWorker) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'check') {
    check(message).catch((error: unknown) => post({ type: 'failed', error: failure(error) }));
  } else if (message.type === 'rows') {
    sendRows(message.id, message.code, message.start, message.end);
  } else {
    exportFile(message.format).catch((error: unknown) => post({ type: 'failed', error: failure(error) }));
  }
};

function failure(error: unknown): ReaderFailure {
  if (error instanceof ReaderError) return error.failure;
  return { key: 'web.error', message: error instanceof Error ? error.message : String(error) };
}

async function check(message: Extract<ToWorker, { type: 'check' }>): Promise<void> {
  const started = performance.now();
  current = undefined;
  byCode.clear();
  const source = await openTable(message.file, message.lang);
  const column = findTinColumn(source.header);
  if (column < 0) throw new ReaderError({ key: 'web.sup.err.noColumn', header: source.header.join(', ') });
  const check = new SupplierCheck({
    column,
    header: source.header,
    delimiter: source.delimiter,
    newline: source.newline,
    bom: source.bom,
    fixLeadingZeros: message.fixLeadingZeros,
    lang: message.lang,
  });
  let lastPost = 0;
  await source.read((chunk) => {
    check.add(chunk);
    const now = performance.now();
    if (now - lastPost > 50 || chunk.fraction === 1) {
      lastPost = now;
      post({ type: 'progress', rows: check.counts.rows, fraction: chunk.fraction });
    }
  });
  check.end();
  const summary = check.summary({
    name: message.file.name,
    encoding: source.encoding,
    workbook: source.workbook,
    seconds: (performance.now() - started) / 1000,
  });
  current = { check, summary, base: message.file.name.replace(/\.[^.]+$/, ''), lang: message.lang };
  post({ type: 'summary', summary });
}

function sendRows(id: number, code: string | null, start: number, end: number): void {
  const check = current?.check;
  if (!check) return;
  const { codes } = check.problems;
  if (code === null) {
    const rows = [];
    for (let i = start; i < Math.min(end, codes.length); i++) rows.push(check.problemRow(i));
    post({ type: 'rows', id, total: codes.length, start, rows });
    return;
  }
  let indices = byCode.get(code);
  if (!indices) {
    const found: number[] = [];
    codes.forEach((c, i) => {
      if (c === code || ` ${c} `.includes(` ${code} `)) found.push(i);
    });
    indices = Int32Array.from(found);
    byCode.set(code, indices);
  }
  const rows = Array.from(indices.subarray(start, end), (i) => check.problemRow(i));
  post({ type: 'rows', id, total: indices.length, start, rows });
}

async function exportFile(format: 'csv' | 'xlsx'): Promise<void> {
  if (!current) return;
  const { check, summary, base, lang } = current;
  if (format === 'csv') {
    post({ type: 'file', name: `${base}.checked.csv`, blob: await checkedCsv(check, summary, lang) });
    return;
  }
  const { writeWorkbook } = await import('./xlsx-writer.js');
  // The checked CSV is ours and well formed: read back, it gives the cells the workbook needs.
  const rows = Papa.parse<string[]>((await new Blob(check.output).text()).replace(/^\uFEFF/, ''), {
    delimiter: summary.delimiter,
    skipEmptyLines: true,
  }).data;
  const validColumn = (rows[0]?.length ?? RESULT_COLUMNS.length) - RESULT_COLUMNS.length;
  const counts: string[][] = [
    [t('web.sup.rows', lang), String(summary.rows)],
    [t('web.sup.valid', lang), String(summary.valid)],
    [t('web.sup.invalid', lang), String(summary.invalid)],
    [t('web.sup.warnings', lang), String(summary.withWarnings)],
    [t('web.sup.fixed', lang), String(summary.fixedLeadingZeros)],
    [t('web.sup.malformed', lang), String(summary.malformedRows)],
    ...summary.errorCounts.map(([code, n]) => [code, String(n)]),
  ];
  const bytes = writeWorkbook(rows, validColumn, counts, [base || 'Checked', t('web.sup.summary', lang)]);
  post({
    type: 'file',
    name: `${base}.checked.xlsx`,
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  });
}

/**
 * The checked CSV in the input's encoding, as the CLI writes it: a Windows-1251 list stays Windows-1251, unless the
 * messages are Kazakh or Kyrgyz (letters 1251 lacks) — then UTF-8 with a BOM, as the CLI does.
 */
async function checkedCsv(check: SupplierCheck, summary: CheckSummary, lang: Lang): Promise<Blob> {
  if (summary.encoding !== 'windows-1251') return new Blob(check.output, { type: 'text/csv;charset=utf-8' });
  const text = await new Blob(check.output).text();
  const bytes = lang === 'ru' || lang === 'en' ? encodeSingleByte(text, 'windows-1251') : undefined;
  return bytes
    ? new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv;charset=windows-1251' })
    : new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
}
