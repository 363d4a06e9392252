import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../shared/audit/table.js';
import type { RouteName } from '../shared/routes.js';
import { ApiFirewall } from './api-firewall.js';
import type { ApiFunction } from './api-function.js';
import { AuditStorage } from './audit-storage.js';
import { booleanContext, emailContext, positiveIntContext } from './context.js';
import { JobsEngine } from './jobs.js';
import { acknowledgeNagFindings } from './nag.js';
import { Observability } from './observability.js';
import { RouteFunctions } from './route-functions.js';
import { SalykApi, type ThrottleLimits } from './salyk-api.js';
import { WebHosting } from './web-hosting.js';

export interface SalykStackProps extends StackProps {
  /**
   * Days an audit record is kept before DynamoDB's TTL may delete it.
   * @default CDK context `auditRetentionDays`, else DEFAULT_AUDIT_RETENTION_DAYS (5 years)
   */
  auditRetentionDays?: number;
  /**
   * Create the account-wide API Gateway → CloudWatch Logs role, without which a REST API stage cannot
   * have access logging. It is one setting per account and region: turn it off when another stack
   * already manages it.
   * @default CDK context `apiGatewayCloudWatchRole`, else true
   */
  apiGatewayCloudWatchRole?: boolean;
  /** @default { rateLimit: 100, burstLimit: 200 } — a ceiling for the whole API, all tenants together. */
  stageThrottle?: ThrottleLimits;
  /** @default { rateLimit: 25, burstLimit: 50 } — per API key. */
  keyThrottle?: ThrottleLimits;
  /** @default 100 000 requests a month per API key. */
  monthlyQuota?: number;
  /**
   * Put an AWS WAF web ACL (common rules + per-IP rate limit) in front of the stage; about $6 a month
   * plus $0.60 per million requests.
   * @default CDK context `waf`, else false
   */
  waf?: boolean;
  /**
   * Subscribe this address to the alarm topic.
   * @default CDK context `alarmEmail`, else no subscription (subscribe to the topic yourself)
   */
  alarmEmail?: string;
}

/**
 * Salyk's serverless API: the audit storage, one function per row of `shared/routes.ts`, the REST API
 * in front of them, alarms and a dashboard, and optionally a WAF. Each part is its own construct;
 * this class reads the settings and wires them together.
 */
export class SalykStack extends Stack {
  readonly api: RestApi;
  readonly table: TableV2;
  readonly hmacSecret: Secret;
  readonly functions: Readonly<Record<RouteName, ApiFunction>>;
  readonly observability: Observability;
  /** Present with `waf: true` / `-c waf=true`. */
  readonly firewall?: ApiFirewall;

  /**
   * @param scope - The CDK app.
   * @param id - Stack name (`Salyk`).
   * @param props - Optional overrides; see {@link SalykStackProps}.
   */
  constructor(scope: Construct, id: string, props: SalykStackProps = {}) {
    super(scope, id, props);
    const storage = new AuditStorage(this, 'audit');
    const functions = new RouteFunctions(this, 'functions', {
      storage,
      auditRetentionDays:
        props.auditRetentionDays ?? positiveIntContext(this, 'auditRetentionDays') ?? DEFAULT_AUDIT_RETENTION_DAYS,
    });
    const jobs = new JobsEngine(this, 'jobs', {
      storage,
      functions,
      auditRetentionDays:
        props.auditRetentionDays ?? positiveIntContext(this, 'auditRetentionDays') ?? DEFAULT_AUDIT_RETENTION_DAYS,
    });
    const api = new SalykApi(this, 'api', {
      functions,
      cloudWatchRole: props.apiGatewayCloudWatchRole ?? booleanContext(this, 'apiGatewayCloudWatchRole') ?? true,
      stageThrottle: props.stageThrottle ?? { rateLimit: 100, burstLimit: 200 },
      keyThrottle: props.keyThrottle ?? { rateLimit: 25, burstLimit: 50 },
      monthlyQuota: props.monthlyQuota ?? 100_000,
    });
    this.observability = new Observability(this, 'observability', {
      api: api.api,
      functions,
      table: storage.table,
      alarmEmail: props.alarmEmail ?? emailContext(this, 'alarmEmail'),
    });
    if (props.waf ?? booleanContext(this, 'waf') ?? false) {
      this.firewall = new ApiFirewall(this, 'firewall', { stage: api.api.deploymentStage });
    }
    new WebHosting(this, 'web', { api: api.api, uploadBucket: jobs.bucket });
    this.api = api.api;
    this.table = storage.table;
    this.hmacSecret = storage.hmacSecret;
    this.functions = functions.byRoute;
    acknowledgeNagFindings({
      api: this.api,
      functions: Object.values(this.functions),
      hmacSecret: this.hmacSecret,
      waf: this.firewall !== undefined,
    });

    // RestApi already outputs its endpoint URL (`apiEndpoint…`).
    new CfnOutput(this, 'DefaultApiKeyId', {
      value: api.apiKey.keyId,
      description: 'Read the value with: aws apigateway get-api-key --include-value --api-key <id>',
    });
    new CfnOutput(this, 'AuditTableName', { value: storage.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
  }
}
