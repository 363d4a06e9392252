import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';
import { expectProblem } from '../helpers/assertions.js';
import { randomKzIin } from '../helpers/identifiers.js';
import { API_KEYS, type ApiClient, apiClient, type LocalStack, startLocalStack } from '../helpers/local-stack.js';

/**
 * The real local stack with its database unreachable (DYNAMODB_ENDPOINT points at a closed port):
 * every check must answer 503 with Retry-After — never a 2xx whose audit record was lost, never a 500.
 */
let stack: LocalStack;
let api: ApiClient;

beforeAll(async () => {
  const closedPort = await freePort();
  stack = await startLocalStack({ dynamodbEndpoint: `http://127.0.0.1:${closedPort}` });
  api = apiClient(stack.baseUrl);
});

afterAll(async () => {
  await stack?.stop();
});

describe('Database unreachable', () => {
  it('still starts and answers GET /health', async () => {
    // Act
    const res = await api('GET', '/health');

    // Assess
    expect(res.status).toBe(200);
    expect(stack.output()).toContain('unreachable');
  });

  it('answers POST /v1/identifiers/validate with 503 and Retry-After, every time', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      // Act
      const res = await api('POST', '/v1/identifiers/validate', {
        key: API_KEYS.alpha,
        body: { value: randomKzIin() },
      });

      // Assess
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(res.json.checkId).toBeUndefined();
    }
  });

  it('answers POST /v1/identifiers/validate-batch with 503 and no results', async () => {
    // Act
    const res = await api('POST', '/v1/identifiers/validate-batch', {
      key: API_KEYS.alpha,
      body: { items: Array.from({ length: 60 }, () => ({ value: randomKzIin() })) },
    });

    // Assess
    expectProblem(res, 503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json.results).toBeUndefined();
  });

  it('answers the audit routes with 503 and Retry-After', async () => {
    // Act
    const listed = await api('GET', '/v1/audit', { key: API_KEYS.alpha });
    const looked = await api('POST', '/v1/audit/lookup', { key: API_KEYS.alpha, body: { value: randomKzIin() } });

    // Assess
    expectProblem(listed, 503);
    expectProblem(looked, 503);
    expect(listed.headers['retry-after']).toBeDefined();
    expect(looked.headers['retry-after']).toBeDefined();
  });

  it('still answers malformed input with 400 and a missing key with 401, not 503', async () => {
    // Act
    const badJson = await api('POST', '/v1/identifiers/validate', { key: API_KEYS.alpha, rawBody: '{' });
    const noKey = await api('POST', '/v1/identifiers/validate', { body: { value: randomKzIin() } });

    // Assess
    expectProblem(badJson, 400);
    expectProblem(noKey, 401);
  });
});
