import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * Requests one client IP may send in five minutes before WAF blocks it. Above what one API key may
 * send under its usage plan (25 req/s ≈ 7 500 per 5 minutes), so it stops floods — including floods
 * without a key, which API Gateway would otherwise still have to answer — and never a paying tenant.
 */
export const WAF_RATE_LIMIT_PER_5_MINUTES = 10_000;

/**
 * Rules of the AWS common rule set that are counted, not enforced. SizeRestrictions_BODY blocks bodies
 * over 8 KB, and a 10 000-identifier batch is ~150 KB: the functions enforce the body limits instead.
 */
export const WAF_COUNT_ONLY_RULES = ['SizeRestrictions_BODY'] as const;

export interface ApiFirewallProps {
  /** The API stage to protect. */
  stage: Stage;
}

/**
 * An optional AWS WAF web ACL in front of the API stage (`cdk deploy -c waf=true`): the AWS managed
 * common rule set (OWASP-style injection and bad-input patterns) and a per-IP rate limit.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  /**
   * @param scope - The stack.
   * @param id - Construct id.
   * @param props - The stage to associate.
   */
  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'web-acl', {
      scope: 'REGIONAL',
      description: 'Salyk API: AWS common rules and a per-IP rate limit',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('salyk-api'),
      rules: [
        {
          name: 'aws-common-rules',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: WAF_COUNT_ONLY_RULES.map((name) => ({ name, actionToUse: { count: {} } })),
            },
          },
          visibilityConfig: visibility('salyk-aws-common-rules'),
        },
        {
          name: 'per-ip-rate-limit',
          priority: 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: WAF_RATE_LIMIT_PER_5_MINUTES, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('salyk-per-ip-rate-limit'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'stage-association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

/** Metrics yes; sampled requests no: a sample keeps the request's headers, `x-api-key` among them. */
function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { metricName, cloudWatchMetricsEnabled: true, sampledRequestsEnabled: false };
}
