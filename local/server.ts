import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../shared/problem.js';
import { type RouteDefinition, routeList, routes as routeTable } from '../shared/routes.js';
import { type GatewayStage, lambdaContext, restApiEvent } from './api-gateway-event.js';
import { serveDocs } from './docs.js';
import { webHandler } from './static.js';

/** API Gateway's request payload limit; larger bodies are refused with 413 as it would. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const LOCAL_GATEWAY: GatewayStage = { accountId: 'local', apiId: 'local', stage: 'local' };
const LOCAL_ACCOUNT = '000000000000';

type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

interface LoadedRoute {
  route: RouteDefinition;
  handler: LambdaHandler;
}

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
 * payload v1) would: same route table as the CDK stack, API keys checked before the handler runs, and
 * every error — including requests Node's parser refuses — answered as problem+json.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<Server> {
  const routes = await loadRoutes(options.root);
  const server = createServer((req, res) => {
    serve(req, res, routes, options.apiKeys).catch((error: unknown) => {
      // Only reached on a bug in this adapter or a client that went away; the handlers answer their own errors.
      console.error('local server error:', (error as Error).message);
      if (!res.headersSent) send(res, problem(500, 'Internal error', 'the local server failed'));
    });
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', () => ok());
  });
  return server;
}

const serveWeb = webHandler();

async function loadRoutes(root: string): Promise<LoadedRoute[]> {
  return Promise.all(
    routeList.map(async (route) => {
      const module = (await import(pathToFileURL(resolve(root, route.handler)).href)) as { handler: LambdaHandler };
      return { route, handler: module.handler };
    }),
  );
}

async function serve(req: IncomingMessage, res: ServerResponse, routes: LoadedRoute[], apiKeys: Map<string, string>) {
  const url = requestTarget(req.url);
  if (!url) return send(res, problem(400, 'Bad request', 'the request target is not a valid path or absolute URL'));
  if (await serveDocs(req, res, url.pathname, routeTable.openapi.path)) return;
  const sameRoute = routes.filter(({ route }) => pathParameters(route.path, url.pathname) !== undefined);
  // Anything that is not an API route may be a file of the web page (local/static.ts): `/` is the page.
  if (!sameRoute.length && !url.pathname.startsWith('/v1/') && (await serveWeb(req, res))) return;
  const found = sameRoute.find(({ route }) => route.method === req.method);
  if (!found) {
    return send(
      res,
      sameRoute.length
        ? problem(405, 'Method not allowed', `${req.method} is not supported on ${url.pathname}`)
        : problem(404, 'Not found', `no route for ${url.pathname}`),
    );
  }
  const { route, handler } = found;

  const apiKey = checkedApiKey(req, apiKeys);
  if (route.apiKeyRequired && !apiKey) {
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

  const event = restApiEvent({
    method: route.method,
    path: url.pathname,
    resource: route.path,
    resourceId: route.id,
    headers: Object.entries(req.headersDistinct),
    query: url.searchParams,
    body,
    httpVersion: req.httpVersion,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    apiKey: route.apiKeyRequired ? apiKey : undefined,
    gateway: LOCAL_GATEWAY,
  });
  event.pathParameters = pathParameters(route.path, url.pathname) ?? null;
  if (event.pathParameters && !Object.keys(event.pathParameters).length) event.pathParameters = null;
  send(res, await handler(event, routeContext(route)));
}

/** A route template's `{name}` segments matched against a path (as API Gateway does), or `undefined` if it does not match. */
function pathParameters(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return undefined;
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
  } catch {
    return undefined; // a malformed escape: no route, as API Gateway answers it
  }
}

/**
 * The request target as a URL: origin-form (`/v1/audit?x=1`) or absolute-form (`http://host/v1/audit`),
 * as HTTP/1.1 allows; `undefined` when it is neither (e.g. `http://[bad/v1`), which is the client's error.
 */
function requestTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** The key (and the tenant it names) when `x-api-key` carries a known key, as API Gateway checks it. */
function checkedApiKey(req: IncomingMessage, apiKeys: Map<string, string>): { key: string; id: string } | undefined {
  const key = req.headersDistinct['x-api-key']?.[0];
  const tenant = key === undefined ? undefined : apiKeys.get(key);
  return key !== undefined && tenant !== undefined ? { key, id: tenant } : undefined;
}

function routeContext(route: RouteDefinition): Context {
  return lambdaContext({
    functionName: `salyk-local-${route.id}`,
    timeoutMs: (route.timeoutSeconds ?? 10) * 1000,
    memoryMb: route.memoryMb ?? 512,
    region: 'local',
    accountId: LOCAL_ACCOUNT,
    logStreamName: 'local',
  });
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

/** The problem Node's HTTP parser error stands for (codes from llhttp and node:http). */
function clientErrorProblem(error: Error & { code?: string; reason?: string }): [number, string, string] {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'Request header fields too large', 'the request line and headers exceed the server limit'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADERS_TIMEOUT':
      return [408, 'Request timeout', 'the request was not received in time'];
    default:
      return [400, 'Bad request', `the request could not be parsed: ${error.reason ?? error.code ?? 'malformed HTTP'}`];
  }
}

/**
 * Node answers a request its parser refuses (bad request line, headers too large, …) with a bare
 * `400 Bad Request` of its own; answer those as problem+json too, then close: the stream is unusable.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, title, detail] = clientErrorProblem(error);
  const body = JSON.stringify(problemBody(status, title, detail));
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? title}`,
      `content-type: ${PROBLEM_CONTENT_TYPE}`,
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

function problem(
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
    body: JSON.stringify(problemBody(status, title, detail)),
  };
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  res.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
  res.end(result.body);
}
