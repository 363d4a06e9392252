import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import {
  CsvHeaders,
  DefinitionBody,
  DistributedMap,
  Fail,
  ItemBatcher,
  JsonPath,
  LogLevel,
  ResultWriterV2,
  S3CsvItemReader,
  StateMachine,
  StateMachineType,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { JOB_PARTITION_PREFIX, JOB_PREFIXES } from '../shared/jobs/model.js';
import { JOB_ENGINE } from '../shared/jobs/params.js';
import { ApiFunction } from './api-function.js';
import type { AuditStorage } from './audit-storage.js';
import type { JobsAccess } from './route-access.js';
import { ROUTE_ACCESS } from './route-access.js';
import type { RouteFunctions } from './route-functions.js';

export interface JobsEngineProps {
  storage: AuditStorage;
  functions: RouteFunctions;
  auditRetentionDays: number;
}

/** The state names of the job state machine (test/infra/jobs.test.ts and the stored local definition read them). */
const JOB_STATE_NAMES = {
  prepare: 'Prepare',
  map: 'ValidateRows',
  batch: 'ValidateBatch',
  finish: 'Finish',
  recordFailure: 'RecordFailure',
  failed: 'JobFailed',
} as const;

/**
 * Bulk jobs: a private bucket for uploads and results, and a Step Functions state machine started by
 * the upload — prepare (upload → items CSV), a Distributed Map over the items (S3 CSV reader, batches
 * of `JOB_ENGINE.batchSize` rows, each an Express child workflow calling the batch function with
 * retries, results written to S3), and finish (merge in input order, summary, job record, callback).
 * Also grants the job routes' functions what their `ROUTE_ACCESS` row names.
 */
export class JobsEngine extends Construct {
  readonly bucket: Bucket;
  readonly stateMachine: StateMachine;
  readonly prepareFn: ApiFunction;
  readonly batchFn: ApiFunction;
  readonly finishFn: ApiFunction;

  constructor(scope: Construct, id: string, props: JobsEngineProps) {
    super(scope, id);
    this.bucket = jobsBucket(this);
    const environment = {
      TABLE_NAME: props.storage.table.tableName,
      HMAC_SECRET_ARN: props.storage.hmacSecret.secretArn,
      AUDIT_RETENTION_DAYS: String(props.auditRetentionDays),
      JOBS_BUCKET: this.bucket.bucketName,
    };
    const step = { memoryMb: JOB_ENGINE.stepMemoryMb, timeoutSeconds: JOB_ENGINE.stepTimeoutSeconds, environment };
    this.prepareFn = new ApiFunction(this, 'jobs-prepare', { entry: 'functions/jobs-prepare.ts', ...step });
    this.finishFn = new ApiFunction(this, 'jobs-finish', { entry: 'functions/jobs-finish.ts', ...step });
    this.batchFn = new ApiFunction(this, 'jobs-batch', {
      entry: 'functions/jobs-batch.ts',
      memoryMb: JOB_ENGINE.batchMemoryMb,
      timeoutSeconds: JOB_ENGINE.batchTimeoutSeconds,
      environment,
    });
    // Prepare and finish hold the upload and the checked file in /tmp.
    for (const fn of [this.prepareFn, this.finishFn])
      (fn.node.defaultChild as CfnFunction).ephemeralStorage = { size: 10_240 };
    this.grantSteps(props.storage);
    this.stateMachine = this.buildStateMachine();
    startOnUpload(this, this.bucket, this.stateMachine);
    const routeFunctions = this.grantRoutes(props.functions, props.storage);
    acknowledge(this, routeFunctions);
  }

  private buildStateMachine(): StateMachine {
    const names = JOB_STATE_NAMES;
    const recordFailure = new LambdaInvoke(this, names.recordFailure, {
      lambdaFunction: this.finishFn,
      payload: TaskInput.fromObject({
        failed: { key: JsonPath.stringAt('$.key'), error: JsonPath.objectAt('$.error') },
      }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
    }).next(new Fail(this, names.failed, { error: 'JobFailed', cause: 'see the job record' }));
    const prepare = new LambdaInvoke(this, names.prepare, {
      lambdaFunction: this.prepareFn,
      payload: TaskInput.fromObject({ key: JsonPath.stringAt('$.key'), executionId: JsonPath.executionId }),
      payloadResponseOnly: true,
      resultPath: '$.job',
    }).addCatch(recordFailure, { resultPath: '$.error' });
    const map = new DistributedMap(this, names.map, {
      itemReader: new S3CsvItemReader({
        bucket: this.bucket,
        key: JsonPath.stringAt('$.job.itemsKey'),
        csvHeaders: CsvHeaders.useFirstRow(),
      }),
      itemBatcher: new ItemBatcher({ maxItemsPerBatch: JOB_ENGINE.batchSize, batchInput: { 'job.$': '$.job' } }),
      resultWriterV2: new ResultWriterV2({ bucket: this.bucket, prefix: JOB_PREFIXES.mapResults.slice(0, -1) }),
      mapExecutionType: StateMachineType.EXPRESS,
      maxConcurrency: JOB_ENGINE.maxConcurrency,
      // Failed batches are the finish step's to report, row by row; they must not abort the others.
      toleratedFailurePercentage: 100,
      resultPath: '$.map',
    });
    map.itemProcessor(this.batchTask());
    map.addCatch(recordFailure, { resultPath: '$.error' });
    const finish = new LambdaInvoke(this, names.finish, {
      lambdaFunction: this.finishFn,
      payload: TaskInput.fromObject({ job: JsonPath.objectAt('$.job'), map: JsonPath.objectAt('$.map') }),
      payloadResponseOnly: true,
    }).addCatch(recordFailure, { resultPath: '$.error' });
    const logs = new LogGroup(this, 'state-machine-logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    return new StateMachine(this, 'state-machine', {
      definitionBody: DefinitionBody.fromChainable(prepare.next(map).next(finish)),
      timeout: Duration.hours(24),
      tracingEnabled: true,
      // Every event, but never the data: items carry identifiers.
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
  }

  /** One child workflow: the batch function, retried with backoff; `attempt` tells it which try it is. */
  private batchTask() {
    return new LambdaInvoke(this, JOB_STATE_NAMES.batch, {
      lambdaFunction: this.batchFn,
      payload: TaskInput.fromObject({
        BatchInput: JsonPath.objectAt('$.BatchInput.job'),
        Items: JsonPath.listAt('$.Items'),
        attempt: JsonPath.numberAt('$$.State.RetryCount'),
      }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    }).addRetry({
      errors: ['States.ALL'],
      maxAttempts: JOB_ENGINE.batchMaxAttempts - 1,
      interval: Duration.seconds(JOB_ENGINE.batchRetryIntervalSeconds),
      backoffRate: JOB_ENGINE.batchRetryBackoffRate,
    });
  }

  /** Each step gets its prefixes of the bucket and the job records (`J#…`), nothing else. */
  private grantSteps(storage: AuditStorage): void {
    const objects = (prefix: string) => this.bucket.arnForObjects(`${prefix}*`);
    const { uploads, work, mapResults, results } = JOB_PREFIXES;
    allow(this.prepareFn, ['s3:GetObject'], [objects(uploads)]);
    allow(this.prepareFn, ['s3:PutObject'], [objects(work)]);
    allow(this.batchFn, ['s3:PutObject'], [objects(work)]);
    allow(this.finishFn, ['s3:GetObject'], [objects(uploads), objects(work), objects(mapResults)]);
    allow(this.finishFn, ['s3:PutObject'], [objects(results)]);
    // GetObject lets the SDK's presigner produce the result links in the callback body.
    allow(this.finishFn, ['s3:GetObject'], [objects(results)]);
    grantJobRecords(this.prepareFn, storage, ['dynamodb:UpdateItem']);
    grantJobRecords(this.batchFn, storage, ['dynamodb:UpdateItem']);
    grantJobRecords(this.finishFn, storage, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    // Audit records, the commit items and the HMAC key: what an `append` route has.
    storage.grantRouteAccess(this.batchFn, { auditTable: 'append', hmacSecret: true });
    storage.hmacSecret.grantRead(this.finishFn);
  }

  /** The job routes: bucket prefixes, job records and StopExecution, as their `ROUTE_ACCESS` row says. */
  private grantRoutes(functions: RouteFunctions, storage: AuditStorage): ApiFunction[] {
    const granted: ApiFunction[] = [];
    const executions = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.stateMachine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    for (const [name, fn] of functions.entries()) {
      const access: JobsAccess = ROUTE_ACCESS[name].jobs ?? 'none';
      if (access === 'none') continue;
      granted.push(fn);
      fn.addEnvironment('JOBS_BUCKET', this.bucket.bucketName);
      if (access === 'create') {
        allow(fn, ['s3:PutObject'], [this.bucket.arnForObjects(`${JOB_PREFIXES.uploads}*`)]);
        grantJobRecords(fn, storage, ['dynamodb:PutItem']);
      } else {
        allow(fn, ['s3:GetObject'], [this.bucket.arnForObjects(`${JOB_PREFIXES.results}*`)]);
        grantJobRecords(fn, storage, [
          'dynamodb:GetItem',
          'dynamodb:Query',
          ...(access === 'cancel' ? ['dynamodb:UpdateItem'] : []),
        ]);
        if (access === 'cancel') allow(fn, ['states:StopExecution'], [executions]);
      }
    }
    return granted;
  }
}

function jobsBucket(scope: Construct): Bucket {
  const { uploads, work, mapResults, results } = JOB_PREFIXES;
  const expire = (prefix: string, days: number) => ({ prefix, expiration: Duration.days(days) });
  const bucket = new Bucket(scope, 'bucket', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    // Uploads and intermediate files are only needed while the job runs; results while the caller collects them.
    lifecycleRules: [
      expire(uploads, JOB_ENGINE.workDays),
      expire(work, JOB_ENGINE.workDays),
      expire(mapResults, JOB_ENGINE.workDays),
      expire(results, JOB_ENGINE.resultDays),
      { abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    // The web page PUTs a server job's file to its presigned URL from the page's origin. The signature in the URL
    // is the authorisation; CORS only lets a browser send it (naming the page's domain here would make the
    // bucket and the distribution depend on each other).
    cors: [{ allowedMethods: [HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3000 }],
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // EventBridge notifications as the bucket's own property: `eventBridgeEnabled` would add a custom
  // resource (a Lambda function with a broad role) to set what CloudFormation sets natively.
  (bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };
  return bucket;
}

/** S3 → EventBridge → StartExecution: the upload starts its job, with no function in between. */
function startOnUpload(scope: Construct, bucket: Bucket, stateMachine: StateMachine): void {
  new Rule(scope, 'upload-starts-job', {
    description: 'Salyk: a job upload starts the job state machine',
    eventPattern: {
      source: ['aws.s3'],
      detailType: ['Object Created'],
      detail: { bucket: { name: [bucket.bucketName] }, object: { key: [{ prefix: JOB_PREFIXES.uploads }] } },
    },
    targets: [
      new SfnStateMachine(stateMachine, {
        input: RuleTargetInput.fromObject({ key: EventField.fromPath('$.detail.object.key') }),
      }),
    ],
  });
}

function allow(grantee: IGrantable, actions: string[], resources: string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
}

/** Job records only: the actions are limited to the `J#<tenant>` partitions by `dynamodb:LeadingKeys`. */
function grantJobRecords(grantee: IGrantable, storage: AuditStorage, actions: string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions,
      resources: [storage.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${JOB_PARTITION_PREFIX}*`] } },
    }),
  );
}

/** The acknowledged findings of the engine and of the job routes' roles, each with its reason. */
function acknowledge(engine: JobsEngine, routeFunctions: ApiFunction[]): void {
  NagSuppressions.addResourceSuppressions(engine.bucket, [
    {
      id: 'AwsSolutions-S1',
      reason:
        'No server access logs: objects live for days, every request is presigned by a job route (which logs the job id) and access logging would need a second bucket of its own; enable CloudTrail S3 data events on this bucket where object-level audit is required.',
    },
  ]);
  const prefixes = {
    id: 'AwsSolutions-IAM5',
    reason:
      'Object keys are per tenant and job (uploads/<tenant>/<job>, work/…, results/…): each function is granted only the prefixes its step reads or writes, which is as narrow as keys made at run time allow.',
    appliesTo: [{ regex: '/^Resource::<jobsbucket[A-Z0-9]+\\.Arn>\\/[a-z-]+\\/\\*$/g' }],
  };
  for (const fn of [engine.prepareFn, engine.batchFn, engine.finishFn]) {
    NagSuppressions.addResourceSuppressions(fn, [{ id: 'AwsSolutions-L1', reason: RUNTIME_REASON }]);
    if (fn.role) NagSuppressions.addResourceSuppressions(fn.role, [XRAY_ACK, prefixes], true);
  }
  for (const fn of routeFunctions) {
    if (fn.role) NagSuppressions.addResourceSuppressions(fn.role, [prefixes, STOP_EXECUTION_ACK], true);
  }
  NagSuppressions.addResourceSuppressions(
    engine.stateMachine,
    [
      XRAY_ACK,
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'Granted by the Distributed Map and LambdaInvoke constructs: the map reads the items file and writes its results anywhere in the job bucket (keys are per job), invokes the step functions by any version (`:*`), and starts, describes and stops its own child executions (`execution:<name>:*`).',
        appliesTo: [
          { regex: '/^Resource::arn:<AWS::Partition>:s3:::<jobsbucket[A-Z0-9]+>\\/\\*$/g' },
          { regex: '/^Resource::<jobsjobs[a-z]+[A-Z0-9]+\\.Arn>:\\*$/g' },
          { regex: '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*$/g' },
        ],
      },
    ],
    true,
  );
}

const RUNTIME_REASON =
  'nodejs22.x on purpose, as every function of this stack: the same Node major as the project’s toolchain, so tests and the local engine run what is deployed.';

const XRAY_ACK = {
  id: 'AwsSolutions-IAM5',
  reason:
    'X-Ray tracing and Step Functions log delivery: their actions do not support resource-level permissions, so AWS requires Resource "*". No data action has a wildcard resource.',
  appliesTo: ['Resource::*'],
};

const STOP_EXECUTION_ACK = {
  id: 'AwsSolutions-IAM5',
  reason:
    'Cancel stops the job’s own execution, whose name Step Functions chooses at start: the grant covers the executions of the job state machine only (execution:<state machine name>:*).',
  appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*$/g' }],
};
