import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod';
import { AuditUnavailableError, InvalidCursorError } from '../../shared/audit/store.js';
import type { RouteDefinition } from '../../shared/routes.js';
import { runRequest } from './idempotency.js'; // AUDIT-HELPER: request scope + Idempotency-Key
import { logger } from './logger.js';
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

export type ApiResult =
  | { status?: number; body: unknown }
  /** An answer already serialized, e.g. built while the audit writes were in flight. */
  | { status?: number; json: string };

/**
 * Wraps a route's business function in the common HTTP behaviour: tenant from the API key, JSON body
 * and query validation against the route's zod schemas, and RFC 9457 problems for every failure.
 */
export function apiHandler<const R extends RouteDefinition>(
  route: R,
  handle: (request: ApiRequest<R>) => Promise<ApiResult>,
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(problemResponses())
    .handler(async (event, context) => {
      const tenant = route.apiKeyRequired ? tenantOf(event) : '';
      const body = (
        route.request?.body ? parseInput(route.request.body, readJsonBody(event), 'body') : undefined
      ) as BodyOf<R>;
      const query = (
        route.request?.query ? parseInput(route.request.query, event.queryStringParameters ?? {}, 'query') : undefined
      ) as QueryOf<R>;
      // AUDIT-HELPER: budget, deterministic record keys and Idempotency-Key for every request.
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

/** Turns every thrown error into a problem+json answer; bad input can never surface as a 500. */
function problemResponses(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof HttpProblem) {
        request.response = error.toResponse();
      } else if (error instanceof InvalidCursorError) {
        // AUDIT-HELPER: the cursor's field is where it came from (GET query or POST body).
        const path = request.event.httpMethod === 'POST' ? 'body.cursor' : 'query.cursor';
        request.response = badRequest(error.message, [{ path, message: error.message }]).toResponse();
      } else if (error instanceof AuditUnavailableError) {
        logger.warn('audit store unavailable', { reason: error.message });
        request.response = serviceUnavailable(
          'the audit log cannot be written right now; nothing was recorded as done. Retry later.',
        ).toResponse();
      } else {
        logger.error('unhandled error', { errorName: error?.name, errorMessage: error?.message });
        request.response = new HttpProblem(500, 'Internal error', 'an unexpected error occurred').toResponse();
      }
    },
  };
}
