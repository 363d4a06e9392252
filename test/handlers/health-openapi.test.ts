import { describe, expect, it } from 'vitest';
import { handler as healthHandler } from '../../functions/health.js';
import { handler as openapiHandler } from '../../functions/openapi.js';
import { routeList } from '../../shared/routes.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';

describe('Route: GET /health', () => {
  it('answers {status: "ok"} without an API key', async () => {
    // Act
    const res = await invoke(healthHandler, apiEvent({ path: '/health', apiKeyId: null }));

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toEqual({ status: 'ok' });
  });
});

describe('Route: GET /v1/openapi.json', () => {
  it('answers an OpenAPI 3.x document without an API key', async () => {
    // Act
    const res = await invoke(openapiHandler, apiEvent({ path: '/v1/openapi.json', apiKeyId: null }));

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(res.json.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it('describes every route of the route table, with its method', async () => {
    // Act
    const res = await invoke(openapiHandler, apiEvent({ path: '/v1/openapi.json', apiKeyId: null }));

    // Assess
    const paths = res.json.paths as Record<string, Record<string, unknown>>;
    expect(routeList.length).toBeGreaterThan(0);
    for (const route of routeList) {
      expect(paths[route.path], route.path).toBeDefined();
      expect(paths[route.path]![route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
    expect(Object.keys(paths).sort()).toEqual([...new Set(routeList.map((r) => r.path))].sort());
  });

  it('requires x-api-key exactly on the routes that need it', async () => {
    // Act
    const res = await invoke(openapiHandler, apiEvent({ path: '/v1/openapi.json', apiKeyId: null }));

    // Assess
    expect(res.json.components.securitySchemes.apiKey).toEqual({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    for (const route of routeList) {
      const operation = res.json.paths[route.path][route.method.toLowerCase()];
      expect(operation.security, route.path).toEqual(route.apiKeyRequired ? [{ apiKey: [] }] : []);
    }
  });

  it('is generated from the request schemas (limits and enums show up)', async () => {
    // Act
    const res = await invoke(openapiHandler, apiEvent({ path: '/v1/openapi.json', apiKeyId: null }));

    // Assess
    const text = JSON.stringify(res.json);
    const schema = res.json.components.schemas.ValidateIdentifierRequest;
    expect(schema.properties.value).toMatchObject({ type: 'string', minLength: 1, maxLength: 64 });
    expect(schema.properties.country.enum).toEqual(['KZ', 'KG']);
    expect(text).toContain('"maxItems":10000');
    expect(res.json.paths['/v1/identifiers/validate-batch'].post.responses['413']).toBeDefined();
  });
});
