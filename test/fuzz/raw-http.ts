import { connect } from 'node:net';

/** A request exactly as it goes on the wire: the target is not checked or escaped, so it can be malformed. */
export interface RawRequest {
  method: string;
  /** The request target: origin form (`/v1/x?y`), absolute form (`http://h/v1/x`) or junk. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawAnswer {
  status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
  ms: number;
}

/**
 * Sends one HTTP/1.1 request over a fresh TCP connection (`Connection: close`) and reads the whole
 * answer. Neither fetch nor node:http will send a malformed target or method, and the fuzzer needs both.
 * Resolves `undefined` when no answer arrives within `timeoutMs`.
 */
export function rawRequest(baseUrl: string, request: RawRequest, timeoutMs = 20_000): Promise<RawAnswer | undefined> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    'connection: close',
    ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`),
    ...(body ? [`content-length: ${body.length}`] : []),
  ].join('\r\n');
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => undefined); // a reset after the answer is fine; no answer is reported below
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks), performance.now() - started));
    });
    socket.write(`${head}\r\n\r\n`);
    if (body) socket.write(body);
  });
}

function parseAnswer(raw: Buffer, ms: number): RawAnswer | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = raw.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status, headers, text: body.toString('utf8'), ms };
}

/** Decodes a chunked transfer-encoded body. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
