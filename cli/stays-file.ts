import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Stay } from '../shared/residency/kz.js';
import { InputError } from './readers.js';

const ENTRY_HEADERS = ['entry', 'arrival', 'from', 'въезд', 'прибытие'];
const EXIT_HEADERS = ['exit', 'departure', 'to', 'выезд', 'убытие'];

/** Reads stays from a CSV with entry/exit columns (YYYY-MM-DD; an empty exit means still in Kazakhstan). */
export async function readStaysCsv(path: string): Promise<Stay[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`cannot read ${path}: no such file`);
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header) throw new InputError(`${path} is empty: expected a header with entry and exit columns`);
  const names = header.map((h) => h.trim().toLowerCase());
  const entry = names.findIndex((n) => ENTRY_HEADERS.includes(n));
  const exit = names.findIndex((n) => EXIT_HEADERS.includes(n));
  if (entry < 0 || exit < 0)
    throw new InputError(`${path} needs "entry" and "exit" columns (header: ${header.join(', ')})`);
  return rows.map((row, i) => {
    const from = (row[entry] ?? '').trim();
    const to = (row[exit] ?? '').trim();
    for (const [value, what] of [
      [from, 'entry'],
      [to, 'exit'],
    ] as const) {
      if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value))
        throw new InputError(`line ${i + 2}: ${what} "${value}" is not a YYYY-MM-DD date`);
    }
    if (!from) throw new InputError(`line ${i + 2}: the entry date is missing`);
    return to ? { entry: from, exit: to } : { entry: from };
  });
}
