import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/**
 * Time kept back from the Lambda's remaining time for everything after the audit writes: serializing
 * the answer, the 503 itself and API Gateway's hop. Budgets (function timeout → audit budget):
 * 10 s routes → 9 s; `validate-batch` (28 s) → 25.2 s.
 */
const SAFETY_MARGIN_RATIO = 0.1;
const MIN_SAFETY_MARGIN_MS = 1_000;
/** Without a Lambda context (CLI, unit tests) requests get this much time. */
const DEFAULT_BUDGET_MS = 9_000;

/** What one request carries down to the audit trail without threading it through every handler. */
export interface RequestScope {
  /** Epoch ms after which no DynamoDB call may still be running: the handler must answer 503 by then. */
  deadline: number;
  /** Unique per attempt (the Lambda request id): the record keys of requests without an Idempotency-Key. */
  requestId: string;
  /** The client's Idempotency-Key header, when sent: record keys then repeat on a retry. */
  idempotencyKey?: string;
  /** Admission order: older requests are served first by the shared write gate. */
  sequence: number;
}

const storage = new AsyncLocalStorage<RequestScope>();
let sequence = 0;

/** The audit budget of a request: the Lambda's remaining time minus a safety margin. */
export function deadlineOf(context: Pick<Context, 'getRemainingTimeInMillis'> | undefined, now = Date.now()): number {
  const remaining = context?.getRemainingTimeInMillis?.();
  if (remaining === undefined || !Number.isFinite(remaining)) return now + DEFAULT_BUDGET_MS;
  return Math.floor(now + remaining - Math.max(MIN_SAFETY_MARGIN_MS, remaining * SAFETY_MARGIN_RATIO));
}

/** Runs `fn` with the request's scope visible to {@link currentScope}. */
export function runInScope<T>(scope: Omit<RequestScope, 'sequence'>, fn: () => Promise<T>): Promise<T> {
  return storage.run({ ...scope, sequence: ++sequence }, fn);
}

/** The scope of the running request; outside a request (tests, scripts) a fresh one with the default budget. */
export function currentScope(): RequestScope {
  return (
    storage.getStore() ?? {
      deadline: Date.now() + DEFAULT_BUDGET_MS,
      requestId: `${Date.now()}-${++sequence}`,
      sequence,
    }
  );
}

/** Milliseconds left in the running request's budget (may be ≤ 0). */
export function remainingBudget(scope: RequestScope = currentScope()): number {
  return scope.deadline - Date.now();
}
