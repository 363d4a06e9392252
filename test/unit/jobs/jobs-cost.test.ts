import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, estimate, PRICES } from '../../../shared/jobs/cost.js';
import { JOB_ENGINE } from '../../../shared/jobs/params.js';

describe('Jobs: scale model', () => {
  it('is bound by the tenant’s audit partition at the deployed settings: 1 000 rows/s, one batch at a time', () => {
    // Act
    const million = estimate(1_000_000);

    // Assess
    expect(million.boundBy).toBe('partition');
    expect(million.rowsPerSecond).toBe(1_000);
    expect(million.usefulConcurrency).toBe(1);
    expect(million.batches).toBe(1_000_000 / JOB_ENGINE.batchSize);
    expect(million.breaks).toEqual([]);
  });

  it('prices DynamoDB as two write units per row, most of the cost per million rows', () => {
    // Act
    const { cost, usage } = estimate(1_000_000);

    // Assess
    expect(usage.wru).toBeGreaterThanOrEqual(2_000_000);
    expect(cost.dynamodb).toBeCloseTo(usage.wru * PRICES.dynamoWru, 6);
    expect(cost.dynamodb / cost.total).toBeGreaterThan(0.9);
    expect(cost.perMillionRows).toBeCloseTo(estimate(100_000_000).cost.perMillionRows, 2);
  });

  it('moves the bind to the table quota once tenants are sharded, and names the limits 1 B rows run into', () => {
    // Act
    const sharded = estimate(1_000_000, { ...JOB_ENGINE, maxConcurrency: 16 }, { ...ASSUMPTIONS, shardsPerTenant: 40 });
    const billion = estimate(1_000_000_000);

    // Assess
    expect(sharded.boundBy).toBe('table');
    expect(sharded.seconds.map).toBeCloseTo(50, 0);
    expect(billion.breaks.join('\n')).toMatch(/5 GB[\s\S]*item source[\s\S]*15 minutes[\s\S]*24 h/);
  });
});
