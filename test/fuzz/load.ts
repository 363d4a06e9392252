import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { randomKzIin } from '../helpers/identifiers.js';

/**
 * Load and fault helpers shared by test/integration/faults.test.ts: POSTs with an Idempotency-Key whose
 * answers are all kept (status, time, checkIds), identifiers unique within a run (so records can be counted
 * per request), and the DynamoDB Local process found by its port.
 */

export interface SentCheck {
  path: '/v1/identifiers/validate' | '/v1/identifiers/validate-batch';
  idempotencyKey: string;
  body: string;
  /** The identifiers of the request, in order. */
  values: string[];
}

export interface CheckAnswer {
  /** 0 when no answer arrived within the client timeout (a hang). */
  status: number;
  ms: number;
  retryAfter?: string;
  contentType?: string;
  /** The checkIds the answer reported, in request order (one for validate). */
  checkIds: string[];
}

/** IINs never used before in this process, so every record can be traced to one request. */
export function uniqueIdentifiers(): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const value = randomKzIin();
      if (!used.has(value)) {
        used.add(value);
        return value;
      }
    }
  };
}

export function validateCheck(value: string): SentCheck {
  return {
    path: '/v1/identifiers/validate',
    idempotencyKey: randomUUID(),
    body: JSON.stringify({ value }),
    values: [value],
  };
}

export function batchCheck(values: string[]): SentCheck {
  return {
    path: '/v1/identifiers/validate-batch',
    idempotencyKey: randomUUID(),
    body: JSON.stringify({ items: values.map((value) => ({ value })) }),
    values,
  };
}

/** Sends one check with its Idempotency-Key; never throws. */
export async function sendCheck(
  baseUrl: string,
  apiKey: string,
  check: SentCheck,
  timeoutMs: number,
): Promise<CheckAnswer> {
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}${check.path}`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'idempotency-key': check.idempotencyKey },
      body: check.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let json: { checkId?: string; results?: { checkId?: string }[] } = {};
    try {
      json = JSON.parse(text);
    } catch {
      // a non-JSON answer keeps no checkIds
    }
    const checkIds = json.results ? json.results.map((r) => String(r.checkId)) : json.checkId ? [json.checkId] : [];
    return {
      status: res.status,
      ms,
      retryAfter: res.headers.get('retry-after') ?? undefined,
      contentType: res.headers.get('content-type') ?? undefined,
      checkIds,
    };
  } catch {
    return { status: 0, ms: performance.now() - started, checkIds: [] };
  }
}

/** The pid of the DynamoDB Local JVM listening on `port`, if one runs. */
export function dynamoDbLocalPid(port: number): number | undefined {
  try {
    const out = execFileSync('pgrep', ['-f', `DynamoDBLocal\\.jar .*-port ${port}( |$)`], { encoding: 'utf8' });
    const pids = out.split('\n').filter(Boolean).map(Number);
    return pids.length === 1 ? pids[0] : undefined;
  } catch {
    return undefined; // pgrep exits 1 when nothing matches
  }
}

/** Whether anything answers HTTP at `endpoint` within a second. */
export async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Whether a stored audit record presents itself as a finished check. A request answered 503 may leave
 * records only if they say they are not complete; the audit store's marker is one of these (the lead
 * adjusts this list to the marker the store finally uses).
 */
export function looksComplete(item: Record<string, unknown>): boolean {
  const state = String(item.status ?? item.state ?? '').toLowerCase();
  return !(
    item.incomplete === true ||
    item.complete === false ||
    item.pending === true ||
    ['pending', 'incomplete', 'in_progress', 'inprogress', 'started'].includes(state)
  );
}
