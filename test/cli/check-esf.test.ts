import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precheckEsf } from '../../shared/esf/precheck.js';
import { validateIdentifier } from '../../shared/identifiers/validate.js';
import { kgInvoice, kzInvoice, TIN } from '../fixtures/esf-invoices.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';

/** `salyk check <value>` and `salyk esf <invoice.json>`: the real binary, offline. */
let dir: string;
let fileNo = 0;

async function invoiceFile(content: unknown): Promise<string> {
  const path = join(dir, `invoice-${++fileNo}.json`);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'salyk-cli-esf-'));
});

afterAll(async () => {
  await disposeBuild();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.concurrent('CLI: salyk check <value>', () => {
  it('exits 0 for a valid BIN and prints what its digits say', async () => {
    // Act
    const run = await salyk(['check', TIN.kzBin]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'valid: KZ BIN',
        '  holder: legal_entity',
        '  registered: 1994-01',
        '  entityType: resident_legal_entity',
        '  division: head_office',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 for a wrong check digit and names the error', async () => {
    // Act
    const run = await salyk(['check', `${TIN.kzBin.slice(0, 11)}6`]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^INVALID: KZ BIN\n {2}error {3}INVALID_CHECKSUM: /);
  });

  it('exits 1 for a 13-digit KG value and prints the suggestion', async () => {
    // Act
    const run = await salyk(['check', TIN.kgInn2.slice(1)]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error   LEADING_ZERO_LOST');
    expect(run.stdout).toContain(`suggestion: ${TIN.kgInn2} (LEADING_ZERO_LOST)`);
  });

  it('exits 0 for a valid KG PIN and shows its warnings', async () => {
    // Act
    const run = await salyk(['check', '1-1503-1985-00456']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^valid: KG PIN\n {2}warning STRUCTURE_UNCONFIRMED: /);
  });

  it('--json prints the library result', async () => {
    // Act
    const run = await salyk(['check', TIN.kzBinLeadingZero.slice(1), '--json']);

    // Assess
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual(validateIdentifier(TIN.kzBinLeadingZero.slice(1)));
    expect(JSON.parse(run.stdout).suggestion).toEqual({ value: TIN.kzBinLeadingZero, reason: 'LEADING_ZERO_LOST' });
  });

  it('--kind and --country constrain the check', async () => {
    // Act
    const kind = await salyk(['check', TIN.kzBin, '--kind', 'IIN', '--json']);
    const country = await salyk(['check', TIN.kzBin, '--country', 'KG', '--json']);

    // Assess
    expect(kind.code).toBe(1);
    expect(JSON.parse(kind.stdout).errors.map((e: { code: string }) => e.code)).toEqual(['KIND_MISMATCH']);
    expect(country.code).toBe(1);
    expect(JSON.parse(country.stdout)).toMatchObject({ valid: false, country: 'KG' });
  });

  it('answers a usage error (unknown country) with exit 2', async () => {
    // Act
    const run = await salyk(['check', TIN.kzBin, '--country', 'RU']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'RU' is invalid");
  });
});

describe.concurrent('CLI: salyk esf <invoice.json>', () => {
  it('exits 0 for a clean invoice and prints the deadline', async () => {
    // Prepare
    const file = await invoiceFile(kzInvoice());

    // Act
    const run = await salyk(['esf', file]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('submittable — issue by 2026-03-25 (15 days left)\n');
  });

  it('exits 1 when a finding is an error, listing each finding with its confidence and citation', async () => {
    // Prepare
    const file = await invoiceFile(
      kzInvoice({ buyer: { tin: TIN.kzIin, type: 'legal_entity' }, lines: [{ net: 100, vatRate: 12 }] }),
    );

    // Act
    const run = await salyk(['esf', file]);

    // Assess
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NOT submittable — issue by 2026-03-25 (15 days left)');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}error {3}IIN_IN_BIN_FIELD \[buyer\.tin\]: .* \(confirmed: Law of the RK/),
      expect.stringMatching(
        /^ {2}error {3}VAT_RATE_MISMATCH \[lines\[0\]\.vatRate\]: rate 12% differs from the 16% .* \(confirmed: /,
      ),
    ]);
  });

  it('exits 0 with warnings only, and says the KG deadline is seed-only', async () => {
    // Prepare
    const file = await invoiceFile(kgInvoice({ deliveryDate: '2026-03-10', issueDate: '2026-03-20' }));

    // Act
    const run = await salyk(['esf', file]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^submittable — issue by 2026-03-15 \(-5 days left\)\n {2}warning ESF_LATE \[issueDate\]: .*\(seed_only: /,
    );
  });

  it('--json prints what the library answers', async () => {
    // Prepare
    const invoice = kgInvoice({
      supplier: { tin: TIN.kgPin, type: 'legal_entity' },
      lines: [{ net: 1, vatRate: 0, supplyType: 'eaeu_export' }],
    });
    const file = await invoiceFile(invoice);

    // Act
    const run = await salyk(['esf', file, '--json']);

    // Assess
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toEqual(precheckEsf(invoice, '2000-01-01'));
    expect(result.findings.map((f: { code: string }) => f.code)).toEqual([
      'PIN_IN_INN_FIELD',
      'EXPORT_EVIDENCE_MISSING',
    ]);
  });

  it.each([
    ['a file that does not exist', null, /^salyk: cannot read .*: no such file\n$/],
    ['a file that is not JSON', '{"country": "KZ",', /^salyk: .* is not valid JSON\n$/],
    [
      'an invoice that breaks the schema',
      { ...kzInvoice(), lines: [], country: 'RU' },
      /^salyk: .* is not a valid invoice: `country` must be one of KZ, KG .*; `lines` needs at least 1 /,
    ],
    [
      'a delivery date the rules data does not cover',
      kzInvoice({ deliveryDate: '2012-01-01', issueDate: '2012-01-02' }),
      /^salyk: the rules data has no esf\.deadline row for KZ on 2012-01-01\n$/,
    ],
  ])('exits 2 for %s', async (_case, content, message) => {
    // Prepare
    const file = content === null ? join(dir, 'missing.json') : await invoiceFile(content);

    // Act
    const run = await salyk(['esf', file]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
