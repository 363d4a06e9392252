import { App } from 'aws-cdk-lib';
import { addSecurityChecks } from './nag.js';
import { SalykStack } from './salyk-stack.js';

/**
 * The CDK app (`cdk.json` runs it with tsx). The stack is environment-agnostic — no account or region —
 * so `npm run synth` works offline without credentials; `cdk deploy` takes both from the caller's profile.
 * cdk-nag's AwsSolutions checks run on every synth and fail it on any unacknowledged finding.
 * Settings: `-c waf=true`, `-c alarmEmail=ops@example.com`, `-c auditRetentionDays=…`, `-c apiGatewayCloudWatchRole=false`.
 */
const app = new App();
new SalykStack(app, 'Salyk', {
  description: 'Salyk: KZ/KG identifier validation, ESF pre-checks and VAT rules (serverless API)',
});
addSecurityChecks(app);
app.synth();
