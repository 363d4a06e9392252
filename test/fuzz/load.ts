import { randomUUID } from 'node:crypto';
import { randomKzIin } from '../helpers/identifiers.js';

/**
 * Load and fault helpers shared by test/integration/faults.test.ts: POSTs with an Idempotency-Key whose
 * answers are all kept (status, time, checkIds), identifiers unique within a run (so records can be counted
 * per request), and which stored records count as complete.
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

/** Items of the audit table's commit partitions (`R#<tenant>`): a request's records count once it is committed. */
const COMMIT_PARTITION = 'R#';

/**
 * The requests whose commit item says `committed: true`, as `<tenant>\0<requestRef>`. The audit store
 * writes a request's records first and its commit item last, and hides records of uncommitted requests
 * from every listing: that is what "complete" means for a stored record.
 */
export function committedRequests(items: readonly Record<string, unknown>[]): Set<string> {
  const committed = new Set<string>();
  for (const item of items) {
    const pk = String(item.pk ?? '');
    if (pk.startsWith(COMMIT_PARTITION) && item.committed === true)
      committed.add(`${pk.slice(COMMIT_PARTITION.length)}\0${String(item.sk)}`);
  }
  return committed;
}

/**
 * Whether a stored audit record presents itself as a finished check: its request is committed. Records
 * without a `requestRef` (written before commit items existed) are complete by definition.
 */
export function looksComplete(item: Record<string, unknown>, committed: ReadonlySet<string>): boolean {
  if (typeof item.requestRef !== 'string') return true;
  return committed.has(`${String(item.tenant)}\0${item.requestRef}`);
}
