/**
 * API Gateway REST API (proxy integration, payload v1) events and Lambda contexts: the one factory the
 * local server hands the real handlers and the handler tests build their events with, so both see
 * exactly what the deployed API would pass.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayEventRequestContext, APIGatewayProxyEvent, Context } from 'aws-lambda';

/** Where the event claims to come from: the deployed stage, the local stack, a test. */
export interface GatewayStage {
  accountId: string;
  apiId: string;
  stage: string;
}

/** One HTTP request as the gateway received it, before it becomes an event. */
export interface RestApiRequest {
  method: string;
  /** The path without its query string, e.g. `/v1/audit`. */
  path: string;
  /** The route's resource path (API Gateway's `resource`); defaults to `path` (no path parameters). */
  resource?: string;
  resourceId: string;
  /** Header names lower-cased; a name may repeat or carry several values. */
  headers: Iterable<readonly [string, string | readonly string[] | undefined]>;
  /** Query pairs in the order sent; a key may repeat. */
  query?: Iterable<readonly [string, string]>;
  /** The body text; `null` (or `''`) when there is none. */
  body: string | null;
  isBase64Encoded?: boolean;
  /** e.g. `1.1` */
  httpVersion?: string;
  sourceIp: string;
  /** The API key the gateway checked, if the route needs one; its id names the tenant. */
  apiKey?: { key: string; id: string };
  gateway: GatewayStage;
}

type StringMap = Record<string, string>;
type StringsMap = Record<string, string[]>;

/**
 * A map without a prototype, so that a client's key such as `constructor` or `__proto__` is just a key
 * (on a plain object it would read or replace inherited members and break whoever reads the map).
 */
function nullPrototypeMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Builds the event API Gateway would pass to a Lambda proxy integration for `request`. */
export function restApiEvent(request: RestApiRequest): APIGatewayProxyEvent {
  const headers = headerMaps(request.headers);
  const query = queryMaps(request.query ?? []);
  return {
    resource: request.resource ?? request.path,
    path: request.path,
    httpMethod: request.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query?.single ?? null,
    multiValueQueryStringParameters: query?.multi ?? null,
    pathParameters: null,
    stageVariables: null,
    body: request.body === '' ? null : request.body,
    isBase64Encoded: request.isBase64Encoded ?? false,
    requestContext: requestContext(request, headers.single['user-agent'] ?? null),
  };
}

/** API Gateway v1 keeps every value in the multi-value map and only the last one in the plain map. */
function headerMaps(pairs: RestApiRequest['headers']): { single: StringMap; multi: StringsMap } {
  const single = nullPrototypeMap<string>();
  const multi = nullPrototypeMap<string[]>();
  for (const [name, value] of pairs) {
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : [...value];
    if (values.length === 0) continue;
    multi[name] = [...(multi[name] ?? []), ...values];
    single[name] = values[values.length - 1] as string;
  }
  return { single, multi };
}

/** As for headers: the last value of a repeated key wins in the plain map; no query at all is `null`. */
function queryMaps(pairs: Iterable<readonly [string, string]>): { single: StringMap; multi: StringsMap } | undefined {
  const single = nullPrototypeMap<string>();
  const multi = nullPrototypeMap<string[]>();
  let any = false;
  for (const [name, value] of pairs) {
    any = true;
    single[name] = value;
    multi[name] = [...(multi[name] ?? []), value];
  }
  return any ? { single, multi } : undefined;
}

function requestContext(request: RestApiRequest, userAgent: string | null): APIGatewayEventRequestContext {
  const { gateway } = request;
  const resourcePath = request.resource ?? request.path;
  return {
    accountId: gateway.accountId,
    apiId: gateway.apiId,
    authorizer: null,
    protocol: `HTTP/${request.httpVersion ?? '1.1'}`,
    httpMethod: request.method,
    path: `/${gateway.stage}${request.path}`,
    stage: gateway.stage,
    requestId: randomUUID(),
    requestTimeEpoch: Date.now(),
    resourceId: request.resourceId,
    resourcePath,
    identity: {
      accessKey: null,
      accountId: null,
      apiKey: request.apiKey?.key ?? null,
      apiKeyId: request.apiKey?.id ?? null,
      caller: null,
      clientCert: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: request.sourceIp,
      user: null,
      userAgent,
      userArn: null,
    },
  };
}

/** The function a context describes. */
export interface LambdaContextOptions {
  functionName: string;
  /** The function's timeout: `getRemainingTimeInMillis()` counts down from it. */
  timeoutMs: number;
  memoryMb?: number;
  region: string;
  accountId: string;
  logStreamName: string;
}

/** A Lambda context whose remaining time counts down from the function's timeout, as Lambda's does. */
export function lambdaContext(options: LambdaContextOptions): Context {
  const deadline = Date.now() + options.timeoutMs;
  const { functionName } = options;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: options.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
