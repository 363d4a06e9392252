import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AuditUnavailableError } from '../../shared/audit/store.js';
import type { FunctionConfig } from './config.js';
import { traced } from './observability.js';

const dynamoClients = new Map<string, DynamoDBClient>();

/**
 * One DynamoDB client per endpoint, created once per container (clients hold connection pools).
 * Short timeouts so an unreachable or stalled database becomes a prompt 503, not a hung request:
 * `throwOnRequestTimeout` makes the request timeout reject (by default the SDK only logs a warning
 * and keeps waiting), and one retry at most. The audit store also aborts every call at the request's
 * budget; these limits bound calls made without one (Powertools idempotency, table creation).
 */
export function dynamoClient(config: FunctionConfig, purpose: 'audit' | 'idempotency' = 'audit'): DynamoDBClient {
  const key = `${config.dynamodbEndpoint ?? 'aws'}|${config.region}|${purpose}`;
  let client = dynamoClients.get(key);
  if (!client) {
    const local = config.dynamodbEndpoint !== undefined && !process.env.AWS_ACCESS_KEY_ID;
    client = traced(
      new DynamoDBClient({
        region: config.region,
        endpoint: config.dynamodbEndpoint,
        // Powertools' idempotency calls cannot take an abort signal: one short attempt each keeps them
        // inside the budget (see IDEMPOTENCY_RESERVE_MS).
        maxAttempts: purpose === 'idempotency' ? 1 : 2,
        requestHandler: {
          connectionTimeout: 1_000,
          requestTimeout: purpose === 'idempotency' ? 3_000 : 10_000,
          throwOnRequestTimeout: true,
        },
        // DynamoDB Local accepts any credentials; skip the provider chain (and its slow metadata probes).
        ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      }),
    );
    dynamoClients.set(key, client);
  }
  return client;
}

let cachedSecret: { source: string; value: Promise<string> } | undefined;

/**
 * The HMAC key for identifiers: `HMAC_SECRET` (local stack, tests) or the Secrets Manager secret named
 * by `HMAC_SECRET_ARN` (deployed), fetched once per container.
 */
export function hmacSecret(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.HMAC_SECRET) return Promise.resolve(env.HMAC_SECRET);
  const arn = env.HMAC_SECRET_ARN;
  if (!arn)
    return Promise.reject(new AuditUnavailableError('no HMAC secret is configured (HMAC_SECRET or HMAC_SECRET_ARN)'));
  if (cachedSecret?.source !== arn) {
    const value = traced(new SecretsManagerClient({}))
      .send(new GetSecretValueCommand({ SecretId: arn }))
      .then((out) => {
        if (!out.SecretString) throw new AuditUnavailableError('the HMAC secret is empty');
        return out.SecretString;
      })
      .catch((error: unknown) => {
        cachedSecret = undefined; // try again on the next request
        throw error instanceof AuditUnavailableError
          ? error
          : new AuditUnavailableError('the HMAC secret could not be read');
      });
    cachedSecret = { source: arn, value };
  }
  return cachedSecret.value;
}
