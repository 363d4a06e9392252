import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';

/**
 * `npm start`'s set-up messages, as a newcomer meets them: without Java on PATH, and with the port taken.
 * Both must fail at once with the way out, before any database line.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let emptyDir: string;

beforeAll(async () => {
  emptyDir = await mkdtemp(join(tmpdir(), 'salyk-setup-'));
});

afterAll(async () => {
  await rm(emptyDir, { recursive: true, force: true });
});

/** Runs `local/start.ts` (what `npm start` runs) to its exit; tsx re-runs this Node, so PATH may be empty. */
function npmStart(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const { DYNAMODB_ENDPOINT: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'local/start.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...parentEnv, SALYK_DATA_DIR: emptyDir, ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((ok) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, output, ms: Date.now() - started });
    }),
  );
}

describe('npm start set-up messages', () => {
  it('fails at once without java on PATH, saying how to fix it', async () => {
    // Act
    const run = await npmStart({ PATH: emptyDir, PORT: String(await freePort()) });

    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toContain('java not found: install Java 17+ (or set DYNAMODB_ENDPOINT)');
    expect(run.ms).toBeLessThan(15_000); // not the 30 s readiness timeout
  });

  it('reports a taken port first, suggesting another PORT, before any DynamoDB line', async () => {
    // Prepare
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((ok) => squatter.listen(port, '127.0.0.1', () => ok()));

    // Act
    const run = await npmStart({ PORT: String(port) });
    await new Promise<void>((ok) => squatter.close(() => ok()));

    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toContain(`port ${port} is already in use`);
    expect(run.output).toContain(`PORT=${port + 1} npm start`);
    expect(run.output).not.toMatch(/DynamoDB|audit table/);
  });
});
