/**
 * Bundles library code for the browser the way a web app's bundler would (esbuild, `platform: 'browser'`, ESM,
 * minified) and measures it. Used by the bench (bundle size) and by test/package/browser-bundle.test.ts.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/** What a web page imports when it only checks and generates identifiers. */
export const IDENTIFIER_ENTRY =
  "export { validateIdentifier, isValidIdentifier, generateIdentifier } from './shared/index.ts';";

/** The whole library entry. */
export const LIBRARY_ENTRY = "export * from './shared/index.ts';";

export interface BrowserBundle {
  /** The minified ESM code. */
  code: string;
  /** Every source file the bundle pulls in, relative to the repository (`node:…` for Node built-ins). */
  inputs: string[];
  minBytes: number;
  gzipBytes: number;
}

/** Bundles `entry` (module source, resolved from the repository root) for the browser. */
export async function bundleForBrowser(entry: string): Promise<BrowserBundle> {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'browser-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return {
    code,
    inputs: Object.keys(result.metafile.inputs),
    minBytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
  };
}

/** `12.3 KB` (1 KB = 1024 bytes). */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
