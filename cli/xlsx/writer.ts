/**
 * A streaming XLSX writer for checked supplier lists: fflate's `Zip` lays out the archive, and the data sheet is
 * deflated piece by piece as rows arrive by Node's native zlib (on the thread pool: half the time of a deflate in
 * JavaScript), so memory stays flat for millions of rows. The parts that depend on the whole run — the summary sheet,
 * the workbook and its relationships — are added after it (a zip's part order is free; Excel and LibreOffice read
 * the central directory).
 *
 * Cells are inline strings, so a TIN is text and Excel never shows it as `2.30963E+11`; its column is also
 * formatted as Text (`@`), so a value typed in later stays text. Plain decimal numbers in other columns stay numbers.
 */
import { once } from 'node:events';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { type AsyncFlateStreamHandler, strToU8, Zip, ZipDeflate, type ZipInputFile } from 'fflate';

/** Style indexes of styles.xml below. */
const STYLE = { plain: 0, invalid: 1, header: 2, text: 3, textInvalid: 4 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const SHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** Characters XML 1.0 forbids (control characters other than tab and line breaks), dropped from cell text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
const XML_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(XML_INVALID, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** `0` → `A`, `27` → `AB`. */
function columnName(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : columnName(Math.floor(i / 26) - 1) + columnName(i % 26);
}

/** A plain decimal number Excel keeps exactly (≤ 15 significant digits, no leading zero, no exponent). */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;

function textCell(ref: string, text: string, style: number): string {
  const space = text !== text.trim() ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** What one output row is made of. */
export interface XlsxRow {
  cells: readonly string[];
  invalid: boolean;
}

/**
 * A zip entry deflated by Node's zlib as it is pushed (fflate's custom-entry interface: compression 8, with the size
 * and CRC-32 of the uncompressed data known before the entry ends).
 */
/**
 * Every entry's modification time: the zip format's earliest (1980-01-01, local time, as DOS dates are), not the clock,
 * so the same list checked twice — by `salyk validate` and by a bulk job, seconds apart — gives the same bytes.
 */
const ENTRY_TIME = new Date(1980, 0, 1);

class NativeDeflateEntry implements ZipInputFile {
  readonly compression = 8;
  readonly mtime = ENTRY_TIME;
  size = 0;
  crc = 0;
  ondata: AsyncFlateStreamHandler = () => undefined;
  private readonly deflate: DeflateRaw;
  private readonly ended: Promise<unknown>;

  constructor(readonly filename: string) {
    this.deflate = createDeflateRaw({ level: 1 });
    this.deflate.on('data', (chunk: Buffer) => this.ondata(null, new Uint8Array(chunk), false));
    this.ended = once(this.deflate, 'end').then(() => this.ondata(null, new Uint8Array(0), true));
  }

  /** Adds uncompressed bytes; waits while zlib's buffer is full. */
  async push(data: Uint8Array): Promise<void> {
    this.size += data.length;
    this.crc = crc32(data, this.crc);
    if (!this.deflate.write(data)) await once(this.deflate, 'drain');
  }

  async end(): Promise<void> {
    this.deflate.end();
    await this.ended;
  }
}

/** Where the zip's bytes go (e.g. a file, waited on for back-pressure by the caller). */
export type ByteSink = (bytes: Uint8Array) => void;

/** Writes one checked table and a summary sheet as an XLSX workbook, streaming. */
export class XlsxTableWriter {
  private readonly zip: Zip;
  private readonly sheet: NativeDeflateEntry;
  private readonly letters: string[];
  private rowNumber = 0;
  private readonly done: Promise<void>;

  /**
   * @param width - cells per row (input columns and result columns)
   * @param textColumns - 0-based columns always written as text (the TIN column and the result columns)
   */
  constructor(
    sink: ByteSink,
    private readonly width: number,
    private readonly textColumns: ReadonlySet<number>,
    private readonly tinColumn: number,
  ) {
    let finished: (error?: Error) => void = () => undefined;
    this.done = new Promise<void>((ok, fail) => {
      finished = (error) => (error ? fail(error) : ok());
    });
    this.zip = new Zip((error, data, final) => {
      if (error) finished(error);
      else sink(data);
      if (final) finished();
    });
    this.letters = Array.from({ length: width }, (_, i) => columnName(i));
    this.sheet = new NativeDeflateEntry('xl/worksheets/sheet1.xml');
    this.zip.add(this.sheet);
    const tin = this.tinColumn + 1;
    this.head =
      `${SHEET_START}<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
      `<cols><col min="${tin}" max="${tin}" width="16" style="${STYLE.text}" customWidth="1"/></cols><sheetData>`;
  }

  /** The sheet's start, written with the header row. */
  private head: string;

  private push(xml: string): Promise<void> {
    return this.sheet.push(Buffer.from(xml));
  }

  async header(cells: readonly string[]): Promise<void> {
    this.rowNumber++;
    let xml = `${this.head}<row r="${this.rowNumber}">`;
    cells.forEach((cell, i) => {
      xml += textCell(`${this.letters[i]}${this.rowNumber}`, cell, STYLE.header);
    });
    await this.push(`${xml}</row>`);
  }

  /** Rows in one piece of XML (one deflate push per chunk of rows, not per row). */
  async rows(rows: readonly XlsxRow[]): Promise<void> {
    let xml = '';
    for (const row of rows) xml += this.rowXml(row);
    await this.push(xml);
  }

  private rowXml({ cells, invalid }: XlsxRow): string {
    const r = ++this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < this.width; i++) {
      const cell = cells[i] ?? '';
      const ref = `${this.letters[i]}${r}`;
      const isText = this.textColumns.has(i);
      const style = i === this.tinColumn ? (invalid ? STYLE.textInvalid : STYLE.text) : invalid ? STYLE.invalid : 0;
      if (cell === '') xml += style ? `<c r="${ref}" s="${style}"/>` : '';
      else if (!isText && PLAIN_NUMBER.test(cell))
        xml += `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${cell}</v></c>`;
      else xml += textCell(ref, cell, style);
    }
    return `${xml}</row>`;
  }

  /**
   * Ends the data sheet and adds the summary sheet (`summary`: rows of text or numbers) and the workbook parts.
   * `sheetName` names the data sheet (the input's sheet, or "Checked").
   */
  async finish(
    sheetName: string,
    summaryName: string,
    summary: readonly (readonly (string | number)[])[],
  ): Promise<void> {
    await this.push('</sheetData></worksheet>');
    await this.sheet.end();
    this.file('xl/worksheets/sheet2.xml', summarySheet(summary));
    this.file('xl/styles.xml', STYLES);
    this.file('xl/workbook.xml', workbookXml([sheetName, summaryName]));
    this.file('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    this.file('_rels/.rels', ROOT_RELS);
    this.file('[Content_Types].xml', CONTENT_TYPES);
    this.zip.end();
    await this.done;
  }

  private file(name: string, xml: string): void {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = ENTRY_TIME;
    this.zip.add(entry);
    entry.push(strToU8(xml), true);
  }
}

function summarySheet(rows: readonly (readonly (string | number)[])[]): string {
  let xml = `${SHEET_START}<cols><col min="1" max="1" width="28" customWidth="1"/><col min="2" max="3" width="14" customWidth="1"/></cols><sheetData>`;
  rows.forEach((cells, r) => {
    xml += `<row r="${r + 1}">`;
    cells.forEach((cell, i) => {
      const ref = `${columnName(i)}${r + 1}`;
      xml += typeof cell === 'number' ? `<c r="${ref}"><v>${cell}</v></c>` : textCell(ref, cell, 0);
    });
    xml += '</row>';
  });
  return `${xml}</sheetData></worksheet>`;
}

/** Excel's limits on sheet names: 31 characters, none of `[]:*?/\`. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';

function workbookXml(names: readonly string[]): string {
  const [data = 'Checked', summary = 'Summary'] = names.map(sheetName);
  const second = summary === data ? `${summary.slice(0, 29)} 2` : summary;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(data).replaceAll('"', '&quot;')}" sheetId="1" r:id="rId1"/><sheet name="${xmlText(second).replaceAll('"', '&quot;')}" sheetId="2" r:id="rId2"/></sheets></workbook>`;
}

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
