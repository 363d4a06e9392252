import { randomBytes } from 'node:crypto';
import { encodeTime } from 'ulid';

/**
 * The layout of a checkId (26 characters of Crockford base 32, like a ULID): start time of the request
 * (10) + request ref (10) + item index (6). Time first, so listings by key stay newest-first; the ref and
 * index make it deterministic per request and item, so writing a request again rewrites the same records.
 */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LENGTH = 10;
const REF_LENGTH = 10;
const INDEX_LENGTH = 6;

export function checkIdOf(startedAt: Date, requestRef: string, index: number): string {
  return `${encodeTime(Math.max(0, startedAt.getTime()), TIME_LENGTH)}${requestRef}${encodeIndex(index)}`;
}

/** The request ref inside a checkId made by {@link checkIdOf}. */
export function requestRefOf(checkId: string): string {
  return checkId.slice(TIME_LENGTH, TIME_LENGTH + REF_LENGTH);
}

let last = { time: -1, ref: '' };

/**
 * A fresh ref for a request without Idempotency-Key: random, but increasing within one millisecond (as
 * monotonic ULIDs do) so requests of the same millisecond still list in the order they were made.
 */
export function nextUnkeyedRef(time: number): string {
  if (time === last.time) {
    const chars = [...last.ref];
    let i = chars.length - 1;
    while (i >= 0 && chars[i] === 'Z') chars[i--] = '0';
    if (i >= 0) chars[i] = BASE32[BASE32.indexOf(chars[i] ?? '0') + 1] ?? '0';
    last = { time, ref: chars.join('') };
  } else {
    // The first character is kept low so thousands of increments cannot wrap around.
    last = { time, ref: `0${base32(randomBytes(REF_LENGTH)).slice(1)}` };
  }
  return last.ref;
}

/** The first {@link REF_LENGTH} base-32 characters of `bytes` (5 bits each). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < REF_LENGTH; i++) out += BASE32[(bytes[i] ?? 0) & 31];
  return out;
}

function encodeIndex(index: number): string {
  let out = '';
  for (let i = 0, n = index; i < INDEX_LENGTH; i++, n = Math.floor(n / 32)) out = BASE32[n % 32] + out;
  return out;
}
