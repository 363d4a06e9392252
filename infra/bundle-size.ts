/**
 * `npm run bundle-size`: bundles every route's handler with the stack's own esbuild options
 * ({@link BUNDLING} via {@link esbuildOptionsFor}) and prints the minified and gzipped size of each,
 * plus the packages that weigh most in it. Nothing is written to disk.
 *
 * `--json` prints the rows as JSON instead of a table (for CI or a budget check).
 */
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { routeList } from '../shared/routes.js';
import { esbuildOptionsFor } from './bundling.js';

/** One function's bundle. */
export interface BundleSize {
  route: string;
  bytes: number;
  gzipBytes: number;
  /** The heaviest packages (or `(project)` for this repository's own code), largest first. */
  topInputs: { name: string; bytes: number }[];
}

/**
 * Bundles one handler in memory and measures it.
 *
 * @param route - Route id, for the report.
 * @param entry - Handler path relative to the repository root.
 */
export async function measureBundle(route: string, entry: string): Promise<BundleSize> {
  const result = await build({ ...esbuildOptionsFor(entry), write: false, metafile: true, logLevel: 'silent' });
  const output = result.outputFiles.find((file) => file.path.endsWith('.mjs') || file.path.endsWith('.js'));
  if (!output) throw new Error(`esbuild produced no JavaScript for ${entry}`);
  return {
    route,
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents).byteLength,
    topInputs: heaviestPackages(result.metafile),
  };
}

/** Sums each package's share of the output (`node_modules/<name>` or `node_modules/@scope/<name>`). */
function heaviestPackages(metafile: Metafile, count = 3): { name: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const name = match?.[1] ?? '(project)';
      byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const started = performance.now();
  const sizes = await Promise.all(routeList.map((route) => measureBundle(route.id, route.handler)));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(sizes, null, 2));
    return;
  }
  const rows = sizes.map((size) => [
    size.route,
    kib(size.bytes),
    kib(size.gzipBytes),
    size.topInputs.map((input) => `${input.name} ${kib(input.bytes)}`).join(', '),
  ]);
  const header = ['function', 'minified', 'gzip', 'heaviest inputs'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 || column === 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  const total = sizes.reduce((sum, size) => sum + size.bytes, 0);
  console.log(
    `\n${sizes.length} functions, ${kib(total)} in all, bundled in ${Math.round(performance.now() - started)} ms`,
  );
}

// Run only as a script, so tests can import measureBundle.
if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
