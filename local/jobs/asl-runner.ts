import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Papa from 'papaparse';
import { applyResultPath, applyTemplate, type ContextObject } from './asl-paths.js';
import type { AslDefinition } from './definition.js';

/**
 * A small Amazon States Language runner for the job state machine's definition as CDK synthesises it.
 * No registry package runs a Distributed Map locally (aws-local-stepfunctions 3.0 runs inline Maps over
 * `ItemsPath` only, and needs Node 22), so this executes exactly the states and fields that definition
 * uses — Task (Lambda by ARN, Parameters, ResultPath, Retry, Catch), Map in DISTRIBUTED mode (S3 CSV
 * ItemReader, ItemBatcher, MaxConcurrency, ToleratedFailurePercentage, ResultWriter), Fail, Succeed — and
 * refuses any other field rather than run it differently from AWS.
 */

/** A Lambda function as the runner invokes it: JSON in, JSON out. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

/** The S3 calls the ItemReader and ResultWriter make. */
export interface RunnerStorage {
  getText(bucket: string, key: string): Promise<string>;
  putText(bucket: string, key: string, body: string): Promise<void>;
}

export interface RunnerOptions {
  /** Function ARN → handler. */
  handlers: Record<string, TaskHandler>;
  storage: RunnerStorage;
  /** Child workflows at once, at most (the definition's MaxConcurrency is capped by it: one machine). */
  localConcurrency?: number;
  /** Multiplies retry pauses (tests shorten them); 1 = as defined. */
  retryDelayScale?: number;
}

/** An ASL error: `Error` names it (what Retry and Catch match), `Cause` says more. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly cause_: string,
  ) {
    super(`${error}: ${cause_}`);
    this.name = error;
  }
}

/** Step Functions' input and output limit per state: 256 KiB. */
const MAX_PAYLOAD_BYTES = 256 * 1024;
const SUPPORTED = {
  Task: ['Type', 'Resource', 'Parameters', 'ResultPath', 'Retry', 'Catch', 'Next', 'End', 'Comment'],
  Map: [
    'Type',
    'ItemReader',
    'ItemBatcher',
    'ItemProcessor',
    'MaxConcurrency',
    'ToleratedFailurePercentage',
    'ResultWriter',
    'ResultPath',
    'Catch',
    'Next',
    'End',
    'Comment',
  ],
  Fail: ['Type', 'Error', 'Cause', 'Comment'],
  Succeed: ['Type', 'Comment'],
} as Record<string, string[]>;

// biome-ignore lint/suspicious/noExplicitAny: ASL states are open-ended JSON, checked against SUPPORTED.
type State = Record<string, any>;

export class AslRunner {
  constructor(
    private readonly definition: AslDefinition,
    private readonly options: RunnerOptions,
  ) {
    checkSupported(definition);
  }

  /** Runs one execution to its end; rejects with a {@link StatesError} when it fails or is aborted. */
  execute(input: unknown, execution: { id: string; signal?: AbortSignal }): Promise<unknown> {
    return this.runStates(this.definition, roundTrip(input), execution);
  }

  private async runStates(
    machine: { StartAt: string; States: Record<string, State> },
    input: unknown,
    execution: { id: string; signal?: AbortSignal },
  ): Promise<unknown> {
    let name: string | undefined = machine.StartAt;
    let data = input;
    const startTime = new Date().toISOString();
    while (name !== undefined) {
      if (execution.signal?.aborted) throw new StatesError('States.Aborted', 'the execution was stopped');
      const state: State | undefined = machine.States[name];
      if (!state) throw new StatesError('States.Runtime', `no state ${name}`);
      const context = (retryCount: number): ContextObject => ({
        Execution: { Id: execution.id, Name: execution.id.split(':').pop() ?? execution.id, StartTime: startTime },
        State: { Name: name ?? '', RetryCount: retryCount, EnteredTime: new Date().toISOString() },
      });
      if (state.Type === 'Fail') throw new StatesError(state.Error ?? 'States.Fail', state.Cause ?? '');
      if (state.Type === 'Succeed') return data;
      try {
        const result =
          state.Type === 'Task'
            ? await this.task(state, data, context)
            : await this.map(state, data, context(0), execution);
        data = roundTrip(applyResultPath(data, result, state.ResultPath));
        name = state.End ? undefined : state.Next;
      } catch (error) {
        const caught = catcherFor(state, asStatesError(error));
        if (!caught || execution.signal?.aborted) throw asStatesError(error);
        data = roundTrip(applyResultPath(data, caught.errorOutput, caught.catcher.ResultPath));
        name = caught.catcher.Next;
      }
    }
    return data;
  }

  /** A Task: its Parameters applied, the function invoked, retried as its Retry fields say. */
  private async task(state: State, input: unknown, context: (retryCount: number) => ContextObject): Promise<unknown> {
    const handler = this.options.handlers[state.Resource];
    if (!handler) throw new StatesError('States.Runtime', `no local handler for ${state.Resource}`);
    const attempts = new Map<object, number>();
    for (let retryCount = 0; ; retryCount++) {
      const parameters = state.Parameters ? applyTemplate(state.Parameters, input, context(retryCount)) : input;
      try {
        return roundTrip(await handler(roundTrip(parameters)));
      } catch (thrown) {
        const error = lambdaError(thrown);
        const retrier = (state.Retry ?? []).find((r: State) => matches(r.ErrorEquals, error.error));
        const used = retrier ? (attempts.get(retrier) ?? 0) : 0;
        if (!retrier || used >= (retrier.MaxAttempts ?? 3)) throw error;
        attempts.set(retrier, used + 1);
        const pause = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** used * 1000;
        await sleep(pause * (this.options.retryDelayScale ?? 1));
      }
    }
  }

  /** A DISTRIBUTED Map: items read from an S3 CSV, batched, each batch a child execution, results written to S3. */
  private async map(
    state: State,
    input: unknown,
    context: ContextObject,
    execution: { id: string; signal?: AbortSignal },
  ): Promise<unknown> {
    const items = await this.readItems(state.ItemReader, input, context);
    const batches = batchItems(items, state.ItemBatcher, input, context);
    const mapRunId = randomUUID();
    const concurrency = Math.max(1, Math.min(state.MaxConcurrency || Infinity, this.options.localConcurrency ?? 4));
    const processor = state.ItemProcessor as { StartAt: string; States: Record<string, State> };
    const results = await runPool(batches, concurrency, execution.signal, async (childInput, index) => {
      const childId = `${execution.id}/${mapRunId}:${index}`;
      const started = new Date().toISOString();
      try {
        const output = await this.runStates(processor, childInput, { id: childId, signal: execution.signal });
        return childResult(childId, childInput, started, { Status: 'SUCCEEDED', Output: JSON.stringify(output) });
      } catch (thrown) {
        const error = asStatesError(thrown);
        if (error.error === 'States.Aborted') throw error;
        return childResult(childId, childInput, started, { Status: 'FAILED', Error: error.error, Cause: error.cause_ });
      }
    });
    const failed = results.filter((r) => r.Status === 'FAILED');
    const tolerated = state.ToleratedFailurePercentage ?? 0;
    if (results.length && (failed.length / results.length) * 100 > tolerated)
      throw new StatesError('States.ExceedToleratedFailureThreshold', `${failed.length} of ${results.length} failed`);
    if (!state.ResultWriter) return results.map((r) => (r.Output ? JSON.parse(r.Output) : null));
    return this.writeResults(state.ResultWriter, input, context, mapRunId, results);
  }

  private async readItems(reader: State, input: unknown, context: ContextObject): Promise<Record<string, string>[]> {
    const { Bucket, Key } = applyTemplate(reader.Parameters, input, context) as { Bucket: string; Key: string };
    const config = reader.ReaderConfig ?? {};
    if (
      reader.Resource !== 'arn:aws:states:::s3:getObject' ||
      config.InputType !== 'CSV' ||
      config.CSVHeaderLocation !== 'FIRST_ROW'
    )
      throw new StatesError('States.Runtime', 'the local runner reads S3 CSV items with a header row only');
    const text = await this.options.storage.getText(Bucket, Key);
    // Every field a string, as Step Functions' CSV reader hands them on: identifiers keep their leading zeros.
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true, dynamicTyping: false });
    const [header = [], ...rows] = parsed.data;
    return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
  }

  /** The result writer's files, laid out as Step Functions writes them: `<prefix>/<map run id>/manifest.json` and result files. */
  private async writeResults(
    writer: State,
    input: unknown,
    context: ContextObject,
    mapRunId: string,
    results: ChildResult[],
  ) {
    const { Bucket, Prefix } = applyTemplate(writer.Parameters, input, context) as { Bucket: string; Prefix: string };
    const base = `${Prefix}/${mapRunId}`;
    const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]> = {
      SUCCEEDED: [],
      FAILED: [],
      PENDING: [],
    };
    for (const status of ['SUCCEEDED', 'FAILED'] as const) {
      const chosen = results.filter((r) => r.Status === status);
      if (!chosen.length) continue;
      const key = `${base}/${status}_0.json`;
      const body = JSON.stringify(chosen);
      await this.options.storage.putText(Bucket, key, body);
      files[status].push({ Key: key, Size: Buffer.byteLength(body) });
    }
    const manifestKey = `${base}/manifest.json`;
    const mapRunArn = `arn:aws:states:local:000000000000:mapRun:jobs/${mapRunId}`;
    await this.options.storage.putText(
      Bucket,
      manifestKey,
      JSON.stringify({ DestinationBucket: Bucket, MapRunArn: mapRunArn, ResultFiles: files }),
    );
    return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket, Key: manifestKey } };
  }
}

interface ChildResult {
  ExecutionArn: string;
  Input: string;
  Name: string;
  StartDate: string;
  StopDate: string;
  Status: 'SUCCEEDED' | 'FAILED';
  Output?: string;
  Error?: string;
  Cause?: string;
}

function childResult(
  id: string,
  input: unknown,
  started: string,
  outcome: Pick<ChildResult, 'Status' | 'Output' | 'Error' | 'Cause'>,
): ChildResult {
  return {
    ExecutionArn: id,
    Input: JSON.stringify(input),
    Name: id.split(':').pop() ?? id,
    StartDate: started,
    StopDate: new Date().toISOString(),
    ...outcome,
  };
}

/** The ItemBatcher: `{ BatchInput, Items }` per batch of at most MaxItemsPerBatch items. */
function batchItems(items: unknown[], batcher: State | undefined, input: unknown, context: ContextObject): unknown[] {
  if (!batcher) return items;
  const size = batcher.MaxItemsPerBatch ?? items.length;
  const batchInput = batcher.BatchInput ? applyTemplate(batcher.BatchInput, input, context) : undefined;
  const batches: unknown[] = [];
  for (let i = 0; i < items.length; i += size) {
    const batch = { ...(batchInput === undefined ? {} : { BatchInput: batchInput }), Items: items.slice(i, i + size) };
    if (Buffer.byteLength(JSON.stringify(batch)) > MAX_PAYLOAD_BYTES)
      throw new StatesError('States.DataLimitExceeded', `batch ${i / size} is over 256 KiB`);
    batches.push(batch);
  }
  return batches;
}

/** Runs `work` over `inputs`, `concurrency` at a time, results in input order; stops taking new work when aborted. */
async function runPool<I, O>(
  inputs: I[],
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (input: I, index: number) => Promise<O>,
): Promise<O[]> {
  const results: O[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      if (signal?.aborted) throw new StatesError('States.Aborted', 'the execution was stopped');
      const index = next++;
      results[index] = await work(inputs[index] as I, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
  return results;
}

function checkSupported(machine: { States: Record<string, State> }): void {
  for (const [name, state] of Object.entries(machine.States)) {
    const allowed = SUPPORTED[state.Type];
    if (!allowed) throw new Error(`state ${name}: type ${state.Type} is not supported by the local runner`);
    const extra = Object.keys(state).filter((k) => !allowed.includes(k));
    if (extra.length) throw new Error(`state ${name}: ${extra.join(', ')} not supported by the local runner`);
    if (state.Type === 'Map') {
      if (state.ItemProcessor?.ProcessorConfig?.Mode !== 'DISTRIBUTED')
        throw new Error(`state ${name}: only DISTRIBUTED maps`);
      checkSupported(state.ItemProcessor);
    }
  }
}

const matches = (errorEquals: string[], error: string) =>
  errorEquals.includes(error) || (errorEquals.includes('States.ALL') && error !== 'States.Aborted');

function catcherFor(state: State, error: StatesError): { catcher: State; errorOutput: unknown } | undefined {
  const catcher = (state.Catch ?? []).find((c: State) => matches(c.ErrorEquals, error.error));
  return catcher ? { catcher, errorOutput: { Error: error.error, Cause: error.cause_ } } : undefined;
}

/** A function's error as Step Functions reports a Lambda error: its type names it, the cause is the JSON Lambda returns. */
function lambdaError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  const e = thrown as Error;
  return new StatesError(e.name || 'Error', JSON.stringify({ errorType: e.name, errorMessage: e.message }));
}

function asStatesError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if ((thrown as Error).name === 'States.Runtime') return new StatesError('States.Runtime', (thrown as Error).message);
  return lambdaError(thrown);
}

/** States pass JSON between them: a value that does not survive JSON is a bug here, as it would be in AWS. */
function roundTrip<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
