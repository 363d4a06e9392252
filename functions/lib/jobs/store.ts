import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AuditUnavailableError } from '../../../shared/audit/store.js';
import { AUDIT_TABLE } from '../../../shared/audit/table.js';
import { JOB_PARTITION_PREFIX, type JobRecord, type JobState, OPEN_JOB_STATES } from '../../../shared/jobs/model.js';
import { JOB_ENGINE } from '../../../shared/jobs/params.js';
import { dynamoClient } from '../clients.js';
import { readConfig } from '../config.js';

const PK = AUDIT_TABLE.partitionKey.name;
const SK = AUDIT_TABLE.sortKey.name;
const TTL = AUDIT_TABLE.timeToLiveAttribute;

let documentClient: DynamoDBDocumentClient | undefined;

/**
 * The table, with its failures typed: a refused condition stays what it is (the caller decides), anything
 * else (unreachable, throttled) is an {@link AuditUnavailableError} — job records live in the audit table,
 * so the API answers a retryable `503`, as it does when audit records cannot be written.
 */
function db(): { client: Pick<DynamoDBDocumentClient, 'send'>; table: string } {
  const config = readConfig();
  documentClient ??= DynamoDBDocumentClient.from(dynamoClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const raw = documentClient;
  const send = (async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
    try {
      return await raw.send(command as never);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw error;
      throw new AuditUnavailableError(`job store request failed: ${(error as Error).name}`, { cause: error });
    }
  }) as DynamoDBDocumentClient['send'];
  return { client: { send }, table: config.tableName };
}

const keyOf = (tenant: string, jobId: string) => ({ [PK]: `${JOB_PARTITION_PREFIX}${tenant}`, [SK]: jobId });

/** A job that is not (or no longer) in the state an operation needs. */
export class JobStateConflict extends Error {
  override readonly name = 'JobStateConflict';
}

/**
 * Job records: one item per job in the audit table's `J#<tenant>` partition, sorted by job id (a ULID,
 * so newest-first is a reverse query). They expire with the results, so the table does not collect them.
 */
export const jobStore = {
  async create(job: JobRecord): Promise<void> {
    const { client, table } = db();
    const expiresAt = Math.floor(Date.parse(job.createdAt) / 1000) + (JOB_ENGINE.resultDays + 1) * 86_400;
    await client.send(
      new PutCommand({
        TableName: table,
        Item: { ...keyOf(job.tenant, job.jobId), ...job, [TTL]: expiresAt },
        ConditionExpression: `attribute_not_exists(${PK})`,
      }),
    );
  },

  async get(tenant: string, jobId: string): Promise<JobRecord | undefined> {
    const { client, table } = db();
    const out = await client.send(
      new GetCommand({ TableName: table, Key: keyOf(tenant, jobId), ConsistentRead: true }),
    );
    return out.Item ? toJob(out.Item) : undefined;
  },

  async list(tenant: string, limit: number): Promise<JobRecord[]> {
    const { client, table } = db();
    const out = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':pk': `${JOB_PARTITION_PREFIX}${tenant}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(toJob);
  },

  /**
   * Sets fields only while the job is in one of `from` (a cancelled job is never revived by a late step).
   * @throws JobStateConflict when it is not.
   */
  async transition(
    tenant: string,
    jobId: string,
    from: readonly JobState[],
    fields: Partial<Omit<JobRecord, 'jobId' | 'tenant'>>,
  ): Promise<JobRecord> {
    const { client, table } = db();
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, unknown> = {};
    from.forEach((state, i) => {
      values[`:from${i}`] = state;
    });
    const sets = entries.map(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    try {
      const out = await client.send(
        new UpdateCommand({
          TableName: table,
          Key: keyOf(tenant, jobId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `#state IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toJob(out.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new JobStateConflict(`job is not ${from.join('/')}`);
      throw error;
    }
  },

  /**
   * Adds a finished batch to the running counts (progress only: the finish step recounts from the
   * results, so a batch retried after this call cannot skew the final figures).
   */
  async addProgress(tenant: string, jobId: string, done: number, valid: number, invalid: number): Promise<void> {
    const { client, table } = db();
    await client
      .send(
        new UpdateCommand({
          TableName: table,
          Key: keyOf(tenant, jobId),
          UpdateExpression: 'ADD rowsDone :d, rowsValid :v, rowsInvalid :i',
          ConditionExpression: '#state IN (:open0, :open1)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':d': done,
            ':v': valid,
            ':i': invalid,
            ':open0': OPEN_JOB_STATES[0],
            ':open1': OPEN_JOB_STATES[1],
          },
        }),
      )
      .catch((error: unknown) => {
        // A cancelled job keeps the count it had when it was cancelled: that is how far it got.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  },
};

function toJob(item: Record<string, unknown>): JobRecord {
  const { [PK]: _pk, [SK]: _sk, [TTL]: _ttl, ...job } = item;
  return job as unknown as JobRecord;
}
