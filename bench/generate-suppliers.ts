/**
 * Writes a realistic supplier list for benchmarks: mostly valid KZ BINs/IINs and KG INNs/PINs, with the
 * mistakes accountants really meet (lost leading zeros, typos, separators). Deterministic for a given seed.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { kzCheckDigit } from '../shared/identifiers/kz.js';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same file. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function supplierRowFactory(seed = 42) {
  const r = random(seed);
  const int = (n: number) => Math.floor(r() * n);
  const kz = (prefix: string) => {
    for (;;) {
      const body = prefix + pad(int(10 ** (11 - prefix.length)), 11 - prefix.length);
      const check = kzCheckDigit(body);
      if (check !== null) return body + check;
    }
  };
  const bin = () => kz(`${pad(int(26), 2)}${pad(1 + int(12), 2)}4${int(3)}`);
  const iin = () => kz(`${pad(int(100), 2)}${pad(1 + int(12), 2)}${pad(1 + int(28), 2)}${3 + int(4)}`);
  const kgDate = () => `${pad(1 + int(28), 2)}${pad(1 + int(12), 2)}${1950 + int(70)}`;
  const kgInn = () => `0${kgDate()}${pad(int(100_000), 5)}`;
  const kgPin = () => `${1 + int(2)}${kgDate()}${pad(int(100_000), 5)}`;
  return (i: number): string => {
    const roll = r();
    let tin: string;
    if (roll < 0.45) tin = bin();
    else if (roll < 0.65) tin = iin();
    else if (roll < 0.8) tin = kgInn();
    else if (roll < 0.9) tin = kgPin();
    else if (roll < 0.94)
      tin = (r() < 0.5 ? iin() : kgInn()).replace(/^0/, '') || '0'; // spreadsheet dropped a zero
    else if (roll < 0.97) {
      const v = bin();
      const at = int(12);
      tin = v.slice(0, at) + ((Number(v[at]) + 1 + int(8)) % 10) + v.slice(at + 1); // a typo
    } else tin = `${bin().slice(0, 6)} ${bin().slice(6)}`; // typed with a space
    return `Supplier ${i} LLP,${tin},${r() < 0.5 ? 'Almaty' : 'Bishkek'}\n`;
  };
}

/** Writes `rows` data rows plus a header to `path`. */
export async function writeSupplierCsv(path: string, rows: number, seed = 42): Promise<void> {
  const out = createWriteStream(path);
  const row = supplierRowFactory(seed);
  out.write('name,tin,city\n');
  let buffer = '';
  for (let i = 1; i <= rows; i++) {
    buffer += row(i);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
