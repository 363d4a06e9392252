import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS, METRICS_NAMESPACE } from '../../functions/lib/metric-names.js';
import { ALARM_THRESHOLDS } from '../../infra/observability.js';
import type { SalykStack } from '../../infra/salyk-stack.js';
import { type RouteName, routes } from '../../shared/routes.js';
import { buildStack, logicalId, resourcesOfType, type TemplateResource } from './build-stack.js';

let stack: SalykStack;
let template: Template;
let resources: Record<string, TemplateResource>;
let alarms: TemplateResource[];

beforeAll(() => {
  ({ stack, template, resources } = buildStack());
  alarms = resourcesOfType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);
});

/** The metric names an alarm reads, whether it watches one metric or a math expression. */
function metricNames(alarm: TemplateResource): string[] {
  if (alarm.Properties.MetricName) return [alarm.Properties.MetricName];
  return (alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).flatMap((m) =>
    m.MetricStat ? [m.MetricStat.Metric.MetricName] : [],
  );
}

const alarmsOn = (metric: string) => alarms.filter((alarm) => metricNames(alarm).includes(metric));

describe('Stack: Salyk — alarms', () => {
  it('sends every alarm, and its recovery, to the alarm topic', () => {
    // Prepare
    const topic = { Ref: logicalId(stack, stack.observability.topic) };

    // Assess
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions, alarm.Properties.AlarmDescription).toEqual([topic]);
      expect(alarm.Properties.OKActions, alarm.Properties.AlarmDescription).toEqual([topic]);
    }
  });

  it('alarms on the API 5xx rate and on the 503 rate from the functions’ ServiceUnavailable metric', () => {
    // Act
    const serverErrors = alarmsOn('5XXError');
    const unavailable = alarmsOn(METRICS.serviceUnavailable.name);

    // Assess
    expect(serverErrors).toHaveLength(1);
    expect(unavailable).toHaveLength(1);
    expect(metricNames(serverErrors[0]!)).toEqual(expect.arrayContaining(['Count', '5XXError']));
    expect(metricNames(unavailable[0]!)).toEqual(expect.arrayContaining(['Count', 'ServiceUnavailable']));
    expect(serverErrors[0]!.Properties.Threshold).toBe(ALARM_THRESHOLDS.apiServerErrorPercent);
    const custom = (unavailable[0]!.Properties.Metrics as { MetricStat?: { Metric: Record<string, unknown> } }[])
      .map((m) => m.MetricStat?.Metric)
      .find((m) => m?.MetricName === 'ServiceUnavailable');
    expect(custom).toEqual({
      Namespace: METRICS_NAMESPACE,
      MetricName: 'ServiceUnavailable',
      Dimensions: [{ Name: 'service', Value: 'salyk' }],
    });
  });

  it('alarms per function on errors, throttles and p99 duration above 80% of its timeout', () => {
    // Prepare
    const functionAlarms = (metric: string) =>
      new Map(alarmsOn(metric).map((alarm) => [JSON.stringify(alarm.Properties.Dimensions), alarm]));

    // Act
    const errors = functionAlarms('Errors');
    const throttles = functionAlarms('Throttles');
    const durations = functionAlarms('Duration');

    // Assess
    for (const [name, fn] of Object.entries(stack.functions) as [RouteName, (typeof stack.functions)[RouteName]][]) {
      const dimensions = JSON.stringify([{ Name: 'FunctionName', Value: { Ref: logicalId(stack, fn) } }]);
      const route = routes[name];
      const timeoutMs = ('timeoutSeconds' in route ? route.timeoutSeconds : 10) * 1000;
      expect(errors.get(dimensions)?.Properties.Threshold, name).toBe(1);
      expect(throttles.get(dimensions)?.Properties.Threshold, name).toBe(1);
      expect(durations.get(dimensions)?.Properties, name).toMatchObject({
        ExtendedStatistic: 'p99',
        Threshold: timeoutMs * 0.8,
      });
    }
  });

  it('alarms on the audit table’s system errors and throttled requests, for every operation the functions call', () => {
    // Act
    const systemErrors = alarmsOn('SystemErrors');
    const throttled = alarmsOn('ThrottledRequests');

    // Assess
    expect(systemErrors).toHaveLength(1);
    expect(throttled).toHaveLength(1);
    expect(JSON.stringify(systemErrors[0]!.Properties.Metrics)).toContain('"BatchWriteItem"');
    expect(JSON.stringify(throttled[0]!.Properties.Metrics)).toContain('"Query"');
    expect(alarmsOn('UserErrors')).toHaveLength(0);
  });
});

describe('Stack: Salyk — alarm topic and dashboard', () => {
  it('encrypts the alarm topic with a rotated KMS key that CloudWatch may use, and refuses plain HTTP', () => {
    // Assess
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes the alarmEmail context address, and rejects a value that is not an address', () => {
    // Act
    const { template: withEmail } = buildStack({ alarmEmail: 'ops@example.com' });
    const build = () => buildStack({ alarmEmail: 'true' });

    // Assess
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    expect(build).toThrow(/alarmEmail.*e-mail address/);
  });

  it('has one dashboard with the API, Lambda, DynamoDB and custom metrics', () => {
    // Prepare
    const [dashboard] = resourcesOfType(resources, 'AWS::CloudWatch::Dashboard').map(([, d]) => d);

    // Act
    const body = JSON.stringify(stack.resolve(dashboard?.Properties.DashboardBody));

    // Assess
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    for (const metric of ['5XXError', 'Latency', 'Errors', 'Throttles', 'Duration', 'ConsumedWriteCapacityUnits']) {
      expect(body, metric).toContain(`\\"${metric}\\"`);
    }
    for (const metric of Object.values(METRICS)) expect(body, metric.name).toContain(metric.name);
    expect(body).toContain('alarm'); // the alarm status widget
  });
});
