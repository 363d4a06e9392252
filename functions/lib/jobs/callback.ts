import { createHmac, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOB_ENGINE } from '../../../shared/jobs/params.js';

/** The header a callback carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (Stripe's scheme). */
const SIGNATURE_HEADER = 'Salyk-Signature';

/**
 * A tenant's callback signing key, derived from the server secret so that no key is stored and no
 * tenant can sign for another: HMAC(server secret, "callback\0" + tenant). Returned to the tenant when
 * it creates a job with a callback URL.
 */
export function callbackKey(serverSecret: string, tenant: string): string {
  return createHmac('sha256', serverSecret).update(`callback\0${tenant}`).digest('hex');
}

/** The signature header value for `body` sent at `timestamp` (unix seconds). */
export function signCallback(key: string, timestamp: number, body: string): string {
  const v1 = createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** What a receiver does: recompute and compare, and refuse stale timestamps (replays). */
export function verifyCallback(key: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signCallback(key, t, body));
  const given = Buffer.from(header);
  // Constant time: how much of a guess matched must not show in the answer's timing.
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** How a callback went: delivered on which attempt, or the last failure. */
export type CallbackOutcome =
  | { delivered: true; attempts: number }
  | { delivered: false; attempts: number; error: string };

/**
 * POSTs the job to its callback URL, signed, retrying network errors, 429 and 5xx with doubling pauses.
 * Another 4xx is the receiver's refusal: not retried.
 */
export async function sendCallback(
  url: string,
  key: string,
  payload: unknown,
  options: { attempts?: number; firstDelayMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<CallbackOutcome> {
  const attempts = options.attempts ?? JOB_ENGINE.callbackAttempts;
  const firstDelay = options.firstDelayMs ?? JOB_ENGINE.callbackFirstDelayMs;
  const doFetch = options.fetchImpl ?? fetch;
  const body = JSON.stringify(payload);
  let error = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signCallback(key, Math.floor(Date.now() / 1000), body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return { delivered: true, attempts: attempt };
      error = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) return { delivered: false, attempts: attempt, error };
    } catch (e) {
      error = (e as Error).message;
    }
    if (attempt < attempts) await sleep(firstDelay * 2 ** (attempt - 1));
  }
  return { delivered: false, attempts, error };
}
