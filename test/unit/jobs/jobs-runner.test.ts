import { describe, expect, it } from 'vitest';
import { AslRunner, type RunnerStorage, StatesError, type TaskHandler } from '../../../local/jobs/asl-runner.js';
import { LOCAL_FUNCTION_ARN_PREFIX, LOCAL_JOBS_BUCKET, storedDefinition } from '../../../local/jobs/definition.js';

const fn = (name: string) => `${LOCAL_FUNCTION_ARN_PREFIX}${name}`;

/** A bucket in memory: the runner's S3 calls, recorded. */
function memoryBucket(files: Record<string, string>): RunnerStorage & { files: Record<string, string> } {
  return {
    files,
    getText: async (bucket, key) => {
      expect(bucket).toBe(LOCAL_JOBS_BUCKET);
      const text = files[key];
      if (text === undefined) throw new Error(`no ${key}`);
      return text;
    },
    putText: async (_bucket, key, body) => {
      files[key] = body;
    },
  };
}

/** The synthesised definition run with fake step functions: prepare names an items file, finish echoes its input. */
function runnerFor(items: string, batch: TaskHandler) {
  const bucket = memoryBucket({ 'work/items.csv': items });
  const calls: { finish: unknown[] } = { finish: [] };
  const runner = new AslRunner(storedDefinition(), {
    storage: bucket,
    retryDelayScale: 0,
    handlers: {
      [fn('jobs-prepare')]: async (input) => ({ itemsKey: 'work/items.csv', seen: input }),
      [fn('jobs-batch')]: batch,
      [fn('jobs-finish')]: async (input) => {
        calls.finish.push(input);
        return { done: true };
      },
    },
  });
  return { runner, bucket, calls };
}

describe('Local engine: AslRunner on the synthesised job definition', () => {
  it('hands the CSV reader’s fields on as text: 01207199510092 keeps its leading zero', async () => {
    // Prepare
    const seen: unknown[] = [];
    const { runner } = runnerFor('row,line,value,bad\n0,2,01207199510092,\n1,3,000123,\n', async (input) => {
      seen.push(input);
      return { firstRow: 0 };
    });

    // Act
    await runner.execute({ key: 'uploads/t/x' }, { id: 'local:test:1' });

    // Assess
    const [batch] = seen as { Items: { value: string; row: string }[]; BatchInput: { itemsKey: string } }[];
    expect(batch?.Items.map((i) => i.value)).toEqual(['01207199510092', '000123']);
    expect(batch?.Items[0]?.row).toBe('0');
    expect(batch?.BatchInput.itemsKey).toBe('work/items.csv');
  });

  it('batches by MaxItemsPerBatch and writes a manifest with the children’s results, as the result writer does', async () => {
    // Prepare
    const rows = Array.from({ length: 2_345 }, (_, i) => `${i},${i + 2},v${i},`).join('\n');
    const { runner, bucket, calls } = runnerFor(`row,line,value,bad\n${rows}\n`, async (input) => ({
      n: (input as { Items: unknown[] }).Items.length,
    }));

    // Act
    await runner.execute({ key: 'uploads/t/x' }, { id: 'local:test:2' });

    // Assess
    const finish = calls.finish[0] as { map: { ResultWriterDetails: { Key: string } } };
    const manifest = JSON.parse(bucket.files[finish.map.ResultWriterDetails.Key] ?? '{}');
    const succeeded = JSON.parse(bucket.files[manifest.ResultFiles.SUCCEEDED[0].Key] ?? '[]');
    expect(succeeded.map((r: { Output: string }) => JSON.parse(r.Output).n)).toEqual([1_000, 1_000, 345]);
    expect(manifest.ResultFiles.FAILED).toEqual([]);
  });

  it('retries a failing batch with its RetryCount and reports one that fails every attempt', async () => {
    // Prepare
    const attempts: number[] = [];
    const rows = Array.from({ length: 1_500 }, (_, i) => `${i},${i + 2},v${i},`).join('\n');
    const { runner, bucket, calls } = runnerFor(`row,line,value,bad\n${rows}\n`, async (input) => {
      const batch = input as { Items: { row: string }[]; attempt: number };
      if (batch.Items[0]?.row === '0') {
        attempts.push(batch.attempt);
        if (batch.attempt < 2) throw new Error('flaky');
        return { ok: true };
      }
      throw new TypeError('always');
    });

    // Act
    await runner.execute({ key: 'uploads/t/x' }, { id: 'local:test:3' });

    // Assess
    expect(attempts).toEqual([0, 1, 2]);
    const finish = calls.finish[0] as { map: { ResultWriterDetails: { Key: string } } };
    const manifest = JSON.parse(bucket.files[finish.map.ResultWriterDetails.Key] ?? '{}');
    const failed = JSON.parse(bucket.files[manifest.ResultFiles.FAILED[0].Key] ?? '[]');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ Status: 'FAILED', Error: 'TypeError' });
    expect(JSON.parse(failed[0].Input).Items[0].row).toBe('1000');
  });

  it('routes a failed prepare step to the failure task and ends in the Fail state', async () => {
    // Prepare
    const failures: unknown[] = [];
    const runner = new AslRunner(storedDefinition(), {
      storage: memoryBucket({}),
      retryDelayScale: 0,
      handlers: {
        [fn('jobs-prepare')]: async () => {
          const error = new Error('no TIN column');
          error.name = 'UploadError';
          throw error;
        },
        [fn('jobs-batch')]: async () => ({}),
        [fn('jobs-finish')]: async (input) => {
          failures.push(input);
          return {};
        },
      },
    });

    // Act
    const run = runner.execute({ key: 'uploads/t/x' }, { id: 'local:test:4' });

    // Assess
    await expect(run).rejects.toBeInstanceOf(StatesError);
    expect(failures).toEqual([
      {
        failed: {
          key: 'uploads/t/x',
          error: {
            Error: 'UploadError',
            Cause: JSON.stringify({ errorType: 'UploadError', errorMessage: 'no TIN column' }),
          },
        },
      },
    ]);
  });

  it('refuses a definition with a field it does not execute, instead of running it differently', () => {
    // Prepare
    const definition = storedDefinition();
    definition.States.Prepare.InputPath = '$.x';

    // Act
    const create = () => new AslRunner(definition, { storage: memoryBucket({}), handlers: {} });

    // Assess
    expect(create).toThrow(/InputPath not supported/);
  });
});
