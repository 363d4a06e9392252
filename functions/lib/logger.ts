import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger of every function. It never receives request bodies: identifiers are personal data,
 * so only codes, counts and error names are logged.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'salyk' });
