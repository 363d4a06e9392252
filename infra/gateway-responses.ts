import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../shared/problem.js';

/** Put where a problem's `detail` should be API Gateway's own message (`$context.error.messageString`). */
const GATEWAY_MESSAGE = Symbol('gateway-message');

/** One API-Gateway-generated error, answered as an RFC 9457 problem. */
export interface ProblemGatewayResponse {
  type: ResponseType;
  /** The HTTP status sent, and repeated in the body's `status` (RFC 9457 requires them to agree). */
  status: number;
  title: string;
  detail: string | typeof GATEWAY_MESSAGE;
  headers?: Record<string, string>;
}

/**
 * Every response type API Gateway documents (supported-gateway-response-types), each with an explicit
 * status so that the body's `status` is always the status actually sent: gateway response templates
 * are plain substitution, and no `$context` variable holds the status code.
 *
 * Deliberate departures from API Gateway's defaults:
 * - `INVALID_API_KEY` → 401 (default 403). API Gateway raises it for a missing `x-api-key` as well as
 *   an unknown or disabled one, and the contract says both are 401; 401 also carries `WWW-Authenticate`.
 * - `MISSING_AUTHENTICATION_TOKEN` → 404 (default 403). This API has no IAM or authorizer auth, so API
 *   Gateway only raises it when no resource/method matches the request: an unknown path, or a known
 *   path with a verb it does not have. 404 is the honest answer for both (405 cannot be told apart here).
 * - `INTEGRATION_FAILURE` → 502 (default 504): the Lambda invocation itself failed.
 * - `DEFAULT_5XX` → 502: besides types added by AWS later, this is what API Gateway uses when a function
 *   crashes or returns a malformed proxy response (sent as 502), i.e. a bad upstream. Handlers turn
 *   their own failures into problems, so a gateway 5xx always means the function did not answer properly.
 * - `DEFAULT_4XX` → 400: only reached by response types added after this list was written.
 *
 * Bodies are built by `shared/problem.ts`, like the handlers' own problems, so `type` is the same URN.
 */
export const PROBLEM_GATEWAY_RESPONSES: readonly ProblemGatewayResponse[] = [
  {
    type: ResponseType.INVALID_API_KEY,
    status: 401,
    title: 'Unauthorized',
    detail: 'a valid x-api-key header is required',
    headers: { 'WWW-Authenticate': 'ApiKey header="x-api-key"' },
  },
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    title: 'Not found',
    detail: 'no route matches this method and path',
  },
  {
    type: ResponseType.RESOURCE_NOT_FOUND,
    status: 404,
    title: 'Not found',
    detail: 'no route matches this method and path',
  },
  { type: ResponseType.ACCESS_DENIED, status: 403, title: 'Forbidden', detail: GATEWAY_MESSAGE },
  { type: ResponseType.EXPIRED_TOKEN, status: 403, title: 'Forbidden', detail: GATEWAY_MESSAGE },
  { type: ResponseType.INVALID_SIGNATURE, status: 403, title: 'Forbidden', detail: GATEWAY_MESSAGE },
  { type: ResponseType.WAF_FILTERED, status: 403, title: 'Forbidden', detail: GATEWAY_MESSAGE },
  { type: ResponseType.UNAUTHORIZED, status: 401, title: 'Unauthorized', detail: GATEWAY_MESSAGE },
  { type: ResponseType.BAD_REQUEST_BODY, status: 400, title: 'Invalid request', detail: GATEWAY_MESSAGE },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, title: 'Invalid request', detail: GATEWAY_MESSAGE },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    title: 'Payload too large',
    detail: 'the request is larger than API Gateway accepts (10 MB)',
  },
  { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, status: 415, title: 'Unsupported media type', detail: GATEWAY_MESSAGE },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    title: 'Too many requests',
    detail: 'the request rate limit was exceeded; retry with backoff',
  },
  {
    type: ResponseType.QUOTA_EXCEEDED,
    status: 429,
    title: 'Too many requests',
    detail: "this API key's request quota for the period is used up",
  },
  { type: ResponseType.API_CONFIGURATION_ERROR, status: 500, title: 'Internal error', detail: GATEWAY_MESSAGE },
  { type: ResponseType.AUTHORIZER_CONFIGURATION_ERROR, status: 500, title: 'Internal error', detail: GATEWAY_MESSAGE },
  { type: ResponseType.AUTHORIZER_FAILURE, status: 500, title: 'Internal error', detail: GATEWAY_MESSAGE },
  {
    type: ResponseType.INTEGRATION_FAILURE,
    status: 502,
    title: 'Bad gateway',
    detail: 'the function behind this route failed',
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    title: 'Gateway timeout',
    detail: 'the function behind this route did not answer in time',
  },
  { type: ResponseType.DEFAULT_4XX, status: 400, title: 'Invalid request', detail: GATEWAY_MESSAGE },
  { type: ResponseType.DEFAULT_5XX, status: 502, title: 'Bad gateway', detail: GATEWAY_MESSAGE },
];

/** Stands in for the gateway's message while the body is serialized; swapped for the variable after. */
const MESSAGE_SLOT = '@@gateway-message@@';

/**
 * The response template for one problem. Gateway templates are plain variable substitution (not VTL),
 * so the JSON is built here; `$context.error.messageString` is already a quoted JSON string.
 *
 * @param response - The problem to render.
 */
export function problemTemplate(response: ProblemGatewayResponse): string {
  const detail = response.detail === GATEWAY_MESSAGE ? MESSAGE_SLOT : response.detail;
  const json = JSON.stringify(problemBody(response.status, response.title, detail));
  return json.replace(JSON.stringify(MESSAGE_SLOT), '$context.error.messageString');
}

/**
 * Adds {@link PROBLEM_GATEWAY_RESPONSES} to a REST API, so errors API Gateway answers by itself look like
 * the handlers' own problems.
 *
 * @param api - The REST API.
 */
export function addProblemGatewayResponses(api: RestApi): void {
  for (const response of PROBLEM_GATEWAY_RESPONSES) {
    const headers: Record<string, string> = {
      'Content-Type': PROBLEM_CONTENT_TYPE,
      ...response.headers,
    };
    api.addGatewayResponse(`problem-${response.type.responseType.toLowerCase().replace(/_/g, '-')}`, {
      type: response.type,
      statusCode: String(response.status),
      // Header values are mapping expressions: a literal must be wrapped in single quotes.
      responseHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, `'${value}'`])),
      // Keyed by content type like API Gateway's own default responses; the header above sets the real type.
      templates: { 'application/json': problemTemplate(response) },
    });
  }
}
