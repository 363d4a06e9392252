import type { Lang } from '../shared/i18n/languages.js';
import type { TextEncoding } from './encoding.js';

/** A run of data rows. */
export interface RowChunk {
  rows: string[][];
  /**
   * Where each row starts, 1-based, as a user finds it: the physical line of a CSV (blank lines and
   * line breaks inside quoted fields counted) or the row number of an XLSX sheet.
   */
  lines: number[];
  /** Bytes of input consumed so far (for progress), when known. */
  bytesRead?: number;
  /** Rows the parser flagged (e.g. quote errors), by index into `rows`. */
  errors: { index: number; message: string }[];
  /** Parser problems that belong to no row of this chunk (reported, not attached to a row). */
  notes?: { line: number; message: string }[];
  /** Blank rows after the header that were skipped (not in `rows`), in this chunk's stretch of the input. */
  blankRows?: number;
}

/** A supplier list opened for streaming: its header, how to write it back, and its data rows in chunks. */
export interface TableSource {
  format: 'csv' | 'xlsx';
  header: string[];
  /** The header's row: its CSV line or sheet row number (rows above it are titles, skipped). */
  headerLine: number;
  /** CSV delimiter detected in the input (`,` for XLSX). */
  delimiter: string;
  /** CSV line break of the input (`\r\n` from Excel and 1C), written back; `\n` for XLSX. */
  newline?: string;
  /** Write a BOM in CSV output: the input CSV had one, or the input is a workbook (Excel needs it for Cyrillic). */
  bom: boolean;
  /** A CSV's text encoding as detected or forced (UTF-8 for a workbook). */
  encoding: TextEncoding;
  /** Input size for progress: the file's bytes for a CSV, the sheet's compressed bytes for a workbook. */
  totalBytes?: number;
  chunks: AsyncIterable<RowChunk>;
  /** A CSV file opened with `splittable`: where its rows may be handed over to the parallel path. */
  split?: CsvSplit;
}

/**
 * The hand-over point of a CSV read by the single-threaded parser: once told, the parser stops at a row boundary
 * and the rest of the file is checked in parallel (cli/parallel-csv.ts).
 */
export interface CsvSplit {
  /** Bytes handed to the parser so far: the stop cannot come earlier. */
  passed(): number;
  /** The parser's input ends at this byte (a row boundary at or after {@link passed}). */
  stopAt(byte: number): void;
  /** Blank rows at the end of what was parsed, not yet counted (they count once a data row follows). */
  trailingBlankRows(): number;
}

/**
 * Chooses the header among the first non-blank rows of a table (their cells); returns its index, or throws an
 * {@link InputError} that says what was found. `where` names the sheet for a workbook.
 */
export type HeaderPicker = (rows: string[][], where: { sheet?: string; sheets?: string[] }) => number;

/** How to open a table. */
export interface OpenOptions {
  /** XLSX: sheet name or 1-based number. */
  sheet?: string;
  /** CSV: the encoding (`--encoding`), instead of detecting it. */
  encoding?: string;
  /** The header's 1-based row (`--header-row`): its CSV line or sheet row number. */
  headerRow?: number;
  /** Chooses the header row among the first rows; default the first non-blank row. */
  pickHeader?: HeaderPicker;
  /** A CSV file: read through a gate that can stop at a given byte ({@link TableSource.split}). */
  splittable?: boolean;
  /** The language of rows' parser problems (default English). */
  lang?: Lang;
}

/** How many non-blank rows are looked at for the header when no `--header-row` is given. */
export const HEADER_SEARCH_ROWS = 20;

/** The input cannot be used as given (missing, empty, unreadable, no such sheet): exit 2 with its message. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
