import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { checkIdOf } from '../../../functions/lib/check-id.js';
import { DynamoDbAuditStore, toAttributes, toItem } from '../../../functions/lib/dynamodb-audit-store.js';
import { runInScope } from '../../../functions/lib/request-scope.js';
import { WriteGate } from '../../../functions/lib/write-gate.js';
import type { AuditRecord } from '../../../shared/audit/record.js';
import { AuditUnavailableError } from '../../../shared/audit/store.js';

type Send = (command: object, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;

/** A DynamoDB client whose every call goes to `send`; records what was sent. */
function fakeClient(send: Send) {
  const sent: object[] = [];
  const client = {
    send: (command: object, options?: { abortSignal?: AbortSignal }) => {
      sent.push(command);
      return send(command, options);
    },
  } as unknown as DynamoDBClient;
  return { client, sent };
}

function store(client: DynamoDBClient) {
  return new DynamoDbAuditStore(client, 'audit', {
    writeConcurrency: 2,
    gate: new WriteGate(4),
    cursorSecret: async () => 'secret',
  });
}

function records(count: number, ref = 'REF0000000'): AuditRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    tenant: 'tenant-a',
    checkId: checkIdOf(new Date('2026-11-30T10:00:00Z'), ref, i),
    createdAt: '2026-11-30T10:00:00.000Z',
    operation: 'identifiers.validate-batch',
    country: 'KZ',
    kind: 'IIN',
    valid: true,
    errorCodes: [],
    warningCodes: [],
    rulesetVersion: 'test',
    expiresAt: 4_000_000_000,
  }));
}

const inScope = <T>(budgetMs: number, fn: () => Promise<T>) =>
  runInScope({ deadline: Date.now() + budgetMs, requestId: 'test' }, fn);

describe('DynamoDbAuditStore', () => {
  it('commits a request only after every record is written', async () => {
    // Prepare
    const { client, sent } = fakeClient(async () => ({}));

    // Act
    await inScope(5_000, () => store(client).write(records(60)));

    // Assess
    expect(sent.filter((c) => c instanceof BatchWriteItemCommand)).toHaveLength(3);
    expect(sent.at(-1)).toBeInstanceOf(UpdateItemCommand);
    expect(sent.filter((c) => c instanceof UpdateItemCommand)).toHaveLength(1);
  });

  it('rejects a batch that fails half-way without committing it, so its records stay hidden', async () => {
    // Prepare: the third BatchWriteItem call fails
    let batches = 0;
    const { client, sent } = fakeClient(async (command) => {
      if (command instanceof BatchWriteItemCommand && ++batches === 3) throw new Error('connection reset');
      return {};
    });

    // Act
    const written = inScope(5_000, () => store(client).write(records(100)));

    // Assess
    await expect(written).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(sent.some((c) => c instanceof UpdateItemCommand)).toBe(false);
  });

  it('answers within the budget when the database stalls (aborts the call)', async () => {
    // Prepare: a call that only ends when aborted
    const { client } = fakeClient(
      (_command, options) =>
        new Promise((_, reject) => options?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    const started = Date.now();

    // Act
    const written = inScope(300, () => store(client).write(records(1)));

    // Assess
    await expect(written).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('abandons a commit that was sent but not answered in time, so a late commit cannot make the records count', async () => {
    // Prepare: the commit stalls until aborted (as a paused DynamoDB); later calls answer
    const { client, sent } = fakeClient((command, options) => {
      const update = command as UpdateItemCommand;
      if (update instanceof UpdateItemCommand && update.input.UpdateExpression?.includes('committed = :yes'))
        return new Promise((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      return Promise.resolve({});
    });

    // Act
    const written = inScope(300, () => store(client).write(records(1)));
    await expect(written).rejects.toBeInstanceOf(AuditUnavailableError);
    await new Promise((r) => setTimeout(r, 50)); // the abandon runs in the background

    // Assess: the commit named its attempt; the abandon names the same one and un-commits only that attempt
    const [commit, abandon] = sent.filter((c) => c instanceof UpdateItemCommand) as UpdateItemCommand[];
    const attempt = commit?.input.ExpressionAttributeValues?.[':me']?.S;
    expect(attempt).toEqual(expect.any(String));
    expect(commit?.input.ConditionExpression).toContain('NOT contains(#ab, :me)');
    expect(abandon?.input.UpdateExpression).toContain('ADD #ab :us');
    expect(abandon?.input.ExpressionAttributeValues?.[':us']).toEqual({ SS: [attempt] });
    expect(abandon?.input.ConditionExpression).toBe('attribute_not_exists(#by) OR #by = :me');
  });

  it('does not abandon anything when it failed before the commit was sent', async () => {
    // Prepare
    const { client, sent } = fakeClient(async (command) => {
      if (command instanceof PutItemCommand) throw new Error('connection refused');
      return {};
    });

    // Act
    const written = inScope(1_000, () => store(client).write(records(1)));

    // Assess
    await expect(written).rejects.toBeInstanceOf(AuditUnavailableError);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent.some((c) => c instanceof UpdateItemCommand)).toBe(false);
  });

  it('sends nothing when the budget is already spent', async () => {
    // Prepare
    const { client, sent } = fakeClient(async () => ({}));

    // Act
    const written = inScope(-1, () => store(client).write(records(30)));

    // Assess
    await expect(written).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(sent).toHaveLength(0);
  });

  it('writes a single record with one put, then its commit', async () => {
    // Prepare
    const { client, sent } = fakeClient(async () => ({}));

    // Act
    await inScope(5_000, () => store(client).write(records(1)));

    // Assess
    expect(sent.map((c) => c.constructor)).toEqual([PutItemCommand, UpdateItemCommand]);
  });

  it('lists only records whose request committed', async () => {
    // Prepare: two requests' records in the partition, only REFDONE000 committed
    const done = records(2, 'REFDONE000');
    const orphan = records(2, 'REFHALF000');
    const { client } = fakeClient(async (command) => {
      if (command instanceof QueryCommand) return { Items: [...done, ...orphan].map((r) => toAttributes(toItem(r))) };
      if (command instanceof BatchGetItemCommand)
        return { Responses: { audit: [{ sk: { S: 'REFDONE000' }, committed: { BOOL: true } }] } };
      return {};
    });

    // Act
    const page = await inScope(5_000, () => store(client).list('tenant-a', { limit: 10 }));

    // Assess
    expect(page.items.map((r) => r.checkId).sort()).toEqual(done.map((r) => r.checkId).sort());
    expect(page.items[0]).not.toHaveProperty('requestRef');
  });
});

describe('DynamoDbAuditStore budgets', () => {
  it('accepts a fractional budget (a Lambda margin of 10 % is rarely whole milliseconds)', async () => {
    // Prepare
    const { client, sent } = fakeClient(async () => ({}));

    // Act
    await runInScope({ deadline: Date.now() + 2_500.7, requestId: 'fractional' }, () =>
      store(client).write(records(1)),
    );

    // Assess
    expect(sent).toHaveLength(2);
  });
});
