import { openTable, type RowChunk, type TableSource } from '../../../cli/readers.js';
import { findTinColumn } from '../../../cli/tin-column.js';
import type { ValidateJobOptions } from '../../../shared/jobs/model.js';

/**
 * The upload, opened with the CLI's readers (CSV in any delimiter, BOM, XLSX): the same parse in the
 * prepare step (which hands the rows to the map) and the finish step (which writes them back), so the
 * checked file is the CLI's, cell for cell.
 */
export interface OpenedUpload {
  source: TableSource;
  column: number;
  width: number;
}

/** Thrown for an upload the job cannot use; its message is safe to show the caller (no cell values). */
class UploadError extends Error {
  override readonly name = 'UploadError';
}

export async function openUpload(path: string, options: ValidateJobOptions): Promise<OpenedUpload> {
  const source = await openTable(path, options.sheet ? { sheet: options.sheet } : {});
  const column = findTinColumn(source.header, options.column);
  if (column < 0) {
    throw new UploadError(
      options.column
        ? `no column "${options.column}" in the upload's header`
        : 'no TIN column in the upload: name one with options.column, or use a header such as tin, inn, iin, bin, ИНН, ИИН, БИН, ПИН',
    );
  }
  return { source, column, width: source.header.length };
}

/** A chunk's malformed rows (as the CLI finds them): index → reason, and the parse errors to report in file order. */
export function malformedRows(
  chunk: RowChunk,
  width: number,
): { bad: Map<number, string>; found: { line: number; message: string }[] } {
  const bad = new Map<number, string>();
  const found: { line: number; message: string }[] = [...(chunk.notes ?? [])];
  for (const e of chunk.errors) {
    if (!bad.has(e.index)) bad.set(e.index, e.message);
    found.push({ line: chunk.lines[e.index] ?? 0, message: e.message });
  }
  chunk.rows.forEach((row, i) => {
    if (row.length !== width && !bad.has(i)) {
      const message = `expected ${width} fields, found ${row.length}`;
      bad.set(i, message);
      found.push({ line: chunk.lines[i] ?? 0, message });
    }
  });
  return { bad, found: found.sort((a, b) => a.line - b.line) };
}
