import { type App, Aspects } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Runs cdk-nag's AwsSolutions pack over the app. Findings are error/warning annotations, and the
 * cdk.json flag `@aws-cdk/core:validateAgainstDefaultRules` makes synth fail on them, so an
 * unacknowledged finding stops `npm run synth` (and a deploy) instead of scrolling past.
 *
 * @param app - The CDK app (or the test's app).
 */
export function addSecurityChecks(app: App): void {
  // No CSV reports: the findings that matter are the unacknowledged ones, and those fail synth.
  Aspects.of(app).add(new AwsSolutionsChecks({ reports: false }));
}

/** The parts of the stack whose findings are acknowledged. */
export interface AcknowledgedParts {
  api: RestApi;
  functions: readonly IFunction[];
  hmacSecret: Secret;
  /** With a WAF, APIG3 is satisfied rather than acknowledged. */
  waf: boolean;
}

/** One accepted cdk-nag finding: the rule, why it is accepted, and which constructs it is accepted on. */
interface Acknowledgement {
  rule: string;
  reason: string;
  /** The constructs the finding is accepted on; none when it does not arise in this stack. */
  on: (parts: AcknowledgedParts) => readonly IConstruct[];
  /** Also on the constructs' children (the API's stage, deployment and account role are children of the RestApi). */
  children: boolean;
  /** The finding's narrower scope (a policy or resource), as cdk-nag names it. */
  appliesTo?: string[];
}

/**
 * Every cdk-nag finding this stack accepts, each on the narrowest construct it applies to and with the
 * reason it is accepted. Fixed instead (no acknowledgement here): IAM4 for `AWSLambdaBasicExecutionRole`
 * (each function has its own role writing only to its own log group), IAM5 for `index/*` (reads name
 * their indexes), SNS2/SNS3 (the alarm topic is KMS-encrypted and TLS-only), KMS5 (key rotation on).
 */
const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  {
    rule: 'AwsSolutions-APIG2',
    reason:
      'Each function validates its request with the route’s zod schema (shared/routes.ts) and answers field-level problem+json, locally and deployed alike; an API Gateway model would be a second, coarser (JSON Schema draft 4) copy answering a bare 400 instead.',
    on: (parts) => [parts.api],
    children: true,
  },
  {
    rule: 'AwsSolutions-APIG4',
    reason:
      'Tenants are API keys with a usage plan, by design (ERP integrations, no end users); /health and /v1/openapi.json are public on purpose. Every /v1 data route requires x-api-key.',
    on: (parts) => [parts.api],
    children: true,
  },
  {
    rule: 'AwsSolutions-COG4',
    reason:
      'No Cognito: callers are machines identified by API keys (the key id is the tenant id in the audit log); there are no user accounts to put in a user pool.',
    on: (parts) => [parts.api],
    children: true,
  },
  {
    rule: 'AwsSolutions-APIG6',
    reason:
      'Execution logging is off on purpose: API Gateway creates its log group outside the stack without retention, and it can carry request data (raw identifiers). JSON access logs (status, error type and message, integration status, X-Ray trace id) and the functions’ own logs cover it.',
    on: (parts) => [parts.api],
    children: true,
  },
  {
    rule: 'AwsSolutions-IAM4',
    reason:
      'The account-wide API Gateway → CloudWatch Logs role uses AmazonAPIGatewayPushToCloudWatchLogs, the policy AWS documents for it; API Gateway needs it to write the access logs.',
    on: (parts) => [parts.api],
    children: true,
    appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'],
  },
  {
    rule: 'AwsSolutions-APIG3',
    reason:
      'WAF is optional (about $6/month + per-request fees): deploy with -c waf=true for the AWS common rule set and a per-IP rate limit. Without it, stage and per-key throttling still apply.',
    // With a WAF the rule is satisfied, not acknowledged.
    on: (parts) => (parts.waf ? [] : [parts.api]),
    children: true,
  },
  {
    rule: 'AwsSolutions-L1',
    reason:
      'nodejs22.x on purpose: the same Node major as the project’s toolchain (the node@22 devDependency), so tests and the local stack run what is deployed; it is in AWS support. Moving up is one line in infra/bundling.ts (RUNTIME).',
    on: (parts) => parts.functions,
    children: false,
  },
  {
    rule: 'AwsSolutions-IAM5',
    reason:
      'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so AWS requires Resource "*". No other statement has a wildcard.',
    on: (parts) => parts.functions.flatMap((fn) => (fn.role ? [fn.role] : [])),
    children: true,
    appliesTo: ['Resource::*'],
  },
  {
    rule: 'AwsSolutions-SMG4',
    reason:
      'Not rotated by design: the audit log stores HMACs of identifiers made with this key; a new key would make every earlier record unfindable by audit lookup.',
    on: (parts) => [parts.hmacSecret],
    children: false,
  },
];

/**
 * Records every acknowledged finding (see `ACKNOWLEDGEMENTS`) on the constructs it applies to.
 *
 * @param parts - The constructs to acknowledge findings on.
 */
export function acknowledgeNagFindings(parts: AcknowledgedParts): void {
  for (const { rule, reason, on, children, appliesTo } of ACKNOWLEDGEMENTS) {
    const constructs = on(parts);
    // cdk-nag refuses an empty construct list; an empty list means "not here".
    if (constructs.length === 0) continue;
    const suppression = appliesTo ? { id: rule, reason, appliesTo } : { id: rule, reason };
    NagSuppressions.addResourceSuppressions([...constructs], [suppression], children);
  }
}
