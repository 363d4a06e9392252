import fc from 'fast-check';
import { type RouteDefinition, routeList } from '../../shared/routes.js';
import { API_KEYS } from '../helpers/local-stack.js';
import { badCursor, edgeDates, junkValue, mutatedFrom, prototypeKeys } from './arbitraries.js';
import { type RawAnswer, type RawRequest, rawRequest } from './raw-http.js';

/**
 * The fuzzer shared by `test/integration/fuzz.test.ts` (bounded, in `npm test`) and `npm run fuzz`
 * (as many runs as asked): generates requests for every route, sends them over real HTTP, and judges
 * every answer against the contract. It does not stop at the first bad answer: it collects them all,
 * so one run reports every kind of failure at once.
 */

/** One answer that broke the contract, with what was sent. */
export interface Violation {
  route: string;
  /** What was wrong, e.g. `status 500` or `2xx does not match the response schema`. */
  kind: string;
  request: RawRequest;
  status?: number;
  answer?: string;
}

export interface FuzzReport {
  requests: number;
  /** How many answers had each status. */
  statuses: Record<number, number>;
  violations: Violation[];
}

const newReport = (): FuzzReport => ({ requests: 0, statuses: {}, violations: [] });

const truncate = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/** Problems with one answer, by the rules every route shares; empty when it keeps the contract. */
export function judge(
  route: RouteDefinition | undefined,
  request: RawRequest,
  answer: RawAnswer | undefined,
): string[] {
  if (!answer) return ['no answer within the timeout'];
  const found: string[] = [];
  if (answer.status >= 500) found.push(`status ${answer.status}`);
  let json: unknown;
  try {
    json = answer.text ? JSON.parse(answer.text) : undefined;
  } catch {
    json = undefined;
  }
  if (answer.status >= 400 && request.method !== 'HEAD') {
    if (!/^application\/problem\+json/.test(answer.headers['content-type'] ?? ''))
      found.push(`${answer.status} without application/problem+json`);
    const p = json as Record<string, unknown> | undefined;
    const shaped =
      p !== undefined &&
      typeof p.type === 'string' &&
      typeof p.title === 'string' &&
      typeof p.detail === 'string' &&
      p.status === answer.status &&
      (p.errors === undefined || Array.isArray(p.errors));
    if (!shaped) found.push(`${answer.status} body is not a problem {type, title, status, detail}`);
  }
  if (answer.status >= 200 && answer.status < 300 && request.method !== 'HEAD') {
    if (!/^application\/json/.test(answer.headers['content-type'] ?? '')) found.push('2xx without application/json');
    if (route && json === undefined) found.push('2xx body is not JSON');
    else if (route && !route.response.safeParse(json).success) found.push('2xx does not match the response schema');
  }
  return found;
}

/** Sends `request`, judges the answer and adds it to `report`. */
async function sendAndJudge(
  baseUrl: string,
  route: RouteDefinition | undefined,
  request: RawRequest,
  report: FuzzReport,
): Promise<RawAnswer | undefined> {
  const answer = await rawRequest(baseUrl, request);
  report.requests++;
  if (answer) report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
  for (const kind of judge(route, request, answer))
    report.violations.push({
      route: route?.id ?? 'paths',
      kind,
      request: { ...request, ...(request.body ? { body: truncate(request.body) } : {}) },
      status: answer?.status,
      answer: answer ? truncate(answer.text) : undefined,
    });
  return answer;
}

/** Query values as a client might write them: percent-encoded, raw, or with broken escapes. */
const encodeQueryValue = fc.constantFrom('encoded', 'raw') as fc.Arbitrary<'encoded' | 'raw'>;

function flattenQuery(value: unknown): [string, string][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [['q', String(value)]];
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v)) for (const item of v) pairs.push([k, String(item)]);
    else pairs.push([k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)]);
  }
  return pairs;
}

/** Odd query parameters: prototype keys, repeats, empty keys, broken escapes, huge values, bad cursors. */
const oddQueryPairs: fc.Arbitrary<[string, string][]> = fc.array(
  fc.oneof(
    fc.tuple(
      fc.constantFrom(...prototypeKeys, '', '[]', 'a[b]', 'from', 'to', 'limit', 'year'),
      fc.string({ maxLength: 10 }),
    ),
    fc.tuple(fc.constant('cursor'), badCursor),
    fc.tuple(fc.constantFrom('from', 'to', 'date'), fc.constantFrom(...edgeDates)),
    fc.tuple(
      fc.constantFrom('limit', 'year'),
      fc.constantFrom('0', '-1', '1e3', '1.5', 'NaN', '99999999999999999999', '0x10', ' 5'),
    ),
    fc.tuple(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('%', '%zz', '%00', '%E0%A4%A', '%ef%bf%bf', 'x'.repeat(5000)),
    ),
  ),
  { maxLength: 4 },
);

/** Lone UTF-16 surrogates: `encodeURIComponent` throws on them, and no client can send them anyway. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function queryString(pairs: [string, string][], style: 'encoded' | 'raw'): string {
  if (pairs.length === 0) return '';
  const enc = (raw: string) => {
    const s = raw.replace(LONE_SURROGATE, '\uFFFD');
    return style === 'encoded' ? encodeURIComponent(s) : s.replace(/[\s#]/g, encodeURIComponent);
  };
  return `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
}

/** Bodies that are not a JSON document of the right shape at all. */
const junkBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '{', '}', '{"value":', 'null', '[]', '"x"', '1e999', 'NaN', '\ufeff{}', '{"a":1}{"a":2}', '<x/>'),
  fc.constantFrom(
    `${'['.repeat(5_000)}1${']'.repeat(5_000)}`,
    '['.repeat(100_000),
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  junkValue.map((v) => JSON.stringify(v) ?? ''),
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);

/** The x-api-key header: mostly the right key, sometimes missing, wrong or odd. */
const apiKeyHeader: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ 'x-api-key': API_KEYS.alpha }) },
  { weight: 1, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'wrong', '__proto__', 'constructor', 'key-alpha ').map((k) => ({ 'x-api-key': k })),
  },
);

/** An `Idempotency-Key` header, sometimes, on POSTs. */
const idempotencyHeader: fc.Arbitrary<Record<string, string>> = fc
  .option(fc.oneof(fc.uuid(), fc.constantFrom('', 'x', 'k'.repeat(300)), fc.stringMatching(/^[\x21-\x7e]{1,40}$/)), {
    nil: undefined,
    freq: 3,
  })
  .map((k): Record<string, string> => (k === undefined ? {} : { 'idempotency-key': k }));

/** Every request the fuzzer may send to one route. */
function routeRequests(route: RouteDefinition): fc.Arbitrary<RawRequest> {
  const query = route.request?.query
    ? fc.tuple(mutatedFrom(route.request.query).map(flattenQuery), oddQueryPairs).map(([a, b]) => [...a, ...b])
    : oddQueryPairs;
  const target = fc.tuple(query, encodeQueryValue).map(([pairs, style]) => `${route.path}${queryString(pairs, style)}`);
  if (route.method === 'GET') return fc.record({ method: fc.constant('GET'), target, headers: apiKeyHeader });
  const schemaBody = route.request?.body ? mutatedFrom(route.request.body) : junkValue;
  const jsonBody = fc.record({
    body: schemaBody.map((v) => JSON.stringify(v) ?? ''),
    type: fc.constantFrom('application/json'),
  });
  const oddBody = fc.record({ body: junkBody, type: contentTypes });
  const wrongType = fc.record({ body: schemaBody.map((v) => JSON.stringify(v) ?? ''), type: contentTypes });
  return fc
    .record({
      target: fc.oneof({ weight: 4, arbitrary: fc.constant(route.path) }, { weight: 1, arbitrary: target }),
      key: apiKeyHeader,
      idempotency: idempotencyHeader,
      payload: fc.oneof(
        { weight: 6, arbitrary: jsonBody },
        { weight: 2, arbitrary: oddBody },
        { weight: 1, arbitrary: wrongType },
      ),
    })
    .map(({ target: t, key, idempotency, payload }) => ({
      method: 'POST',
      target: t,
      headers: { ...key, ...idempotency, ...(payload.type ? { 'content-type': payload.type } : {}) },
      body: payload.body,
    }));
}

/** Targets that are not quite any route: case, slashes, dot segments, encodings, absolute form, junk. */
const oddTargets: fc.Arbitrary<string> = fc.oneof(
  fc
    .constantFrom(...routeList.map((r) => r.path))
    .chain((p) =>
      fc.constantFrom(
        `${p}/`,
        `/${p}`,
        p.toUpperCase(),
        `${p}%00`,
        `${p}/..`,
        p.replace('/v1/', '/v1/./'),
        p.replace('/v1/', '/v1/%2e%2e/v1/'),
        p.replace('/v1/', '/v1//'),
        `${p}?`,
        `${p}#frag`,
        `${p};x=1`,
        `http://localhost${p}`,
        `http://[${p}`,
        `http://%zz${p}`,
        `http://a:b@${p}`,
        `//evil.example${p}`,
      ),
    ),
  fc.constantFrom(
    '*',
    '/',
    '',
    '/v1',
    '/v1/',
    '/%',
    '/\u00e9',
    `/${'a'.repeat(8_000)}`,
    '/v1/__proto__',
    '/constructor',
    'x',
  ),
);

/** Requests with odd methods and targets, for the server's routing itself. */
const pathRequests: fc.Arbitrary<RawRequest> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'BREW', 'get'),
  target: oddTargets,
  headers: apiKeyHeader,
});

/** The route a target names, if it names one exactly (origin form, no decoration). */
function routeOf(method: string, target: string): RouteDefinition | undefined {
  const path = target.split('?')[0];
  return routeList.find((r) => r.path === path && r.method === method);
}

export interface FuzzOptions {
  numRuns: number;
  seed?: number;
}

/** Fuzzes one route; returns the report (violations included) and fast-check's seed, to replay. */
export async function fuzzRoute(baseUrl: string, route: RouteDefinition, options: FuzzOptions): Promise<FuzzReport> {
  const report = newReport();
  await fc.assert(
    fc.asyncProperty(routeRequests(route), async (request) => {
      await sendAndJudge(baseUrl, route, request, report);
    }),
    { numRuns: options.numRuns, seed: options.seed },
  );
  return report;
}

/** Fuzzes the server's routing with odd methods and targets. */
export async function fuzzPaths(baseUrl: string, options: FuzzOptions): Promise<FuzzReport> {
  const report = newReport();
  await fc.assert(
    fc.asyncProperty(pathRequests, async (request) => {
      // Only an exact route match is held to that route's response schema.
      await sendAndJudge(baseUrl, routeOf(request.method, request.target), request, report);
    }),
    { numRuns: options.numRuns, seed: options.seed },
  );
  return report;
}

/** One line per kind of violation, with a count and the first request that showed it: for failure messages. */
export function summarize(violations: readonly Violation[]): string[] {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) {
    const key = `${v.route}: ${v.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups].map(([key, vs]) => {
    const first = vs[0] as Violation;
    const sent = `${first.request.method} ${truncate(first.request.target, 200)}${first.request.body === undefined ? '' : ` body=${truncate(first.request.body, 300)}`}`;
    return `${key} ×${vs.length} — e.g. ${sent} → ${first.status ?? 'no answer'} ${first.answer ?? ''}`;
  });
}
