import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { jobsDefinition, storedDefinition } from '../../local/jobs/definition.js';
import { localNames } from '../../local/jobs/write-definition.js';
import { JOB_ENGINE } from '../../shared/jobs/params.js';
import { buildStack, resourcesOfType } from './build-stack.js';

describe('Construct: JobsEngine', () => {
  const { stack, template, resources } = buildStack();
  const definition = jobsDefinition(resources, localNames(stack));

  it('should keep the job bucket private, encrypted, TLS-only and expiring', () => {
    // Prepare: the stack's buckets are the job bucket and the web page's (infra/web-hosting.ts)
    const buckets = resourcesOfType(resources, 'AWS::S3::Bucket');
    const jobBuckets = buckets.filter(([id]) => id.startsWith('jobsbucket'));
    const [[bucketId, bucket] = ['', undefined]] = jobBuckets;
    if (!bucket) throw new Error('no job bucket');

    // Assess
    expect(buckets).toHaveLength(2);
    expect(jobBuckets).toHaveLength(1);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    const prefixes = bucket.Properties.LifecycleConfiguration.Rules.map((r: { Prefix?: string }) => r.Prefix);
    expect(prefixes).toEqual(expect.arrayContaining(['uploads/', 'work/', 'map-results/', 'results/']));
    const policies = resourcesOfType(resources, 'AWS::S3::BucketPolicy').filter(
      ([, p]) => p.Properties.Bucket?.Ref === bucketId,
    );
    expect(policies).toHaveLength(1);
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
  });

  it('should read the items CSV from S3 in a DISTRIBUTED map with a batcher and a result writer', () => {
    // Act
    const map = definition.States.ValidateRows;
    // Assess
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    expect(map.ItemReader.Resource).toBe('arn:aws:states:::s3:getObject');
    expect(map.ItemReader.ReaderConfig).toEqual({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' });
    expect(map.ItemBatcher.MaxItemsPerBatch).toBe(JOB_ENGINE.batchSize);
    expect(map.MaxConcurrency).toBe(JOB_ENGINE.maxConcurrency);
    expect(map.ResultWriter.Resource).toBe('arn:aws:states:::s3:putObject');
    const retry = map.ItemProcessor.States.ValidateBatch.Retry[0];
    expect(retry.MaxAttempts).toBe(JOB_ENGINE.batchMaxAttempts - 1);
  });

  it('should synthesise a definition the ASL validator accepts', () => {
    // Act
    const { isValid, errorsText } = aslValidator(structuredClone(definition)); // it fills in defaults
    // Assess
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });

  it('should be the definition the local engine runs (local/jobs/definition.json)', () => {
    // Assess — on a difference, run: npx tsx local/jobs/write-definition.ts
    expect(storedDefinition()).toEqual(definition);
  });

  it('should start the state machine from an upload event, with no function in between', () => {
    // Assess
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] },
    });
  });
});
