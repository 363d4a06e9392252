import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

export interface EventOptions {
  method?: 'GET' | 'POST';
  path: string;
  /** A JSON body; serialized unless `rawBody` is given. */
  body?: unknown;
  /** The body text exactly as sent (bad JSON, empty string, ...); `null` means no body at all. */
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

/**
 * A realistic API Gateway REST API (proxy integration, payload v1) event, as the deployed API and the
 * local server hand it to a handler.
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
  const query = options.query && Object.keys(options.query).length > 0 ? options.query : null;
  const now = Date.now();
  return {
    resource: options.path,
    path: options.path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: null,
    stageVariables: null,
    body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      path: `/prod${options.path}`,
      stage: 'prod',
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'res123',
      resourcePath: options.path,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: apiKeyId ? `key-of-${apiKeyId}` : null,
        apiKeyId: apiKeyId ?? null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.10',
        user: null,
        userAgent: 'salyk-tests',
        userArn: null,
      },
    },
  };
}

/** A Lambda context with a generous deadline. */
export function lambdaContext(functionName = 'salyk-test'): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/22/[$LATEST]test',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface InvokeResult {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  raw: APIGatewayProxyResult;
}

/** Invokes a handler with one event and parses its JSON answer. */
export async function invoke(handler: Handler, event: APIGatewayProxyEvent): Promise<InvokeResult> {
  const raw = await handler(event, lambdaContext());
  const headers = Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: raw.statusCode, headers, json: raw.body ? JSON.parse(raw.body) : undefined, raw };
}
