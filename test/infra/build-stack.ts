import { readFileSync } from 'node:fs';
import { App, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addSecurityChecks } from '../../infra/nag.js';
import { SalykStack, type SalykStackProps } from '../../infra/salyk-stack.js';

/** The feature flags in cdk.json, so the tested template is the one `cdk synth` produces. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }
).context;

/** One CloudFormation resource as the template JSON has it. */
export interface TemplateResource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON that tests walk deep (Environment.Variables, Metrics[0]…); Template.toJSON() types them as any too.
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/**
 * A stack with bundling skipped (no esbuild run, stable asset hashes) and cdk.json's flags.
 *
 * @param context - Extra CDK context, as `-c key=value` would give it.
 * @param props - Stack props.
 * @param options - `securityChecks`: run cdk-nag's AwsSolutions pack as `infra/app.ts` does.
 */
export function buildStack(
  context: Record<string, unknown> = {},
  props: SalykStackProps = {},
  options: { securityChecks?: boolean } = {},
): { stack: SalykStack; template: Template; resources: Record<string, TemplateResource> } {
  const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new SalykStack(app, 'Salyk', props);
  if (options.securityChecks) addSecurityChecks(app);
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources };
}

/** The logical id of a construct's CloudFormation resource (resolved, so overridden ids count). */
export const logicalId = (stack: SalykStack, construct: { node: { defaultChild?: unknown } }): string =>
  stack.resolve((construct.node.defaultChild as CfnResource).logicalId);

/** The resources of one type, with their logical ids. */
export function resourcesOfType(
  resources: Record<string, TemplateResource>,
  type: string,
): [string, TemplateResource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}
