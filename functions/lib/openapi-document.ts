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

const retryAfter = (description: string) => ({
  'Retry-After': { description, required: true, schema: { type: 'integer' as const, minimum: 1 } },
});

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
  return ROUTE_ACCESS[name].auditTable !== 'none' || route.method === 'POST';
}

/** Every status a route can answer besides `200`, by what the route accepts and touches. */
function problemResponses(name: RouteName, route: RouteDefinition) {
  const body = route.request?.body !== undefined;
  const post = route.method === 'POST';
  return {
    '400': problem(
      400,
      'Invalid request',
      'Malformed request: `errors[].path` names each field (e.g. `body.value`, `query.date`) and says what it must be',
      'the request body does not match the schema',
    ),
    ...(route.apiKeyRequired
      ? {
          '401': problem(
            401,
            'Unauthorized',
            'Missing or unknown `x-api-key`',
            'a valid x-api-key header is required',
            { 'WWW-Authenticate': { schema: { type: 'string' as const }, description: '`ApiKey header="x-api-key"`' } },
          ),
        }
      : {}),
    '403': problem(
      403,
      'Forbidden',
      'Deployed only: refused by API Gateway before the function ran (the web application firewall, e.g. too many requests from one IP)',
      'Forbidden',
    ),
    '404': problem(
      404,
      'Not found',
      'No route matches. Deployed, API Gateway also answers a method the path does not have with `404`',
      'no route matches this method and path',
    ),
    '405': problem(
      405,
      'Method not allowed',
      'Local stack only: the path exists but not with this method (deployed: `404`)',
      'DELETE is not supported on this path',
    ),
    ...(post
      ? {
          '409': problem(
            409,
            'Request in progress',
            'A request with the same `Idempotency-Key` is still running',
            'a request with this Idempotency-Key is still running; retry after it has answered',
            retryAfter('Seconds to wait before retrying'),
          ),
        }
      : {}),
    ...(body
      ? {
          '413': problem(
            413,
            'Payload too large',
            route.tooLarge
              ? `${route.tooLarge}, or a body over 10 MB (API Gateway's limit)`
              : name === 'esfPrecheck'
                ? "An XML document over 2 MiB, or a body over 10 MB (API Gateway's limit)"
                : "A body over 10 MB (API Gateway's limit)",
            'the request has more items than allowed',
          ),
        }
      : {}),
    ...(body
      ? {
          '415': problem(
            415,
            'Unsupported media type',
            `A \`content-type\` other than ${name === 'esfPrecheck' ? '`application/json`, `application/xml` or `text/xml`' : '`application/json`'} (a request without one is read as JSON)`,
            'the request body is text/plain; this route accepts application/json',
          ),
        }
      : {}),
    ...(post
      ? {
          '422': problem(
            422,
            'Idempotency key reused',
            'The `Idempotency-Key` was already used with a different body',
            'this Idempotency-Key was already used with a different request body',
          ),
        }
      : {}),
    '429': problem(
      429,
      'Too many requests',
      "Deployed only: the stage's or this API key's rate limit, or the key's monthly quota, is used up; retry with backoff",
      'the request rate limit was exceeded; retry with backoff',
    ),
    '500': problem(500, 'Internal error', 'A bug; never an answer to bad input', 'an unexpected error occurred'),
    '502': problem(
      502,
      'Bad gateway',
      'Deployed only: the function behind the route failed to answer properly',
      'the function behind this route failed',
    ),
    ...(canBeUnavailable(name, route)
      ? {
          '503': problem(
            503,
            'Service unavailable',
            'The audit log (or the idempotency store) cannot be reached or is overloaded; nothing was recorded as done. Retry after `Retry-After` seconds',
            'the audit log cannot be written right now; nothing was recorded as done. Retry later.',
            retryAfter('Seconds to wait before retrying'),
          ),
        }
      : {}),
    '504': problem(
      504,
      'Gateway timeout',
      "Deployed only: the function did not answer within API Gateway's 29 s",
      'the function behind this route did not answer in time',
    ),
  };
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
  return {
    operationId: route.id,
    tags: [route.tag],
    summary: route.summary,
    description: route.description,
    security: route.apiKeyRequired ? [{ apiKey: [] }] : [],
    ...(route.method === 'POST' ? { parameters: [IDEMPOTENCY_KEY] } : {}),
    ...(query ? { requestParams: { query: query as never } } : {}),
    ...requestBody(route, example),
    responses: {
      '200': {
        description: 'OK',
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
