import { isAbsolute, join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../functions/lib/metric-names.js';
import { BUNDLING, PROJECT_ROOT, RUNTIME } from './bundling.js';

/** How long function logs are kept: long enough to investigate an incident, short enough to stay cheap. */
const FUNCTION_LOG_RETENTION = RetentionDays.ONE_MONTH;

export interface ApiFunctionProps {
  /** Handler module, relative to the repository root (as in `shared/routes.ts`); it exports `handler`. */
  entry: string;
  description?: string;
  /** @default 512 — enough CPU for a sub-second cold start of a ~0.5 MB bundle. */
  memoryMb?: number;
  /** @default 10 — API Gateway gives up after 29 s anyway. */
  timeoutSeconds?: number;
  /** Added to the Powertools settings every function gets (service name, metrics namespace). */
  environment?: Record<string, string>;
}

/**
 * A `NodejsFunction` with this project's fixed defaults (the Powertools example-app pattern):
 * {@link RUNTIME} on arm64 (cheaper, and no slower to start than x86_64), the shared ESM
 * {@link BUNDLING} options, and its own log group with bounded retention instead of the
 * never-expiring `/aws/lambda/…` group Lambda would otherwise create on first invoke.
 *
 * Observability is not optional: X-Ray active tracing and the Powertools service name and metrics
 * namespace are set on every function. The role is the function's own, allowed to write to its own
 * log group only, instead of the managed `AWSLambdaBasicExecutionRole` (which may write to any group).
 */
export class ApiFunction extends NodejsFunction {
  /** The function's log group (one month's retention; deleted with the stack). */
  readonly logs: LogGroup;
  /** The timeout, kept for the alarm on duration near it. */
  readonly timeoutSeconds: number;

  /**
   * @param scope - Parent construct.
   * @param id - Construct id; the route id, so logical ids read like the route table.
   * @param props - Entry and per-route sizing.
   */
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    // Created before `super` because the function takes it as a prop; a sibling, named after the function.
    const logs = new LogGroup(scope, `${id}-logs`, {
      retention: FUNCTION_LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}-role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Salyk ${id}: its own log group, plus the grants its route needs`,
    });
    logs.grantWrite(role);
    const timeoutSeconds = props.timeoutSeconds ?? 10;
    super(scope, id, {
      entry: isAbsolute(props.entry) ? props.entry : join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(timeoutSeconds),
      bundling: BUNDLING,
      logGroup: logs,
      role,
      tracing: Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      ...(props.description ? { description: props.description } : {}),
    });
    this.logs = logs;
    this.timeoutSeconds = timeoutSeconds;
  }
}
