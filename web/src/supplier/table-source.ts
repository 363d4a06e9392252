/**
 * The one interface between the supplier check and the file readers. The CSV reader is here; the workbook
 * reader is a dynamic import, loaded only when a workbook is chosen. Swapping in other readers (e.g. the
 * shared readers of the CLI) is a change to this file alone.
 */
import type { Lang } from '../../../shared/i18n/languages.js';
import { openCsv } from './csv-reader.js';
import type { ReaderFailure } from './protocol.js';

/** A run of data rows, as the CLI's readers hand them over. */
export interface RowChunk {
  rows: string[][];
  /** 1-based line (CSV) or row number (sheet) of each row, as the user finds it. */
  lines: number[];
  /** Rows the parser flagged, by index into `rows`. */
  errors: { index: number; message: string }[];
  /** Parser problems that belong to no row of this chunk. */
  notes?: { line: number; message: string }[];
  /** Blank rows after the header that were skipped (not in `rows`), in this chunk's stretch of the input. */
  blankRows?: number;
  /** No cell of this chunk holds a quote, a line break or the delimiter (the CSV had no quotes there): rows write back joined. */
  plain?: boolean;
  /** Share of the input consumed so far, 0..1. */
  fraction: number;
}

export interface TableSource {
  header: string[];
  /** CSV delimiter found in the input (`,` for a workbook). */
  delimiter: string;
  /** The input's line break (`\r\n` from Excel and 1C), written back as the CLI does; `\n` for a workbook. */
  newline: string;
  /** Write a BOM in the checked CSV: the input had one, or it is a workbook (Excel needs it for Cyrillic). */
  bom: boolean;
  /** How the bytes were decoded, for the summary. */
  encoding: string;
  workbook: boolean;
  /** Hands the data rows over chunk by chunk, in order. */
  read(onChunk: (chunk: RowChunk) => void): Promise<void>;
}

/** A failure the page explains in the user's language. */
export class ReaderError extends Error {
  override readonly name = 'ReaderError';
  constructor(readonly failure: ReaderFailure) {
    super(failure.key);
  }
}

/** Opens a chosen file by its name: `.xlsx` as a workbook (lazily loaded reader), `.xls` refused, anything else as CSV. */
export async function openTable(file: File, lang: Lang): Promise<TableSource> {
  if (file.size === 0) throw new ReaderError({ key: 'web.sup.err.empty' });
  if (/\.xls$/i.test(file.name)) throw new ReaderError({ key: 'web.sup.err.xls' });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.xlsx$/i.test(file.name)) {
    const { openWorkbook } = await import('./xlsx-reader.js');
    return openWorkbook(bytes);
  }
  return openCsv(bytes, lang);
}
