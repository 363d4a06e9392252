import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { say } from './lang.js';
import { InputError } from './table.js';

/**
 * Text encodings of supplier lists as 1C, bank portals and Excel write them: UTF-8 (with or without BOM),
 * UTF-16 LE/BE with a BOM (Excel's "Unicode text"), and Windows-1251 (1C and older Excel "CSV" exports).
 * Decoding never replaces a character: bytes that do not decode are an {@link InputError} (exit 2).
 */
export interface TextEncoding {
  /** The canonical name: `utf-8`, `utf-16le`, `utf-16be`, `windows-1251`, or another name iconv-lite knows. */
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
  if (iconv.encodingExists(key)) return key;
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
  const text = isNative(encoding.name)
    ? new TextDecoder(encoding.name).decode(head)
    : iconv.decode(Buffer.from(head), encoding.name);
  return text.replace(/^\uFEFF/, '');
}

const isNative = (name: string) => name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be';

/**
 * A stream that decodes bytes into strings (object mode), strict: UTF-8 and UTF-16 through `TextDecoder` with
 * `fatal: true`, other encodings through iconv-lite with any U+FFFD (a byte the encoding does not define) refused.
 * `bytesIn` counts the bytes consumed, for progress by bytes (a decoded string's length is not a byte count).
 */
export class DecodeStream extends Transform {
  bytesIn = 0;
  private readonly decode: (bytes: Buffer, end: boolean) => string;

  constructor(
    private readonly encoding: TextEncoding,
    private readonly path: string,
  ) {
    super({ readableObjectMode: true });
    if (isNative(encoding.name)) {
      const decoder = new TextDecoder(encoding.name, { fatal: true });
      this.decode = (bytes, end) => decoder.decode(bytes, { stream: !end });
    } else {
      const decoder = iconv.getDecoder(encoding.name);
      this.decode = (bytes, end) => (end ? (decoder.end() ?? '') : decoder.write(bytes));
    }
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
      text = this.decode(bytes, end);
    } catch {
      done(this.undecodable());
      return;
    }
    if (!isNative(this.encoding.name) && text.includes('\uFFFD')) {
      done(this.undecodable());
      return;
    }
    this.bytesIn += bytes.length;
    if (text) this.push(text);
    done();
  }

  private undecodable(): InputError {
    return new InputError(
      say('cli.error.undecodable', { file: this.path, encoding: this.encoding.name, byte: this.bytesIn }),
    );
  }
}

/** Which UTF-16 code units Windows-1251 can write (built from its own table), for the check before encoding. */
let cp1251Table: Uint8Array | undefined;
function table1251(): Uint8Array {
  if (!cp1251Table) {
    cp1251Table = new Uint8Array(65_536);
    const all = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'windows-1251');
    for (const c of all) if (c !== '\uFFFD') cp1251Table[c.charCodeAt(0)] = 1;
  }
  return cp1251Table;
}

/** The first character of `text` Windows-1251 cannot write, or `undefined` (a table lookup: this runs on every chunk). */
function missingIn1251(text: string): string | undefined {
  const table = table1251();
  for (let i = 0; i < text.length; i++) {
    if (table[text.charCodeAt(i)] !== 1)
      return text.codePointAt(i) === undefined ? text[i] : String.fromCodePoint(text.codePointAt(i) ?? 0);
  }
  return undefined;
}

/** Turns output text into bytes of one encoding; a character the encoding cannot hold is an error, never a `?`. */
export interface TextEncoder1 {
  /** The BOM to write first (empty when none). */
  preamble: Buffer;
  encode(text: string): Buffer | string;
}

/** The encoder of `encoding`, with its BOM when `bom`. UTF-8 stays a string (the file stream encodes it). */
export function textEncoder(encoding: TextEncoding): TextEncoder1 {
  const preamble = encoding.bom ? (BOMS[encoding.name] ?? Buffer.alloc(0)) : Buffer.alloc(0);
  if (encoding.name === 'utf-8') return { preamble, encode: (text) => text };
  const strict = encoding.name === 'windows-1251';
  const encoder = iconv.getEncoder(encoding.name, { addBOM: false });
  return {
    preamble,
    encode: (text) => {
      const bad = strict ? missingIn1251(text) : undefined;
      if (bad) throw new InputError(say('cli.error.unencodable', { char: bad, encoding: encoding.name }));
      return encoder.write(text);
    },
  };
}

/** Whether every character of `text` can be written in `encoding` (for choosing an output encoding up front). */
export function canEncode(text: string, encoding: string): boolean {
  return encoding !== 'windows-1251' || missingIn1251(text) === undefined;
}
