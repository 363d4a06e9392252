import { Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { SalykDashboard } from './dashboard.js';
import { AUDIT_TABLE_OPERATIONS, customMetric } from './metrics.js';
import type { RouteFunctions } from './route-functions.js';

/** Where the alarms fire; every one is also exported so tests and runbooks quote the same numbers. */
export const ALARM_THRESHOLDS = {
  /** Percent of API requests answered 5xx (any cause, 503 included) in a minute. */
  apiServerErrorPercent: 1,
  /** Percent of API requests the functions answered 503 (the `ServiceUnavailable` metric) in a minute. */
  serviceUnavailablePercent: 1,
  /** Rates are not judged below this many requests a minute: one error in two requests is not an outage. */
  minRequestsPerMinute: 10,
  /** Lambda p99 duration, as a share of the function's timeout. */
  durationOfTimeout: 0.8,
} as const;

export interface ObservabilityProps {
  api: RestApi;
  functions: RouteFunctions;
  table: TableV2;
  /** Subscribe this address to the alarm topic (SNS mails a confirmation link first). */
  alarmEmail?: string;
}

/**
 * Alarms on the API, every function and the audit table, sent to one encrypted SNS topic, and a
 * dashboard with the same metrics plus the functions' own (checks, findings, audit write latency).
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];
  readonly dashboard: SalykDashboard;

  /**
   * @param scope - The stack.
   * @param id - Construct id.
   * @param props - What to watch, and who to tell.
   */
  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = this.alarmTopic(props.alarmEmail);
    this.alarms = [
      ...this.apiAlarms(props.api),
      ...this.functionAlarms(props.functions),
      ...this.tableAlarms(props.table),
    ];
    const action = new SnsAction(this.topic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action); // so whoever was paged also learns it is over
    }
    this.dashboard = new SalykDashboard(this, 'dashboard', { ...props, alarms: this.alarms });
  }

  /**
   * The topic is encrypted with a customer-managed key, not `alias/aws/sns`: CloudWatch can only
   * publish to an encrypted topic when the key policy lets it use the key, and the AWS-managed key's
   * policy cannot be changed.
   */
  private alarmTopic(email: string | undefined): Topic {
    const key = new Key(this, 'alarm-topic-key', {
      description: 'Salyk: encrypts the alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, "*" is this key
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    const topic = new Topic(this, 'alarm-topic', { displayName: 'Salyk alarms', masterKey: key, enforceSSL: true });
    // enforceSSL writes a topic policy, which replaces the default one: CloudWatch needs its own Allow.
    topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (email) topic.addSubscription(new EmailSubscription(email));
    return topic;
  }

  /**
   * 5xx and 503 rates as percentages of the API's requests. API Gateway counts 5xx but not which 5xx,
   * so the 503 rate divides the functions' own `ServiceUnavailable` count by the API's request count.
   */
  private apiAlarms(api: RestApi): Alarm[] {
    const minute = Duration.minutes(1);
    const requests = api.metricCount({ period: minute, statistic: 'Sum' });
    const rate = (label: string, errors: IMetric) =>
      new MathExpression({
        label,
        expression: `IF(requests >= ${ALARM_THRESHOLDS.minRequestsPerMinute}, 100 * FILL(errors, 0) / requests, 0)`,
        usingMetrics: { requests, errors },
        period: minute,
      });
    const rateAlarm = (id: string, errors: IMetric, threshold: number, what: string) =>
      new Alarm(this, id, {
        metric: rate(`${what} (%)`, errors),
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `Salyk: ${what} at or above ${threshold}% of requests in 3 of 5 minutes`,
      });
    return [
      rateAlarm(
        'api-5xx-rate',
        api.metricServerError({ period: minute, statistic: 'Sum' }),
        ALARM_THRESHOLDS.apiServerErrorPercent,
        'API 5xx answers',
      ),
      rateAlarm(
        'api-503-rate',
        customMetric('serviceUnavailable', 'Sum', minute),
        ALARM_THRESHOLDS.serviceUnavailablePercent,
        '503 answers (audit store unavailable or overload)',
      ),
    ];
  }

  /** Per function: any unhandled error or throttle, and p99 duration close to the timeout. */
  private functionAlarms(functions: RouteFunctions): Alarm[] {
    return functions.entries().flatMap(([, fn]) => {
      const id = fn.node.id;
      const durationLimitMs = Math.round(fn.timeoutSeconds * 1000 * ALARM_THRESHOLDS.durationOfTimeout);
      return [
        countAlarm(this, `${id}-errors`, fn.metricErrors({ statistic: 'Sum' }), `${id}: unhandled errors or timeouts`),
        countAlarm(this, `${id}-throttles`, fn.metricThrottles({ statistic: 'Sum' }), `${id}: throttled invocations`),
        new Alarm(this, `${id}-duration`, {
          metric: fn.metricDuration({ statistic: 'p99' }),
          threshold: durationLimitMs,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `Salyk ${id}: p99 duration above ${durationLimitMs} ms (${ALARM_THRESHOLDS.durationOfTimeout * 100}% of its ${fn.timeoutSeconds} s timeout)`,
        }),
      ];
    });
  }

  /** DynamoDB's own failures and throttling on the operations the functions call (user errors are ours, and answered 4xx/5xx). */
  private tableAlarms(table: TableV2): Alarm[] {
    const operations = AUDIT_TABLE_OPERATIONS;
    return [
      countAlarm(
        this,
        'audit-table-system-errors',
        table.metricSystemErrorsForOperations({ operations }),
        'audit table: DynamoDB system errors',
      ),
      countAlarm(
        this,
        'audit-table-throttles',
        table.metricThrottledRequestsForOperations({ operations }),
        'audit table: throttled requests',
      ),
    ];
  }
}

/** An alarm on any occurrence of a count in a 5-minute period. */
function countAlarm(scope: Construct, id: string, metric: IMetric, what: string): Alarm {
  return new Alarm(scope, id, {
    metric,
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: `Salyk ${what} (any in 5 minutes)`,
  });
}
