import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** Reads the audit table directly, bypassing the API. */
export class AuditTableReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Every item of the table (all tenants), following pagination. */
  async scanAll(): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.client.send(
        new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /**
   * The audit records only (partitions `T#<tenant>`), without the request and idempotency control items
   * (`R#`, `I#`) that live beside them.
   */
  async scanRecords(): Promise<Record<string, unknown>[]> {
    return (await this.scanAll()).filter((item) => String(item.pk).startsWith('T#'));
  }

  async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall({ pk, sk }), ConsistentRead: true }),
    );
    return out.Item ? unmarshall(out.Item) : undefined;
  }

  /** The items of one partition with sort keys between `from` and `to` (inclusive), ascending. */
  async queryRange(pk: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: marshall({ ':pk': pk, ':from': from, ':to': to }),
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Every item of one partition, ascending. */
  async queryPartition(pk: string): Promise<Record<string, unknown>[]> {
    return this.queryRange(pk, '0', 'Z'.repeat(26));
  }
}
