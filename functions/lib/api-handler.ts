import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod';
import {
  AuditUnavailableError,
  InvalidCursorError,
  InvalidDateError,
  InvalidStaysError,
  RulesCoverageError,
  type SalykError,
} from '../../shared/errors.js';
import type { RouteDefinition } from '../../shared/routes.js';
import { runRequest } from './idempotency.js';
import { logger } from './logger.js';
import { addMetric, observabilityMiddlewares } from './observability.js';
import {
  badRequest,
  HttpProblem,
  jsonResponse,
  type ProblemFieldError,
  payloadTooLarge,
  serviceUnavailable,
  unauthorized,
} from './problem.js';

type BodyOf<R> = R extends { request: { body: infer S extends z.ZodType } } ? z.output<S> : undefined;
type QueryOf<R> = R extends { request: { query: infer S extends z.ZodType } } ? z.output<S> : undefined;

/** What a route's business function receives: validated input and the calling tenant. */
export interface ApiRequest<R> {
  body: BodyOf<R>;
  query: QueryOf<R>;
  /** The tenant behind the API key; empty on routes without a key. */
  tenant: string;
}

/** What a route's business function answers: its body is typed by the route's `response` schema. */
export type ApiResult<R extends RouteDefinition = RouteDefinition> =
  | { status?: number; body: z.input<R['response']> }
  /** An answer already serialized, e.g. built while the audit writes were in flight. */
  | { status?: number; json: string };

/**
 * Wraps a route's business function in the common HTTP behaviour: tenant from the API key, JSON body
 * and query validation against the route's zod schemas, and RFC 9457 problems for every failure.
 */
export function apiHandler<const R extends RouteDefinition>(
  route: R,
  handle: (request: ApiRequest<R>) => Promise<ApiResult<R>>,
) {
  // A domain error's `field` is relative to the request: put it under where this route's input comes from.
  const where = route.request?.body ? 'body' : 'query';
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(observabilityMiddlewares())
    .use(problemResponses(where))
    .handler(async (event, context) => {
      const tenant = route.apiKeyRequired ? tenantOf(event) : '';
      const body = (
        route.request?.body ? parseInput(route.request.body, readJsonBody(event), 'body') : undefined
      ) as BodyOf<R>;
      const query = (
        route.request?.query ? parseInput(route.request.query, event.queryStringParameters ?? {}, 'query') : undefined
      ) as QueryOf<R>;
      // Budget, deterministic record keys and Idempotency-Key (every POST) for every request.
      const result = await runRequest({ routeId: route.id, method: route.method, event, context, tenant, body }, () =>
        handle({ body, query, tenant }),
      );
      if ('json' in result)
        return { statusCode: result.status ?? 200, headers: { 'content-type': 'application/json' }, body: result.json };
      return jsonResponse(result.status ?? 200, result.body);
    });
}

/**
 * API Gateway has already checked the key on deployed routes and puts its id in the request context;
 * the local server does the same. The key id is the tenant: one API key per tenant.
 */
function tenantOf(event: APIGatewayProxyEvent): string {
  const keyId = event.requestContext?.identity?.apiKeyId;
  if (!keyId) throw unauthorized();
  return keyId;
}

function readJsonBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === undefined || event.body === '')
    throw badRequest('a JSON request body is required');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('the request body is not valid JSON');
  }
}

function parseInput(schema: z.ZodType, input: unknown, where: 'body' | 'query'): unknown {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: ProblemFieldError[] = parsed.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  // An array over its limit (e.g. more than 10 000 batch items) is "too large", not "malformed".
  const tooMany = parsed.error.issues.some((issue) => issue.code === 'too_big' && issue.origin === 'array');
  if (tooMany) throw payloadTooLarge('the request has more items than allowed', errors);
  throw badRequest(`the request ${where} does not match the schema`, errors);
}

/** How one domain error class is answered over HTTP. */
interface DomainProblem {
  error: abstract new (...args: never[]) => SalykError;
  problem: (error: SalykError, errors: ProblemFieldError[]) => HttpProblem;
}

/**
 * The one map from domain errors (`shared/errors.ts`) to HTTP answers. Refusals of the caller's input are
 * 400s naming the field; an audit outage is a retryable 503 that never says more than that.
 */
const DOMAIN_PROBLEMS: readonly DomainProblem[] = [
  { error: RulesCoverageError, problem: (e, errors) => badRequest(e.message, errors) },
  { error: InvalidStaysError, problem: (e, errors) => badRequest(e.message, errors) },
  { error: InvalidDateError, problem: (e, errors) => badRequest(e.message, errors) },
  { error: InvalidCursorError, problem: (e, errors) => badRequest(e.message, errors) },
  {
    error: AuditUnavailableError,
    problem: () =>
      serviceUnavailable('the audit log cannot be written right now; nothing was recorded as done. Retry later.'),
  },
];

/**
 * The problem a thrown error is answered with, or `undefined` for an error no table row knows (a bug: 500).
 *
 * @param where - Where the route's input comes from; a domain error's `field` is put under it.
 */
export function problemFor(error: unknown, where: 'body' | 'query'): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  const row = DOMAIN_PROBLEMS.find((r) => error instanceof r.error);
  if (!row) return undefined;
  const domainError = error as SalykError;
  const errors = domainError.field ? [{ path: `${where}.${domainError.field}`, message: domainError.message }] : [];
  return row.problem(domainError, errors);
}

/** Turns every thrown error into a problem+json answer; bad input can never surface as a 500. */
function problemResponses(where: 'body' | 'query'): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      const problem = problemFor(error, where);
      if (error instanceof AuditUnavailableError) logger.warn('audit store unavailable', { reason: error.message });
      if (problem?.status === 503) addMetric('serviceUnavailable', 1);
      if (problem) {
        request.response = problem.toResponse();
        return;
      }
      logger.error('unhandled error', { errorName: error?.name, errorMessage: error?.message });
      request.response = new HttpProblem(500, 'Internal error', 'an unexpected error occurred').toResponse();
    },
  };
}
