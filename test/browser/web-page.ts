import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { build } from 'vite';
import { webHandler } from '../../local/static.js';
import { ROOT } from '../fixtures/salyk-cli.js';

/** Debian's chromium package (`.ci/run` installs it); nothing downloads a browser. */
const CHROMIUM = process.env.SALYK_CHROMIUM ?? '/usr/bin/chromium';

/** Flags this machine needs for a headless Chromium (no sandbox as root, no GPU, no background traffic). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export interface WebPage {
  url: string;
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Passes a request on to the local stack at `api`, as CloudFront passes `/v1/*` to the API: the page and the
 * API share one origin.
 */
async function proxy(api: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  delete headers.host;
  const answer = await fetch(new URL(req.url ?? '/', api), {
    method: req.method,
    headers,
    ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
  });
  // fetch has already decoded the body: its encoding and length headers no longer apply
  const passed = [...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length');
  res.writeHead(answer.status, Object.fromEntries(passed));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

/**
 * Builds the page into a private folder (as `npm run build:web` does, so no other run's dist/web is read
 * half-written), serves it from 127.0.0.1 through the local stack's static handler (with the deployed
 * security headers), and opens a headless Chromium with a fresh profile. With `api`, `/v1/*` and `/health` are
 * passed to that local stack, so the page offers server jobs.
 */
export async function openWebPage(options: { locale: string; api?: string }): Promise<WebPage> {
  const work = await mkdtemp(join(tmpdir(), 'salyk-web-'));
  const outDir = join(work, 'web');
  await build({
    configFile: resolve(ROOT, 'web', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  const handle = webHandler(outDir);
  const { api } = options;
  const server: Server = createServer((req, res) => {
    if (api && /^\/(v1\/|health)/.test(req.url ?? '')) return void proxy(api, req, res);
    handle(req, res).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: options.locale,
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    context,
    close: async () => {
      await context.close();
      await new Promise((ok) => server.close(ok));
      await rm(work, { recursive: true, force: true });
    },
  };
}
