import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { logger } from './logger.js';
import { METRICS, METRICS_NAMESPACE, type MetricKey, SERVICE_NAME } from './metric-names.js';

let instance: Metrics | undefined;

/**
 * The functions' metrics, published as CloudWatch embedded metric format on stdout. Namespace, service
 * and metric names come from `metric-names.ts`, which the CDK alarms read too. Disabled outside
 * Lambda by `POWERTOOLS_DEV` (tests) or `POWERTOOLS_METRICS_DISABLED` (the local server). Created on
 * first use, so a host that imports the handlers can still set those first.
 */
function metrics(): Metrics {
  instance ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  return instance;
}

/**
 * X-Ray tracing; a no-op outside Lambda. Only AWS SDK clients are captured ({@link traced}): patching
 * Node's http module as well would trace every SDK call twice.
 */
const tracer = new Tracer({ serviceName: SERVICE_NAME, captureHTTPsRequests: false });

/** Wraps an AWS SDK v3 client so each of its calls is a trace subsegment (when tracing is on). */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}

/** Adds `value` to one of the custom metrics (those without extra dimensions). */
export function addMetric(key: Exclude<MetricKey, 'findings'>, value: number): void {
  const { name, unit } = METRICS[key];
  metrics().addMetric(name, unit, value);
}

/**
 * Counts findings by code. Each code is its own CloudWatch metric (dimension `code`), so each is
 * published at once as a single metric; a request has a handful of distinct codes at most.
 */
export function addFindings(codes: Iterable<string>): void {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  const { name, unit, dimensions } = METRICS.findings;
  for (const [code, count] of counts) {
    const single = metrics().singleMetric();
    single.addDimension(dimensions[0], code);
    single.addMetric(name, unit, count);
  }
}

/**
 * The observability middlewares of every route, outermost first: the logger gets the Lambda context
 * (reset after each invocation) and never the event, the trace never the response (answers hold
 * normalized identifiers), and {@link requestObservability} adds request keys and publishes metrics.
 */
export function observabilityMiddlewares(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[] {
  return [
    injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
    captureLambdaHandler(tracer, { captureResponse: false }),
    requestObservability(),
  ];
}

/**
 * Request id and tenant on every log line of the request (a Lambda container runs one invocation at a
 * time; `resetKeys` drops them afterwards), the cold-start metric, and the request's metrics published
 * once it has answered — after the error middleware has counted a 503, since `after`/`onError` run in
 * reverse order of `use`.
 */
function requestObservability(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const publish = async () => {
    if (metrics().hasStoredMetrics()) metrics().publishStoredMetrics();
  };
  return {
    before: async ({ event }) => {
      metrics().captureColdStartMetric();
      logger.appendKeys({
        requestId: event.requestContext?.requestId,
        tenant: event.requestContext?.identity?.apiKeyId ?? undefined,
      });
    },
    after: async (request) => {
      // Status only: the event and the answer hold identifiers.
      logger.debug('request answered', { statusCode: request.response?.statusCode });
      await publish();
    },
    onError: publish,
  };
}
