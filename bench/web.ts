/**
 * Web page benchmark (not a test): in headless Chromium (Debian's package) on this machine,
 *  1. a 1 000 000-row supplier CSV from "file chosen" to the summary on screen (target ≤ 5 s),
 *  2. the longest main-thread task while the worker validates (PerformanceObserver `longtask`; target none over 200 ms),
 *  3. the initial JavaScript, gzip (target ≤ 150 KB), and the XLSX reader's own lazily loaded chunk.
 *
 * Run: `npm run bench:web` (builds dist/web first). ROWS=… to change the size.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openWebPage } from '../test/browser/web-page.js';
import { ROOT } from '../test/fixtures/salyk-cli.js';
import { writeSupplierCsv } from './generate-suppliers.js';

const ROWS = Number(process.env.ROWS) || 1_000_000;
const OUT = join(ROOT, 'bench', 'out');

/** The scripts index.html loads at once (entry + modulepreloads), gzip-compressed, and every chunk's size. */
async function bundleSizes(dir: string) {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const gz = async (file: string) => gzipSync(await readFile(join(dir, file)), { level: 9 }).length;
  const chunks = (await readdir(join(dir, 'assets'))).filter((f) => f.endsWith('.js'));
  return {
    initialGzipBytes: (await Promise.all(initial.map(gz))).reduce((a, b) => a + b, 0),
    initial,
    chunks: Object.fromEntries(await Promise.all(chunks.map(async (c) => [c, await gz(`assets/${c}`)] as const))),
  };
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const csv = join(OUT, `web-${ROWS}.csv`);
  if (!existsSync(csv)) await writeSupplierCsv(csv, ROWS);
  const web = await openWebPage({ locale: 'ru-RU' });
  try {
    const page = await web.context.newPage();
    await page.goto(web.url);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const started = Date.now();
    await page.locator('[data-testid=supplier-file]').setInputFiles(csv);
    await page.locator('[data-testid=summary]').waitFor({ timeout: 120_000 });
    const seconds = (Date.now() - started) / 1000;
    const rows = await page.locator('[data-key=rows] dd').textContent();
    // The worker's own time from the file to the last row checked, as the summary line shows it.
    const meta = await page.locator('.results > p.muted').first().textContent();
    // Scroll the problem table to its end and back: the virtualised table must stay smooth too.
    await page.locator('.vlist').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(300);
    await page.locator('.vlist').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const sizes = await bundleSizes(join(ROOT, 'dist', 'web'));
    const report = {
      rows: ROWS,
      // The machine is shared: the 1-minute load average says how far the figures can be trusted.
      loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
      fileMiB: Math.round((await stat(csv)).size / 2 ** 20),
      rowsShown: rows,
      dropToSummarySeconds: seconds,
      summaryLine: meta,
      longTasks: longTasks.length,
      longestTaskMs: Math.round(Math.max(0, ...longTasks)),
      initialJsGzipKB: Math.round(sizes.initialGzipBytes / 1024),
      initialScripts: sizes.initial,
      chunksGzipKB: Object.fromEntries(Object.entries(sizes.chunks).map(([k, v]) => [k, Math.round(v / 1024)])),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await web.close();
  }
}

await main();
