import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { WAF_COUNT_ONLY_RULES, WAF_RATE_LIMIT_PER_5_MINUTES } from '../../infra/api-firewall.js';
import { buildStack, resourcesOfType } from './build-stack.js';

const AWS_SOLUTIONS = Match.stringLikeRegexp('AwsSolutions-.*');

describe('Stack: Salyk — cdk-nag AwsSolutions', () => {
  it.each([
    ['without WAF', {}],
    ['with -c waf=true', { waf: 'true' }],
  ])('has no unacknowledged error or warning %s', (_, context) => {
    // Act
    const { stack } = buildStack(context, {}, { securityChecks: true });
    const annotations = Annotations.fromStack(stack);

    // Assess
    expect(annotations.findError('*', AWS_SOLUTIONS)).toEqual([]);
    expect(annotations.findWarning('*', AWS_SOLUTIONS)).toEqual([]);
  });

  it('writes a reason with every acknowledgement', () => {
    // Prepare
    const { resources } = buildStack({}, {}, { securityChecks: true });

    // Act
    const acknowledgements = Object.values(resources).flatMap(
      (r) =>
        (r as { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }).Metadata?.cdk_nag
          ?.rules_to_suppress ?? [],
    );

    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements) expect(reason.length, id).toBeGreaterThan(40);
  });
});

describe('Stack: Salyk — WAF', () => {
  it('has no web ACL by default', () => {
    // Act
    const { template } = buildStack();

    // Assess
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });

  it('with -c waf=true, puts the AWS common rules and a per-IP rate limit in front of the stage', () => {
    // Act
    const { stack, template, resources } = buildStack({ waf: 'true' });
    const stageId = resourcesOfType(resources, 'AWS::ApiGateway::Stage')[0]?.[0];

    // Assess
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: {
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
              RuleActionOverrides: WAF_COUNT_ONLY_RULES.map((name) => ({ Name: name, ActionToUse: { Count: {} } })),
            },
          },
        }),
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: WAF_RATE_LIMIT_PER_5_MINUTES, AggregateKeyType: 'IP' } },
        }),
      ],
    });
    expect(stageId).toBeDefined();
    expect(JSON.stringify(resourcesOfType(resources, 'AWS::WAFv2::WebACLAssociation')[0]?.[1].Properties)).toContain(
      stageId,
    );
    expect(stack.firewall).toBeDefined();
  });
});
