import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/assertions.js';
import { API_KEYS, type IntegrationEnvironment, startIntegrationEnvironment } from '../helpers/local-stack.js';

/**
 * The local server's edge input over real HTTP: query and header keys that are names of Object's own
 * members, request targets URL parsing refuses, and requests Node's HTTP parser refuses (sent over raw
 * sockets, since fetch cannot send them). Every one must be a 2xx/4xx answer, never a 500 or bare text.
 */
let env: IntegrationEnvironment;
let port: number;

beforeAll(async () => {
  env = await startIntegrationEnvironment();
  port = Number(new URL(env.stack.baseUrl).port);
});

afterAll(async () => {
  await env?.stop();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the parsed problem body, asserted field by field
  json: any;
}

/** Writes `payload` as-is to the server and parses the one answer it sends before closing. */
function rawHttp(payload: string): Promise<RawAnswer> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(payload));
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', fail);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', text = ''] = raw.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      ok({ status: Number(statusLine.split(' ')[1]), headers, text, json: text ? JSON.parse(text) : undefined });
    });
  });
}

/** One request with a target exactly as given (node:http sends it unchecked, unlike fetch). */
function requestWithTarget(target: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: target, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          headers: res.headers as Record<string, string>,
          text,
          json: text ? JSON.parse(text) : undefined,
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('Query and header keys named like Object members', () => {
  const keys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it.each(keys)('GET /health?%s=1 answers 200', async (key) => {
    // Act
    const res = await env.api('GET', `/health?${key}=1`);

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it.each(keys)('GET /v1/audit?%s=1 is routed to the handler and answers without a 5xx', async (key) => {
    // Act
    const res = await env.api('GET', `/v1/audit?${key}=1`, { key: API_KEYS.alpha });

    // Assess
    expect(res.status).toBeLessThan(500);
    if (res.status === 200) expect(res.json.items).toEqual(expect.any(Array));
    else expectProblem(res, res.status);
  });

  it('GET /v1/vat/rates names __proto__ and constructor as unknown query parameters, next to its real ones', async () => {
    // Act
    const res = await env.api('GET', '/v1/vat/rates?__proto__=x&constructor=y&country=KG&date=2026-02-01', {
      key: API_KEYS.alpha,
    });

    // Assess: unknown query parameters are refused (contract, November 2026), the real ones are not blamed.
    expectProblem(res, 400);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.__proto__',
      'query.constructor',
    ]);
  });

  it('a header named constructor does not break the request', async () => {
    // Act
    const res = await requestWithTarget('/health', { constructor: 'x', 'x-api-key': API_KEYS.alpha });

    // Assess
    expect(res.status).toBe(200);
  });
});

describe('Request targets', () => {
  it('answers a malformed absolute-form target with 400 problem+json', async () => {
    // Act
    const res = await requestWithTarget('http://[bad/v1/audit', { 'x-api-key': API_KEYS.alpha });

    // Assess
    expectProblem(res, 400);
    expect(res.json.detail).toContain('request target');
  });

  it('serves a well-formed absolute-form target like its origin form', async () => {
    // Act
    const res = await requestWithTarget(`http://127.0.0.1:${port}/health`);

    // Assess
    expect(res.status).toBe(200);
  });
});

describe("Requests Node's HTTP parser refuses", () => {
  it('answers a bad request line with 400 problem+json and closes the connection', async () => {
    // Act
    const res = await rawHttp('NOT A REQUEST LINE\r\n\r\n');

    // Assess
    expectProblem(res, 400);
    expect(res.headers.connection).toBe('close');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  });

  it('answers a header with a forbidden character with 400 problem+json', async () => {
    // Act
    const res = await rawHttp('GET /health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n');

    // Assess
    expectProblem(res, 400);
    expect(res.headers.connection).toBe('close');
  });

  it('answers headers larger than the limit with 431 problem+json', async () => {
    // Act
    const res = await rawHttp(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);

    // Assess
    expectProblem(res, 431);
    expect(res.headers.connection).toBe('close');
  });
});
