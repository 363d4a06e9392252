import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Operation } from 'aws-cdk-lib/aws-dynamodb';
import {
  METRICS,
  METRICS_NAMESPACE,
  type MetricKey,
  SERVICE_DIMENSION,
  SERVICE_NAME,
} from '../functions/lib/metric-names.js';
import { AUDIT_TABLE_ACTIONS, CONTROL_ITEM_ACTIONS } from './route-access.js';

/**
 * One of the functions' custom metrics as Powertools publishes it: the Salyk namespace and the
 * `service` dimension (not for `Findings`, which also has a `code` dimension: see the dashboard).
 */
export function customMetric(
  key: Exclude<MetricKey, 'findings'>,
  statistic: string,
  period = Duration.minutes(5),
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: METRICS[key].name,
    dimensionsMap: { [SERVICE_DIMENSION]: SERVICE_NAME },
    statistic,
    period,
  });
}

/** The DynamoDB operations the functions call, from the same table that grants them. */
export const AUDIT_TABLE_OPERATIONS = [
  ...new Set(
    [...Object.values(AUDIT_TABLE_ACTIONS).flat(), ...CONTROL_ITEM_ACTIONS].map((a) => a.replace('dynamodb:', '')),
  ),
] as Operation[];
