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
  header: string[];
  /** CSV delimiter detected in the input (`,` for XLSX). */
  delimiter: string;
  /** Write a UTF-8 BOM in the output: the input CSV had one, or the input is a workbook (Excel needs it for Cyrillic). */
  bom: boolean;
  /** Input size for progress: the file's bytes for a CSV, the sheet's compressed bytes for a workbook. */
  totalBytes?: number;
  chunks: AsyncIterable<RowChunk>;
}

/** The input cannot be used as given (missing, empty, unreadable, no such sheet): exit 2 with its message. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
