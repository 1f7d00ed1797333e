/**
 * Counts as CloudWatch metrics, written by Powertools Metrics as
 * embedded-metric-format (EMF) log lines. CloudWatch Logs turns each line
 * into a data point; the stack's alarms watch them (infra/lib/monitoring.ts).
 * The stack sets POWERTOOLS_METRICS_NAMESPACE; without it (the local stage)
 * nothing is written.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** A sweep threw: its work waits for the next tick. */
export const SWEEP_FAILURES = 'SweepFailures';

/** What the district's leaders and the operations team count: each route's success (`RouteSpec.metric`). */
export const BUSINESS_METRICS = ['ReportsFiled', 'Credits', 'Redemptions'] as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[number];
/** A request refused with a typed error, by its code (`POINTS_INSUFFICIENT`, `OUT_OF_STOCK`, …). */
export const REFUSALS = 'Refusals';
/** A subscription message WeChat took, or one that could not go (no consent left, refused, given up). */
export const NOTIFICATIONS_SENT = 'NotificationsSent';
export const NOTIFICATIONS_REFUSED = 'NotificationsRefused';
/** The SDK tried a DynamoDB call again (throttles, lost answers), and transactions lost to another transaction. */
export const DYNAMODB_RETRIES = 'DynamoDbRetries';
export const DYNAMODB_CONFLICTS = 'DynamoDbConflicts';

/** The dimension every metric carries, so an alarm can watch one function's metric across the rest. */
export const SERVICE_DIMENSION = 'service';

const metrics = /* @__PURE__ */ lazyMetrics();

function lazyMetrics() {
  let made: Metrics | undefined;
  return () => {
    made ??= new Metrics({
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE,
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'linli',
    });
    return made;
  };
}

/**
 * Counts `name` once (or `count` times) now, as its own EMF line: by service alone (what the alarms watch) and,
 * when `dimensions` are given, by those too. Nothing is written without a namespace (the local stage).
 */
export function countMetric(name: string, dimensions: Record<string, string> = {}, { count = 1 } = {}): void {
  if (!process.env.POWERTOOLS_METRICS_NAMESPACE) return;
  const single = metrics().singleMetric();
  if (Object.keys(dimensions).length) {
    // Powertools 2.x merges the first addDimensions into the service set and makes each later call a set of
    // its own: an empty first call keeps [service] (what the alarms watch) beside [service, …dimensions].
    // tests/infra/alarms.test.ts and tests/unit/metrics.test.ts check the sets written.
    single.addDimensions({});
    single.addDimensions(dimensions);
  }
  single.addMetric(name, MetricUnit.Count, count);
}
