import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, salyk } from '../fixtures/salyk-cli.js';

const fixture = (name: string) => new URL(`../fixtures/esf-xml/${name}`, import.meta.url).pathname;
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'salyk-esf-xml-'));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('salyk esf <invoice.xml>', () => {
  it('pre-checks an InvoiceV2 document and reports an IIN in the BIN field', async () => {
    // Act
    const run = await salyk(['esf', fixture('iin-in-bin-field.xml')]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('NOT submittable');
    expect(run.stdout).toContain('IIN_IN_BIN_FIELD');
  });

  it('recognizes XML by its content whatever the extension, and refuses a missing seller TIN with its XML path', async () => {
    // Prepare
    const xml = (await readFile(fixture('domestic-16-2026.xml'), 'utf8')).replace(
      /(<seller>[\s\S]*?)<tin>\d+<\/tin>/,
      '$1',
    );
    const file = join(dir, 'invoice.txt');
    await writeFile(file, xml);

    // Act
    const run = await salyk(['esf', file]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'MISSING_SELLER_TIN [/esf:invoiceContainer/invoiceSet/v2:invoice[1]/sellers/seller[1]/tin]',
    );
  });
});
