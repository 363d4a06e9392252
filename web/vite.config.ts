import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { routes } from '../shared/routes.js';

/** The method and path of each route, for the page's API client (web/src/jobs/client.ts): no schemas shipped. */
const ROUTE_PATHS = Object.fromEntries(
  Object.entries(routes).map(([name, route]) => [name, { method: route.method, path: route.path }]),
);

/**
 * The web page: Preact + TypeScript, bundled by Vite into `dist/web` with everything local (no CDN).
 * Workbook reading/writing and the residency chart are dynamic imports, so they are separate chunks
 * that load only when used; the supplier check runs in a module Web Worker.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  define: { SALYK_ROUTES: JSON.stringify(ROUTE_PATHS) },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline `data:` scripts or fonts: the Content-Security-Policy allows only same-origin files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
