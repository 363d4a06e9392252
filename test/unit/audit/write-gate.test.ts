import { describe, expect, it } from 'vitest';
import { WriteGate } from '../../../functions/lib/write-gate.js';
import { AuditUnavailableError } from '../../../shared/audit/store.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WriteGate', () => {
  it('never runs more calls at once than its limit', async () => {
    // Prepare
    const gate = new WriteGate(3);
    let running = 0;
    let peak = 0;
    const call = async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(5);
      running--;
    };

    // Act
    await Promise.all(Array.from({ length: 20 }, (_, i) => gate.run(i, Date.now() + 5_000, call)));

    // Assess
    expect(peak).toBe(3);
  });

  it('serves the oldest request first, whatever order its calls queued in', async () => {
    // Prepare
    const gate = new WriteGate(1);
    const order: number[] = [];
    const blocker = gate.run(0, Date.now() + 5_000, () => sleep(20));

    // Act
    const later = gate.run(7, Date.now() + 5_000, async () => order.push(7));
    const older = gate.run(3, Date.now() + 5_000, async () => order.push(3));
    await Promise.all([blocker, later, older]);

    // Assess
    expect(order).toEqual([3, 7]);
  });

  it('rejects a queued call when no slot frees up before its deadline, and forgets it', async () => {
    // Prepare
    const gate = new WriteGate(1);
    const blocker = gate.run(0, Date.now() + 5_000, () => sleep(100));

    // Act
    const started = Date.now();
    const waited = gate.run(1, Date.now() + 20, async () => 'ran');

    // Assess
    await expect(waited).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(Date.now() - started).toBeLessThan(90);
    await blocker;
    await expect(gate.run(2, Date.now() + 1_000, async () => 'ran')).resolves.toBe('ran');
  });

  it('refuses at admission work that the queue ahead would push past the deadline', () => {
    // Prepare
    const gate = new WriteGate(2, 100); // 100 ms per call, 2 at once

    // Act / Assess: 40 calls ≈ 2 s of writes
    expect(() => gate.admit(40, Date.now() + 1_000)).toThrow(AuditUnavailableError);
    expect(() => gate.admit(4, Date.now() + 1_000)).not.toThrow();
  });
});
