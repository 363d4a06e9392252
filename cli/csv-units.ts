/**
 * A CSV's syntax as code units of its encoding — bytes, or UTF-16 units — and where its rows end, as papaparse reads
 * them: the parallel path cuts files into pieces of whole rows here, and its byte lane (cli/byte-rows.ts) finds the
 * rows it can write as they stand.
 */
/** Encodings whose quote, delimiter and line breaks are found by their code units. */
const CUTTABLE = new Set(['utf-8', 'windows-1251', 'utf-16le', 'utf-16be']);

/** The CSV syntax as code units of the file's encoding (bytes, or UTF-16 units in the platform's byte order). */
export interface CsvUnits {
  /** Bytes per code unit. */
  size: 1 | 2;
  quote: number;
  delimiter: number;
  cr: number;
  lf: number;
  newline: '\n' | '\r' | '\r\n';
  /** The text of units `from` to `to` (rarely needed: what stands between a closing quote and what follows). */
  text(view: Units, from: number, to: number): string;
}

/** The syntax's code units, or `undefined` for an encoding or dialect the cutter does not know. */
export function csvUnits(encoding: string, delimiter: string, newline: string): CsvUnits | undefined {
  if (!CUTTABLE.has(encoding) || delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f) return undefined;
  if (newline !== '\n' && newline !== '\r' && newline !== '\r\n') return undefined;
  const size = encoding.startsWith('utf-16') ? 2 : 1;
  const unit = (c: string) => {
    if (size === 1) return c.charCodeAt(0);
    const bytes = Buffer.from(c, 'utf16le');
    if (encoding === 'utf-16be') bytes.swap16();
    return new Uint16Array(Uint8Array.from(bytes).buffer)[0] ?? 0;
  };
  const decoder = new TextDecoder(encoding);
  return {
    size,
    quote: unit('"'),
    delimiter: unit(delimiter),
    cr: unit('\r'),
    lf: unit('\n'),
    newline,
    text: (view, from, to) => {
      const units = view.subarray(from, to);
      return decoder.decode(new Uint8Array(units.buffer, units.byteOffset, units.byteLength));
    },
  };
}

/** A view of a CSV's code units. */
export type Units = Uint8Array | Uint16Array;

/**
 * Where `view` (whole rows from its start on) may be cut: just after the first row end at or after `target`, as
 * papaparse reads rows — a quote opens a field only at its start, `""` is a quote, a field closes at a quote followed
 * (after white space) by the delimiter or the line break, any other quote stays in the field. -1: the view ends first.
 */
export function findCut(view: Units, target: number, u: CsvUnits): number {
  let at = 0;
  let end = -2; // the row end found last (-2: none looked for yet)
  for (;;) {
    const quote = view.indexOf(u.quote, at);
    const from = Math.max(at, target);
    if (end === -2 || (end !== -1 && end - u.newline.length < from)) {
      const start = newlineAt(view, from, u);
      end = start === -1 ? -1 : start + u.newline.length;
    }
    if (end !== -1 && (quote === -1 || end <= quote)) return end;
    if (quote === -1) return -1;
    at = fieldStart(view, quote, u) ? afterQuoted(view, quote, u) : quote + 1;
    if (at === -1) return -1;
  }
}

/** Where the first line break at or after `from` starts, or -1 (also for a `\r` that ends the view in a `\r\n` file). */
function newlineAt(view: Units, from: number, u: CsvUnits): number {
  if (u.newline === '\n') return view.indexOf(u.lf, from);
  let at = view.indexOf(u.cr, from);
  if (u.newline === '\r') return at;
  while (at !== -1 && at + 1 < view.length && view[at + 1] !== u.lf) at = view.indexOf(u.cr, at + 1);
  return at + 1 < view.length ? at : -1;
}

/** A quote at `at` opens a field: it starts the view, or follows a delimiter or a line break. */
function fieldStart(view: Units, at: number, u: CsvUnits): boolean {
  if (at === 0) return true;
  const before = view[at - 1];
  if (before === u.delimiter) return true;
  if (u.newline === '\r') return before === u.cr;
  if (u.newline === '\n') return before === u.lf;
  return before === u.lf && at >= 2 && view[at - 2] === u.cr;
}

/**
 * Past the quoted field opened at `open`: after its delimiter, or at its line break; -1 when the view ends first.
 * As papaparse's parser: a quote closes the field when only white space (`trim`'s) stands between it and the next
 * delimiter (or line break), which follows.
 */
function afterQuoted(view: Units, open: number, u: CsvUnits): number {
  let search = open;
  for (;;) {
    search = view.indexOf(u.quote, search + 1);
    if (search === -1 || search + 1 >= view.length) return -1;
    const next = search + 1;
    if (view[next] === u.quote) {
      search = next; // `""`
      continue;
    }
    if (view[next] === u.delimiter) return next + 1;
    if (newlineAt(view, next, u) === next) return next;
    const delimiter = view.indexOf(u.delimiter, next);
    const newline = newlineAt(view, next, u);
    if (newline === -1) return -1; // the view ends before the answer
    // papaparse's extraSpaces(min(next delimiter, next line break)), a delimiter beyond the view being farther
    const upTo = delimiter === -1 ? newline : Math.min(delimiter, newline);
    if (upTo === delimiter && u.text(view, next, upTo).trim() === '') return upTo + 1;
    if (u.text(view, next, newline).trim() === '') return newline;
    // papaparse: a malformed closing quote; the field goes on to the next quote
  }
}

/** How many line breaks (as lines are numbered: `\n`, or `\r` in a `\r` file) `view` holds. */
export function lineBreaks(view: Units, u: CsvUnits): number {
  const unit = u.newline === '\r' ? u.cr : u.lf;
  let n = 0;
  for (let at = view.indexOf(unit); at !== -1; at = view.indexOf(unit, at + 1)) n++;
  return n;
}

/**
 * `bytes` as code units of the syntax `u`: single bytes as a Buffer, whose `indexOf` is a native byte search (twice
 * as fast as a typed array's, which compares element by element).
 */
export function unitsOf(bytes: Uint8Array, u: CsvUnits): Units {
  if (u.size === 1) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
}
