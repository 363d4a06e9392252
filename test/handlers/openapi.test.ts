import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { DEPLOYED_STAGE } from '../../functions/lib/openapi-document.js';
import { routeExamples } from '../../functions/lib/openapi-examples.js';
import { handler } from '../../functions/openapi.js';
import { ROUTE_ACCESS } from '../../infra/route-access.js';
import { STAGE_NAME } from '../../infra/salyk-api.js';
import packageJson from '../../package.json' with { type: 'json' };
import { FINDING_CODES, IDENTIFIER_ERROR_CODES } from '../../shared/enums.js';
import { type RouteDefinition, type RouteName, routes } from '../../shared/routes.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { answerChecker } from '../helpers/openapi-answers.js';

const fetchDocument = async () =>
  (await invoke(handler, apiEvent({ method: 'GET', path: '/v1/openapi.json', apiKeyId: null }))).json;
const entries = Object.entries(routes) as [RouteName, RouteDefinition][];
// biome-ignore lint/suspicious/noExplicitAny: the document is walked by path
const operationOf = (document: any, r: RouteDefinition) => document.paths[r.path][r.method.toLowerCase()];

describe('Route: GET /v1/openapi.json (the document)', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    // Prepare
    const document = await fetchDocument();

    // Act
    const result = await new Validator().validate(document);

    // Assess
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe(packageJson.version);
  });

  it('names the local stack and the deployed stage (same stage name as the CDK stack) as servers', async () => {
    // Act
    const document = await fetchDocument();

    // Assess
    expect(DEPLOYED_STAGE).toBe(STAGE_NAME);
    expect(document.servers.map((s: { url: string }) => s.url)).toEqual([
      'http://127.0.0.1:3000',
      'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
    ]);
  });

  it('declares 503 exactly on routes whose function reaches the audit table or keeps idempotency records', async () => {
    // Act
    const document = await fetchDocument();

    // Assess
    for (const [name, route] of entries) {
      const access = ROUTE_ACCESS[name];
      const reaches = access.auditTable !== 'none' || (access.jobs ?? 'none') !== 'none' || route.method === 'POST';
      expect('503' in operationOf(document, route).responses, route.id).toBe(reaches);
    }
    expect('503' in operationOf(document, routes.vatRates).responses).toBe(false);
    expect('503' in operationOf(document, routes.validateIdentifier).responses).toBe(true);
  });

  it('declares 413 and 415 where a body is accepted, 409/422 and Idempotency-Key on POSTs, 401 behind a key', async () => {
    // Act
    const document = await fetchDocument();

    // Assess
    for (const [, route] of entries) {
      const op = operationOf(document, route) as { responses: object; parameters?: { name: string }[] };
      const has = (status: string) => status in op.responses;
      const body = route.request?.body !== undefined;
      expect([has('413'), has('415')], route.id).toEqual([body, body]);
      const post = route.method === 'POST';
      expect([has('409'), has('422')], route.id).toEqual([post || route.conflict !== undefined, post]);
      expect(op.parameters?.some((p) => p.name === 'Idempotency-Key') ?? false, route.id).toBe(route.method === 'POST');
      expect(has('401'), route.id).toBe(route.apiKeyRequired);
      for (const status of ['400', '403', '404', '405', '429', '500'])
        expect(has(status), `${route.id} ${status}`).toBe(true);
    }
  });

  it('lists every error and finding code as an enum, each with its English catalog text', async () => {
    // Act
    const { components } = await fetchDocument();

    // Assess
    expect(components.schemas.IdentifierErrorCode.enum).toEqual([...IDENTIFIER_ERROR_CODES]);
    expect(components.schemas.EsfFindingCode.enum).toEqual([...FINDING_CODES]);
    expect(components.schemas.IdentifierErrorCode['x-enumDescriptions'].INVALID_CHECKSUM).toContain('check digit');
    const refs = JSON.stringify(components.schemas.IdentifierResult);
    expect(refs).toContain('#/components/schemas/IdentifierErrorCode');
    expect(refs).toContain('#/components/schemas/IdentifierWarningCode');
  });

  it('declares every {name} segment of a path as a required path parameter, and 201 where a route creates', async () => {
    // Act
    const document = await fetchDocument();

    // Assess
    for (const [, route] of entries) {
      const op = operationOf(document, route) as {
        responses: object;
        parameters?: { name: string; in: string; required?: boolean }[];
      };
      const segments = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), route.id).toEqual(segments.sort());
      for (const p of declared) expect(p.required, `${route.id} ${p.name}`).toBe(true);
      expect(Object.keys(op.responses), route.id).toContain(String(route.successStatus ?? 200));
    }
    expect(operationOf(document, routes.jobsGet).parameters.map((p: { name: string }) => p.name)).toContain('id');
    expect('201' in operationOf(document, routes.jobsCreate).responses).toBe(true);
  });

  it("has request and answer examples that match the route's own schemas", async () => {
    // Prepare
    const document = await fetchDocument();
    const expectDocumented = answerChecker(document);

    // Act
    const examples = routeExamples();

    // Assess
    for (const [name, route] of entries) {
      const example = examples[name];
      if (!example) continue;
      expectDocumented(route.method, route.path, {
        status: route.successStatus ?? 200,
        headers: { 'content-type': 'application/json' },
        json: example.response,
      });
      if (route.request?.body) expect(route.request.body.safeParse(example.request).error, route.id).toBeUndefined();
      if (route.request?.query) expect(route.request.query.safeParse(example.request).error, route.id).toBeUndefined();
      if (route.request?.params)
        expect(route.request.params.safeParse(example.request).error, route.id).toBeUndefined();
    }
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(entries.length - 1);
    const wrong = { status: 200, headers: { 'content-type': 'application/json' }, json: { valid: 'yes' } };
    expect(() => expectDocumented('POST', '/v1/identifiers/validate', wrong)).toThrow();
  });
});
