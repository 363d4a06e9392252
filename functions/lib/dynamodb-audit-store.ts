import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
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
} from '../../shared/audit/store.js';
import { AUDIT_TABLE } from '../../shared/audit/table.js';
import { requestRefOf } from './check-id.js';
import { openCursor, sealCursor } from './cursor.js';
import { logger } from './logger.js';
import { currentScope, type RequestScope, remainingBudget } from './request-scope.js';
import { WriteGate } from './write-gate.js';

const { partitionKey: PK, sortKey: SK, lookupIndex: GSI, counterpartyIndex: GSI2 } = AUDIT_TABLE;
const BATCH_SIZE = 25; // DynamoDB's BatchWriteItem limit
const BATCH_GET_SIZE = 100; // DynamoDB's BatchGetItem limit
/** An unfinished request's start is kept as long as its Idempotency-Key can be retried. */
const REQUEST_ANCHOR_SECONDS = 86_400;

/** How long a failed attempt keeps trying to mark its possibly-late commit as abandoned. */
const ABANDON_WINDOW_MS = 120_000;
/** Commit item attributes: the attempt that committed, and the attempts that gave up (a string set). */
const COMMIT_NAMES = { '#exp': AUDIT_TABLE.timeToLiveAttribute, '#by': 'committedBy', '#ab': 'abandoned' };

/** The item attribute naming the request whose commit makes the record count. */
const REQUEST_REF = 'requestRef';
const tenantKey = (tenant: string) => `T#${tenant}`;
const requestKey = (tenant: string) => `${AUDIT_TABLE.requestPartitionPrefix}${tenant}`;
const identifierKey = (tenant: string, hmac: string) => `T#${tenant}#H#${hmac}`;

/** The DynamoDB item of a record: the record itself plus its keys. */
export function toItem(record: AuditRecord): Record<string, unknown> {
  return {
    ...record,
    // Items without it (written by earlier versions) are complete by definition.
    [REQUEST_REF]: requestRefOf(record.checkId),
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
          [GSI2.partitionKey.name]: identifierKey(record.tenant, counterparty(record)?.hmac ?? ''),
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

/** A stored record and the request it belongs to (undefined for records of earlier versions). */
interface StoredRecord {
  record: AuditRecord;
  requestRef?: string;
}

function fromItem(item: Record<string, unknown>): StoredRecord {
  const {
    [REQUEST_REF]: requestRef,
    [PK.name]: _pk,
    [SK.name]: _sk,
    [GSI.partitionKey.name]: _g1,
    [GSI.sortKey.name]: _g2,
    [GSI2.partitionKey.name]: _g3,
    [GSI2.sortKey.name]: _g4,
    ...record
  } = item;
  return {
    record: record as unknown as AuditRecord,
    ...(typeof requestRef === 'string' ? { requestRef } : {}),
  };
}

export interface DynamoDbAuditStoreOptions {
  /** How many BatchWriteItem calls one request runs at once. */
  writeConcurrency?: number;
  /** Shared by every store of the process: bounds the calls in flight towards DynamoDB. */
  gate?: WriteGate;
  /** The server secret that seals pagination cursors. */
  cursorSecret: () => Promise<string>;
}

/**
 * DynamoDB adapter of the audit trail. Every call is aborted when the running request's budget
 * ({@link currentScope}) runs out; writes queue at the shared {@link WriteGate}.
 */
export class DynamoDbAuditStore implements AuditStore {
  private readonly writeConcurrency: number;
  private readonly gate: WriteGate;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: DynamoDbAuditStoreOptions,
  ) {
    this.writeConcurrency = options.writeConcurrency ?? 8;
    this.gate = options.gate ?? new WriteGate(this.writeConcurrency);
  }

  async begin(tenant: string, requestRef: string, startedAt: Date): Promise<Date> {
    const key = { [PK.name]: requestKey(tenant), [SK.name]: requestRef };
    try {
      await this.send((o) =>
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: toAttributes({
              ...key,
              startedAt: startedAt.getTime(),
              committed: false,
              [AUDIT_TABLE.timeToLiveAttribute]: Math.floor(startedAt.getTime() / 1000) + REQUEST_ANCHOR_SECONDS,
            }),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK.name },
          }),
          o,
        ),
      );
      return startedAt;
    } catch (error) {
      if (!(error instanceof AuditUnavailableError && error.cause instanceof ConditionalCheckFailedException))
        throw error;
    }
    // A retry: derive its keys from the first attempt's start, so it rewrites the same records.
    const out = await this.send((o) =>
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: toAttributes(key), ConsistentRead: true }),
        o,
      ),
    );
    const first = out.Item?.startedAt?.N;
    return first ? new Date(Number(first)) : startedAt;
  }

  /**
   * Writes every record (idempotent puts: the keys are deterministic), then commits their requests.
   * Refused up front when the shared gate's queue would outlast the budget; nothing is written then.
   * If the commit was sent but the request fails anyway (budget spent while DynamoDB stalls), the
   * commit may still land later: the attempt is then abandoned in the background (see {@link abandon}).
   */
  async write(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const scope = currentScope();
    const attempt = attemptOrder();
    const committing = { sent: false };
    try {
      await this.writeRecords(records, scope);
      await this.commit(records, scope, attempt, committing);
    } catch (error) {
      if (committing.sent) void this.abandon(requestsOf(records), attempt);
      throw error;
    }
  }

  private async writeRecords(records: readonly AuditRecord[], scope: RequestScope): Promise<void> {
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < records.length; i += BATCH_SIZE)
      chunks.push(records.slice(i, i + BATCH_SIZE).map((r) => ({ PutRequest: { Item: toAttributes(toItem(r)) } })));
    this.gate.admit(chunks.length + 1, scope.deadline);
    if (records.length === 1) {
      const item = chunks[0]?.[0]?.PutRequest?.Item;
      await this.gate.run(scope.sequence, scope.deadline, () =>
        this.send((o) => this.client.send(new PutItemCommand({ TableName: this.tableName, Item: item }), o), scope),
      );
    } else {
      let next = 0;
      const worker = async () => {
        for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) await this.writeChunk(chunk, scope);
      };
      await Promise.all(Array.from({ length: Math.min(this.writeConcurrency, chunks.length) }, worker));
    }
  }

  /**
   * Marks each request of `records` complete: only now do its records count. The commit names its
   * attempt; it is refused if this attempt was abandoned, or a later attempt (a retry) already committed.
   */
  private async commit(
    records: readonly AuditRecord[],
    scope: RequestScope,
    attempt: string,
    committing: { sent: boolean },
  ): Promise<void> {
    for (const { tenant, ref, expiresAt } of requestsOf(records)) {
      await this.gate.run(scope.sequence, scope.deadline, () => {
        committing.sent = true;
        return this.send(
          (o) =>
            this.client.send(
              new UpdateItemCommand({
                TableName: this.tableName,
                Key: toAttributes({ [PK.name]: requestKey(tenant), [SK.name]: ref }),
                UpdateExpression: 'SET committed = :yes, #exp = :exp, #by = :me',
                ConditionExpression: 'NOT contains(#ab, :me) AND (attribute_not_exists(#by) OR #by <= :me)',
                ExpressionAttributeNames: COMMIT_NAMES,
                ExpressionAttributeValues: {
                  ':yes': { BOOL: true },
                  ':exp': { N: String(expiresAt) },
                  ':me': { S: attempt },
                },
              }),
              o,
            ),
          scope,
        );
      });
    }
  }

  /**
   * Undoes a commit that may still be on its way. An aborted call is only abandoned by this client:
   * a stalled DynamoDB still applies it when it resumes, after the 503 has been answered. Abandoning
   * marks the attempt in the commit item: its commit is refused if it arrives later, and un-done if it
   * came first — unless a retry has committed since. Runs in the background (the 503 does not wait),
   * retrying for up to {@link ABANDON_WINDOW_MS} so it also outlasts a restart of the database.
   */
  private async abandon(requests: readonly RequestToCommit[], attempt: string): Promise<void> {
    const until = Date.now() + ABANDON_WINDOW_MS;
    for (const { tenant, ref } of requests) {
      for (let pause = 250; ; pause = Math.min(5_000, pause * 2)) {
        try {
          await this.client.send(
            new UpdateItemCommand({
              TableName: this.tableName,
              Key: toAttributes({ [PK.name]: requestKey(tenant), [SK.name]: ref }),
              UpdateExpression: 'SET committed = :no, #exp = if_not_exists(#exp, :exp) ADD #ab :us',
              ConditionExpression: 'attribute_not_exists(#by) OR #by = :me',
              ExpressionAttributeNames: COMMIT_NAMES,
              ExpressionAttributeValues: {
                ':no': { BOOL: false },
                ':exp': { N: String(Math.floor(Date.now() / 1000) + REQUEST_ANCHOR_SECONDS) },
                ':me': { S: attempt },
                ':us': { SS: [attempt] },
              },
            }),
            { abortSignal: AbortSignal.timeout(Math.max(1, until - Date.now())) },
          );
          break;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) break; // a retry committed since: keep it
          if (Date.now() + pause >= until) {
            logger.error('an abandoned audit commit could not be marked', { errorName: (error as Error).name });
            break;
          }
          await sleep(pause);
        }
      }
    }
  }

  /** Writes one batch, retrying what DynamoDB leaves unprocessed with capped backoff, within the budget. */
  private async writeChunk(chunk: WriteRequest[], scope: RequestScope): Promise<void> {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) {
        const pause = Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
        if (pause >= remainingBudget(scope))
          throw new AuditUnavailableError(`${pending.length} audit records were not written in time`);
        await sleep(pause);
      }
      const out = await this.gate.run(scope.sequence, scope.deadline, () =>
        this.send(
          (o) => this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }), o),
          scope,
        ),
      );
      pending = out.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  async list(tenant: string, query: AuditListQuery): Promise<AuditPage> {
    const values: Record<string, unknown> = { ':pk': tenantKey(tenant), ':now': Math.floor(Date.now() / 1000) };
    let condition = '#pk = :pk';
    if (query.from || query.to) {
      // checkIds start with their time (10 characters, as a ULID does), so a date range is a key range.
      values[':lo'] = query.from ? encodeTime(Math.max(0, Date.parse(`${query.from}T00:00:00Z`)), 10) : '0';
      values[':hi'] = query.to
        ? `${encodeTime(Math.max(0, Date.parse(`${query.to}T00:00:00Z`) + 86_399_999), 10)}${'Z'.repeat(16)}`
        : 'Z'.repeat(26);
      condition += ' AND #sk BETWEEN :lo AND :hi';
    }
    const scope = `list\0${tenant}`;
    const after = query.cursor ? openCursor(await this.options.cursorSecret(), scope, query.cursor) : undefined;
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
      ExclusiveStartKey: after ? marshall({ [PK.name]: tenantKey(tenant), [SK.name]: after }) : undefined,
    };
    const out = await this.send((o) => this.client.send(new QueryCommand(input), o));
    const items = await this.committedOnly(
      tenant,
      (out.Items ?? []).map((i) => fromItem(unmarshall(i))),
    );
    const last = out.LastEvaluatedKey?.[SK.name]?.S;
    return {
      items,
      ...(last ? { cursor: sealCursor(await this.options.cursorSecret(), scope, last) } : {}),
    };
  }

  /**
   * Checks of one identifier, newest first, from both indexes (as the main identifier, or as an ESF buyer).
   * Both are ordered by checkId, so a page is the newest `limit` of their merge and the cursor is the last
   * checkId returned, sealed for the tenant and the identifier.
   */
  async findByIdentifier(tenant: string, hmac: string, page: AuditPageRequest): Promise<AuditPage> {
    const partition = identifierKey(tenant, hmac);
    const scope = `lookup\0${partition}`;
    const before = page.cursor ? openCursor(await this.options.cursorSecret(), scope, page.cursor) : undefined;
    const query = (index: typeof GSI | typeof GSI2) =>
      this.send((o) =>
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
          o,
        ),
      );
    const [main, counterparties] = await Promise.all([query(GSI), query(GSI2)]);
    const merged = [...(main.Items ?? []), ...(counterparties.Items ?? [])]
      .map((i) => fromItem(unmarshall(i)))
      .sort((a, b) => (a.record.checkId < b.record.checkId ? 1 : a.record.checkId > b.record.checkId ? -1 : 0));
    const items = merged.slice(0, page.limit);
    const more =
      merged.length > items.length ||
      main.LastEvaluatedKey !== undefined ||
      counterparties.LastEvaluatedKey !== undefined;
    const last = items.at(-1)?.record.checkId;
    return {
      items: await this.committedOnly(tenant, items),
      ...(more && last ? { cursor: sealCursor(await this.options.cursorSecret(), scope, last) } : {}),
    };
  }

  /** Drops records whose request never committed (answered 503 half-way, or still being written). */
  private async committedOnly(tenant: string, records: StoredRecord[]): Promise<AuditRecord[]> {
    const refs = [...new Set(records.flatMap((r) => (r.requestRef ? [r.requestRef] : [])))];
    if (refs.length === 0) return records.map((r) => r.record);
    const committed = new Set<string>();
    for (let i = 0; i < refs.length; i += BATCH_GET_SIZE) {
      let keys: Record<string, AttributeValue>[] | undefined = refs
        .slice(i, i + BATCH_GET_SIZE)
        .map((ref) => toAttributes({ [PK.name]: requestKey(tenant), [SK.name]: ref }));
      while (keys?.length) {
        const out = await this.send((o) =>
          this.client.send(
            new BatchGetItemCommand({
              RequestItems: {
                [this.tableName]: {
                  Keys: keys,
                  ConsistentRead: true,
                  ProjectionExpression: '#sk, committed',
                  ExpressionAttributeNames: { '#sk': SK.name },
                },
              },
            }),
            o,
          ),
        );
        for (const item of out.Responses?.[this.tableName] ?? [])
          if (item.committed?.BOOL === true && item[SK.name]?.S) committed.add(item[SK.name]?.S ?? '');
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return records.filter((r) => !r.requestRef || committed.has(r.requestRef)).map((r) => r.record);
  }

  /**
   * Sends one command, cut off when the request's budget runs out (no shorter fixed cap: a loaded DynamoDB
   * Local takes seconds per batch, and cutting slow-but-working calls short only repeats their work). Any failure
   * to reach DynamoDB is a dependency outage (503), never a 500 and never a hang.
   */
  private async send<T>(
    call: (options: { abortSignal: AbortSignal }) => Promise<T>,
    scope: RequestScope = currentScope(),
  ): Promise<T> {
    const left = remainingBudget(scope);
    if (left <= 0) throw new AuditUnavailableError('the request budget is spent');
    try {
      return await call({ abortSignal: AbortSignal.timeout(Math.ceil(left)) });
    } catch (error) {
      if (error instanceof AuditUnavailableError) throw error;
      throw new AuditUnavailableError(`DynamoDB request failed: ${(error as Error).name}`, { cause: error });
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request's commit item, and how long its records live. */
interface RequestToCommit {
  tenant: string;
  ref: string;
  expiresAt: number;
}

/** The requests `records` belong to (one, in practice), each with its records' latest expiry. */
function requestsOf(records: readonly AuditRecord[]): RequestToCommit[] {
  const requests = new Map<string, RequestToCommit>();
  for (const r of records) {
    const ref = requestRefOf(r.checkId);
    const id = `${r.tenant}\0${ref}`;
    const known = requests.get(id);
    if (!known || known.expiresAt < r.expiresAt) requests.set(id, { tenant: r.tenant, ref, expiresAt: r.expiresAt });
  }
  return [...requests.values()];
}

/**
 * A write attempt's name in its commit item, ordered by start time: a retry (which starts after the
 * failed attempt answered) sorts after it, so an older attempt's late commit cannot override it.
 */
function attemptOrder(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}.${randomUUID()}`;
}
