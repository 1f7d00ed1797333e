import { Logger } from '@aws-lambda-powertools/logger';

/** The data layer's own logger: a malformed item is an error worth an alarm, not a silent cast. */
export const dataLogger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'linli' });
