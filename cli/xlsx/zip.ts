import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Inflate } from 'fflate';

/** One file inside the zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two methods XLSX writers use). */
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The archive is not a zip, or one this reader cannot read (encrypted, unknown compression). */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The EOCD record (22 bytes) may be followed by a comment of up to 65 535 bytes. */
const EOCD_SEARCH = 22 + 0xffff;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new ZipError('truncated zip archive');
  return buffer;
}

/**
 * Lists a zip's entries from its central directory (end-of-central-directory record → entries), so parts
 * are found wherever the writer put them — unlike a reader that walks local headers front to back.
 */
export async function readCentralDirectory(file: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, size - EOCD_SEARCH);
  const tail = await readAt(file, tailStart, size - tailStart);
  let at = tail.length - 22;
  while (at >= 0 && tail.readUInt32LE(at) !== EOCD) at--;
  if (at < 0) throw new ZipError('not a zip archive (no end-of-central-directory record)');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (directoryOffset === 0xffffffff || count === 0xffff) {
    ({ count, directorySize, directoryOffset } = await readZip64End(file, tail, at, tailStart));
  }
  return parseEntries(await readAt(file, directoryOffset, directorySize), count);
}

/** Zip64: the EOCD's fields overflowed; the real ones are in the zip64 record its locator points at. */
async function readZip64End(file: FileHandle, tail: Buffer, eocdAt: number, tailStart: number) {
  const locatorAt = eocdAt - 20;
  if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR) throw new ZipError('broken zip64 archive');
  const record = await readAt(file, Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
  if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError(`broken zip64 archive near byte ${tailStart}`);
  return {
    count: Number(record.readBigUInt64LE(32)),
    directorySize: Number(record.readBigUInt64LE(40)),
    directoryOffset: Number(record.readBigUInt64LE(48)),
  };
}

function parseEntries(directory: Buffer, count: number): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (directory.readUInt32LE(at) !== CENTRAL_ENTRY) throw new ZipError('broken zip central directory');
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name,
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    if (flags & 1) throw new ZipError(`${name} is encrypted`);
    applyZip64Extra(entry, directory, at + 46 + nameLength, extraLength, directory.readUInt32LE(at + 24));
    entries.set(name.replace(/^\//, ''), entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets of 0xFFFFFFFF live in the zip64 extra field (id 1), in a fixed order, only those overflowed. */
function applyZip64Extra(entry: ZipEntry, directory: Buffer, start: number, length: number, uncompressed: number) {
  for (let at = start; at + 4 <= start + length; ) {
    const id = directory.readUInt16LE(at);
    const size = directory.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      if (uncompressed === 0xffffffff) field += 8;
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = Number(directory.readBigUInt64LE(field));
        field += 8;
      }
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = Number(directory.readBigUInt64LE(field));
      return;
    }
    at += 4 + size;
  }
}

/**
 * An entry's uncompressed bytes, streamed: the compressed range is read in 64 KiB pieces and inflated as it
 * comes, so a large sheet never sits in memory whole. `onRead` reports compressed bytes consumed (progress).
 */
export async function* entryBytes(
  path: string,
  file: FileHandle,
  entry: ZipEntry,
  onRead?: (compressedBytes: number) => void,
): AsyncGenerator<Uint8Array> {
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
  }
  const local = await readAt(file, entry.localHeaderOffset, 30);
  if (local.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipError(`broken zip entry ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return;
  const pending: Uint8Array[] = [];
  const inflate = entry.method === 8 ? new Inflate((data) => pending.push(data)) : undefined;
  const input = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 });
  let read = 0;
  for await (const piece of input as AsyncIterable<Buffer>) {
    read += piece.length;
    onRead?.(read);
    if (!inflate) {
      yield piece;
      continue;
    }
    inflate.push(piece, read === entry.compressedSize);
    yield* pending.splice(0);
  }
}
