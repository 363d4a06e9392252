import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { InvalidCursorError } from '../../shared/audit/store.js';

const VERSION = 'c1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key for one purpose only (cursors, stored answers), derived from the server secret — never the HMAC key itself. */
function purposeKey(secret: string, purpose: 'cursor' | 'answer'): Buffer {
  return createHash('sha256').update(`salyk/${purpose}/v1\0`).update(secret, 'utf8').digest();
}

/** AES-256-GCM with a purpose key, bound to `scope` as additional data: base64url of iv + tag + ciphertext. */
function seal(key: Buffer, scope: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(scope, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** Opens what {@link seal} made for the same key and scope; `undefined` when malformed, tampered with or foreign. */
function open(key: Buffer, scope: string, sealed: string): string | undefined {
  const [version, payload] = sealed.split('.');
  const raw =
    version === VERSION && payload && /^[A-Za-z0-9_-]+$/.test(payload) ? Buffer.from(payload, 'base64url') : undefined;
  if (!raw || raw.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(scope, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * Seals a position (the last sort key returned) into an opaque cursor: AES-256-GCM with the server
 * secret, bound to `scope` (tenant and listing) as additional data. The cursor shows nothing — no
 * tenant, no identifier HMAC — and any change to it, or use in another scope, fails to open.
 */
export function sealCursor(secret: string, scope: string, position: string): string {
  return seal(purposeKey(secret, 'cursor'), scope, position);
}

/**
 * Opens a cursor made by {@link sealCursor} for the same scope.
 * @throws InvalidCursorError when it is malformed, tampered with or from another scope (a 400, never a 503).
 */
export function openCursor(secret: string, scope: string, cursor: string): string {
  const [version, payload] = cursor.split('.');
  const wellFormed = version === VERSION && payload !== undefined && /^[A-Za-z0-9_-]+$/.test(payload);
  if (!wellFormed || Buffer.from(payload, 'base64url').length <= IV_BYTES + TAG_BYTES)
    throw new InvalidCursorError('the cursor is malformed');
  const position = open(purposeKey(secret, 'cursor'), scope, cursor);
  if (position === undefined) throw new InvalidCursorError('the cursor does not belong to this listing');
  return position;
}

/**
 * Seals an answer before Powertools stores it for idempotent replays: answers echo identifiers (`normalized`, a
 * buyer TIN), and the table must never hold one in the clear. Bound to the tenant and route.
 */
export function sealAnswer(secret: string, scope: string, answer: string): string {
  return seal(purposeKey(secret, 'answer'), scope, answer);
}

/** Opens a sealed answer; `undefined` when it cannot be opened (the caller then recomputes it). */
export function openAnswer(secret: string, scope: string, sealed: string): string | undefined {
  return open(purposeKey(secret, 'answer'), scope, sealed);
}
