/**
 * Writes text in a single-byte encoding (Windows-1251) the way the CLI does (cli/encoding.ts): the table is the
 * inverse of the platform's own decoder, and a character the encoding lacks makes the whole text unencodable.
 */
export function encodeSingleByte(text: string, encoding: string): Uint8Array | undefined {
  const chars = new TextDecoder(encoding).decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  const table = new Int16Array(65_536).fill(-1);
  for (let byte = 255; byte >= 0; byte--) if (chars[byte] !== '\uFFFD') table[chars.charCodeAt(byte)] = byte;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = table[text.charCodeAt(i)] ?? -1;
    if (byte < 0) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}
