import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../web/headers.js';

/** Where `npm run build:web` writes the page. */
const WEB_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'web');

/**
 * Serves the built web page (dist/web) with the deployed page's security headers. sirv does the file work
 * (paths kept inside the folder, content types, ETags); `dev` re-reads the folder on each request, so a
 * rebuild shows without a restart.
 *
 * @returns a handler that answers `GET`/`HEAD` for files of the page and returns `false` for anything else
 */
export function webHandler(root: string = WEB_ROOT): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const files = sirv(root, {
    dev: true,
    etag: true,
    setHeaders: (res, pathname) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      // The local job bucket (s3rver) is where a server job uploads the file: read when the engine has started.
      const bucket = process.env.S3_ENDPOINT;
      if (bucket) res.setHeader('content-security-policy', contentSecurityPolicy([bucket]));
      // Vite names built chunks by content hash: they never change. The page itself must be revalidated.
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req, res) =>
    new Promise((done) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return done(false);
      if (!existsSync(join(root, 'index.html'))) {
        if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/') return done(false);
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The web page is not built: run `npm run build:web`, then reload.\n');
        return done(true);
      }
      res.once('finish', () => done(true));
      files(req, res, () => done(false));
    });
}
