import { describe, expect, it } from 'vitest';
import { openCursor, sealCursor } from '../../../functions/lib/cursor.js';
import { InvalidCursorError } from '../../../shared/audit/store.js';

const SECRET = 'cursor-test-secret';
const SCOPE = 'lookup\0T#tenant-a#H#abcdef0123456789';

describe('Sealed cursors', () => {
  it('opens to the position it sealed, in the same scope', () => {
    // Prepare
    const cursor = sealCursor(SECRET, SCOPE, '01JABCDEFGHJKMNPQRSTVWXYZ0');

    // Act
    const position = openCursor(SECRET, SCOPE, cursor);

    // Assess
    expect(position).toBe('01JABCDEFGHJKMNPQRSTVWXYZ0');
  });

  it('shows neither the tenant, the identifier HMAC nor the position', () => {
    // Act
    const cursor = sealCursor(SECRET, SCOPE, '01JABCDEFGHJKMNPQRSTVWXYZ0');
    const decoded = Buffer.from(cursor.slice(3), 'base64url').toString('latin1');

    // Assess
    for (const secretPart of ['tenant-a', 'abcdef0123456789', '01JABCDEFG']) {
      expect(cursor).not.toContain(secretPart);
      expect(decoded).not.toContain(secretPart);
    }
  });

  it('refuses a cursor with one character changed', () => {
    // Prepare
    const cursor = sealCursor(SECRET, SCOPE, '01JABCDEFGHJKMNPQRSTVWXYZ0');
    const at = cursor.length - 5;
    const tampered = cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);

    // Act / Assess
    expect(() => openCursor(SECRET, SCOPE, tampered)).toThrow(InvalidCursorError);
  });

  it("refuses another scope's cursor (another tenant or identifier) and another server's", () => {
    // Prepare
    const cursor = sealCursor(SECRET, SCOPE, '01JABCDEFGHJKMNPQRSTVWXYZ0');

    // Act / Assess
    expect(() => openCursor(SECRET, 'lookup\0T#tenant-b#H#abcdef0123456789', cursor)).toThrow(InvalidCursorError);
    expect(() => openCursor('another-secret', SCOPE, cursor)).toThrow(InvalidCursorError);
  });

  it.each(['', 'x', 'c1.', 'c1.!!!', 'c1.AAAA', 'eyJwayI6IlQjYSJ9', `c1.${'A'.repeat(60)}`])(
    'refuses the malformed cursor %j',
    (bad) => {
      expect(() => openCursor(SECRET, SCOPE, bad)).toThrow(InvalidCursorError);
    },
  );
});
