import type { IdentifierResult } from '../identifiers/types.js';

/**
 * The checked file's format, byte for byte the CLI's (`salyk validate`): the input row, then the result
 * columns. Kept here, pure, because two engine steps share it: the batch step turns a row's result into
 * its result cells, the finish step joins them to the row. A test compares job output with the CLI's.
 */
const RESULT_COLUMNS = ['valid', 'country', 'kind', 'errors', 'messages', 'suggestion'] as const;

/** One row's outcome as a batch stores it for the merge (short keys: a million of them go through S3). */
export interface RowOutcome {
  /** The result cells, delimited, without a line break. */
  s: string;
  /** Error codes, for the summary's counts. */
  e: string[];
  /** Valid. */
  ok: boolean;
  /** Has warnings. */
  w: boolean;
  /** The cell's replacement (`--fix-leading-zeros`). */
  fix?: string;
  /** Malformed row: fit the row to the header's width. */
  bad?: boolean;
}

/** RFC 4180 cells: quoted only when they hold the delimiter, a quote or a line break (as the CLI writes them). */
export function csvFormatter(delimiter: string) {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}]`);
  const escapeCell = (cell: string) => (special.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const line = (cells: readonly string[]) => cells.map(escapeCell).join(delimiter);
  return { escapeCell, line };
}

/** A checked row's outcome: the CLI's result cells for `result`. */
export function checkedOutcome(result: IdentifierResult, delimiter: string, fix?: string): RowOutcome {
  const { escapeCell } = csvFormatter(delimiter);
  const codes = result.errors.map((e) => e.code);
  const messages = [
    ...result.errors.map((e) => `${e.code}: ${e.message}`),
    ...result.warnings.map((w) => `${w.code}: ${w.message}`),
  ].join('; ');
  const cells = [
    result.valid ? 'true' : 'false',
    result.country ?? '',
    result.kind ?? '',
    codes.join(' '),
    escapeCell(messages),
    result.suggestion?.value ?? '',
  ];
  return {
    s: cells.join(delimiter),
    e: codes,
    ok: result.valid,
    w: result.warnings.length > 0,
    ...(fix === undefined ? {} : { fix }),
  };
}

/** A malformed row's outcome (wrong field count, or a parser error): reported, never validated. */
export function malformedOutcome(reason: string, delimiter: string): RowOutcome {
  const { escapeCell } = csvFormatter(delimiter);
  return {
    s: ['false', '', '', 'MALFORMED_ROW', escapeCell(reason || 'malformed row'), ''].join(delimiter),
    e: ['MALFORMED_ROW'],
    ok: false,
    w: false,
    bad: true,
  };
}

/** The checked file's line for one input row (with its line break). */
export function checkedLine(
  row: readonly string[],
  outcome: RowOutcome,
  layout: { delimiter: string; width: number; column: number },
): string {
  const { line } = csvFormatter(layout.delimiter);
  let cells = [...row];
  if (outcome.bad) cells = cells.slice(0, layout.width);
  while (cells.length < layout.width) cells.push('');
  if (outcome.fix !== undefined) cells[layout.column] = outcome.fix;
  return `${line(cells)}${layout.delimiter}${outcome.s}\n`;
}

/** The checked file's header line. */
export function checkedHeader(header: readonly string[], delimiter: string): string {
  return `${csvFormatter(delimiter).line([...header, ...RESULT_COLUMNS])}\n`;
}

/** A row whose batch failed every attempt: written, marked, and counted apart — never dropped. */
export function notCheckedOutcome(reason: string, delimiter: string): RowOutcome {
  const { escapeCell } = csvFormatter(delimiter);
  return {
    s: ['false', '', '', 'NOT_CHECKED', escapeCell(reason), ''].join(delimiter),
    e: ['NOT_CHECKED'],
    ok: false,
    w: false,
  };
}
