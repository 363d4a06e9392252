import { Transform, type TransformCallback } from 'node:stream';
import { say } from './lang.js';
import { InputError } from './table.js';

/**
 * Text encodings of supplier lists as 1C, bank portals and Excel write them: UTF-8 (with or without BOM),
 * UTF-16 LE/BE with a BOM (Excel's "Unicode text"), and Windows-1251 (1C and older Excel "CSV" exports).
 * Decoding never replaces a character: bytes that do not decode are an {@link InputError} (exit 2).
 *
 * The codecs are the platform's (WHATWG `TextDecoder`, ICU underneath — the same in Node and the browser): no
 * codec tables ship with the package. Output in a legacy single-byte encoding inverts that encoding's own
 * decoding table.
 */
export interface TextEncoding {
  /** The canonical name: `utf-8`, `utf-16le`, `utf-16be`, `windows-1251`, or another single-byte WHATWG label. */
  name: string;
  /** The input started with a byte order mark (written back when the output keeps the encoding). */
  bom: boolean;
}

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  ucs2: 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
  cp1251: 'windows-1251',
  'windows-1251': 'windows-1251',
  win1251: 'windows-1251',
  1251: 'windows-1251',
};

const BOMS: Record<string, Buffer> = {
  'utf-8': Buffer.from([0xef, 0xbb, 0xbf]),
  'utf-16le': Buffer.from([0xff, 0xfe]),
  'utf-16be': Buffer.from([0xfe, 0xff]),
};

/** An encoding name as a user types it (`cp1251`, `UTF-16`, `utf8`) → its canonical name; unknown names are an input error. */
export function encodingName(raw: string): string {
  const key = raw.trim().toLowerCase();
  const name = ALIASES[key] ?? ALIASES[key.replaceAll('_', '-')];
  if (name) return name;
  if (singleByteTable(key)) return key;
  throw new InputError(`unknown encoding "${raw}": use utf-8, utf-16le, utf-16be or cp1251`);
}

/**
 * The encoding of a file from its first bytes: a BOM decides; UTF-16 without a BOM is recognised by its zero
 * bytes; otherwise valid UTF-8 is UTF-8 and anything else Windows-1251 (the only other encoding Kazakh and
 * Kyrgyz office software writes by default). `forced` (`--encoding`) wins, a BOM of that encoding still skipped.
 */
export function detectEncoding(head: Uint8Array, forced?: string): TextEncoding {
  const fromBom = bomOf(head);
  if (forced) {
    const name = encodingName(forced);
    return { name, bom: fromBom === name };
  }
  if (fromBom) return { name: fromBom, bom: true };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { name: utf16, bom: false };
  return { name: isUtf8(head) ? 'utf-8' : 'windows-1251', bom: false };
}

function bomOf(head: Uint8Array): string | undefined {
  for (const [name, bom] of Object.entries(BOMS)) {
    if (head.length >= bom.length && bom.every((b, i) => head[i] === b)) return name;
  }
  return undefined;
}

/** Mostly-ASCII text in UTF-16 has a zero in every other byte. */
function utf16WithoutBom(head: Uint8Array): string | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Valid UTF-8, a sequence cut off at the end of the sample allowed. */
function isUtf8(head: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The start of a file as text, for sniffing the delimiter: never fails (a sample may end mid-character). */
export function decodeSample(head: Uint8Array, encoding: TextEncoding): string {
  return new TextDecoder(encoding.name).decode(head).replace(/^\uFEFF/, '');
}

/**
 * A stream that decodes bytes into strings (object mode), strict: `TextDecoder` with `fatal: true`, so a byte the
 * encoding does not define is refused, never replaced.
 * `bytesIn` counts the bytes consumed, for progress by bytes (a decoded string's length is not a byte count).
 */
export class DecodeStream extends Transform {
  bytesIn = 0;
  /** A `\r` that ended the last piece, held for the next. */
  private held = '';
  private readonly decode: (bytes: Buffer, end: boolean) => string;

  constructor(
    private readonly encoding: TextEncoding,
    private readonly path: string,
  ) {
    super({ readableObjectMode: true });
    const decoder = new TextDecoder(encoding.name, { fatal: true });
    this.decode = (bytes, end) => decoder.decode(bytes, { stream: !end });
  }

  override _transform(bytes: Buffer, _: BufferEncoding, done: TransformCallback): void {
    this.push1(bytes, false, done);
  }

  override _flush(done: TransformCallback): void {
    this.push1(Buffer.alloc(0), true, done);
  }

  private push1(bytes: Buffer, end: boolean, done: TransformCallback): void {
    let text: string;
    try {
      text = this.held + this.decode(bytes, end);
    } catch {
      done(this.undecodable());
      return;
    }
    this.bytesIn += bytes.length;
    // A piece never ends between the `\r` and `\n` of a line break: papaparse's streaming parse would flag a
    // quoted last cell before such a break as "Trailing quote on quoted field is malformed".
    this.held = !end && text.endsWith('\r') ? '\r' : '';
    if (this.held) text = text.slice(0, -1);
    if (text) this.push(text);
    done();
  }

  private undecodable(): InputError {
    return new InputError(
      say('cli.error.undecodable', { file: this.path, encoding: this.encoding.name, byte: this.bytesIn }),
    );
  }
}

/**
 * The byte of each UTF-16 code unit in a single-byte encoding (-1: cannot be written), built by decoding all 256
 * bytes with the platform's codec; `undefined` for a label that is not a single-byte encoding.
 */
const singleByteTables = new Map<string, Int16Array | undefined>();
function singleByteTable(name: string): Int16Array | undefined {
  if (name.startsWith('utf')) return undefined; // Unicode encodings are written by their own encoders
  if (!singleByteTables.has(name)) {
    let table: Int16Array | undefined;
    try {
      const chars = new TextDecoder(name).decode(Uint8Array.from({ length: 256 }, (_, i) => i));
      if (chars.length === 256) {
        table = new Int16Array(65_536).fill(-1);
        for (let byte = 255; byte >= 0; byte--) if (chars[byte] !== '\uFFFD') table[chars.charCodeAt(byte)] = byte;
      }
    } catch {
      table = undefined; // not a label the platform knows
    }
    singleByteTables.set(name, table);
  }
  return singleByteTables.get(name);
}

/** The first character of `text` a single-byte table cannot write, or `undefined` (runs on every chunk). */
function missingIn(table: Int16Array, text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    if (table[text.charCodeAt(i)] === -1) return String.fromCodePoint(text.codePointAt(i) ?? 0);
  }
  return undefined;
}

/**
 * `parts`, one after another, in a single-byte encoding, or `undefined` when a character cannot be written: one
 * pass, the check and the lookup together, straight from the pieces (no joined copy of a chunk's ~100 000 characters).
 */
function encodeSingleByte(table: Int16Array, parts: readonly string[]): Buffer | undefined {
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const part of parts) {
    if (writeSingleByte(table, part, bytes, at) < 0) return undefined;
    at += part.length;
  }
  return bytes;
}

/** `text` into `target` at `at` by a single-byte table: the bytes written, or -1 at a character it cannot write. */
function writeSingleByte(table: Int16Array, text: string, target: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) {
    const byte = table[text.charCodeAt(i)] as number;
    if (byte < 0) return -1;
    target[at + i] = byte;
  }
  return text.length;
}

/** UTF-16 big-endian bytes of `text`. */
function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** Turns output text into bytes of one encoding; a character the encoding cannot hold is an error, never a `?`. */
export interface TextEncoder1 {
  /** The BOM to write first (empty when none). */
  preamble: Buffer;
  encode(text: string): Buffer | string;
  /** `parts` as if joined: a chunk of output lines in one call (single-byte output encodes them without the join). */
  encodeAll(parts: readonly string[]): Buffer | string;
}

/** The encoder of `encoding`, with its BOM when `bom`. UTF-8 stays a string (the file stream encodes it). */
export function textEncoder(encoding: TextEncoding): TextEncoder1 {
  const preamble = encoding.bom ? (BOMS[encoding.name] ?? Buffer.alloc(0)) : Buffer.alloc(0);
  const joined = (encode: (text: string) => Buffer | string) => ({
    preamble,
    encode,
    encodeAll: (parts: readonly string[]) => encode(parts.join('')),
  });
  if (encoding.name === 'utf-8') return joined((text) => text);
  if (encoding.name === 'utf-16le') return joined((text) => Buffer.from(text, 'utf16le'));
  if (encoding.name === 'utf-16be') return joined(utf16be);
  const table = singleByteTable(encoding.name);
  if (!table)
    throw new InputError(`cannot write the encoding "${encoding.name}": use utf-8, utf-16le, utf-16be or cp1251`);
  const encodeAll = (parts: readonly string[]) => {
    const bytes = encodeSingleByte(table, parts);
    if (bytes) return bytes;
    let bad: string | undefined;
    for (const part of parts) bad ??= missingIn(table, part);
    throw new InputError(say('cli.error.unencodable', { char: bad ?? '\uFFFD', encoding: encoding.name }));
  };
  return { preamble, encode: (text) => encodeAll([text]), encodeAll };
}

/** Whether every character of `text` can be written in `encoding` (for choosing an output encoding up front). */
export function canEncode(text: string, encoding: string): boolean {
  const table = singleByteTable(encoding);
  return table === undefined || missingIn(table, text) === undefined;
}

/**
 * Writes text straight into a buffer in UTF-8 or a single-byte encoding (the byte lane's result columns, row after
 * row, with no buffer of their own): the bytes written, or -1 when a character cannot be written (the caller then
 * reports it as {@link textEncoder} does). `undefined` for other encodings. The target needs room for three bytes a
 * character.
 */
export function encodeInto(name: string): ((text: string, target: Buffer, at: number) => number) | undefined {
  if (name === 'utf-8') return (text, target, at) => target.write(text, at, 'utf8');
  const table = singleByteTable(name);
  if (!table) return undefined;
  return (text, target, at) => writeSingleByte(table, text, target, at);
}
