/**
 * The custom CloudWatch metrics the functions emit, in one place: the handlers publish them with
 * Powertools Metrics, and the CDK stack (`infra/observability.ts`) builds its alarms and dashboard from
 * the same names, so a renamed metric cannot leave an alarm watching nothing.
 *
 * This module is bundled into every function: plain data, no imports.
 */

/** `POWERTOOLS_SERVICE_NAME`: Powertools adds it to every metric as the `service` dimension. */
export const SERVICE_NAME = 'salyk';

/** `POWERTOOLS_METRICS_NAMESPACE`: the CloudWatch namespace of every custom metric. */
export const METRICS_NAMESPACE = 'Salyk';

/**
 * The dimension Powertools puts on every metric (its value is {@link SERVICE_NAME}). A CloudWatch
 * metric is identified by its full set of dimensions, so the alarms name it too.
 */
export const SERVICE_DIMENSION = 'service';

/** A custom metric: its name, its unit (the same strings in Powertools' `MetricUnit` and CloudWatch's `Unit`), and its extra dimensions. */
export interface MetricDefinition {
  readonly name: string;
  readonly unit: 'Count' | 'Milliseconds';
  /** Dimensions beyond {@link SERVICE_DIMENSION}; an emitter must add exactly these. */
  readonly dimensions: readonly string[];
  readonly description: string;
}

/** Every custom metric, by the key the emitting code uses. */
export const METRICS = {
  checks: {
    name: 'Checks',
    unit: 'Count',
    dimensions: [],
    description: 'Checks answered (one per identifier, invoice or assessment checked)',
  },
  findings: {
    name: 'Findings',
    unit: 'Count',
    dimensions: ['code'],
    description: 'Findings reported, by finding code (e.g. a wrong check digit)',
  },
  auditWriteLatency: {
    name: 'AuditWriteLatency',
    unit: 'Milliseconds',
    dimensions: [],
    description: 'Time to write one request’s audit records to DynamoDB',
  },
  serviceUnavailable: {
    name: 'ServiceUnavailable',
    unit: 'Count',
    dimensions: [],
    description: '503 answers (audit store unavailable, overload or time budget spent)',
  },
  idempotentReplays: {
    name: 'IdempotentReplays',
    unit: 'Count',
    dimensions: [],
    description: 'POSTs answered from the idempotency store (a retry with the same Idempotency-Key)',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;
