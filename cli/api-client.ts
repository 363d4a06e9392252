import type { IdentifierResult } from '../shared/identifiers/types.js';
import { routes } from '../shared/routes.js';
import { lang } from './lang.js';

export interface ApiOptions {
  url: string;
  key: string;
  /** Batches in flight at once. */
  concurrency: number;
}

type BatchItem = { value: string; ref?: string };
type BatchResult = IdentifierResult & { checkId: string };

/** The deployed or local API's batch endpoint, so every row is also audited; retries 429/503 with backoff. */
export async function validateBatchRemote(api: ApiOptions, items: BatchItem[]): Promise<BatchResult[]> {
  const endpoint = new URL(routes.validateIdentifierBatch.path, api.url).href;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': api.key, 'accept-language': lang() },
        body: JSON.stringify({ items }),
      });
    } catch (error) {
      // fetch only says "fetch failed"; the reason (refused, DNS, TLS) is its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(
        `cannot reach the API at ${api.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    if (response.ok) return ((await response.json()) as { results: BatchResult[] }).results;
    if ((response.status === 503 || response.status === 429) && attempt < 6) {
      const retryAfter = Number(response.headers.get('retry-after')) || 2 ** attempt;
      await new Promise((r) => setTimeout(r, retryAfter * 1000));
      continue;
    }
    const detail = await response.text();
    throw new Error(`API answered ${response.status} for a batch of ${items.length}: ${detail.slice(0, 300)}`);
  }
}
