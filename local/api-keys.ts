/** The key that works when `SALYK_API_KEYS` is unset (tenant `local`). */
const DEFAULT_LOCAL_KEY = 'local-dev-key';

/**
 * Parses `SALYK_API_KEYS` (`tenant:key,tenant:key`) into key → tenant. Unset means the single
 * development key `local-dev-key` for tenant `local`.
 */
export function parseApiKeys(raw: string | undefined): Map<string, string> {
  if (!raw?.trim()) return new Map([[DEFAULT_LOCAL_KEY, 'local']]);
  const keys = new Map<string, string>();
  for (const pair of raw.split(',')) {
    const at = pair.indexOf(':');
    const tenant = pair.slice(0, at).trim();
    const key = pair.slice(at + 1).trim();
    if (at <= 0 || !tenant || !key) throw new Error(`SALYK_API_KEYS entry "${pair.trim()}" is not tenant:key`);
    keys.set(key, tenant);
  }
  return keys;
}
