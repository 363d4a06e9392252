import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';

/** Executions of the local runner carry this prefix; it stops them itself when it sees the job cancelled. */
const LOCAL_EXECUTION_PREFIX = 'local:';

let sfn: SFNClient | undefined;

/**
 * Stops the job's engine run. A Step Functions execution is stopped with StopExecution (its running
 * child workflows end with it); the local runner polls the job record and stops on its own.
 */
export async function stopExecution(executionId: string | undefined): Promise<void> {
  if (!executionId || executionId.startsWith(LOCAL_EXECUTION_PREFIX)) return;
  sfn ??= new SFNClient({});
  await sfn.send(new StopExecutionCommand({ executionArn: executionId, cause: 'cancelled by the caller' }));
}
