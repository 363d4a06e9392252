/**
 * Zod issues → messages a person can act on, in the caller's language: the one place that words a schema
 * failure, for the API's problem answers and the CLI's checks of JSON files alike. Each message names the
 * field and says how to fix it (zod's own defaults, e.g. `Invalid input: expected string, received
 * undefined`, say neither). What a field *is* — an identifier, a date, an amount, a closed list — is read
 * from the schema itself, so a new field that uses `Identifier`, `IsoDate`, `Money` or `codeEnum` gets the
 * right words without touching this module.
 */
import type * as z from 'zod';
import { DATE_RANGE, isRealDate } from '../calendar.js';
import { DEFAULT_LANG, type Lang, type MessageKey, t } from '../i18n/index.js';
import { Identifier, IsoDate, Money } from './common.js';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** One field that failed, with the path as the client sent it (`body.lines.0.net`) and what to do. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface DescribeOptions {
  lang?: Lang;
  /** Put in front of every path (`body`, `query`); none for a file the CLI reads. */
  where?: 'body' | 'query' | 'params';
}

/** Kinds of field whose failures deserve their own words, found by schema identity. */
type FieldKind = 'identifier' | 'date' | 'money';
const FIELD_KINDS = new Map<Schema, FieldKind>([
  [Identifier, 'identifier'],
  [IsoDate, 'date'],
  [Money, 'money'],
]);

/** Loose text helper: every key used here takes the params given (checked by the catalog test, not tsc). */
const say = (key: MessageKey, lang: Lang, params: Record<string, unknown> = {}): string =>
  (t as (k: MessageKey, l: Lang, p: unknown) => string)(key, lang, params);

/**
 * The messages for a failed parse of `input` against `schema`, one per problem (an unknown-fields issue
 * gives one per field), in request order of zod's issues.
 */
export function describeIssues(
  schema: Schema,
  input: unknown,
  issues: readonly Issue[],
  options: DescribeOptions = {},
): FieldProblem[] {
  const lang = options.lang ?? DEFAULT_LANG;
  const prefix = options.where ? [options.where] : [];
  return firstPerPath(issues).flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = objectKeysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return {
          path: [...prefix, ...path].map(String).join('.'),
          message: unknownFieldMessage(fieldName(path), key, known, lang, options.where === 'query'),
        };
      });
    }
    const leaf = schemaAt(schema, issue.path);
    const context: IssueContext = { issue, lang, leaf, raw: valueAt(input, issue.path), field: fieldName(issue.path) };
    return [{ path: [...prefix, ...issue.path].map(String).join('.'), message: messageFor(context) }];
  });
}

/**
 * All problems of a failed parse as one line, for a command-line tool: each message already names its field.
 */
export function issueSummary(schema: Schema, input: unknown, issues: readonly Issue[], lang?: Lang): string {
  return describeIssues(schema, input, issues, { lang })
    .map((p) => p.message)
    .join('; ');
}

/**
 * One issue per field: zod keeps checking after a first failure (a date with a time is also "out of range"),
 * but the first failure is the one to fix and a second message would only contradict it.
 */
function firstPerPath(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    if (issue.code === 'unrecognized_keys') return true;
    const key = JSON.stringify(issue.path.map(String));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A problem `detail` that stands on its own: the first field's message, and how many more there are.
 */
export function problemDetail(problems: readonly FieldProblem[], lang: Lang = DEFAULT_LANG): string {
  const [first, ...rest] = problems;
  if (!first) return '';
  return rest.length ? t('detail.more', lang, { first: first.message, more: rest.length }) : first.message;
}

/**
 * "unknown field `x` — did you mean `y`?" (or the list of known fields when nothing is close).
 *
 * @param field - The field's path as shown to the client, relative to the body or query.
 * @param key - The unknown key itself, compared with the known ones.
 */
export function unknownFieldMessage(
  field: string,
  key: string,
  known: readonly string[],
  lang: Lang,
  inQuery = false,
): string {
  const suggestion = closest(key, known);
  if (suggestion !== undefined)
    return say(inQuery ? 'query.unknown.suggest' : 'field.unknown.suggest', lang, { field, suggestion });
  return say(inQuery ? 'query.unknown' : 'field.unknown', lang, { field, known: known.join(', ') || '—' });
}

interface IssueContext {
  issue: Issue;
  lang: Lang;
  /** The schema the issue's path leads to, when it can be found. */
  leaf: Schema | undefined;
  /** What the client sent at the issue's path (`undefined` when the field is missing). */
  raw: unknown;
  field: string;
}

function messageFor(c: IssueContext): string {
  const kind = c.leaf ? kindOf(c.leaf) : undefined;
  // JSON cannot carry an explicit `undefined`: nothing at the path means the field is missing.
  if (c.raw === undefined && c.issue.path.length > 0)
    return say('field.missing', c.lang, { field: c.field, expected: expectation(c, kind) });
  if (kind === 'identifier') return identifierMessage(c);
  if (kind === 'date') return dateMessage(c);
  if (kind === 'money') return moneyMessage(c);
  return genericMessage(c, kind);
}

function identifierMessage(c: IssueContext): string {
  const { issue, lang, field } = c;
  if (typeof c.raw === 'number') return say('field.identifierNumber', lang, { field });
  if (issue.code === 'too_small') return say('field.empty', lang, { field });
  if (issue.code === 'too_big') return say('field.string.max', lang, { field, limit: Number(issue.maximum) });
  // Never echo what was sent for an identifier: problem answers end up in logs.
  return say('field.type', lang, { field, expected: say('kind.identifier', lang), got: valueNoun(c.raw, lang) });
}

function dateMessage(c: IssueContext): string {
  const { issue, lang, field, raw } = c;
  if (issue.code === 'custom') return say('field.date.range', lang, { field, ...DATE_RANGE });
  if (typeof raw !== 'string')
    return say('field.type', lang, { field, expected: say('kind.date', lang), got: describeValue(raw, lang) });
  const withTime = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(raw);
  if (withTime) return say('field.date.time', lang, { field, value: withTime[1] });
  const dayFirst = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(raw);
  if (dayFirst) {
    const [day, month, year] = dayFirst.slice(1).map(Number) as [number, number, number];
    if (!isRealDate(year, month, day)) return say('field.date.nonexistent', lang, { field });
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return say('field.date.dayFirst', lang, { field, value: iso });
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return say('field.date.nonexistent', lang, { field });
  return say('field.date.format', lang, { field });
}

function moneyMessage(c: IssueContext): string {
  const { issue, lang, field, raw } = c;
  if (issue.code === 'too_small' && issue.origin === 'number')
    return say('field.number.min', lang, { field, limit: Number(issue.minimum) });
  if (issue.code === 'too_big' && issue.origin === 'number')
    return say('field.number.max', lang, { field, limit: Number(issue.maximum) });
  const suggestion = typeof raw === 'string' ? moneySuggestion(raw) : undefined;
  return suggestion === undefined
    ? say('field.money', lang, { field })
    : say('field.money.suggest', lang, { field, suggestion });
}

/** `"1 000,50"` → `"1000.50"`: the amount a spreadsheet-formatted string most likely meant, if any. */
function moneySuggestion(raw: string): string | undefined {
  const compact = raw.replace(/[\s\u00a0\u202f']/g, '');
  const dotted = /^-?\d+,\d{1,2}$/.test(compact) ? compact.replace(',', '.') : compact;
  return dotted !== raw.trim() && /^-?\d+(\.\d+)?$/.test(dotted) ? dotted : undefined;
}

function genericMessage(c: IssueContext, kind: FieldKind | undefined): string {
  const { issue, lang, field, raw } = c;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0) return say('field.body', lang, { got: describeValue(raw, lang) });
      if (issue.expected === 'int' || (issue.expected === 'number' && typeof raw === 'number'))
        return say('field.int', lang, { field, value: describeValue(raw, lang) });
      return say('field.type', lang, { field, expected: expectation(c, kind), got: describeValue(raw, lang) });
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (typeof raw !== 'string')
        return say('field.type', lang, { field, expected: expectation(c, kind), got: describeValue(raw, lang) });
      const suggestion = typeof raw === 'string' ? closest(raw, values) : undefined;
      const list = values.join(', ');
      return suggestion === undefined
        ? say('field.enum', lang, { field, values: list })
        : say('field.enum.suggest', lang, { field, values: list, suggestion });
    }
    case 'too_small':
      return tooSmallMessage(c, issue);
    case 'too_big':
      if (issue.origin === 'array')
        return say('field.array.max', lang, { field, limit: Number(issue.maximum), count: lengthOf(raw) });
      if (issue.origin === 'string') return say('field.string.max', lang, { field, limit: Number(issue.maximum) });
      return say('field.number.max', lang, { field, limit: Number(issue.maximum) });
    case 'custom': {
      const key = (issue.params as { key?: MessageKey } | undefined)?.key;
      return key ? say(key, lang, { field }) : say('field.other', lang, { field, reason: issue.message });
    }
    case 'invalid_union':
      return say('field.union', lang, { field });
    default:
      return say('field.other', lang, { field, reason: issue.message });
  }
}

function tooSmallMessage(c: IssueContext, issue: z.core.$ZodIssueTooSmall): string {
  const { lang, field } = c;
  const limit = Number(issue.minimum);
  if (issue.origin === 'array') return say('field.array.min', lang, { field, limit });
  if (issue.origin === 'string') return say('field.empty', lang, { field });
  return say('field.number.min', lang, { field, limit });
}

/** What a field expects, as a noun phrase: "a string", "one of KZ, KG", "a date "YYYY-MM-DD"", … */
function expectation(c: IssueContext, kind: FieldKind | undefined): string {
  if (kind) return say(`kind.${kind}` as MessageKey, c.lang);
  const values = c.leaf ? enumValues(c.leaf) : undefined;
  if (values) return say('kind.oneOf', c.lang, { values: values.join(', ') });
  const expected = c.issue.code === 'invalid_type' ? c.issue.expected : 'string';
  const noun: Record<string, MessageKey> = {
    string: 'kind.string',
    number: 'kind.number',
    int: 'kind.int',
    boolean: 'kind.boolean',
    array: 'kind.array',
    object: 'kind.object',
  };
  return say(noun[expected] ?? 'kind.string', c.lang);
}

/** What was sent, as a noun phrase with the value itself for short scalars: `a string ("16")`. */
function describeValue(raw: unknown, lang: Lang): string {
  const noun = valueNoun(raw, lang);
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return noun;
  const shown = JSON.stringify(raw);
  return `${noun} (${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown})`;
}

function valueNoun(raw: unknown, lang: Lang): string {
  if (raw === null) return say('kind.null', lang);
  if (Array.isArray(raw)) return say('kind.array', lang);
  const nouns: Record<string, MessageKey> = {
    string: 'kind.string',
    number: 'kind.number',
    boolean: 'kind.boolean',
    object: 'kind.object',
  };
  return say(nouns[typeof raw] ?? 'kind.string', lang);
}

const lengthOf = (raw: unknown): number => (Array.isArray(raw) ? raw.length : 0);

/** `lines.0.net` as the client would name it. */
const fieldName = (path: readonly PathKey[]): string => path.map(String).join('.');

/** The value at `path` inside `input`, or `undefined` when any step is missing. */
function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Steps through wrappers that do not change what a field is (optional, default, preprocess, …). */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; depth < 16; depth++) {
    const def = current._zod.def as { type: string; innerType?: Schema; in?: Schema; out?: Schema };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in && def.out)
      current = def.in._zod.def.type === 'transform' ? def.out : def.in;
    else return current;
  }
  return current;
}

/** The schema a path leads to inside `schema` (objects and arrays), or `undefined`. */
function schemaAt(schema: Schema, path: readonly PathKey[]): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    const def = unwrap(current)._zod.def as { type: string; shape?: Record<string, Schema>; element?: Schema };
    if (def.type === 'object') current = def.shape?.[String(key)];
    else if (def.type === 'array') current = def.element;
    else return undefined;
  }
  return current;
}

function objectKeysAt(schema: Schema, path: readonly PathKey[]): string[] {
  const at = schemaAt(schema, path);
  const def = at ? (unwrap(at)._zod.def as { type: string; shape?: Record<string, Schema> }) : undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function enumValues(schema: Schema): string[] | undefined {
  const def = unwrap(schema)._zod.def as { type: string; entries?: Record<string, string> };
  return def.type === 'enum' && def.entries ? Object.values(def.entries) : undefined;
}

/** The field kind of a schema, looking through optional/default/pipe wrappers one step at a time. */
function kindOf(schema: Schema): FieldKind | undefined {
  let current: Schema | undefined = schema;
  for (let depth = 0; current && depth < 16; depth++) {
    const kind = FIELD_KINDS.get(current);
    if (kind) return kind;
    const def = current._zod.def as { innerType?: Schema; in?: Schema };
    current = def.innerType ?? def.in;
  }
  return undefined;
}

/**
 * The candidate a misspelt word most likely meant: same letters in another case, one a prefix of the other
 * (`exportEvidences` / `exportEvidence`), or at most one edit per four letters (two at most).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const folded = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const prefix = folded.length >= 3 && other.length >= 3 && (other.startsWith(folded) || folded.startsWith(other));
    const distance = prefix ? Math.min(1, editDistance(folded, other)) : editDistance(folded, other);
    const allowed = prefix ? 1 : Math.min(2, Math.max(1, Math.floor(folded.length / 4)));
    if (distance <= allowed && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/**
 * Levenshtein distance with adjacent transpositions (optimal string alignment). Hand-written: a dozen
 * lines over field names of a few characters do not justify a dependency in a zero-dependency package.
 */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
