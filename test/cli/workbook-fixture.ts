import { strToU8, zipSync } from 'fflate';

/**
 * Minimal XLSX workbooks written part by part with fflate's `zipSync`, so a test controls what Excel and
 * other writers vary: the order of the zip's parts, shared vs inline strings, how a number is stored,
 * row numbers with gaps, and stored or deflated entries. No binary fixtures in the repository.
 */

/**
 * A cell: text (a shared string), a number (stored as `<v>`), `null` (no cell: a gap), or raw parts of `c`:
 * `si` is a shared string's raw inner XML (rich runs, phonetic guides), `r: ''` leaves the reference out.
 */
type FixtureCell =
  | string
  | number
  | null
  | { t?: string; v?: string; is?: string; f?: string; r?: string; si?: string; s?: number };

interface FixtureRow {
  /** The row number (`r`); consecutive after the previous row when left out. */
  r?: number;
  cells: FixtureCell[];
}

export interface FixtureSheet {
  name: string;
  rows: (FixtureCell[] | FixtureRow)[];
}

export interface FixtureOptions {
  /** The zip's part order: `sheets-last` is Excel's (shared strings before the sheets); `strings-last` trips streaming readers. */
  order?: 'sheets-last' | 'strings-last';
  /** 0 stores the parts uncompressed. */
  level?: 0 | 6;
  /** Write the workbook's own relationship ids with this namespace prefix (default `r`). */
  relPrefix?: string;
  /** Add a styles part whose cell styles are 0 General, 1 built-in date (14), 2 custom `dd.mm.yyyy`, 3 custom `0" шт"`. */
  styles?: boolean;
  date1904?: boolean;
}

const xmlText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const column = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + column(i % 26);

function cellXml(cell: FixtureCell, ref: string, shared: Map<string, number>): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === 'string' || cell.si !== undefined) {
    const si = typeof cell === 'string' ? `<t xml:space="preserve">${xmlText(cell)}</t>` : (cell.si ?? '');
    if (!shared.has(si)) shared.set(si, shared.size);
    return `<c r="${ref}" t="s"><v>${shared.get(si)}</v></c>`;
  }
  const t = (cell.t ? ` t="${cell.t}"` : '') + (cell.s !== undefined ? ` s="${cell.s}"` : '');
  const r = cell.r === '' ? '' : ` r="${cell.r ?? ref}"`;
  const f = cell.f !== undefined ? `<f>${xmlText(cell.f)}</f>` : '';
  const body = cell.is !== undefined ? `<is>${cell.is}</is>` : cell.v !== undefined ? `<v>${xmlText(cell.v)}</v>` : '';
  return `<c${r}${t}>${f}${body}</c>`;
}

function sheetXml(sheet: FixtureSheet, shared: Map<string, number>): string {
  let next = 1;
  const rows = sheet.rows.map((spec) => {
    const row = Array.isArray(spec) ? { cells: spec } : spec;
    const r = row.r ?? next;
    next = r + 1;
    const cells = row.cells.map((c, i) => cellXml(c, `${column(i)}${r}`, shared)).join('');
    return `<row r="${r}">${cells}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The workbook's bytes. */
export function workbookBytes(sheets: FixtureSheet[], options: FixtureOptions = {}): Uint8Array {
  const p = options.relPrefix ?? 'r';
  const shared = new Map<string, number>();
  const sheetParts: Record<string, Uint8Array> = {};
  sheets.forEach((s, i) => {
    sheetParts[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, shared));
  });
  const strings = [...shared.keys()].map((si) => `<si>${si}</si>`).join('');
  const sheetList = sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" ${p}:id="rId${i + 1}"/>`);
  const sheetRels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const head: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:${p}="${REL}">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheetList.join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels.join('')}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
  };
  const stringsPart = {
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.size}" uniqueCount="${shared.size}">${strings}</sst>`,
    ),
  };
  if (options.styles) {
    head['xl/styles.xml'] = strToU8(
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/><numFmt numFmtId="165" formatCode="0&quot; шт&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>',
    );
    head['xl/_rels/workbook.xml.rels'] = strToU8(
      new TextDecoder()
        .decode(head['xl/_rels/workbook.xml.rels'])
        .replace(
          '</Relationships>',
          `<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
        ),
    );
  }
  const parts =
    options.order === 'strings-last'
      ? { ...sheetParts, ...head, ...stringsPart }
      : { ...head, ...stringsPart, ...sheetParts };
  return zipSync(parts, { level: options.level ?? 6 });
}

/** The names of a zip's parts in the order they are stored (local headers, front to back). */
export function zipOrder(bytes: Uint8Array): string[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let at = 0; view.readUInt32LE(at) === 0x04034b50; ) {
    const nameLength = view.readUInt16LE(at + 26);
    names.push(view.toString('utf8', at + 30, at + 30 + nameLength));
    at += 30 + nameLength + view.readUInt16LE(at + 28) + view.readUInt32LE(at + 18);
  }
  return names;
}
