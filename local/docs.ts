import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

/** Where the page is served, and the script it loads (from node_modules, never a CDN). */
const DOCS_PATH = '/docs';
const SCRIPT_PATH = '/docs/scalar-api-reference.js';

/**
 * Scalar's settings for an offline page: no web fonts (they would come from fonts.scalar.com), no CORS
 * proxy, no telemetry; requests sent from the page go to the local stack itself.
 */
const SCALAR_CONFIGURATION = {
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  proxyUrl: '',
  servers: [{ url: '/', description: 'This local stack' }],
};

/**
 * Only this origin may be reached from the page: even a feature of the renderer that tries another host
 * (fonts, a proxy, a registry) is blocked by the browser. Scalar injects its styles inline.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
].join('; ');

const page = (openapiPath: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Salyk API reference</title>
  </head>
  <body>
    <script id="api-reference" data-url="${openapiPath}" data-configuration='${JSON.stringify(SCALAR_CONFIGURATION)}'></script>
    <script src="${SCRIPT_PATH}"></script>
  </body>
</html>
`;

let script: Promise<Buffer> | undefined;

/** Scalar's standalone bundle (`@scalar/api-reference`, a devDependency), read once. */
function scalarScript(): Promise<Buffer> {
  script ??= readFile(createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js'));
  return script;
}

/**
 * Serves the rendered API reference of the OpenAPI document at `/docs` (and its script). Returns false
 * for any other request, which the local server then routes as usual. Local stack only: the deployed
 * API has no page, its document is at `/v1/openapi.json`.
 *
 * @param openapiPath - Where the page fetches the document from.
 */
export async function serveDocs(req: IncomingMessage, res: ServerResponse, pathname: string, openapiPath: string) {
  if (pathname !== DOCS_PATH && pathname !== `${DOCS_PATH}/` && pathname !== SCRIPT_PATH) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const security = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (pathname === SCRIPT_PATH) {
    const body = await scalarScript();
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'max-age=3600',
      ...security,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...security });
  res.end(req.method === 'HEAD' ? undefined : page(openapiPath));
  return true;
}
