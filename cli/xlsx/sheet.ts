import type { XmlHandlers } from './xml.js';

/** One `row` of a sheet: its 1-based row number and its cells as text, gaps filled with `''`. */
export interface SheetRow {
  number: number;
  cells: string[];
}

/**
 * A numeric cell's stored value as plain decimal digits, exactly (no float round trip): Excel writes
 * large numbers with an exponent (`9.40140000385E+11`), and a TIN typed as a number must come back as
 * `940140000385`, not in scientific notation.
 */
export function numberText(value: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value.trim());
  if (!m || (m[2] === '' && !m[3])) return value;
  const sign = m[1] === '-' ? '-' : '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  // Position of the decimal point within `digits`, moved by the exponent.
  const point = (m[2] ?? '').length + Number(m[4] ?? 0);
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    whole = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return text === '0' ? '0' : sign + text;
}

/** `B12` → 1 (0-based column), or -1 when the reference has no column letters. */
function columnOf(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return i === 0 ? -1 : column - 1;
}

/** What a sheet's cells refer to: the shared strings, and which styles show a number as a date. */
export interface CellContext {
  shared: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system is 1899-12-30 (it counts a 29 Feb 1900 that never was); of the 1904 one, 1904-01-01. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A date cell's day number as `YYYY-MM-DD` (the time of day dropped). */
function dateText(value: string, date1904: boolean): string {
  const days = Number(value);
  // Outside Excel's calendar (to 9999-12-31) a "date" is just a number.
  if (!(days >= 0 && days < 2_958_466)) return numberText(value);
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.floor(days) * DAY_MS).toISOString().slice(0, 10);
}

/** A cell's text by its type: shared string, inline string, formula string, boolean, error, date or number. */
function cellValue(type: string, value: string, inline: string, style: number, context: CellContext): string {
  switch (type) {
    case 's':
      return context.shared[Number(value)] ?? '';
    case 'inlineStr':
      return inline;
    case 'str':
    case 'e':
    case 'd':
      return value;
    case 'b':
      return value === '1' ? 'true' : value === '0' ? 'false' : value;
    default:
      if (value === '') return '';
      return context.dateStyles[style] ? dateText(value, context.date1904) : numberText(value);
  }
}

/**
 * SAX handlers for a worksheet part (`sheetData/row/c`): completed rows collect in `rows` until taken,
 * so the caller feeds a piece of XML, takes the rows it made, and feeds the next (memory stays bounded).
 */
export class SheetRowCollector implements XmlHandlers {
  rows: SheetRow[] = [];
  private row: SheetRow | undefined;
  private lastRow = 0;
  private column = -1;
  private type = 'n';
  private style = 0;
  private value = '';
  private inline = '';
  /** What the current text belongs to: a `v`, an inline string's `t`, or nothing we keep. */
  private target: 'v' | 't' | undefined;
  private inPhonetic = false;

  constructor(private readonly context: CellContext) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'c') {
      const ref = attributes.r ? columnOf(attributes.r) : -1;
      this.column = ref >= 0 ? ref : this.column + 1;
      this.type = attributes.t ?? 'n';
      this.style = attributes.s ? Number(attributes.s) : 0;
      this.value = '';
      this.inline = '';
    } else if (name === 'v') this.target = 'v';
    else if (name === 't' && !this.inPhonetic) this.target = 't';
    else if (name === 'rPh') this.inPhonetic = true;
    else if (name === 'row') {
      const number = Number(attributes.r);
      this.lastRow = Number.isInteger(number) && number > 0 ? number : this.lastRow + 1;
      this.row = { number: this.lastRow, cells: [] };
      this.column = -1;
    }
  }

  text(text: string): void {
    if (this.target === 'v') this.value += text;
    else if (this.target === 't') this.inline += text;
  }

  close(name: string): void {
    if (name === 'v' || name === 't') this.target = undefined;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'c' && this.row) {
      const cells = this.row.cells;
      while (cells.length < this.column) cells.push('');
      cells[this.column] = cellValue(this.type, this.value, this.inline, this.style, this.context);
    } else if (name === 'row' && this.row) {
      this.rows.push(this.row);
      this.row = undefined;
    }
  }

  take(): SheetRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}
