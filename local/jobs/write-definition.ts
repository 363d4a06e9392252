/**
 * Writes the job state machine's synthesised definition to local/jobs/definition.json, which the local
 * engine runs (synthesising the whole stack on every `npm start` would add seconds). A test fails when the
 * stored copy and the synthesised one differ: run `npx tsx local/jobs/write-definition.ts` then.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { App, type CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';
import { JobsEngine } from '../../infra/jobs.js';
import { SalykStack } from '../../infra/salyk-stack.js';
import { jobsDefinition, LOCAL_JOBS_BUCKET } from './definition.js';

/** The definition as the stack synthesises it, with the engine's functions and bucket named as the local engine knows them. */
function synthesisedDefinition(stack = new SalykStack(new App({ context: synthContext() }), 'Salyk')) {
  const resources = Template.fromStack(stack).toJSON().Resources;
  return jobsDefinition(resources, localNames(stack));
}

/** cdk.json's feature flags (they change what the constructs render), with bundling skipped. */
function synthContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };
}

/** Logical id → local name, for the engine's three functions and its bucket. */
export function localNames(stack: Stack): Record<string, string> {
  const engine = stack.node.findAll().find((c): c is JobsEngine => c instanceof JobsEngine);
  if (!engine) throw new Error('the stack has no JobsEngine');
  const id = (c: Construct) => stack.resolve((c.node.defaultChild as CfnResource).logicalId) as string;
  return {
    [id(engine.prepareFn)]: 'jobs-prepare',
    [id(engine.batchFn)]: 'jobs-batch',
    [id(engine.finishFn)]: 'jobs-finish',
    [id(engine.bucket)]: LOCAL_JOBS_BUCKET,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('./definition.json', import.meta.url), `${JSON.stringify(synthesisedDefinition(), null, 2)}\n`);
  console.log('local/jobs/definition.json written');
}
