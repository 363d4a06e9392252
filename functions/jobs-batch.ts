import type { Context } from 'aws-lambda';
import { type BatchInput, runBatch } from './lib/jobs/batch.js';
import { deadlineOf, runInScope } from './lib/request-scope.js';

/**
 * Step Functions task (a Distributed Map child): one batch of rows. The audit writes get the function's
 * remaining time as their budget, so a slow database fails the attempt in time for the state's retry.
 */
export const handler = (event: BatchInput, context: Context) =>
  runInScope({ deadline: deadlineOf(context), requestId: context.awsRequestId }, () => runBatch(event));
