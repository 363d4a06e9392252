import type { FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { parseXml } from './xml.js';
import { entryBytes, type ZipEntry, ZipError } from './zip.js';

/** A workbook's sheets in tab order, each with the zip part that holds it, and its shared-strings part. */
export interface WorkbookParts {
  sheets: { name: string; part: string }[];
  sharedStrings?: string;
  styles?: string;
  /** Dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30. */
  date1904: boolean;
}

interface Relationship {
  type: string;
  target: string;
}

/** The parts of one open zip, by name; parts are read through the central directory, in any order. */
export class Parts {
  constructor(
    readonly path: string,
    readonly file: FileHandle,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  get(name: string): ZipEntry {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipError(`no ${name} in the workbook`);
    return entry;
  }

  bytes(name: string, onRead?: (compressedBytes: number) => void): AsyncGenerator<Uint8Array> {
    return entryBytes(this.path, this.file, this.get(name), onRead);
  }
}

/** Relationships of a part (`dir/_rels/name.rels`) by id, targets resolved to part names. */
async function relationships(parts: Parts, owner: string): Promise<Map<string, Relationship>> {
  const dir = posix.dirname(owner);
  const relsName = posix.join(dir, '_rels', `${posix.basename(owner)}.rels`);
  const found = new Map<string, Relationship>();
  if (!parts.entries.has(relsName)) return found;
  await parseXml(parts.bytes(relsName), {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
      const target = attributes.Target ?? '';
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
      found.set(attributes.Id ?? '', { type: attributes.Type ?? '', target: resolved });
    },
    text: () => undefined,
    close: () => undefined,
  });
  return found;
}

const ofType = (rels: Map<string, Relationship>, suffix: string) =>
  [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;

/** Reads `_rels/.rels` → the workbook part → its sheets (name, relationship id) and their relationships. */
export async function readWorkbookParts(parts: Parts): Promise<WorkbookParts> {
  const workbook = ofType(await relationships(parts, ''), '/officeDocument') ?? 'xl/workbook.xml';
  const listed: { name: string; id: string }[] = [];
  let date1904 = false;
  await parseXml(parts.bytes(workbook), {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet') return;
      // The relationship id is `r:id` under whatever prefix the writer chose.
      const id = Object.entries(attributes).find(([key]) => key === 'id' || key.endsWith(':id'))?.[1] ?? '';
      listed.push({ name: attributes.name ?? '', id });
    },
    text: () => undefined,
    close: () => undefined,
  });
  const rels = await relationships(parts, workbook);
  const sheets = listed.map((s) => ({ name: s.name, part: rels.get(s.id)?.target ?? '' }));
  const sharedStrings = ofType(rels, '/sharedStrings');
  const styles = ofType(rels, '/styles');
  return {
    sheets,
    date1904,
    ...(sharedStrings && parts.entries.has(sharedStrings) ? { sharedStrings } : {}),
    ...(styles && parts.entries.has(styles) ? { styles } : {}),
  };
}

/**
 * The shared-string table, streamed: each `si` is its text runs joined (`t` directly or inside rich-text
 * `r` runs), phonetic guides (`rPh`) left out as Excel shows them.
 */
export async function readSharedStrings(parts: Parts, name: string): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await parseXml(parts.bytes(name), {
    open(tag) {
      if (tag === 'si') current = '';
      else if (tag === 'rPh') inPhonetic = true;
      else if (tag === 't' && !inPhonetic) inText = true;
    },
    text(text) {
      if (inText) current += text;
    },
    close(tag) {
      if (tag === 't') inText = false;
      else if (tag === 'rPh') inPhonetic = false;
      else if (tag === 'si') strings.push(current);
    },
  });
  return strings;
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, and the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** A custom format shows a date when it has date/time letters outside quotes, escapes and `[...]` sections. */
const isDateFormat = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));

/**
 * Which cell styles (`cellXfs` index, a cell's `s`) format numbers as dates: a date cell holds a day
 * number, and is read as the date Excel shows rather than that number.
 */
export async function readDateStyles(parts: Parts, name: string): Promise<boolean[]> {
  const customDates = new Set<number>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parseXml(parts.bytes(name), {
    open(tag, attributes) {
      const id = Number(attributes.numFmtId);
      if (tag === 'numFmt' && isDateFormat(attributes.formatCode ?? '')) customDates.add(id);
      else if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) styles.push(DATE_FORMAT_IDS.has(id) || customDates.has(id));
    },
    text: () => undefined,
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}
