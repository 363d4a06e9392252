import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/esf-precheck.js';
import { EsfPrecheckAnswer } from '../../shared/schemas/esf.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

const PATH = '/v1/esf/precheck';
const INVOICE = '/esf:invoiceContainer/invoiceSet/v2:invoice[1]';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/esf-xml/${name}`, import.meta.url), 'utf8');

const sendXml = (xml: string, type = 'application/xml', apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'POST', path: PATH, rawBody: xml, headers: { 'content-type': type }, apiKeyId }));

describe('Route: POST /v1/esf/precheck with the IS ESF XML document', () => {
  const audit = useFakeAuditTrail('xml-test-secret');

  it('pre-checks a clean InvoiceV2 as application/xml, with one audit record, like the JSON request', async () => {
    // Act
    const res = await sendXml(fixture('domestic-16-2026.xml'));

    // Assess
    expect(res.status).toBe(200);
    expect(EsfPrecheckAnswer.safeParse(res.json).success).toBe(true);
    expect(res.json.submittable).toBe(true);
    expect(res.json.documentProblems).toBeUndefined();
    expect(audit.store.records).toHaveLength(1);
  });

  it('takes text/xml with a charset, and reports an IIN in a legal entity seller as the JSON request would', async () => {
    // Act
    const res = await sendXml(fixture('iin-in-bin-field.xml'), 'text/xml; charset=utf-8');

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.submittable).toBe(false);
    expect(res.json.findings.map((f: { code: string }) => f.code)).toContain('IIN_IN_BIN_FIELD');
  });

  it('answers a missing seller TIN with 400 at its XML path, the message starting with the code, and writes nothing', async () => {
    // Prepare
    const xml = fixture('domestic-16-2026.xml').replace(/(<seller>[\s\S]*?)<tin>\d+<\/tin>/, '$1');

    // Act
    const res = await sendXml(xml);

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual([`${INVOICE}/sellers/seller[1]/tin`]);
    expect(res.json.errors[0].message).toMatch(/^MISSING_SELLER_TIN: /);
    expect(audit.store.records).toHaveLength(0);
  });

  it('answers a rate the ESF does not allow with 400 at the product path', async () => {
    // Prepare
    const xml = fixture('domestic-16-2026.xml').replace('<ndsRate>16</ndsRate>', '<ndsRate>20</ndsRate>');

    // Act
    const res = await sendXml(xml);

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)[0]).toMatch(
      /^\/esf:invoiceContainer\/invoiceSet\/v2:invoice\[1\]\/productSet\/products\/product\[1\]/,
    );
    expect(res.json.errors[0].message).toMatch(/^RATE_NOT_ALLOWED: /);
  });

  it('attaches document warnings to the 200 answer as documentProblems', async () => {
    // Prepare: a second seller (joint activity) is only a warning
    const xml = fixture('domestic-16-2026.xml').replace(
      '</seller>\n      </sellers>',
      '</seller>\n        <seller><name>ТОО "Партнер"</name><tin>990140004654</tin></seller>\n      </sellers>',
    );

    // Act
    const res = await sendXml(xml);

    // Assess
    expect(res.status).toBe(200);
    expect(EsfPrecheckAnswer.safeParse(res.json).success).toBe(true);
    expect(res.json.documentProblems).toEqual([
      expect.objectContaining({
        code: 'EXTRA_PARTY_NOT_CHECKED',
        severity: 'warning',
        path: `${INVOICE}/sellers/seller[2]`,
      }),
    ]);
  });

  it('refuses a DOCTYPE (entity expansion) with 400 and a document over 2 MiB with 413', async () => {
    // Prepare
    const padded = `${fixture('domestic-16-2026.xml')}<!--${'x'.repeat(2 * 1024 * 1024)}-->`;

    // Act
    const laughs = await sendXml(fixture('billion-laughs.xml'));
    const large = await sendXml(padded);

    // Assess
    expectProblem(laughs, 400);
    expect(laughs.json.errors[0].message).toMatch(/^XML_DOCTYPE_FORBIDDEN: /);
    expectProblem(large, 413);
    expect(large.json.errors[0].message).toMatch(/^XML_TOO_LARGE: /);
  });

  it('answers another content type with 415 naming the accepted ones, and no key with 401 before reading', async () => {
    // Act
    const plain = await sendXml('<a/>', 'text/plain');
    const noKey = await sendXml('not even xml', 'application/xml', null);

    // Assess
    expectProblem(plain, 415);
    expect(plain.json.detail).toContain('application/xml');
    expect(problemPaths(plain)).toEqual(['headers.content-type']);
    expectProblem(noKey, 401);
  });
});
