import fc from 'fast-check';
import type * as z from 'zod';
import { randomKgPin, randomKzBin, randomKzIin } from '../helpers/identifiers.js';

/**
 * fast-check arbitraries for fuzzing the API: "valid-ish" values derived from a route's zod request
 * schema, and mutations of them that a careless or hostile client might send. Hand-written because
 * zod-fast-check only understands zod 3; this walks the zod 4 definitions the routes actually use.
 */

/** A zod 4 schema's internal definition, as far as this walker reads it. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  valueType?: z.ZodType;
  format?: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number } } }[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Dates at and beyond every edge the contract must handle: epoch, far past and far future, leap days. */
export const edgeDates = [
  '0000-01-01',
  '0001-01-01',
  '0099-12-31',
  '1899-12-31',
  '1900-01-01',
  '1969-12-31',
  '1970-01-01',
  '2000-02-29',
  '2026-02-29',
  '2026-02-31',
  '2100-12-31',
  '2101-01-01',
  '9999-12-31',
  '10000-01-01',
  '+010000-01-01',
  '-000001-01-01',
  '2026-03-10T12:00:00Z',
  '2026-3-1',
  '',
] as const;

const plausibleDate = fc
  .record({
    y: fc.integer({ min: 2018, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const dateString = fc.oneof(
  { weight: 3, arbitrary: plausibleDate },
  { weight: 1, arbitrary: fc.constantFrom(...edgeDates) },
);

/** Identifier-like strings: valid ones, typed with separators, too short, with letters. */
const identifierLike = fc.oneof(
  fc.constant(null).map(() => randomKzIin()),
  fc.constant(null).map(() => randomKzBin()),
  fc.constant(null).map(() => randomKgPin()),
  fc.stringMatching(/^\d{1,16}$/),
  fc.string({ maxLength: 20 }),
);

/** Cursors a client should never send: garbage, base64 of junk, base64 of another tenant's key, too long. */
export const badCursor = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '!!!', 'null', 'e30', 'bnVsbA', 'W10', '%00', 'AAAA'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc
    .record({ pk: fc.constantFrom('T#beta', 'T#alpha', 'T#'), sk: fc.string({ maxLength: 30 }) })
    .map((k) => Buffer.from(JSON.stringify(k)).toString('base64url')),
  fc.constant('A'.repeat(4096)),
);

function checkBound(def: Def, name: 'min_length' | 'max_length'): number | undefined {
  const check = def.checks?.find((c) => c._zod.def.check === name);
  return check ? (name === 'min_length' ? check._zod.def.minimum : check._zod.def.maximum) : undefined;
}

function stringArb(schema: z.ZodType, key: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const s = schema as unknown as { minLength: number | null; maxLength: number | null; format: string | null };
  if (s.format === 'date' || def.format === 'date') return dateString;
  if (key === 'value' || key === 'tin') return identifierLike;
  if (key === 'cursor') return badCursor;
  if (key === 'residence' || key === 'destination') return fc.constantFrom('KZ', 'kg', 'US', 'GB', 'UK', 'XX', '1');
  const regex = def.checks?.map((c) => (c._zod.def as { pattern?: RegExp }).pattern).find((p) => p instanceof RegExp);
  if (regex) return fc.stringMatching(regex);
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
}

function numberArb(schema: z.ZodType): fc.Arbitrary<unknown> {
  const n = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
  const min = Number.isFinite(n.minValue) ? (n.minValue as number) : 0;
  const max = Number.isFinite(n.maxValue) ? (n.maxValue as number) : 1e6;
  if (n.isInt) return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
  return fc.double({ min, max, noNaN: true });
}

/**
 * Values that mostly satisfy `schema` (so the request gets past validation often enough to reach the
 * handler), with every optional field sometimes present and sometimes absent.
 */
function validish(schema: z.ZodType, key = '', depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [name, field] of Object.entries(shape)) {
        fields[name] = validish(field, name, depth + 1);
        if (!['optional', 'default'].includes(defOf(field).type)) required.push(name);
      }
      return fc.record(fields, { requiredKeys: required });
    }
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
      return validish(def.innerType as z.ZodType, key, depth);
    case 'pipe':
      return validish(def.in as z.ZodType, key, depth);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => validish(o, key, depth)));
    case 'array': {
      const minLength = checkBound(def, 'min_length') ?? 0;
      const maxLength = Math.min(checkBound(def, 'max_length') ?? 4, depth > 2 ? 2 : 4);
      return fc.array(validish(def.element as z.ZodType, key, depth + 1), {
        minLength: Math.min(minLength, maxLength),
        maxLength: Math.max(maxLength, minLength),
      });
    }
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'string':
      return stringArb(schema, key);
    case 'number':
      return numberArb(schema);
    case 'boolean':
      return fc.boolean();
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), validish(def.valueType as z.ZodType, key, depth + 1), {
        maxKeys: 3,
      });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Keys that reach `Object.prototype` if a server copies input into a plain object. */
export const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Deeply nested junk: arrays or objects `depth` levels deep. */
const deepNesting = (depth: number, kind: 'array' | 'object'): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
};

/** Values of every JSON type and shape, including the awkward ones. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, '', ' ', '0', 'null', [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '\u202e123',
    'ﬀ',
    '٠١٢٣٤٥٦٧٨٩٠١',
    '１２３４５６７８９０１２',
    '<x/>',
    "'; DROP TABLE",
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(...edgeDates),
  fc.constant('x'.repeat(100_000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(deepNesting(200, 'array'), deepNesting(200, 'object')),
);

/** One change to a JSON value at one place: what a buggy or hostile client does to a good request. */
type Mutation =
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'extra'; at: number; key: string; value: unknown }
  | { op: 'stringify'; at: number }
  | { op: 'wrap'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: junkValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('extra' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...prototypeKeys), fc.string({ maxLength: 12 })),
    value: junkValue,
  }),
  fc.record({ op: fc.constant('stringify' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
);

/** Every container (object or array) in `value` with its keys, depth first; the root comes first. */
function containers(value: unknown, out: { node: Record<string, unknown> | unknown[] }[] = []) {
  if (value !== null && typeof value === 'object') {
    out.push({ node: value as Record<string, unknown> });
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

/** Defines an own property even for `__proto__`, the way JSON.parse would create it. */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies the mutations to a deep copy of `value`. */
function applyMutations(value: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(value);
  for (const m of mutations) {
    const all = containers(root);
    if (all.length === 0) {
      root = m.op === 'replace' ? m.value : root;
      continue;
    }
    const { node } = all[m.at % all.length] as { node: Record<string, unknown> };
    const keys = Object.keys(node);
    const key = keys.length ? (keys[m.at % keys.length] as string) : undefined;
    if (m.op === 'extra') defineOwn(node, Array.isArray(node) ? String(keys.length) : m.key, m.value);
    else if (key === undefined) continue;
    else if (m.op === 'replace') defineOwn(node, key, m.value);
    else if (m.op === 'delete') delete node[key];
    else if (m.op === 'stringify') defineOwn(node, key, JSON.stringify(node[key]) ?? 'undefined');
    else defineOwn(node, key, [node[key]]);
  }
  return root;
}

/** A valid-ish value of `schema`, sometimes untouched, usually mutated one to three times. */
export function mutatedFrom(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      validish(schema),
      fc.oneof(
        { weight: 2, arbitrary: fc.constant([]) },
        { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
      ),
    )
    .map(([value, mutations]) => applyMutations(value, mutations));
}
