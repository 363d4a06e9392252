import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { encodeTime } from 'ulid';
import type { AuditRecord } from '../../shared/audit/record.js';
import {
  type AuditListQuery,
  type AuditPage,
  type AuditPageRequest,
  type AuditStore,
  AuditUnavailableError,
  InvalidCursorError,
} from '../../shared/audit/store.js';
import { AUDIT_TABLE } from '../../shared/audit/table.js';

const { partitionKey: PK, sortKey: SK, lookupIndex: GSI, counterpartyIndex: GSI2 } = AUDIT_TABLE;
const BATCH_SIZE = 25; // DynamoDB's BatchWriteItem limit
const MAX_WRITE_ATTEMPTS = 8;

const tenantKey = (tenant: string) => `T#${tenant}`;
const identifierKey = (tenant: string, hmac: string) => `T#${tenant}#H#${hmac}`;

/** The DynamoDB item of a record: the record itself plus its keys. */
export function toItem(record: AuditRecord): Record<string, unknown> {
  return {
    ...record,
    [PK.name]: tenantKey(record.tenant),
    [SK.name]: record.checkId,
    ...(record.identifier
      ? {
          [GSI.partitionKey.name]: identifierKey(record.tenant, record.identifier.hmac),
          [GSI.sortKey.name]: record.checkId,
        }
      : {}),
    ...(counterparty(record)
      ? {
          [GSI2.partitionKey.name]: identifierKey(record.tenant, counterparty(record)!.hmac),
          [GSI2.sortKey.name]: record.checkId,
        }
      : {}),
  };
}

/**
 * Marshals an audit item. Audit items hold only strings, numbers, booleans, nulls, string lists and
 * small maps, so this is a direct mapping — several times faster than the SDK's general `marshall` on
 * 10 000-record batches.
 */
export function toAttributes(item: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const key in item) {
    const value = item[key];
    if (value !== undefined) out[key] = toAttribute(value);
  }
  return out;
}

function toAttribute(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: String(value) };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) return { L: value.map(toAttribute) };
      return { M: toAttributes(value as Record<string, unknown>) };
    default:
      throw new TypeError(`cannot store a ${typeof value} in an audit record`);
  }
}

/** The record's second identifier (an ESF pre-check's buyer), indexed so lookups find it too. */
function counterparty(record: AuditRecord) {
  return record.otherIdentifiers ? Object.values(record.otherIdentifiers)[0] : undefined;
}

function fromItem(item: Record<string, unknown>): AuditRecord {
  const {
    [PK.name]: _pk,
    [SK.name]: _sk,
    [GSI.partitionKey.name]: _g1,
    [GSI.sortKey.name]: _g2,
    [GSI2.partitionKey.name]: _g3,
    [GSI2.sortKey.name]: _g4,
    ...record
  } = item;
  return record as unknown as AuditRecord;
}

/** DynamoDB adapter of the audit trail. */
export class DynamoDbAuditStore implements AuditStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly writeConcurrency = 8,
  ) {}

  async write(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 1) {
      await this.call(() =>
        this.client.send(new PutItemCommand({ TableName: this.tableName, Item: toAttributes(toItem(records[0]!)) })),
      );
      return;
    }
    const requests: WriteRequest[] = records.map((r) => ({ PutRequest: { Item: toAttributes(toItem(r)) } }));
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_SIZE) chunks.push(requests.slice(i, i + BATCH_SIZE));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) await this.writeChunk(chunks[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.writeConcurrency, chunks.length) }, worker));
  }

  /** Writes one batch, retrying what DynamoDB leaves unprocessed with capped exponential backoff. */
  private async writeChunk(chunk: WriteRequest[]): Promise<void> {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_WRITE_ATTEMPTS)
        throw new AuditUnavailableError(`${pending.length} audit records were not written`);
      if (attempt > 1) await sleep(Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2));
      const out = await this.call(() =>
        this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } })),
      );
      pending = out.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  async list(tenant: string, query: AuditListQuery): Promise<AuditPage> {
    const values: Record<string, unknown> = { ':pk': tenantKey(tenant), ':now': Math.floor(Date.now() / 1000) };
    let condition = '#pk = :pk';
    if (query.from || query.to) {
      // checkIds are ULIDs: their first 10 characters encode the creation time, so a date range is a key range.
      values[':lo'] = query.from ? encodeTime(Date.parse(`${query.from}T00:00:00Z`), 10) + '0'.repeat(16) : '0';
      values[':hi'] = query.to
        ? encodeTime(Date.parse(`${query.to}T00:00:00Z`) + 86_399_999, 10) + 'Z'.repeat(16)
        : 'Z'.repeat(26);
      condition += ' AND #sk BETWEEN :lo AND :hi';
    }
    const input: QueryCommandInput = {
      TableName: this.tableName,
      KeyConditionExpression: condition,
      // TTL deletion lags by up to days: expired records must not come back.
      FilterExpression: '#exp > :now',
      ExpressionAttributeNames: {
        '#pk': PK.name,
        '#exp': AUDIT_TABLE.timeToLiveAttribute,
        ...(query.from || query.to ? { '#sk': SK.name } : {}),
      },
      ExpressionAttributeValues: marshall(values),
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: query.cursor
        ? marshall(decodeCursor(query.cursor, { [PK.name]: tenantKey(tenant) }, [SK.name]))
        : undefined,
    };
    const out = await this.call(() => this.client.send(new QueryCommand(input)));
    return {
      items: (out.Items ?? []).map((i) => fromItem(unmarshall(i))),
      cursor: out.LastEvaluatedKey ? encodeCursor(unmarshall(out.LastEvaluatedKey)) : undefined,
    };
  }

  /**
   * Checks of one identifier, newest first, from both indexes (as the main identifier, or as an ESF buyer).
   * Both are ordered by checkId, so a page is the newest `limit` of their merge and the cursor is the last
   * checkId returned, bound to the tenant and the identifier.
   */
  async findByIdentifier(tenant: string, hmac: string, page: AuditPageRequest): Promise<AuditPage> {
    const partition = identifierKey(tenant, hmac);
    const before = page.cursor ? decodeLookupCursor(page.cursor, partition) : undefined;
    const query = (index: typeof GSI | typeof GSI2) =>
      this.call(() =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index.indexName,
            KeyConditionExpression: before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
            FilterExpression: '#exp > :now',
            // DynamoDB refuses unused names: '#sk' only with a cursor.
            ExpressionAttributeNames: {
              '#pk': index.partitionKey.name,
              '#exp': AUDIT_TABLE.timeToLiveAttribute,
              ...(before ? { '#sk': index.sortKey.name } : {}),
            },
            ExpressionAttributeValues: marshall({
              ':pk': partition,
              ':now': Math.floor(Date.now() / 1000),
              ...(before ? { ':before': before } : {}),
            }),
            ScanIndexForward: false,
            Limit: page.limit,
          }),
        ),
      );
    const [main, counterparties] = await Promise.all([query(GSI), query(GSI2)]);
    const merged = [...(main.Items ?? []), ...(counterparties.Items ?? [])]
      .map((i) => fromItem(unmarshall(i)))
      .sort((a, b) => (a.checkId < b.checkId ? 1 : a.checkId > b.checkId ? -1 : 0));
    const items = merged.slice(0, page.limit);
    const more =
      merged.length > items.length ||
      main.LastEvaluatedKey !== undefined ||
      counterparties.LastEvaluatedKey !== undefined;
    return {
      items,
      ...(more && items.length ? { cursor: encodeCursor({ p: partition, before: items.at(-1)!.checkId }) } : {}),
    };
  }

  /** Any failure to reach DynamoDB is a dependency outage (503), never a 500. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof AuditUnavailableError) throw error;
      throw new AuditUnavailableError(`DynamoDB request failed: ${(error as Error).name}`, { cause: error });
    }
  }
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * A cursor is only honoured inside the partition it came from (the caller's own): its fixed keys must
 * match exactly, and it may carry nothing but those keys and the listed sort keys.
 */
function decodeCursor(cursor: string, fixed: Record<string, string>, sortKeys: string[]): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is malformed');
  }
  const k = key as Record<string, unknown> | null;
  const belongs =
    k !== null &&
    typeof k === 'object' &&
    Object.entries(fixed).every(([name, value]) => k[name] === value) &&
    sortKeys.every((name) => typeof k[name] === 'string') &&
    Object.keys(k).length === Object.keys(fixed).length + sortKeys.length;
  if (!belongs) throw new InvalidCursorError('the cursor does not belong to this listing');
  return k;
}

/** A lookup cursor: the last checkId returned, valid only for the same tenant and identifier. */
function decodeLookupCursor(cursor: string, partition: string): string {
  let key: { p?: unknown; before?: unknown } | null;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; before?: unknown } | null;
  } catch {
    throw new InvalidCursorError('the cursor is malformed');
  }
  if (!key || key.p !== partition || typeof key.before !== 'string')
    throw new InvalidCursorError('the cursor does not belong to this lookup');
  return key.before;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
