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
import { LANGUAGES, type Lang, langOf, negotiateLang, t } from '../../shared/i18n/index.js';
import type { RouteDefinition } from '../../shared/routes.js';
import { closest, describeIssues, problemDetail, unknownFieldMessage } from '../../shared/schemas/issues.js';
import { isJsonMediaType, mediaTypeOf, unsupportedMediaType } from './content-type.js';
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
type ParamsOf<R> = R extends { request: { params: infer S extends z.ZodType } } ? z.output<S> : undefined;

/** What a route's business function receives: validated input and the calling tenant. */
export interface ApiRequest<R> {
  body: BodyOf<R>;
  query: QueryOf<R>;
  /** The path's `{name}` segments (`/v1/jobs/{id}`), validated by the route's `params` schema. */
  params: ParamsOf<R>;
  /** The tenant behind the API key; empty on routes without a key. */
  tenant: string;
  /** The answer's language: `?lang=`, else `Accept-Language`, else English; sent back as `Content-Language`. */
  lang: Lang;
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
      const { lang, unknownLang } = languageOf(event);
      const tenant = route.apiKeyRequired ? tenantOf(event, lang) : '';
      if (unknownLang !== undefined) throw badLanguage(unknownLang, lang);
      const body = (
        route.request?.body ? parseInput(route.request.body, readJsonBody(event, lang), 'body', lang) : undefined
      ) as BodyOf<R>;
      const query = readQuery(route, event, lang) as QueryOf<R>;
      const params = (
        route.request?.params ? parseInput(route.request.params, event.pathParameters ?? {}, 'params', lang) : undefined
      ) as ParamsOf<R>;
      // Budget, deterministic record keys and Idempotency-Key (every POST) for every request.
      const result = await runRequest({ routeId: route.id, method: route.method, event, context, tenant, body }, () =>
        handle({ body, query, params, tenant, lang }),
      );
      const headers = { 'content-language': lang };
      if ('json' in result)
        return {
          statusCode: result.status ?? route.successStatus ?? 200,
          headers: { 'content-type': 'application/json', ...headers },
          body: result.json,
        };
      return jsonResponse(result.status ?? route.successStatus ?? 200, result.body, headers);
    });
}

/**
 * API Gateway has already checked the key on deployed routes and puts its id in the request context;
 * the local server does the same. The key id is the tenant: one API key per tenant.
 */
function tenantOf(event: APIGatewayProxyEvent, lang: Lang): string {
  const keyId = event.requestContext?.identity?.apiKeyId;
  if (!keyId) throw unauthorized(lang);
  return keyId;
}

/** The query parameter that chooses the language; every route takes it, no route schema declares it. */
const LANG_PARAM = 'lang';

/**
 * The answer's language: `?lang=` wins over `Accept-Language` (a link can carry it; a header often cannot be
 * set), which wins over English. A `lang` Salyk does not speak is reported as `unknownLang`, to be refused.
 */
function languageOf(event: Pick<APIGatewayProxyEvent, 'headers' | 'queryStringParameters'>): {
  lang: Lang;
  unknownLang?: string;
} {
  const name = Object.keys(event.headers ?? {}).find((h) => h.toLowerCase() === 'accept-language');
  const fromHeader = negotiateLang(name === undefined ? undefined : event.headers[name]);
  const asked = event.queryStringParameters?.[LANG_PARAM];
  if (asked === undefined || asked === null) return { lang: fromHeader };
  const lang = langOf(asked);
  return lang ? { lang } : { lang: fromHeader, unknownLang: asked };
}

function badLanguage(asked: string, lang: Lang): HttpProblem {
  const suggestion = closest(asked, LANGUAGES);
  const values = LANGUAGES.join(', ');
  const message = suggestion
    ? t('field.enum.suggest', lang, { field: LANG_PARAM, values, suggestion })
    : t('field.enum', lang, { field: LANG_PARAM, values });
  return badRequest(message, [{ path: `query.${LANG_PARAM}`, message }]);
}

/**
 * The validated query, or `undefined` for routes without one. Parameters the route does not know are refused
 * (a misspelt `?contry=` must not silently fall back to a default); `lang` is every route's.
 */
function readQuery(route: RouteDefinition, event: APIGatewayProxyEvent, lang: Lang): unknown {
  const { [LANG_PARAM]: _lang, ...query } = event.queryStringParameters ?? {};
  if (route.request?.query) return parseInput(route.request.query, query, 'query', lang);
  const unknown = Object.keys(query);
  if (route.request && unknown.length) {
    const errors = unknown.map((key) => ({
      path: `query.${key}`,
      message: unknownFieldMessage(key, key, [LANG_PARAM], lang, true),
    }));
    throw badRequest(problemDetail(errors, lang), errors);
  }
  return undefined;
}

function readJsonBody(event: APIGatewayProxyEvent, lang: Lang): unknown {
  const type = mediaTypeOf(event);
  if (type !== undefined && !isJsonMediaType(type)) throw unsupportedMediaType(type);
  if (event.body === null || event.body === undefined || event.body === '')
    throw badRequest(t('detail.bodyRequired', lang));
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(t('detail.badJson', lang, { reason: (error as Error).message }));
  }
}

function parseInput(schema: z.ZodType, input: unknown, where: 'body' | 'query' | 'params', lang: Lang): unknown {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: ProblemFieldError[] = describeIssues(schema, input, parsed.error.issues, { lang, where });
  // An array over its limit (e.g. more than 10 000 batch items) is "too large", not "malformed".
  const tooMany = parsed.error.issues.some((issue) => issue.code === 'too_big' && issue.origin === 'array');
  if (tooMany) throw payloadTooLarge(problemDetail(errors, lang), errors);
  throw badRequest(problemDetail(errors, lang), errors);
}

/** How one domain error class is answered over HTTP. */
interface DomainProblem {
  error: abstract new (...args: never[]) => SalykError;
  problem: (error: SalykError, errors: ProblemFieldError[], lang: Lang) => HttpProblem;
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
    problem: (_error, _errors, lang) => serviceUnavailable(t('detail.auditUnavailable', lang)),
  },
];

/**
 * The problem a thrown error is answered with, or `undefined` for an error no table row knows (a bug: 500).
 *
 * @param where - Where the route's input comes from; a domain error's `field` is put under it.
 */
export function problemFor(error: unknown, where: 'body' | 'query', lang: Lang = 'en'): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  const row = DOMAIN_PROBLEMS.find((r) => error instanceof r.error);
  if (!row) return undefined;
  const domainError = error as SalykError;
  const errors = domainError.field ? [{ path: `${where}.${domainError.field}`, message: domainError.message }] : [];
  return row.problem(domainError, errors, lang);
}

/** Turns every thrown error into a problem+json answer; bad input can never surface as a 500. */
function problemResponses(where: 'body' | 'query'): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      const { lang } = languageOf(request.event);
      const problem = problemFor(error, where, lang);
      if (error instanceof AuditUnavailableError) logger.warn('audit store unavailable', { reason: error.message });
      if (problem?.status === 503) addMetric('serviceUnavailable', 1);
      if (problem) {
        request.response = problem.toResponse(lang);
        return;
      }
      logger.error('unhandled error', { errorName: error?.name, errorMessage: error?.message });
      request.response = new HttpProblem(500, 'Internal error', t('detail.internal', lang)).toResponse(lang);
    },
  };
}
