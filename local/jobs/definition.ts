import { readFileSync } from 'node:fs';

/** An Amazon States Language document, as far as the local runner reads it. */
// biome-ignore lint/suspicious/noExplicitAny: ASL states are open-ended JSON; the runner checks what it uses.
export type AslDefinition = { StartAt: string; States: Record<string, any>; [key: string]: unknown };

/** A function in the local definition: `arn:aws:lambda:local:000000000000:function:<name>`. */
export const LOCAL_FUNCTION_ARN_PREFIX = 'arn:aws:lambda:local:000000000000:function:';

/** The job bucket's name in the local S3-compatible server. */
export const LOCAL_JOBS_BUCKET = 'salyk-jobs';

type TemplateResources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/**
 * The job state machine's definition out of a synthesised template: its `DefinitionString` joined, with
 * each function's ARN (`Fn::GetAtt`) replaced by a local ARN naming it by `names` (logical id → name)
 * and the bucket (`Ref`) by its logical id, so the local runner can map functions to their handlers and
 * the bucket to the local one.
 */
export function jobsDefinition(resources: TemplateResources, names: Record<string, string> = {}): AslDefinition {
  const machines = Object.values(resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const body = machines[0]?.Properties.DefinitionString;
  // JSONPath is the default query language; CDK writes it out on some code paths and not others.
  return JSON.parse(joined(body, names), (key, value) =>
    key === 'QueryLanguage' && value === 'JSONPath' ? undefined : value,
  ) as AslDefinition;
}

function joined(value: unknown, names: Record<string, string>): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if (Array.isArray(node['Fn::Join'])) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => joined(part, names)).join(separator);
  }
  if (Array.isArray(node['Fn::GetAtt'])) {
    const id = String((node['Fn::GetAtt'] as string[])[0]);
    return `${LOCAL_FUNCTION_ARN_PREFIX}${names[id] ?? id}`;
  }
  if (node.Ref === 'AWS::Partition') return 'aws';
  if (typeof node.Ref === 'string') return node.Ref.startsWith('AWS::') ? 'local' : (names[node.Ref] ?? node.Ref);
  throw new Error(`unexpected token in the definition: ${JSON.stringify(value)}`);
}

/** The definition the local engine runs: the synthesised one, stored beside this file by `write-definition.ts`. */
export function storedDefinition(): AslDefinition {
  return JSON.parse(readFileSync(new URL('./definition.json', import.meta.url), 'utf8')) as AslDefinition;
}
