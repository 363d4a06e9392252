import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { InvalidCursorError } from '../../shared/audit/store.js';

const VERSION = 'c1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key for cursors only, derived from the server secret (never the HMAC key itself). */
function cursorKey(secret: string): Buffer {
  return createHash('sha256').update('salyk/cursor/v1\0').update(secret, 'utf8').digest();
}

/**
 * Seals a position (the last sort key returned) into an opaque cursor: AES-256-GCM with the server
 * secret, bound to `scope` (tenant and listing) as additional data. The cursor shows nothing — no
 * tenant, no identifier HMAC — and any change to it, or use in another scope, fails to open.
 */
export function sealCursor(secret: string, scope: string, position: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', cursorKey(secret), iv);
  cipher.setAAD(Buffer.from(scope, 'utf8'));
  const body = Buffer.concat([cipher.update(position, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/**
 * Opens a cursor made by {@link sealCursor} for the same scope.
 * @throws InvalidCursorError when it is malformed, tampered with or from another scope (a 400, never a 503).
 */
export function openCursor(secret: string, scope: string, cursor: string): string {
  const [version, payload] = cursor.split('.');
  const raw =
    version === VERSION && payload && /^[A-Za-z0-9_-]+$/.test(payload) ? Buffer.from(payload, 'base64url') : undefined;
  if (!raw || raw.length <= IV_BYTES + TAG_BYTES) throw new InvalidCursorError('the cursor is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', cursorKey(secret), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(scope, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new InvalidCursorError('the cursor does not belong to this listing');
  }
}
