/** The producer a queue throttles: paused when the consumer falls behind, resumed when it catches up. */
export interface Flow {
  pause(): void;
  resume(): void;
}

/**
 * A push-to-pull bridge with back-pressure: a callback-driven producer (papaparse) `push`es items, one
 * consumer iterates them. At `highWater` queued items the producer is paused; it is resumed as soon as the
 * queue drains below that, or runs dry, so at most a few items are ever held.
 */
export class BackPressureQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly flow: Flow,
    private readonly highWater = 4,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
    if (this.items.length >= this.highWater) this.flow.pause();
  }

  /** No more items: the consumer finishes once it has taken those queued. */
  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** The producer failed: the consumer gets `error` on its next step, queued items or not. */
  fail(error: Error): void {
    this.failure = error;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.items.length === 0) {
        if (this.ended) return;
        this.flow.resume();
        await new Promise<void>((r) => {
          this.wake = r;
        });
        this.wake = undefined;
        continue;
      }
      const next = this.items.shift() as T;
      if (this.items.length < this.highWater) this.flow.resume();
      yield next;
    }
  }
}
