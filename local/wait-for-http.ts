/** How {@link waitForHttp} decides that a service is up, and when to give up. */
export interface WaitForHttpOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Which answers count as ready; default: any HTTP answer at all (the port is served). */
  ready?: (status: number) => boolean;
  /**
   * Checked before every attempt: a message here means the service can never become ready (its process
   * exited), so waiting stops at once with that message instead of running into the timeout.
   */
  failed?: () => string | undefined;
  /** Named in the timeout message, e.g. "DynamoDB Local". */
  what?: string;
}

/** Raised when the service did not become ready; the message says why. */
class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

const POLL_INTERVAL_MS = 100;
const ATTEMPT_TIMEOUT_MS = 1_000;

/**
 * Polls `url` until it answers (or answers with a status `ready` accepts). The one readiness poll of
 * the local stack, its tests and the bench: DynamoDB Local, the API's /health.
 */
export async function waitForHttp(url: string, options: WaitForHttpOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ready = options.ready ?? (() => true);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = options.failed?.();
    if (failure) throw new NotReadyError(failure);
    if (await answers(url, ready)) return;
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
  throw new NotReadyError(`${options.what ?? url} did not answer at ${url} within ${timeoutMs} ms`);
}

async function answers(url: string, ready: (status: number) => boolean): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    await res.body?.cancel();
    return ready(res.status);
  } catch {
    return false; // not listening yet
  }
}
