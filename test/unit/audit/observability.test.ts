import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { handler as esfPrecheck } from '../../../functions/esf-precheck.js';
import { handler as validate } from '../../../functions/identifiers-validate.js';
import { handler as validateBatch } from '../../../functions/identifiers-validate-batch.js';
import { METRICS, METRICS_NAMESPACE, SERVICE_DIMENSION, SERVICE_NAME } from '../../../functions/lib/metric-names.js';
import { apiEvent, invoke } from '../../helpers/api-gateway-event.js';
import { useFakeAuditTrail } from '../../helpers/fake-audit-trail.js';

// Tests run with POWERTOOLS_DEV (metrics off) and POWERTOOLS_LOG_LEVEL=SILENT: turn both on, at the most
// verbose level, before the handlers (and with them the logger and metrics) are imported.
const saved = vi.hoisted(() => {
  const env = { level: process.env.POWERTOOLS_LOG_LEVEL, metrics: process.env.POWERTOOLS_METRICS_DISABLED };
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  return env;
});

/**
 * What the functions write to their logs while answering: every log line and every metric (embedded
 * metric format on stdout) of a validate, a batch and an ESF pre-check — including a 503 — is captured.
 * Identifiers are personal data: neither the raw value nor its digits may appear anywhere in it.
 */
const IIN = '850315300574';
const BIN = '940140000385';
const BUYER_IIN = '900101300017';
const BATCH = ['870412450128', '020229600117', '710101999999', '11503198500456'];

/** Every console call of the test, one string per call (Powertools writes through `console` in dev mode). */
function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  return lines;
}

/** The EMF documents among the captured lines. */
function emfDocuments(lines: readonly string[]): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      const doc = JSON.parse(line) as Record<string, unknown>;
      return '_aws' in doc ? [doc] : [];
    } catch {
      return [];
    }
  });
}

/** The identifier's digits in order, whatever separators a formatter might put between them. */
const digitsOf = (value: string) => new RegExp(value.replace(/\D/g, '').split('').join('\\D{0,3}'));

const esfBody = {
  country: 'KZ',
  supplier: { tin: BIN, type: 'legal_entity' },
  buyer: { tin: BUYER_IIN, type: 'individual' },
  deliveryDate: '2026-11-02',
  lines: [{ net: 100, vatRate: 16 }],
};

describe('Observability: logs and metrics of a request', () => {
  const audit = useFakeAuditTrail('observability-test-secret');

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(() => {
    process.env.POWERTOOLS_LOG_LEVEL = saved.level;
    if (saved.metrics === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = saved.metrics;
  });

  it('logs and measures validate, batch and ESF requests without any raw identifier or its digits', async () => {
    // Prepare
    const lines = captureConsole();

    // Act
    const answers = [
      await invoke(validate, apiEvent({ path: '/v1/identifiers/validate', body: { value: ` ${IIN} ` } })),
      await invoke(
        validateBatch,
        apiEvent({ path: '/v1/identifiers/validate-batch', body: { items: BATCH.map((value) => ({ value })) } }),
      ),
      await invoke(esfPrecheck, apiEvent({ path: '/v1/esf/precheck', body: esfBody })),
    ];
    audit.store.failWith();
    answers.push(await invoke(validate, apiEvent({ path: '/v1/identifiers/validate', body: { value: IIN } })));

    // Assess: the requests ran and wrote logs and metrics, none of it naming an identifier
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 503]);
    const output = lines.join('\n');
    expect(output).toContain('request answered');
    expect(output).toContain('audit store unavailable');
    for (const value of [IIN, BIN, BUYER_IIN, ...BATCH]) expect(output).not.toMatch(digitsOf(value));
  });

  it('publishes the metrics the alarms read: namespace, service, names and dimensions from metric-names.ts', async () => {
    // Prepare
    const lines = captureConsole();

    // Act
    await invoke(
      validateBatch,
      apiEvent({ path: '/v1/identifiers/validate-batch', body: { items: BATCH.map((value) => ({ value })) } }),
    );
    audit.store.failWith();
    await invoke(validate, apiEvent({ path: '/v1/identifiers/validate', body: { value: IIN } }));

    // Assess
    const docs = emfDocuments(lines);
    const metricsOf = (doc: Record<string, unknown>) =>
      (doc._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] })
        .CloudWatchMetrics[0];
    for (const doc of docs) {
      expect(metricsOf(doc)?.Namespace).toBe(METRICS_NAMESPACE);
      expect(doc[SERVICE_DIMENSION]).toBe(SERVICE_NAME);
    }
    const withMetric = (name: string) => docs.filter((d) => metricsOf(d)?.Metrics.some((m) => m.Name === name));
    expect(withMetric(METRICS.checks.name).map((d) => d[METRICS.checks.name])).toEqual([BATCH.length]);
    expect(withMetric(METRICS.auditWriteLatency.name)).toHaveLength(2); // measured for the write that failed too
    expect(withMetric(METRICS.serviceUnavailable.name).map((d) => d[METRICS.serviceUnavailable.name])).toEqual([1]);
    const findings = withMetric(METRICS.findings.name);
    expect(findings.length).toBeGreaterThan(0);
    for (const doc of findings) {
      expect(metricsOf(doc)?.Dimensions[0]).toEqual([SERVICE_DIMENSION, ...METRICS.findings.dimensions]);
      expect(doc.code).toEqual(expect.stringMatching(/^[A-Z][A-Z0-9_]+$/));
    }
  });
});
