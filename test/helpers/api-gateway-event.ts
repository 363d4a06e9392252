import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext as gatewayLambdaContext, restApiEvent } from '../../local/api-gateway-event.js';

export interface EventOptions {
  method?: 'GET' | 'POST';
  path: string;
  /** A JSON body; serialized unless `rawBody` is given. */
  body?: unknown;
  /** The body text exactly as sent (bad JSON, ...); `null` (or `''`, as API Gateway passes it) means no body at all. */
  rawBody?: string | null;
  isBase64Encoded?: boolean;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /**
   * The API key id API Gateway puts in the request context once it has checked `x-api-key`; it names
   * the tenant. `null` builds an event without one (a route reached without a key).
   */
  apiKeyId?: string | null;
}

/** The deployed stage the test events claim to come from. */
const TEST_GATEWAY = { accountId: '123456789012', apiId: 'abc123', stage: 'prod' } as const;

/**
 * A realistic API Gateway REST API (proxy integration, payload v1) event, built by the same factory the
 * local server uses; this only supplies a test's defaults (JSON headers, tenant `tenant-a`'s key).
 */
export function apiEvent(options: EventOptions): APIGatewayProxyEvent {
  const method = options.method ?? (options.body === undefined && options.rawBody === undefined ? 'GET' : 'POST');
  const apiKeyId = options.apiKeyId === undefined ? 'tenant-a' : options.apiKeyId;
  const body =
    options.rawBody !== undefined ? options.rawBody : options.body === undefined ? null : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: 'abc123.execute-api.eu-central-1.amazonaws.com',
    'user-agent': 'salyk-tests',
    ...(body !== null ? { 'content-type': 'application/json' } : {}),
    ...(apiKeyId ? { 'x-api-key': `key-of-${apiKeyId}` } : {}),
    ...options.headers,
  };
  return restApiEvent({
    method,
    path: options.path,
    resourceId: 'res123',
    headers: Object.entries(headers),
    query: Object.entries(options.query ?? {}),
    body,
    isBase64Encoded: options.isBase64Encoded,
    sourceIp: '203.0.113.10',
    apiKey: apiKeyId ? { key: `key-of-${apiKeyId}`, id: apiKeyId } : undefined,
    gateway: TEST_GATEWAY,
  });
}

/** A Lambda context with a generous deadline. */
function lambdaContext(functionName = 'salyk-test'): Context {
  return gatewayLambdaContext({
    functionName,
    timeoutMs: 29_000,
    region: 'eu-central-1',
    accountId: TEST_GATEWAY.accountId,
    logStreamName: '2026/11/22/[$LATEST]test',
  });
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface InvokeResult {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes and assert on them
  json: any;
  raw: APIGatewayProxyResult;
}

/** Invokes a handler with one event and parses its JSON answer. */
export async function invoke(handler: Handler, event: APIGatewayProxyEvent): Promise<InvokeResult> {
  const raw = await handler(event, lambdaContext());
  const headers = Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: raw.statusCode, headers, json: raw.body ? JSON.parse(raw.body) : undefined, raw };
}
