import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLING, CREATE_REQUIRE_BANNER, esbuildOptionsFor, PROJECT_ROOT } from '../../infra/bundling.js';
import { PROBLEM_GATEWAY_RESPONSES, problemTemplate } from '../../infra/gateway-responses.js';
import {
  AUDIT_TABLE_ACTIONS,
  CONTROL_ITEM_ACTIONS,
  JOBS_ACCESS_ACTIONS,
  ROUTE_ACCESS,
  type RouteAccess,
} from '../../infra/route-access.js';
import type { SalykStack } from '../../infra/salyk-stack.js';
import { AUDIT_INDEXES, AUDIT_TABLE, DEFAULT_AUDIT_RETENTION_DAYS } from '../../shared/audit/table.js';
import { type RouteName, routeList, routes } from '../../shared/routes.js';
import { Problem } from '../../shared/schemas/common.js';
import { buildStack, logicalId, type TemplateResource } from './build-stack.js';

// The CloudFormation validator costs seconds per synth and `npm run synth` runs it anyway.
const previousValidation = process.env.CDK_VALIDATION;
process.env.CDK_VALIDATION = 'false';
afterAll(() => {
  if (previousValidation === undefined) delete process.env.CDK_VALIDATION;
  else process.env.CDK_VALIDATION = previousValidation;
});

/** The bulk-job engine's own functions (prepare, batch, finish: infra/jobs.ts). */
const JOB_ENGINE_FUNCTIONS = 3;

/** Each route with its table key, in route-table order. */
const namedRoutes = Object.entries(routes) as [RouteName, (typeof routes)[RouteName]][];

let stack: SalykStack;
let template: Template;
let resources: Record<string, TemplateResource>;

beforeAll(() => {
  ({ stack, template, resources } = buildStack());
});

describe('Stack: Salyk — functions', () => {
  it('has one nodejs22.x arm64 function per route, with its sizing, environment and X-Ray tracing', () => {
    // Prepare
    const expectedEnvironment = {
      TABLE_NAME: { Ref: logicalId(stack, stack.table) },
      HMAC_SECRET_ARN: { Ref: logicalId(stack, stack.hmacSecret) },
      AUDIT_RETENTION_DAYS: String(DEFAULT_AUDIT_RETENTION_DAYS),
      POWERTOOLS_SERVICE_NAME: 'salyk',
      POWERTOOLS_METRICS_NAMESPACE: 'Salyk',
    };

    // Act
    const functions = namedRoutes.map(([name, route]) => ({
      route,
      fn: resources[logicalId(stack, stack.functions[name])],
    }));

    // Assess
    // + CDK's BucketDeployment function, which copies the web page to its bucket at deploy time
    template.resourceCountIs('AWS::Lambda::Function', routeList.length + 1 + JOB_ENGINE_FUNCTIONS);
    for (const { route, fn } of functions) {
      expect(fn?.Type, route.id).toBe('AWS::Lambda::Function');
      expect(fn?.Properties, route.id).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: ('memoryMb' in route ? route.memoryMb : undefined) ?? 512,
        Timeout: ('timeoutSeconds' in route ? route.timeoutSeconds : undefined) ?? 10,
        Environment: { Variables: expectedEnvironment },
        TracingConfig: { Mode: 'Active' },
      });
      // NODE_OPTIONS is not needed: no source maps to enable.
      expect(fn?.Properties.Environment.Variables, route.id).not.toHaveProperty('NODE_OPTIONS');
    }
  });

  it('takes AUDIT_RETENTION_DAYS from the auditRetentionDays context', () => {
    // Prepare
    const context = { auditRetentionDays: '30' }; // as `cdk synth -c auditRetentionDays=30` passes it

    // Act
    const { stack: withContext, resources: withContextResources } = buildStack(context);

    // Assess
    for (const [name] of namedRoutes) {
      expect(withContextResources[logicalId(withContext, withContext.functions[name])]?.Properties, name).toMatchObject(
        {
          Environment: { Variables: expect.objectContaining({ AUDIT_RETENTION_DAYS: '30' }) },
        },
      );
    }
  });

  it('rejects an auditRetentionDays context that is not a positive integer', () => {
    // Act
    const build = () => buildStack({ auditRetentionDays: '5 years' });

    // Assess
    expect(build).toThrow(/auditRetentionDays.*positive integer/);
  });

  it('bundles with the shared options: ESM, module-first, SDK included, createRequire banner', () => {
    // Act
    const options = esbuildOptionsFor('functions/health.ts');

    // Assess
    expect(BUNDLING).toMatchObject({
      externalModules: [],
      mainFields: ['module', 'main'],
      minify: true,
      sourceMap: false,
    });
    expect(options).toMatchObject({
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      sourcemap: false,
      external: [],
      mainFields: ['module', 'main'],
      banner: { js: CREATE_REQUIRE_BANNER },
    });
  });
});

describe('Stack: Salyk — REST API', () => {
  it('has one proxy method per route, with an API key required exactly where the route says', () => {
    // Prepare
    const methods = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGateway::Method');

    // Act
    const perRoute = namedRoutes.map(([name, route]) => {
      const resource = route.path
        .split('/')
        .filter(Boolean)
        .reduce((parent, part) => parent.getResource(part)!, stack.api.root);
      const resourceId = { Ref: logicalId(stack, resource) };
      const functionArn = { 'Fn::GetAtt': [logicalId(stack, stack.functions[name]), 'Arn'] };
      return {
        route,
        resourceId,
        functionArn,
        matches: methods.filter(
          (m) =>
            m.Properties.HttpMethod === route.method &&
            JSON.stringify(m.Properties.ResourceId) === JSON.stringify(resourceId),
        ),
      };
    });

    // Assess
    expect(methods).toHaveLength(routeList.length);
    for (const { route, matches, functionArn } of perRoute) {
      expect(matches, `${route.method} ${route.path}`).toHaveLength(1);
      const method = matches[0]!;
      expect(method.Properties.ApiKeyRequired ?? false, route.id).toBe(route.apiKeyRequired);
      expect(method.Properties.AuthorizationType).toBe('NONE');
      expect(method.Properties.Integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(method.Properties.Integration.Uri)).toContain(JSON.stringify(functionArn));
    }
  });

  it('requires a key on every /v1 route except the OpenAPI document, and not on /health', () => {
    // Act
    const keyRequired = Object.fromEntries(routeList.map((route) => [route.path, route.apiKeyRequired]));

    // Assess
    expect(keyRequired['/health']).toBe(false);
    expect(keyRequired['/v1/openapi.json']).toBe(false);
    for (const route of routeList.filter((r) => r.path.startsWith('/v1/') && r.path !== '/v1/openapi.json')) {
      expect(route.apiKeyRequired, route.path).toBe(true);
    }
  });

  it('throttles the stage and logs access as JSON to a log group, with execution logging off', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
          LoggingLevel: 'OFF',
          DataTraceEnabled: false,
        }),
      ],
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"apiKeyId":"\\$context.identity.apiKeyId"'),
      },
    });
    // Never the key itself, never the raw path (a client may put an identifier in it).
    const format = Object.values(resources).find((r) => r.Type === 'AWS::ApiGateway::Stage')!.Properties
      .AccessLogSetting.Format as string;
    expect(format).not.toContain('$context.identity.apiKey"');
    expect(format).not.toContain('$context.path');
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  it('attaches one API key to a usage plan with throttling and a monthly quota', () => {
    // Prepare
    const planId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGateway::UsagePlan')![0];
    const keyId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGateway::ApiKey')![0];

    // Assess
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 25, BurstLimit: 50 },
      Quota: { Limit: 100_000, Period: 'MONTH' },
      ApiStages: [Match.objectLike({ ApiId: { Ref: logicalId(stack, stack.api) } })],
    });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    template.hasResourceProperties('AWS::ApiGateway::ApiKey', { Name: 'salyk-default', Enabled: true });
    // API Gateway generates the key's value: nothing secret is in the template.
    expect(resources[keyId]!.Properties).not.toHaveProperty('Value');
    template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
      KeyId: { Ref: keyId },
      KeyType: 'API_KEY',
      UsagePlanId: { Ref: planId },
    });
  });

  it('answers a missing or invalid API key with 401 problem+json and WWW-Authenticate', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'INVALID_API_KEY',
      StatusCode: '401',
      ResponseParameters: {
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
        'gatewayresponse.header.WWW-Authenticate': `'ApiKey header="x-api-key"'`,
      },
    });
    const body = JSON.parse(gatewayResponse('INVALID_API_KEY').Properties.ResponseTemplates['application/json']);
    expect(body).toEqual({
      type: 'urn:salyk:problem:unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'a valid x-api-key header is required',
      errors: [],
    });
  });

  it('answers an unknown route (MISSING_AUTHENTICATION_TOKEN) with 404 problem+json', () => {
    // Act
    const response = gatewayResponse('MISSING_AUTHENTICATION_TOKEN');

    // Assess
    expect(response.Properties.StatusCode).toBe('404');
    expect(JSON.parse(response.Properties.ResponseTemplates['application/json'])).toMatchObject({
      status: 404,
      title: 'Not found',
    });
  });

  it('renders every gateway response, DEFAULT_4XX and DEFAULT_5XX included, as an RFC 9457 problem whose status matches', () => {
    // Prepare
    const all = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGateway::GatewayResponse');

    // Act
    const rendered = all.map((r) => ({
      type: r.Properties.ResponseType as string,
      statusCode: Number(r.Properties.StatusCode),
      contentType: r.Properties.ResponseParameters['gatewayresponse.header.Content-Type'],
      // What API Gateway substitutes: $context.error.messageString is a quoted string.
      body: JSON.parse(
        (r.Properties.ResponseTemplates['application/json'] as string).replaceAll(
          '$context.error.messageString',
          '"Forbidden"',
        ),
      ),
    }));

    // Assess
    expect(all).toHaveLength(PROBLEM_GATEWAY_RESPONSES.length);
    expect(rendered.map((r) => r.type)).toEqual(
      expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX', 'INVALID_API_KEY', 'THROTTLED', 'QUOTA_EXCEEDED']),
    );
    for (const response of rendered) {
      expect(response.contentType, response.type).toBe("'application/problem+json'");
      expect(Problem.parse(response.body), response.type).toEqual(response.body);
      expect(response.body.status, response.type).toBe(response.statusCode);
      expect(response.body.type, response.type).toMatch(/^urn:salyk:problem:[a-z0-9-]+$/);
    }
    expect(problemTemplate(PROBLEM_GATEWAY_RESPONSES[0]!)).not.toContain('$context.error.messageString');
  });
});

describe('Stack: Salyk — data', () => {
  it('creates the audit table on demand, with PITR, TTL, KMS encryption, the lookup index, retained', () => {
    // Assess
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: AUDIT_TABLE.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: AUDIT_TABLE.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: AUDIT_INDEXES.map((index) =>
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
              { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
            ],
          }),
        ),
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('keeps the logical ids of the table, the secret and the API key, so a deployed stack does not replace them', () => {
    // Assess: ids from when these were created directly in the stack, before the split into constructs.
    expect(resources.audittableBC3C5C53?.Type).toBe('AWS::DynamoDB::GlobalTable');
    expect(resources.hmacsecret518E5888?.Type).toBe('AWS::SecretsManager::Secret');
    expect(resources.apidefaultapikey09AA9859?.Type).toBe('AWS::ApiGateway::ApiKey');
  });

  it('generates the HMAC secret at deploy time and retains it', () => {
    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
        SecretString: Match.absent(),
      }),
    });
  });

  it('grants each function only its own log group, X-Ray, and the table actions and secret access its route needs', () => {
    // Prepare
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy');

    // Act
    const granted = namedRoutes.map(([name, route]) => {
      const roleRef = JSON.stringify({ Ref: logicalId(stack, stack.functions[name].role as never) });
      const statements = policies
        .filter((p) => (p.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === roleRef))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
      const actions = statements.flatMap((s) => [s.Action].flat()).sort();
      return { name, route, actions };
    });

    // Assess
    for (const { name, route, actions } of granted) {
      const access = ROUTE_ACCESS[name];
      const expected = [
        ...['logs:CreateLogStream', 'logs:PutLogEvents'],
        ...['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        ...AUDIT_TABLE_ACTIONS[access.auditTable],
        ...(access.auditTable === 'none' ? [] : CONTROL_ITEM_ACTIONS),
        ...(access.hmacSecret ? ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'] : []),
        ...JOBS_ACCESS_ACTIONS[access.jobs ?? 'none'],
      ].sort();
      expect(actions, route.id).toEqual(expected);
    }
  });

  it('keeps audit records append-only: change and delete only on request and idempotency items (LeadingKeys)', () => {
    // Prepare
    const statements = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: unknown }[]);

    // Act
    const mutating = statements.filter((s) =>
      [s.Action].flat().some((a) => a === 'dynamodb:DeleteItem' || a === 'dynamodb:UpdateItem'),
    );

    // Assess
    expect(mutating.length).toBeGreaterThan(0);
    // Request/idempotency items, or bulk-job records (`J#…`, infra/jobs.ts): never the audit records.
    for (const s of mutating)
      expect([['R#*', 'I#*'], ['J#*']]).toContainEqual(
        (s.Condition as { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': string[] } })['ForAllValues:StringLike'][
          'dynamodb:LeadingKeys'
        ],
      );
  });

  it('grants what each handler actually calls (so a handler change cannot deploy into AccessDenied)', () => {
    // Act
    const used = namedRoutes.map(([name, route]) => ({ name, route, uses: accessUsedBy(route.handler) }));

    // Assess
    for (const { name, route, uses } of used) {
      const { jobs: _jobs, ...audit } = ROUTE_ACCESS[name]; // job grants: test/infra/jobs.test.ts
      expect(audit, route.id).toEqual(uses);
    }
  });
});

describe('Stack: Salyk — logs', () => {
  it('sets a retention on every log group and gives every function its own', () => {
    // Prepare
    const logGroups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');

    // Assess
    // + API access logs, the web page's deployment function, the job engine's functions and its state machine
    expect(logGroups).toHaveLength(routeList.length + 2 + JOB_ENGINE_FUNCTIONS + 1);
    for (const [id, group] of logGroups) expect(group.Properties.RetentionInDays, id).toBe(30);
    const groupIds = new Set(logGroups.map(([id]) => id));
    for (const fn of functions) expect(groupIds.has(fn.Properties.LoggingConfig?.LogGroup?.Ref)).toBe(true);
    // Retention is set directly, not by the Custom::LogRetention Lambda.
    expect(Object.values(resources).some((r) => r.Type === 'Custom::LogRetention')).toBe(false);
  });
});

describe('Stack: Salyk — snapshot', () => {
  it('matches the template snapshot (asset hashes normalised)', () => {
    // Act
    const normalised = JSON.parse(
      // skuba / aws-cdk-examples style: asset hashes change with any source edit, so they are masked.
      JSON.stringify(template.toJSON()).replace(/[0-9a-f]{64}\.zip/g, 'NORMALISED_ASSET_HASH.zip'),
    );

    // Assess
    expect(normalised).toMatchSnapshot();
  });
});

/**
 * The access a handler needs, read from its source: handlers are thin, and the audit helpers they call
 * are the only way to the table and the secret (`functions/lib/audit-trail.ts`, `clients.ts`).
 */
function accessUsedBy(handler: string): RouteAccess {
  const source = readFileSync(join(PROJECT_ROOT, handler), 'utf8');
  const appends = /\brecordAudit\(/.test(source);
  const reads = /\bauditStore\(\)\s*\.(list|findByIdentifier)\(/.test(source);
  // Listing seals its pagination cursor with the server secret.
  const hmacSecret = /\b(openAuditSession|hmacSecret)\(/.test(source) || reads;
  return { auditTable: appends ? 'append' : reads ? 'read' : 'none', hmacSecret };
}

function gatewayResponse(type: string) {
  const found = Object.values(resources).find(
    (r) => r.Type === 'AWS::ApiGateway::GatewayResponse' && r.Properties.ResponseType === type,
  );
  if (!found) throw new Error(`no ${type} gateway response`);
  return found;
}
