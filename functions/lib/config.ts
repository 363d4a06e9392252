import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../shared/audit/table.js';

/** Runtime settings, read from the environment on each call so tests and the local stack can set them. */
export interface FunctionConfig {
  tableName: string;
  retentionDays: number;
  /** Set for DynamoDB Local or another non-AWS endpoint. */
  dynamodbEndpoint?: string;
  region: string;
  /** How many BatchWriteItem calls one request runs at once. */
  writeConcurrency: number;
  /** How many DynamoDB write calls the whole process runs at once; more wait in the write gate. */
  maxConcurrentWrites: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  return {
    tableName: env.TABLE_NAME ?? 'salyk-audit',
    retentionDays: positiveInt(env.AUDIT_RETENTION_DAYS) ?? DEFAULT_AUDIT_RETENTION_DAYS,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    writeConcurrency: positiveInt(env.AUDIT_WRITE_CONCURRENCY) ?? 8,
    maxConcurrentWrites: positiveInt(env.AUDIT_MAX_CONCURRENT_WRITES) ?? 8,
  };
}

function positiveInt(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : undefined;
}
