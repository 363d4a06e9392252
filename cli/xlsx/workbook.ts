import type { FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { dateStylesOf, sharedStringsOf } from './part-readers.js';
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

/** The shared-string table (see {@link sharedStringsOf}). */
export function readSharedStrings(parts: Parts, name: string): Promise<string[]> {
  return sharedStringsOf(parts.bytes(name));
}

/** Which cell styles format numbers as dates (see {@link dateStylesOf}). */
export function readDateStyles(parts: Parts, name: string): Promise<boolean[]> {
  return dateStylesOf(parts.bytes(name));
}
