import { AuditUnavailableError } from '../../shared/audit/store.js';

interface Waiter {
  priority: number;
  start: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Bounded concurrency towards DynamoDB, shared by every request of the process. Without it each
 * request ran its own eight writers, so sixteen concurrent batches put 128 writes on the database at
 * once, every request slowed down, and nearly all ran out of time together (congestion collapse).
 *
 * Here writes queue for `limit` slots, the oldest request first (so requests finish one after the
 * other instead of all late), and a request whose queue wait would outlast its budget is refused
 * before it writes anything — a fast 503 instead of a slow one with records left behind.
 */
export class WriteGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  /** Moving average of one call's duration, for the admission estimate. */
  private averageMs: number;

  constructor(
    readonly limit: number,
    initialCallMs = 50,
  ) {
    this.averageMs = initialCallMs;
  }

  /** How long `calls` more calls would take to finish behind everything already queued, in ms. */
  estimateMs(calls: number): number {
    return Math.ceil((this.waiting.length + this.active + calls) / this.limit) * this.averageMs;
  }

  /**
   * Refuses work that cannot finish by `deadline` (epoch ms) at the current pace: nothing is written then.
   * @throws AuditUnavailableError when the estimate exceeds the time left.
   */
  admit(calls: number, deadline: number): void {
    const estimate = this.estimateMs(calls);
    if (estimate > deadline - Date.now())
      throw new AuditUnavailableError(`overloaded: about ${estimate} ms of audit writes are queued`);
  }

  /** Runs `call` in a slot; lower `priority` goes first. Rejects if no slot frees up before `deadline`. */
  async run<T>(priority: number, deadline: number, call: () => Promise<T>): Promise<T> {
    await this.acquire(priority, deadline);
    const started = Date.now();
    try {
      return await call();
    } finally {
      this.averageMs = this.averageMs * 0.8 + (Date.now() - started) * 0.2;
      this.release();
    }
  }

  private acquire(priority: number, deadline: number): Promise<void> {
    if (this.active < this.limit && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(
          () => {
            this.waiting.splice(this.waiting.indexOf(waiter), 1);
            reject(new AuditUnavailableError('overloaded: no write slot within the request budget'));
          },
          Math.max(0, deadline - Date.now()),
        ),
      };
      // Stable insertion by priority: equal priorities keep arrival order.
      let at = this.waiting.length;
      while (at > 0 && (this.waiting[at - 1] as Waiter).priority > priority) at--;
      this.waiting.splice(at, 0, waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.active--;
  }
}
