import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build.js';
import { RULES, RULES_CHANGELOG, RULESET_VERSION } from '../../shared/rules/index.js';

/** The real binary, `node dist/cli/salyk.js rules ...`. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'salyk.js');

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
  if (!existsSync(BIN) || statSync(BIN).mtimeMs < newestSource(['shared', 'cli'])) await buildCli();
  expect(existsSync(BIN)).toBe(true);
});

const salyk = (...args: string[]) => spawnSync(process.execPath, [BIN, 'rules', ...args], { encoding: 'utf8' });

describe('CLI: salyk rules', () => {
  it('--changes --json prints the body GET /v1/rules/changes answers: every release, newest first', () => {
    // Act
    const run = salyk('--changes', '--json');

    // Assess
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ rulesetVersion: RULESET_VERSION, since: null, releases: RULES_CHANGELOG });
  });

  it('--changes --since keeps the releases published on or after the date, one line per changed row', () => {
    // Act
    const run = salyk('--changes', '--since', '2026-11-23');

    // Assess
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^2026\.11\.30-1 \(2026-11-30\): /);
    expect(lines).toHaveLength(1 + (RULES_CHANGELOG[0]?.changes.length ?? 0));
    expect(lines).toContain(
      `  ended   KZ.RESIDENCY.DAYS_183: ${RULES_CHANGELOG[0]?.changes.find((c) => c.ruleId === 'KZ.RESIDENCY.DAYS_183')?.why}`,
    );
    expect(run.stdout).not.toContain('2026.11.22-2');
  });

  it('says so when nothing was published since the date', () => {
    // Act
    const run = salyk('--changes', '--since', '2030-01-01');

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`no ruleset version published since 2030-01-01; in use: ${RULESET_VERSION}`);
  });

  it('without --changes prints the version in use and its row count', () => {
    // Act
    const run = salyk();

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`ruleset ${RULESET_VERSION}: ${RULES.length} rows`);
  });

  it.each([
    ['an impossible --since date', ['--changes', '--since', '2026-02-30']],
    ['--since without --changes', ['--since', '2026-11-30']],
  ])('exits 2 on %s', (_case, args) => {
    // Act
    const run = salyk(...args);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).not.toBe('');
  });
});
