import { isAbsolute, join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLING, PROJECT_ROOT, RUNTIME } from './bundling.js';

/** How long function logs are kept: long enough to investigate an incident, short enough to stay cheap. */
export const FUNCTION_LOG_RETENTION = RetentionDays.ONE_MONTH;

export interface ApiFunctionProps {
  /** Handler module, relative to the repository root (as in `shared/routes.ts`); it exports `handler`. */
  entry: string;
  description?: string;
  /** @default 512 — enough CPU for a sub-second cold start of a ~0.5 MB bundle. */
  memoryMb?: number;
  /** @default 10 — API Gateway gives up after 29 s anyway. */
  timeoutSeconds?: number;
  environment?: Record<string, string>;
}

/**
 * A `NodejsFunction` with this project's fixed defaults (the Powertools example-app pattern):
 * {@link RUNTIME} on arm64 (cheaper, and no slower to start than x86_64), the shared ESM
 * {@link BUNDLING} options, and its own log group with bounded retention instead of the
 * never-expiring `/aws/lambda/…` group Lambda would otherwise create on first invoke.
 */
export class ApiFunction extends NodejsFunction {
  /** The function's log group (one month's retention; deleted with the stack). */
  readonly logs: LogGroup;

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
    super(scope, id, {
      entry: isAbsolute(props.entry) ? props.entry : join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      bundling: BUNDLING,
      logGroup: logs,
      environment: props.environment ?? {},
      ...(props.description ? { description: props.description } : {}),
    });
    this.logs = logs;
  }
}
