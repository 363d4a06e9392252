import { afterAll, afterEach, beforeEach } from 'vitest';
import { useAuditStore } from '../../functions/lib/audit-trail.js';
import { InMemoryAuditStore } from './in-memory-audit-store.js';

/**
 * For handler tests: every test gets a fresh in-memory audit store and the given HMAC secret (set anew
 * before each test, so a test may change it); the environment is restored after the file.
 */
export function useFakeAuditTrail(secret: string): { readonly store: InMemoryAuditStore } {
  const state = { store: new InMemoryAuditStore() };
  const savedSecret = process.env.HMAC_SECRET;
  beforeEach(() => {
    process.env.HMAC_SECRET = secret;
    state.store = new InMemoryAuditStore();
    useAuditStore(state.store);
  });
  afterEach(() => useAuditStore(undefined));
  afterAll(() => {
    if (savedSecret === undefined) delete process.env.HMAC_SECRET;
    else process.env.HMAC_SECRET = savedSecret;
  });
  return state;
}
