/**
 * Builds what the package ships into `dist/`: the library (`tsc`, JavaScript + declarations for the files
 * `shared/index.ts` reaches) and the `salyk` command line (one esbuild bundle), so the published package
 * needs no `dependencies`.
 *
 * Run: `tsx scripts/build.ts` (`npm run build`), or `tsx scripts/build.ts --cli` for the command line only.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/** The repository root. */
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The oldest Node the package accepts (`engines` in package.json); the CLI bundle must run there. */
const CLI_TARGET = 'node20';

/**
 * CommonJS packages bundled into ESM still call `require('node:…')`; this gives every output file one.
 * The `#!/usr/bin/env node` line is not in the banner: esbuild keeps the entry's own, above the banner.
 */
const REQUIRE_BANNER =
  "import { createRequire as __salykCreateRequire } from 'node:module';const require = __salykCreateRequire(import.meta.url);";

/** One JavaScript file written by a build and its size in bytes. */
export interface BuiltFile {
  path: string;
  bytes: number;
}

/**
 * Bundles `cli/salyk.ts` into `outdir` (emptied first, so no chunk of an older build survives).
 *
 * - Every npm dependency of the CLI is inlined; only `node:` modules stay imports.
 * - ESM with `splitting`: a dynamic `import()` (the workbook reader) becomes its own chunk and stays
 *   unparsed until a workbook is opened.
 * - Legal comments are kept (at the end of each file), so inlined packages keep their licence notices.
 * - No source maps: a map would name sources the package does not ship.
 *
 * @param outdir - Target folder; the entry is `<outdir>/salyk.js`.
 * @returns The files written, largest first.
 */
export async function buildCli(outdir = join(ROOT, 'dist', 'cli')): Promise<BuiltFile[]> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { salyk: join(ROOT, 'cli', 'salyk.ts') },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: CLI_TARGET,
    // the ESM builds of dependencies tree-shake better (as in the Lambda bundling, infra/bundling.ts)
    mainFields: ['module', 'main'],
    // Minified (names kept, so error classes still say who they are): the whole CLI with its inlined
    // packages and the message catalog must install in under 1 MB.
    minify: true,
    keepNames: true,
    // The message catalog is Cyrillic: as UTF-8 it is a third of its size as \u escapes (esbuild's default).
    charset: 'utf8',
    legalComments: 'eof',
    sourcemap: false,
    banner: { js: REQUIRE_BANNER },
    // `salyk --version`
    define: { SALYK_VERSION: JSON.stringify(JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version) },
    logLevel: 'warning',
  });
  const entry = await readFile(join(outdir, 'salyk.js'), 'utf8');
  if (!entry.startsWith('#!/usr/bin/env node\n')) throw new Error('cli/salyk.ts must start with #!/usr/bin/env node');
  return listJs(outdir);
}

/**
 * Compiles the library with `tsc -p tsconfig.build.json`: JavaScript (without comments) and declarations (with
 * their TSDoc) of the files `shared/index.ts` reaches, nothing else.
 *
 * @param outdir - Target folder, emptied first so files the entry no longer reaches are not packed.
 * @returns The files written, largest first.
 */
export async function buildLibrary(outdir = join(ROOT, 'dist', 'shared')): Promise<BuiltFile[]> {
  await rm(outdir, { recursive: true, force: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = (...flags: string[]) =>
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outdir, ...flags], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  // The TSDoc belongs in the declarations (editors show it); the JavaScript ships without comments, which keeps
  // the installed package under 1 MB.
  run('--removeComments');
  run('--emitDeclarationOnly');
  return listJs(outdir);
}

async function listJs(folder: string): Promise<BuiltFile[]> {
  const names = await readdir(folder, { recursive: true });
  const files = await Promise.all(
    names
      .filter((name) => name.endsWith('.js'))
      .map(async (name) => ({ path: join(folder, name), bytes: (await stat(join(folder, name))).size })),
  );
  return files.sort((a, b) => b.bytes - a.bytes);
}

function report(title: string, files: BuiltFile[]): void {
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  console.error(`${title}: ${files.length} files, ${(total / 1024).toFixed(0)} KiB of JavaScript`);
  for (const file of files.slice(0, 3)) {
    console.error(`  ${(file.bytes / 1024).toFixed(0).padStart(6)} KiB  ${relative(ROOT, file.path)}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // sizes go to stderr, so `npm run salyk -- … --json` keeps a clean stdout
  const { values } = parseArgs({ options: { cli: { type: 'boolean' }, quiet: { type: 'boolean' } } });
  if (!values.cli) {
    const library = await buildLibrary();
    if (!values.quiet) report('dist/shared', library);
  }
  const cli = await buildCli();
  if (!values.quiet) report('dist/cli', cli);
}
