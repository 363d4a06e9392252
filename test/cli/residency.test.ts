import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build.js';
import { assessKzResidency } from '../../shared/residency/kz.js';

/** The real binary, `node dist/cli/salyk.js residency ...`, on CSV files written to a temp directory. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'salyk.js');
let dir: string;

/** The newest modification time of the .ts sources under the given folders. */
function newestSource(folders: string[]): number {
  let newest = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const folder of folders) walk(join(ROOT, folder));
  return newest;
}

beforeAll(async () => {
  // Bundle dist/cli when it is missing or older than the sources (`npm test` has built it already).
  if (!existsSync(BIN) || statSync(BIN).mtimeMs < newestSource(['shared', 'cli'])) await buildCli();
  expect(existsSync(BIN)).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'salyk-residency-cli-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;
function csv(text: string): string {
  const path = join(dir, `stays-${++fileNo}.csv`);
  writeFileSync(path, text, 'utf8');
  return path;
}

function salyk(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('CLI: salyk residency <stays.csv> --year', () => {
  it('prints the same decision as the library, as JSON', () => {
    // Prepare: 1 Sep 2025 – 2 Mar 2026 (122 + 61 = 183 days), then an open stay from 1 Jun 2026.
    const file = csv('entry,exit\n2025-09-01,2026-03-02\n2026-06-01,\n');

    // Act
    const run = salyk('residency', file, '--year', '2026', '--as-of', '2026-06-10', '--json');

    // Assess
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    const expected = assessKzResidency({
      taxYear: 2026,
      stays: [{ entry: '2025-09-01', exit: '2026-03-02' }, { entry: '2026-06-01' }],
      asOf: '2026-06-10',
    });
    expect(printed).toEqual(JSON.parse(JSON.stringify(expected)));
    // 61 days to 2 Mar, plus 1–10 Jun (10 days).
    expect(printed).toMatchObject({
      resident: true,
      decidedBy: 'days_183',
      window: { start: '2025-03-03', end: '2026-03-02', days: 183 },
      daysInTaxYear: 71,
    });
  });

  it('passes every flag through (vital interests, AIFC, treaty certificate)', () => {
    // Prepare: 1 Mar – 29 May 2026 = 31 + 30 + 29 = 90 days.
    const file = csv('entry,exit\n2026-03-01,2026-05-29\n');
    const json = (...flags: string[]) =>
      JSON.parse(salyk('residency', file, '--year', '2026', '--as-of', '2026-12-31', '--json', ...flags).stdout);

    // Act + Assess
    expect(json()).toMatchObject({ resident: false, decidedBy: 'none', threshold: 183 });
    expect(json('--aifc')).toMatchObject({
      resident: true,
      decidedBy: 'days_90_aifc',
      threshold: 90,
      window: { days: 90 },
    });
    expect(json('--aifc', '--treaty-certificate')).toMatchObject({ resident: false, decidedBy: 'treaty_certificate' });
    expect(json('--aifc', '--treaty-certificate', '--citizen')).toMatchObject({
      resident: true,
      decidedBy: 'days_90_aifc',
    });
    expect(json('--citizen', '--family', '--real-estate')).toMatchObject({
      resident: true,
      decidedBy: 'vital_interests',
    });
    expect(json('--residence-permit', '--family', '--real-estate')).toMatchObject({
      resident: true,
      decidedBy: 'vital_interests',
    });
    expect(json('--citizen', '--family')).toMatchObject({ resident: false, decidedBy: 'none' });
  });

  it('prints a readable summary with the counts, the days still allowed and the cited reasons', () => {
    // Prepare: 1 Jan – 1 Jul 2026 = 182 days.
    const file = csv('entry,exit\n2026-01-01,2026-07-01\n');

    // Act
    const run = salyk('residency', file, '--year', '2026', '--as-of', '2026-07-01');

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('not resident in 2026 (decided by none); 182 days in the tax year');
    expect(run.stdout).toContain('most days in a 12-month window: 182 (2025-07-02 to 2026-07-01), threshold 183');
    expect(run.stdout).toContain('days of presence still allowed: 0');
    // 2026 rows cite the 2026 Code (article number not found, secondary since the November 2026 research).
    expect(run.stdout).toMatch(
      /\[secondary: Tax Code of the RK of 18.07.2025 .*residency article \(number not found\)/,
    );
  });

  it('prints the window that met the day test', () => {
    const file = csv('entry,exit\n2026-01-01,2026-07-02\n');
    const run = salyk('residency', file, '--year', '2026', '--as-of', '2026-12-31');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('RESIDENT in 2026 (decided by days_183); 183 days in the tax year');
    expect(run.stdout).toContain('day test met: 183 days from 2025-07-03 to 2026-07-02');
  });

  it.each([
    ['arrival/departure headers, semicolons and a BOM', '\uFEFFarrival;departure\n2024-01-01;2024-07-01\n'],
    ['Russian headers and extra columns', 'страна,въезд,выезд\nKZ,2024-01-01,2024-07-01\n'],
    ['blank lines and spaces', 'entry,exit\n\n 2024-01-01 , 2024-07-01 \n\n'],
  ])('reads %s (1 Jan – 1 Jul 2024 is 183 days: a leap year)', (_case, text) => {
    const run = salyk('residency', csv(text), '--year', '2024', '--as-of', '2024-12-31', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      resident: true,
      window: { start: '2023-07-02', end: '2024-07-01', days: 183 },
      daysInTaxYear: 183,
    });
  });

  it('counts a same-day entry and exit as one day', () => {
    const run = salyk(
      'residency',
      csv('entry,exit\n2026-03-10,2026-03-10\n'),
      '--year',
      '2026',
      '--as-of',
      '2026-12-31',
      '--json',
    );
    expect(JSON.parse(run.stdout).daysInTaxYear).toBe(1);
  });

  it.each([
    ['overlapping stays', 'entry,exit\n2026-01-01,2026-01-10\n2026-01-10,2026-01-20\n', /overlaps/],
    ['unordered stays', 'entry,exit\n2026-05-01,2026-05-10\n2026-01-01,2026-01-10\n', /date order/],
    ['an exit before its entry', 'entry,exit\n2026-03-10,2026-03-09\n', /before its entry/],
    ['an open stay that is not the last', 'entry,exit\n2026-01-01,\n2026-03-10,2026-03-12\n', /no exit/],
    [
      'a date that is not YYYY-MM-DD',
      'entry,exit\n10.03.2026,2026-03-12\n',
      /line 2: entry "10\.03\.2026" is not a YYYY-MM-DD date/,
    ],
    ['an impossible date', 'entry,exit\n2026-02-30,2026-03-12\n', /stays\.0\.entry/],
    ['a missing entry', 'entry,exit\n,2026-03-12\n', /line 2: the entry date is missing/],
    ['no entry/exit columns', 'date,country\n2026-01-01,KZ\n', /needs "entry" and "exit" columns/],
    ['an empty file', '', /is empty/],
  ])('exits 2 with a clear message on %s', (_case, text, message) => {
    const run = salyk('residency', csv(text), '--year', '2026', '--as-of', '2026-06-30');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('exits 2 for a missing file, a bad --as-of and a tax year the rules do not cover', () => {
    const file = csv('entry,exit\n2026-01-01,2026-01-02\n');
    expect(salyk('residency', join(dir, 'nope.csv'), '--year', '2026').code).toBe(2);
    const badAsOf = salyk('residency', file, '--year', '2026', '--as-of', '2026-13-01');
    expect(badAsOf.code).toBe(2);
    expect(badAsOf.stderr).toMatch(/asOf/);
    const tooEarly = salyk('residency', file, '--year', '2017', '--as-of', '2017-06-01');
    expect(tooEarly.code).toBe(2);
    expect(tooEarly.stderr).toMatch(/2017/);
  });

  it('refuses to run without --year', () => {
    const run = salyk('residency', csv('entry,exit\n2026-01-01,2026-01-02\n'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--year/);
  });
});
