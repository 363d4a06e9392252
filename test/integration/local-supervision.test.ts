import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/assertions.js';
import { randomKzIin } from '../helpers/identifiers.js';
import { API_KEYS, type ApiClient, apiClient, type LocalStack, startLocalStack } from '../helpers/local-stack.js';

/**
 * The local stack as `npm start` runs it, with its own DynamoDB Local on data in its data folder: when
 * the Java process is killed hard, the stack brings it back on the same data, says so, and answers 503
 * with Retry-After in the gap; records written before the kill are still there afterwards.
 */
let stack: LocalStack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startLocalStack({ readyTimeoutMs: 60_000 });
  api = apiClient(stack.baseUrl);
});

afterAll(async () => {
  await stack?.stop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms:\n${stack.output()}`);
}

const validate = () => api('POST', '/v1/identifiers/validate', { key: API_KEYS.alpha, body: { value: randomKzIin() } });

describe('DynamoDB Local supervision', () => {
  it('restarts DynamoDB Local on the same data after kill -9, keeping earlier records', async () => {
    // Prepare
    const before = await validate();
    expect(before.status).toBe(200);
    const javaPid = await stack.dynamoDbLocalPid();
    expect(javaPid).toEqual(expect.any(Number));

    // Act
    process.kill(javaPid as number, 'SIGKILL');
    await until('the exit notice', async () => (stack.output().includes('DynamoDB Local exited') ? true : undefined));
    const duringGap = await validate();
    await until('the restart', async () => (stack.output().includes('DynamoDB Local is back') ? true : undefined));
    const newPid = await stack.dynamoDbLocalPid();
    const listed = await api('GET', '/v1/audit', { key: API_KEYS.alpha });
    const after = await validate();

    // Assess
    expect(stack.output()).toContain('DynamoDB Local exited (signal SIGKILL); restarting on the same data (attempt 2)');
    expectProblem(duringGap, 503);
    expect(duringGap.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(newPid).toEqual(expect.any(Number));
    expect(newPid).not.toBe(javaPid);
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((item: { checkId: string }) => item.checkId)).toContain(before.json.checkId);
    expect(after.status).toBe(200);
    expect(after.json.checkId).toEqual(expect.any(String));
    expect(stack.exited()).toBe(false);
  }, 120_000);

  it('stops DynamoDB Local for good on Ctrl-C (SIGINT), without a restart', async () => {
    // Prepare
    const javaPid = await stack.dynamoDbLocalPid();
    expect(javaPid).toEqual(expect.any(Number));

    // Act
    stack.signal('SIGINT');
    await until('the stack exit', async () => (stack.exited() ? true : undefined), 20_000);

    // Assess
    expect(isAlive(javaPid as number)).toBe(false);
    expect(await stack.dynamoDbLocalPid()).toBeUndefined(); // the pid file is removed on a clean stop
    expect(stack.output().match(/DynamoDB Local exited/g)).toHaveLength(1); // only the kill -9 above
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
