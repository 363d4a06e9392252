import { describe, expect, it } from 'vitest';
import { callbackKey, sendCallback, signCallback, verifyCallback } from '../../../functions/lib/jobs/callback.js';
import { jobKeys, parseUploadKey, uploadKey } from '../../../shared/jobs/model.js';

describe('Jobs: keys', () => {
  it('names tenant and job in the upload key and reads them back, and nothing else', () => {
    // Act
    const key = uploadKey('tenant-1', '01JDQ3S3ZK0000000000000000');

    // Assess
    expect(parseUploadKey(key)).toEqual({ tenant: 'tenant-1', jobId: '01JDQ3S3ZK0000000000000000' });
    expect(parseUploadKey('uploads/tenant-1/../x')).toBeUndefined();
    expect(jobKeys('t', '01JDQ3S3ZK0000000000000000').part(1_000)).toMatch(/parts\/000000001000\.json$/);
  });
});

describe('Jobs: callback signature', () => {
  it('verifies a signature made with the tenant’s key, and refuses another tenant’s key or a stale timestamp', () => {
    // Prepare
    const key = callbackKey('server-secret', 'alpha');
    const body = '{"jobId":"x"}';
    const header = signCallback(key, 1_700_000_000, body);

    // Assess
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyCallback(key, header, body, 1_700_000_010)).toBe(true);
    expect(verifyCallback(callbackKey('server-secret', 'beta'), header, body, 1_700_000_010)).toBe(false);
    expect(verifyCallback(key, header, body, 1_700_001_000)).toBe(false);
    expect(verifyCallback(key, header, `${body} `, 1_700_000_010)).toBe(false);
  });

  it('retries a 503 and stops at a 400', async () => {
    // Prepare
    const statuses = [503, 503, 200];
    const calls: string[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      calls.push(String((init.headers as Record<string, string>)['Salyk-Signature']));
      return new Response(null, { status: statuses.shift() ?? 400 });
    }) as typeof fetch;

    // Act
    const delivered = await sendCallback('http://x', 'k', { a: 1 }, { fetchImpl, firstDelayMs: 1 });
    const refused = await sendCallback('http://x', 'k', { a: 1 }, { fetchImpl, firstDelayMs: 1 });

    // Assess
    expect(delivered).toEqual({ delivered: true, attempts: 3 });
    expect(refused).toEqual({ delivered: false, attempts: 1, error: 'HTTP 400' });
    expect(calls.every((c) => c.startsWith('t='))).toBe(true);
  });
});
