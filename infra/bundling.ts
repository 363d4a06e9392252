import { fileURLToPath } from 'node:url';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** The repository root: route handler paths in `shared/routes.ts` are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * The Lambda runtime of every function.
 *
 * nodejs22.x, not 24.x (which aws-cdk-lib also offers): the project's own Node is the `node@22`
 * devDependency, so tests, the local server and the deployed functions run the same major version.
 * Moving to 24 is this one line once the dev toolchain moves; the esbuild target follows it.
 */
export const RUNTIME = Runtime.NODEJS_22_X;

/** esbuild's target for {@link RUNTIME}, e.g. `node22`. */
const ESBUILD_TARGET = `node${/^nodejs(\d+)/.exec(RUNTIME.name)?.[1] ?? '22'}`;

/**
 * ESM output has no `require`, but a CommonJS dependency bundled into it may still call
 * `require('node:…')`; this gives it one (Powertools / middy bundling advice).
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __salykCreateRequire } from 'node:module';const require = __salykCreateRequire(import.meta.url);";

/**
 * The one place the bundling options live: the stack passes them to every `NodejsFunction`, and
 * `npm run bundle-size` converts them with {@link esbuildOptionsFor}, so the report measures exactly
 * what is deployed.
 *
 * - ESM + `mainFields: ['module', 'main']`: lets esbuild pick the ESM builds of the AWS SDK and
 *   tree-shake them (≈ 40 % smaller than the CommonJS builds).
 * - `externalModules: []`: bundle the AWS SDK instead of using the runtime's copy, so the deployed
 *   SDK is the version in package-lock.json that the tests ran against.
 * - `minify`: smaller asset and faster parse; names in stack traces are lost, but every error class
 *   here sets its `name` explicitly, which is what the logs record.
 * - No source maps: a map is only useful with `--enable-source-maps`, which adds start-up and
 *   per-throw latency; the handlers are small enough to read from the minified bundle if needed.
 */
export const BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: ESBUILD_TARGET,
  mainFields: ['module', 'main'],
  externalModules: [],
  minify: true,
  sourceMap: false,
  banner: CREATE_REQUIRE_BANNER,
};

/**
 * The esbuild `build()` options equivalent to how `NodejsFunction` runs the esbuild CLI with
 * {@link BUNDLING} (see aws-lambda-nodejs `Bundling.buildEsbuildArgs`: `--bundle --platform=node`
 * plus one flag per option).
 *
 * @param entry - Handler file, absolute or relative to {@link PROJECT_ROOT}.
 * @param options - `BundlingOptions` to convert; defaults to {@link BUNDLING}.
 */
export function esbuildOptionsFor(entry: string, options: BundlingOptions = BUNDLING): BuildOptions {
  return {
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: options.target ?? ESBUILD_TARGET,
    format: options.format === OutputFormat.ESM ? 'esm' : 'cjs',
    outfile: options.format === OutputFormat.ESM ? 'index.mjs' : 'index.js',
    minify: options.minify ?? false,
    sourcemap: options.sourceMap ?? false,
    external: [...(options.externalModules ?? ['@aws-sdk/*'])],
    ...(options.mainFields ? { mainFields: [...options.mainFields] } : {}),
    ...(options.banner ? { banner: { js: options.banner } } : {}),
    keepNames: options.keepNames ?? false,
  };
}
