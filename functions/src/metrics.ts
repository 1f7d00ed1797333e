/**
 * Counts as CloudWatch metrics, written as embedded-metric-format (EMF) log
 * lines: the format @aws-lambda-powertools/metrics writes, without the
 * package. CloudWatch Logs turns each line into a data point; the stack's
 * alarms watch them (infra/lib/monitoring.ts). The stack sets
 * POWERTOOLS_METRICS_NAMESPACE; without it (the local stage) nothing is written.
 */

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

export function countMetric(
  name: string,
  dimensions: Record<string, string> = {},
  {
    count = 1,
    write = (line: string) => process.stdout.write(line),
  }: { count?: number; write?: (line: string) => void } = {},
): void {
  const namespace = process.env.POWERTOOLS_METRICS_NAMESPACE;
  if (!namespace) return;
  const service = process.env.POWERTOOLS_SERVICE_NAME ?? 'linli';
  const extra = Object.keys(dimensions).filter((key) => key !== SERVICE_DIMENSION);
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          // By service alone (what the alarm watches) and, when given, by the finer dimensions too.
          Dimensions: extra.length ? [[SERVICE_DIMENSION], [SERVICE_DIMENSION, ...extra]] : [[SERVICE_DIMENSION]],
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ],
    },
    ...dimensions,
    [SERVICE_DIMENSION]: service,
    [name]: count,
  };
  // Straight to stdout: the Lambda runtime's console prefixes lines, and CloudWatch reads only bare JSON as EMF.
  write(`${JSON.stringify(line)}\n`);
}
