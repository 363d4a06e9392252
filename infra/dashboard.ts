import { Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { METRICS, METRICS_NAMESPACE, SERVICE_DIMENSION } from '../functions/lib/metric-names.js';
import { AUDIT_TABLE_OPERATIONS, customMetric } from './metrics.js';
import type { RouteFunctions } from './route-functions.js';

export interface SalykDashboardProps {
  api: RestApi;
  functions: RouteFunctions;
  table: TableV2;
  alarms: readonly Alarm[];
}

const WIDTH = 8; // three graphs a row (the dashboard grid is 24 wide)

/**
 * One CloudWatch dashboard, top to bottom: alarm states; the API (traffic, errors, latency); the
 * functions (errors, throttles, p99 duration, one line per route); the audit table; and the
 * functions' own metrics (checks, findings by code, audit write latency, 503s and idempotent replays).
 */
export class SalykDashboard extends Construct {
  readonly dashboard: Dashboard;

  /**
   * @param scope - The observability construct.
   * @param id - Construct id.
   * @param props - What to show.
   */
  constructor(scope: Construct, id: string, props: SalykDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'dashboard', {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(...apiWidgets(props.api));
    this.dashboard.addWidgets(...functionWidgets(props.functions));
    this.dashboard.addWidgets(...tableWidgets(props.table));
    this.dashboard.addWidgets(...customWidgets());
  }
}

function graph(title: string, left: IMetric[], right: IMetric[] = []): GraphWidget {
  return new GraphWidget({ title, left, right, width: WIDTH, height: 6 });
}

function apiWidgets(api: RestApi): GraphWidget[] {
  return [
    graph('API requests', [api.metricCount({ statistic: 'Sum' })]),
    graph('API 4xx and 5xx', [
      api.metricClientError({ statistic: 'Sum' }),
      api.metricServerError({ statistic: 'Sum' }),
    ]),
    graph('API latency (ms)', [
      api.metricLatency({ statistic: 'p50' }),
      api.metricLatency({ statistic: 'p99' }),
      api.metricIntegrationLatency({ statistic: 'p99' }),
    ]),
  ];
}

function functionWidgets(functions: RouteFunctions): GraphWidget[] {
  const fns = functions.entries().map(([, fn]) => fn);
  const labelled = (metric: (fn: (typeof fns)[number]) => IMetric) => fns.map(metric);
  return [
    graph(
      'Lambda errors',
      labelled((fn) => fn.metricErrors({ statistic: 'Sum', label: fn.node.id })),
    ),
    graph(
      'Lambda throttles',
      labelled((fn) => fn.metricThrottles({ statistic: 'Sum', label: fn.node.id })),
    ),
    graph(
      'Lambda duration p99 (ms)',
      labelled((fn) => fn.metricDuration({ statistic: 'p99', label: fn.node.id })),
    ),
  ];
}

function tableWidgets(table: TableV2): GraphWidget[] {
  const operations = AUDIT_TABLE_OPERATIONS;
  return [
    // Each *ForOperations metric is a math expression over per-operation ids (`putitem`, …); two of
    // them cannot share a graph, so throttles sit next to capacity and system errors get their own.
    graph(
      'Audit table capacity used and throttles',
      [
        table.metricConsumedWriteCapacityUnits({ statistic: 'Sum' }),
        table.metricConsumedReadCapacityUnits({ statistic: 'Sum' }),
      ],
      [table.metricThrottledRequestsForOperations({ operations, label: 'Throttled requests' })],
    ),
    graph(
      'Audit table latency p99 (ms)',
      operations.map((operation) =>
        table.metricSuccessfulRequestLatency({
          statistic: 'p99',
          dimensionsMap: { Operation: operation },
          label: operation,
        }),
      ),
    ),
    graph('Audit table system errors', [table.metricSystemErrorsForOperations({ operations, label: 'System errors' })]),
  ];
}

function customWidgets(): GraphWidget[] {
  // One line per finding code, whatever codes the functions emit: a SEARCH, not a fixed list.
  const findingsByCode = new MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${SERVICE_DIMENSION},code} MetricName="${METRICS.findings.name}"', 'Sum', 300)`,
    label: '',
    usingMetrics: {},
  });
  return [
    graph('Checks and findings', [customMetric('checks', 'Sum')], [findingsByCode]),
    graph('Audit write latency (ms)', [
      customMetric('auditWriteLatency', 'p50'),
      customMetric('auditWriteLatency', 'p99'),
    ]),
    graph('503 answers and idempotent replays', [
      customMetric('serviceUnavailable', 'Sum'),
      customMetric('idempotentReplays', 'Sum'),
    ]),
  ];
}
