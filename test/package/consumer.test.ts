import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, buildLibrary } from '../../scripts/build.js';

/**
 * What someone who installs salyk gets: the package is built and packed as `npm pack` packs it, then
 * installed from the tarball into a fresh project with the user's own `node` and `npm`, and used from
 * there (TypeScript import, compiled consumer, `npx salyk`).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const MAX_PACKAGES = 3;
const MAX_INSTALLED_BYTES = 1024 * 1024;

/**
 * A user's shell: no `npm_*` variables from an enclosing `npm test`, and a PATH without any
 * node_modules/.bin (the repository's `node@22` devDependency is not what users run). The current
 * Node goes last, for a machine whose only Node is that one.
 */
const userEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))),
  PATH: [
    ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.includes('node_modules')),
    dirname(process.execPath),
  ].join(delimiter),
};
const userNode = execFileSync('node', ['--version'], { env: userEnv, encoding: 'utf8' }).trim();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, { cwd, env: { ...userEnv, ...env }, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Apparent size of every file under `dir`, as `du --apparent-size` counts it. */
function bytesUnder(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

/** Names of the packages installed under a node_modules folder, nested ones included. */
function packagesUnder(nodeModules: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
    const folders = entry.name.startsWith('@')
      ? readdirSync(join(nodeModules, entry.name)).map((name) => `${entry.name}/${name}`)
      : [entry.name];
    for (const name of folders) {
      names.push(name);
      const nested = join(nodeModules, name, 'node_modules');
      if (statSync(nested, { throwIfNoEntry: false })?.isDirectory()) names.push(...packagesUnder(nested));
    }
  }
  return names;
}

describe(`Package: salyk installed from its tarball (node ${userNode})`, () => {
  let work: string;
  let consumer: string;
  let tarball: { path: string; bytes: number };
  let install: Run;

  beforeAll(async () => {
    // Prepare: the package folder as `npm pack` sees it after `prepack` (npm run build), built into a
    // staging copy so a rebuild cannot pull dist/ from under other test files running meanwhile
    work = mkdtempSync(join(tmpdir(), 'salyk-package-'));
    const stage = join(work, 'stage');
    mkdirSync(stage);
    for (const file of ['package.json', 'README.md', 'LICENSE']) copyFileSync(join(ROOT, file), join(stage, file));
    await buildLibrary(join(stage, 'dist', 'shared'));
    await buildCli(join(stage, 'dist', 'cli'));
    const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], stage);
    expect(packed.code, packed.stderr).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    tarball = { path: join(work, filename), bytes: statSync(join(work, filename)).size };

    // Act: a fresh project installs the tarball; offline, because a package with no dependencies needs no registry
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    install = run('npm', ['install', tarball.path, '--offline', '--no-audit', '--no-fund'], consumer);
    console.info(`tarball ${tarball.bytes} B; npm install:\n${install.stdout}${install.stderr}`);
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs without warnings, at most 3 packages and 1 MB', () => {
    // Prepare
    const nodeModules = join(consumer, 'node_modules');

    // Act
    const packages = packagesUnder(nodeModules);
    const bytes = bytesUnder(nodeModules);
    console.info(`installed: ${packages.length} package(s) [${packages.join(', ')}], ${bytes} B`);

    // Assess
    expect(install.code, install.stderr).toBe(0);
    expect(`${install.stdout}\n${install.stderr}`).not.toMatch(/\bwarn/i);
    expect(packages).toContain('salyk');
    expect(packages.length).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(bytes).toBeLessThanOrEqual(MAX_INSTALLED_BYTES);
  });

  it('builds a TypeScript consumer under a default strict tsconfig (no skipLibCheck) and runs it', () => {
    // Prepare
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', outDir: 'out' }, files: ['index.ts'] }),
    );
    writeFileSync(
      join(consumer, 'index.ts'),
      [
        "import { validateIdentifier, type IdentifierResult } from 'salyk';",
        '',
        "const good: IdentifierResult = validateIdentifier('940140000385');",
        "const bad = validateIdentifier('940140000381', { country: 'KZ' });",
        'console.log(JSON.stringify({ good: [good.valid, good.kind], bad: bad.errors.map((e) => e.code) }));',
        '',
      ].join('\n'),
    );

    // Act
    const tsc = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], consumer);
    const out = run('node', ['out/index.js'], consumer);

    // Assess
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ good: [true, 'BIN'], bad: ['INVALID_CHECKSUM'] });
  });

  it('runs the installed CLI with npx: salyk check', () => {
    // Act
    const check = run('npx', ['--no', 'salyk', 'check', '940140000385'], consumer);

    // Assess
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^valid: KZ BIN/);
    expect(check.stdout).toMatch(/registered: 1994-01/);
  });

  it('runs the installed CLI with npx: salyk validate on a CSV', () => {
    // Prepare
    writeFileSync(join(consumer, 'suppliers.csv'), 'name,bin\nGood LLP,940140000385\nTypo LLP,940140000381\n');

    // Act
    const validate = run(
      'npx',
      ['--no', 'salyk', 'validate', 'suppliers.csv', '--json', '--quiet', '-o', 'checked.csv'],
      consumer,
    );

    // Assess
    expect(validate.code, validate.stderr).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ rows: 2, valid: 1, invalid: 1, tinColumn: 'bin' });
    expect(statSync(join(consumer, 'checked.csv')).size).toBeGreaterThan(0);
  });

  it('runs the installed CLI on a CSV large enough for worker threads: the same bytes as one thread', () => {
    // Prepare: over the parallel path's threshold (lowered to 4 MiB), with quoted line breaks
    const rows = Array.from({ length: 400_000 }, (_, i) =>
      i % 3 ? `Supplier ${i},940140000385` : `"S\n${i}",940140000381`,
    );
    writeFileSync(join(consumer, 'large.csv'), `name,bin\n${rows.join('\n')}\n`);
    const validate = (threads: string, output: string) =>
      run('npx', ['--no', 'salyk', 'validate', 'large.csv', '--json', '--quiet', '-o', output], consumer, {
        SALYK_THREADS: threads,
        SALYK_PARALLEL_MIN_BYTES: String(4 << 20),
      });

    // Act
    const single = validate('1', 'single.csv');
    const parallel = validate('2', 'parallel.csv');

    // Assess
    expect(single.code, single.stderr).toBe(0);
    expect(parallel.code, parallel.stderr).toBe(0);
    expect(JSON.parse(parallel.stdout)).toMatchObject({ rows: 400_000, valid: 266_666, invalid: 133_334, workers: 2 });
    expect(readFileSync(join(consumer, 'parallel.csv')).equals(readFileSync(join(consumer, 'single.csv')))).toBe(true);
  });
});
