import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type RouteDefinition, routeList } from '../shared/routes.js';
import { webHandler } from './static.js';

/** API Gateway's request payload limit; larger bodies are refused with 413 as it would. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface LocalServerOptions {
  port: number;
  host?: string;
  /** API key → tenant, as API Gateway's keys and usage plan would map them. */
  apiKeys: Map<string, string>;
  /** Project root the route table's handler paths are relative to. */
  root: string;
}

/**
 * Serves the real Lambda handlers over HTTP, the way API Gateway's REST API (proxy integration,
 * payload v1) would: same route table as the CDK stack, API keys checked before the handler runs.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<Server> {
  const handlers = new Map<RouteDefinition, LambdaHandler>();
  for (const route of routeList) {
    const module = (await import(pathToFileURL(resolve(options.root, route.handler)).href)) as {
      handler: LambdaHandler;
    };
    handlers.set(route, module.handler);
  }

  const server = createServer((req, res) => {
    serve(req, res, handlers, options.apiKeys).catch((error: unknown) => {
      // Only reached on a bug in this adapter; the handlers answer their own errors.
      console.error('local server error:', (error as Error).message);
      if (!res.headersSent) send(res, problem(500, 'Internal error', 'the local server failed'));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', () => ok());
  });
  return server;
}

const serveWeb = webHandler();

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: Map<RouteDefinition, LambdaHandler>,
  apiKeys: Map<string, string>,
) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const sameRoute = routeList.filter((r) => r.path === url.pathname);
  // Anything that is not an API route may be a file of the web page (local/static.ts): `/` is the page.
  if (!sameRoute.length && !url.pathname.startsWith('/v1/') && (await serveWeb(req, res))) return;
  const route = sameRoute.find((r) => r.method === req.method);
  if (!route) {
    return send(
      res,
      sameRoute.length
        ? problem(405, 'Method not allowed', `${req.method} is not supported on ${url.pathname}`)
        : problem(404, 'Not found', `no route for ${url.pathname}`),
    );
  }

  const apiKey = headerValue(req, 'x-api-key');
  const tenant = apiKey ? apiKeys.get(apiKey) : undefined;
  if (route.apiKeyRequired && !tenant) {
    return send(
      res,
      problem(401, 'Unauthorized', 'a valid x-api-key header is required', {
        'www-authenticate': 'ApiKey header="x-api-key"',
      }),
    );
  }

  const body = await readBody(req);
  if (body === null)
    return send(res, problem(413, 'Payload too large', `the request body exceeds ${MAX_BODY_BYTES} bytes`));

  const event = toEvent(
    req,
    url,
    route,
    body,
    route.apiKeyRequired ? { apiKey: apiKey!, apiKeyId: tenant! } : undefined,
  );
  const result = await handlers.get(route)!(event, lambdaContext(route));
  send(res, result);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: RouteDefinition,
  body: string,
  key: { apiKey: string; apiKeyId: string } | undefined,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value; // API Gateway v1 keeps the last value
    (multiQuery[name] ??= []).push(value);
  }
  const hasQuery = url.searchParams.size > 0;
  const now = new Date();
  return {
    resource: route.path,
    path: url.pathname,
    httpMethod: route.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: null,
    stageVariables: null,
    body: body === '' ? null : body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: route.method,
      path: `/local${url.pathname}`,
      stage: 'local',
      requestId: randomUUID(),
      requestTimeEpoch: now.getTime(),
      resourceId: route.id,
      resourcePath: route.path,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: key?.apiKey ?? null,
        apiKeyId: key?.apiKeyId ?? null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        user: null,
        userAgent: headers['user-agent'] ?? null,
        userArn: null,
      },
    },
  };
}

function lambdaContext(route: RouteDefinition): Context {
  const deadline = Date.now() + (route.timeoutSeconds ?? 10) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `salyk-local-${route.id}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:salyk-local-${route.id}`,
    memoryLimitInMB: String(route.memoryMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/salyk-local-${route.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as text, or `null` when it is larger than API Gateway accepts. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function problem(
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({
      type: `urn:salyk:problem:${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      title,
      status,
      detail,
      errors: [],
    }),
  };
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  res.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
  res.end(result.body);
}
