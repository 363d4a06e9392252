/**
 * The library section of `npm run bench`: validations per second of `isValidIdentifier` (the fast yes/no path) and
 * `validateIdentifier` (the full decoded result) next to peers, on generated KZ and KG numbers, in one process.
 * Contenders run in interleaved rounds (the order rotates every round) so a load change on the machine hits all
 * alike; each figure is the median round. Also prints the browser bundle size of the identifier functions.
 */
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import stdnumModule from 'stdnum';
import { generateIdentifiers } from '../shared/identifiers/generate.js';
import { isValidIdentifier, validateIdentifier } from '../shared/identifiers/validate.js';
import { bundleForBrowser, IDENTIFIER_ENTRY, kb } from './browser-bundle.js';

/** One contender: checks every value once and returns how many it accepted (so the work cannot be optimised away). */
type Contender = (values: readonly string[]) => number;

// Each contender has its own loop: one loop shared through a callback would make its call site megamorphic,
// so V8 could inline none of them and the fastest would be slowed the most.

const fastPath: Contender = (values) => {
  let accepted = 0;
  for (let i = 0; i < values.length; i++) if (isValidIdentifier(values[i] as string)) accepted++;
  return accepted;
};

const fullResult: Contender = (values) => {
  let accepted = 0;
  for (let i = 0; i < values.length; i++) if (validateIdentifier(values[i] as string).valid) accepted++;
  return accepted;
};

/** The floor: read every digit character and sum them, nothing else. No validator can be faster than this. */
const floor: Contender = (values) => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    for (let j = 0; j < v.length; j++) sum += v.charCodeAt(j) - 48;
  }
  return sum;
};

/** stdnum-js has no KZ or KG module: its Russian INN (also 12 checksummed digits) is the nearest peer. */
function stdnumRuInn(): Contender {
  const inn = stdnumModule.stdnum.RU?.inn;
  if (!inn) throw new Error('stdnum has no RU.inn validator');
  return (values) => {
    let accepted = 0;
    for (let i = 0; i < values.length; i++) if (inn.validate(values[i] as string).isValid) accepted++;
    return accepted;
  };
}

/**
 * npm `inn-validate` (a KZ IIN/BIN validator) ships ES module syntax without `"type": "module"` or file extensions,
 * so Node cannot load it as published: bundle it in memory with esbuild and import the result from a data: URL.
 */
async function innValidate(): Promise<Contender> {
  const entry = createRequire(import.meta.url).resolve('inn-validate');
  const out = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false });
  const code = out.outputFiles[0]?.text ?? '';
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    validateINN: (params: { identificationNumber: string }) => boolean;
  };
  return (values) => {
    let accepted = 0;
    for (let i = 0; i < values.length; i++)
      if (mod.validateINN({ identificationNumber: values[i] as string })) accepted++;
    return accepted;
  };
}

/** Half IINs, half BINs (KZ) or half organisation INNs, half PINs (KG), interleaved; all valid. */
function dataset(country: 'KZ' | 'KG', count: number): string[] {
  const half = Math.ceil(count / 2);
  const [a, b] =
    country === 'KZ'
      ? [
          generateIdentifiers(half, { country, kind: 'IIN', seed: 1 }),
          generateIdentifiers(half, { country, kind: 'BIN', seed: 2 }),
        ]
      : [
          generateIdentifiers(half, { country, kind: 'INN', seed: 3 }),
          generateIdentifiers(half, { country, kind: 'PIN', seed: 4 }),
        ];
  const values: string[] = [];
  for (let i = 0; i < half && values.length < count; i++) values.push(a[i] as string, b[i] as string);
  // Flat strings, as a file parser hands them over (the generator's concatenations leave rope strings behind).
  return JSON.parse(JSON.stringify(values.slice(0, count))) as string[];
}

interface Measured {
  name: string;
  perSecond: number;
  accepted: number;
}

/** Runs every contender once per round, rotating the order; returns each one's median rate. */
function interleaved(values: readonly string[], contenders: Record<string, Contender>, rounds: number): Measured[] {
  const names = Object.keys(contenders);
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const accepted: Record<string, number> = {};
  for (const name of names) accepted[name] = (contenders[name] as Contender)(values.slice(0, 10_000)); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length] as string;
      const started = performance.now();
      accepted[name] = (contenders[name] as Contender)(values);
      rates[name]?.push(values.length / ((performance.now() - started) / 1000));
    }
  }
  return names.map((name) => ({ name, perSecond: median(rates[name] ?? []), accepted: accepted[name] ?? 0 }));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rate = (n: number): string => `${(n / 1e6).toFixed(2).padStart(7)} M/s`;
const times = (a: number, b: number): string => `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`;

function printRates(title: string, count: number, measured: Measured[], validValues: string): void {
  console.log(`\n${title}, ${count.toLocaleString('en-US')} values (${validValues})`);
  for (const m of measured) console.log(`  ${m.name.padEnd(34)} ${rate(m.perSecond)}   accepted ${m.accepted}`);
}

/** Prints the figures of the library section. */
export async function benchLibrary(options: { count: number; rounds: number }): Promise<void> {
  const { count, rounds } = options;
  const kz = dataset('KZ', count);
  const kg = dataset('KG', count);
  const ours = { 'isValidIdentifier (fast path)': fastPath, 'validateIdentifier (full result)': fullResult };
  const kzRates = interleaved(
    kz,
    {
      ...ours,
      'stdnum RU.inn.validate': stdnumRuInn(),
      'inn-validate validateINN': await innValidate(),
      'floor (read + sum 12 digits)': floor,
    },
    rounds,
  );
  const kgRates = interleaved(kg, { ...ours, 'floor (read + sum 14 digits)': floor }, rounds);
  printRates('Library, KZ IIN/BIN', count, kzRates, 'half IIN, half BIN, all valid');
  printRates('Library, KG INN/PIN', count, kgRates, 'half INN, half PIN, all valid');

  const [fastKz, fullKz, stdnum, , floorKz] = kzRates.map((m) => m.perSecond) as number[];
  const [fastKg, fullKg, floorKg] = kgRates.map((m) => m.perSecond) as number[];
  console.log('  ratios (median of interleaved rounds):');
  console.log(
    `    KZ fast path vs stdnum ${times(fastKz as number, stdnum as number)} (target ≥ 100×); vs floor: floor is ${times(floorKz as number, fastKz as number)} faster (target ≤ 1.5×)`,
  );
  console.log(`    KZ full result vs stdnum ${times(fullKz as number, stdnum as number)} (target ≥ 30×)`);
  console.log(
    `    KG fast path vs stdnum (12-digit KZ set) ${times(fastKg as number, stdnum as number)}; vs floor: floor is ${times(floorKg as number, fastKg as number)} faster`,
  );
  console.log(`    KG full result vs stdnum (12-digit KZ set) ${times(fullKg as number, stdnum as number)}`);

  const bundle = await bundleForBrowser(IDENTIFIER_ENTRY);
  console.log(
    `  browser bundle of validateIdentifier + isValidIdentifier + generateIdentifier: ${kb(bundle.minBytes)} min, ${kb(bundle.gzipBytes)} min+gzip (target ≤ 25 KB)`,
  );
}
