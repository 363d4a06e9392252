import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { ROUTE_ACCESS } from '../../infra/route-access.js';
import packageJson from '../../package.json' with { type: 'json' };
import { problemBody } from '../../shared/problem.js';
import { ROUTE_TAGS, type RouteDefinition, type RouteName, routes } from '../../shared/routes.js';
import { Problem } from '../../shared/schemas/common.js';
import { CODE_SCHEMAS, withCodeSchemas } from './openapi-codes.js';
import { type RouteExample, routeExamples } from './openapi-examples.js';

/** The deployed stage's name (infra/salyk-api.ts `STAGE_NAME`; a test keeps the two equal). */
export const DEPLOYED_STAGE = 'prod';
/** The local stack's default address (`npm start`; `PORT` overrides the port). */
const LOCAL_SERVER = 'http://127.0.0.1:3000';

/** The XML media types the ESF pre-check reads besides JSON. */
const XML_MEDIA_TYPES = ['application/xml', 'text/xml'] as const;

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Optional. A retry with the same key and body (within 24 h, per API key and route) answers as the first request did, with the same `checkId`, and writes nothing new. The same key with another body is a `422`; a duplicate sent while the first is still running is a `409` with `Retry-After`.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$' },
} as const;

/** The `Retry-After` header of a 409 and a 503. */
const RETRY_AFTER: ZodOpenApiResponseObject['headers'] = {
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    required: true,
    schema: { type: 'integer', minimum: 1 },
  },
};

/** One problem+json answer, with an example body built by the same builder the handlers use. */
function problem(
  status: number,
  title: string,
  description: string,
  detail: string,
  headers?: ZodOpenApiResponseObject['headers'],
) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: {
      'application/problem+json': {
        schema: Problem,
        examples: { example: { value: problemBody(status, title, detail) } },
      },
    },
  };
}

/**
 * Whether a route can answer `503`: only a route whose function touches the audit table (the audit
 * records, or the idempotency records every POST keeps) can find it unavailable. Read from the same
 * least-privilege table that grants the functions their DynamoDB access, so a route that is given no
 * access is never documented as one that can fail on it.
 */
function canBeUnavailable(name: RouteName, route: RouteDefinition): boolean {
  const access = ROUTE_ACCESS[name];
  // Job records live in the audit table too (`J#<tenant>`).
  return access.auditTable !== 'none' || (access.jobs ?? 'none') !== 'none' || route.method === 'POST';
}

/** What decides which problems a route can answer, and how they are described for it. */
interface RouteFacts {
  name: RouteName;
  route: RouteDefinition;
  /** A POST keeps idempotency records, so it can answer 409 and 422. */
  post: boolean;
  /** A route with a request body can answer 413 and 415. */
  body: boolean;
}

/** One problem status a route may answer. */
interface ProblemAnswer {
  status: number;
  title: string;
  /** The response's description: when the route answers it. */
  description: string | ((facts: RouteFacts) => string);
  /** The example body's `detail`. */
  detail: string;
  headers?: ZodOpenApiResponseObject['headers'];
  /** Whether the route can answer it at all (every route can when absent). */
  when?: (facts: RouteFacts) => boolean;
}

/** Every status a route can answer besides `200`, in status order. */
const PROBLEM_ANSWERS: readonly ProblemAnswer[] = [
  {
    status: 400,
    title: 'Invalid request',
    description:
      'Malformed request: `errors[].path` names each field (e.g. `body.value`, `query.date`) and says what it must be',
    detail: 'the request body does not match the schema',
  },
  {
    status: 401,
    title: 'Unauthorized',
    description: 'Missing or unknown `x-api-key`',
    detail: 'a valid x-api-key header is required',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: '`ApiKey header="x-api-key"`' } },
    when: ({ route }) => route.apiKeyRequired,
  },
  {
    status: 403,
    title: 'Forbidden',
    description:
      'Deployed only: refused by API Gateway before the function ran (the web application firewall, e.g. too many requests from one IP)',
    detail: 'Forbidden',
  },
  {
    status: 404,
    title: 'Not found',
    description: 'No route matches. Deployed, API Gateway also answers a method the path does not have with `404`',
    detail: 'no route matches this method and path',
  },
  {
    status: 405,
    title: 'Method not allowed',
    description: 'Local stack only: the path exists but not with this method (deployed: `404`)',
    detail: 'DELETE is not supported on this path',
  },
  {
    status: 409,
    title: 'Request in progress',
    description: 'A request with the same `Idempotency-Key` is still running',
    detail: 'a request with this Idempotency-Key is still running; retry after it has answered',
    headers: RETRY_AFTER,
    when: ({ post }) => post,
  },
  {
    status: 409,
    title: 'Conflict',
    description: ({ route }) => route.conflict ?? '',
    detail: 'job 01JD8X4Q6W3V9T2R5M7K0B1C8E has already ended (succeeded)',
    when: ({ post, route }) => !post && route.conflict !== undefined,
  },
  {
    status: 413,
    title: 'Payload too large',
    description: ({ name, route }) =>
      route.tooLarge
        ? `${route.tooLarge}, or a body over 10 MB (API Gateway's limit)`
        : name === 'esfPrecheck'
          ? "An XML document over 2 MiB, or a body over 10 MB (API Gateway's limit)"
          : "A body over 10 MB (API Gateway's limit)",
    detail: 'the request has more items than allowed',
    when: ({ body }) => body,
  },
  {
    status: 415,
    title: 'Unsupported media type',
    description: ({ name }) =>
      `A \`content-type\` other than ${name === 'esfPrecheck' ? '`application/json`, `application/xml` or `text/xml`' : '`application/json`'} (a request without one is read as JSON)`,
    detail: 'the request body is text/plain; this route accepts application/json',
    when: ({ body }) => body,
  },
  {
    status: 422,
    title: 'Idempotency key reused',
    description: 'The `Idempotency-Key` was already used with a different body',
    detail: 'this Idempotency-Key was already used with a different request body',
    when: ({ post }) => post,
  },
  {
    status: 429,
    title: 'Too many requests',
    description:
      "Deployed only: the stage's or this API key's rate limit, or the key's monthly quota, is used up; retry with backoff",
    detail: 'the request rate limit was exceeded; retry with backoff',
  },
  {
    status: 500,
    title: 'Internal error',
    description: 'A bug; never an answer to bad input',
    detail: 'an unexpected error occurred',
  },
  {
    status: 502,
    title: 'Bad gateway',
    description: 'Deployed only: the function behind the route failed to answer properly',
    detail: 'the function behind this route failed',
  },
  {
    status: 503,
    title: 'Service unavailable',
    description:
      'The audit log (or the idempotency store) cannot be reached or is overloaded; nothing was recorded as done. Retry after `Retry-After` seconds',
    detail: 'the audit log cannot be written right now; nothing was recorded as done. Retry later.',
    headers: RETRY_AFTER,
    when: ({ name, route }) => canBeUnavailable(name, route),
  },
  {
    status: 504,
    title: 'Gateway timeout',
    description: "Deployed only: the function did not answer within API Gateway's 29 s",
    detail: 'the function behind this route did not answer in time',
  },
];

/** The problem statuses a route can answer besides `200` (see `PROBLEM_ANSWERS`), keyed by status. */
function problemResponses(name: RouteName, route: RouteDefinition) {
  const facts: RouteFacts = { name, route, post: route.method === 'POST', body: route.request?.body !== undefined };
  return Object.fromEntries(
    PROBLEM_ANSWERS.filter((answer) => answer.when?.(facts) ?? true).map((answer) => [
      String(answer.status),
      problem(
        answer.status,
        answer.title,
        typeof answer.description === 'string' ? answer.description : answer.description(facts),
        answer.detail,
        answer.headers,
      ),
    ]),
  );
}

/** The request body: JSON, and for the ESF pre-check also the IS ESF XML document. */
function requestBody(route: RouteDefinition, example: RouteExample | undefined) {
  const schema = route.request?.body;
  if (!schema) return {};
  const json = { schema, ...(example?.request ? { examples: { example: { value: example.request } } } : {}) };
  const xml = example?.xml
    ? Object.fromEntries(
        XML_MEDIA_TYPES.map((type) => [
          type,
          {
            schema: {
              type: 'string',
              maxLength: 2 * 1024 * 1024,
              description: 'A Kazakh IS ESF `InvoiceV2` document (UTF-8, at most 2 MiB, no DOCTYPE)',
            },
            examples: { invoiceV2: { summary: 'One-line domestic invoice at 16%', value: example.xml } },
          },
        ]),
      )
    : {};
  return { requestBody: { required: true, content: { 'application/json': json, ...xml } } };
}

function operation(
  name: RouteName,
  route: RouteDefinition,
  example: RouteExample | undefined,
): ZodOpenApiOperationObject {
  const query = route.request?.query;
  const params = route.request?.params;
  const status = String(route.successStatus ?? 200);
  return {
    operationId: route.id,
    tags: [route.tag],
    summary: route.summary,
    description: route.description,
    security: route.apiKeyRequired ? [{ apiKey: [] }] : [],
    ...(route.method === 'POST' ? { parameters: [IDEMPOTENCY_KEY] } : {}),
    ...(query || params
      ? { requestParams: { ...(query ? { query: query as never } : {}), ...(params ? { path: params as never } : {}) } }
      : {}),
    ...requestBody(route, example),
    responses: {
      [status]: {
        description: status === '201' ? 'Created' : 'OK',
        content: {
          'application/json': {
            schema: route.response,
            ...(example ? { examples: { example: { value: example.response } } } : {}),
          },
        },
      },
      ...problemResponses(name, route),
    },
  };
}

/**
 * The OpenAPI 3.1 document of the API, built from the same route table and zod schemas that
 * validate requests, so the description cannot drift from the behaviour.
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  const examples = routeExamples();
  const paths: ZodOpenApiPathsObject = {};
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteDefinition][]) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(name, route, examples[name]) };
  }
  const document = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Salyk API',
      version: packageJson.version,
      description:
        'Kazakh IIN/BIN and Kyrgyz INN/PIN validation, ESF pre-checks, VAT rules and Kazakh tax residency, with an audit trail. Every error is `application/problem+json` (RFC 9457) with `errors[].path` naming the field. Codes (`errors[].code`, `warnings[].code`, `findings[].code`) are stable; their texts are for people. The contract is docs/api.md in the repository.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      { url: LOCAL_SERVER, description: 'Local stack (`npm start`)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'Deployed stack (`npx cdk deploy`): the API id and region are in the stack outputs',
        variables: {
          apiId: { default: 'abcde12345', description: 'The REST API id' },
          region: { default: 'eu-central-1', description: 'The AWS region the stack is deployed in' },
          stage: { default: DEPLOYED_STAGE, enum: [DEPLOYED_STAGE] },
        },
      },
    ],
    tags: Object.entries(ROUTE_TAGS).map(([tag, description]) => ({ name: tag, description })),
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
      schemas: CODE_SCHEMAS,
    },
    paths,
  });
  return withCodeSchemas(JSON.parse(JSON.stringify(document)) as Record<string, unknown>);
}
