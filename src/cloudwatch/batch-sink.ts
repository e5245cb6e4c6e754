// Collects items and hands them on at most every ~100 ms, so a burst of thousands of events
// becomes a few large appends instead of thousands of small ones that would stall the UI.
// The first items after a quiet spell go out on the next tick (no added latency); only items
// arriving within the interval after a flush wait for the rest of it.

export interface Scheduler {
  schedule(fn: () => void, ms: number): () => void;
  now(): number;
}

export const timerScheduler: Scheduler = {
  schedule(fn, ms) {
    if (ms <= 0) {
      // next turn of the event loop: the rest of the current burst still joins this flush
      const t = setImmediate(fn);
      return () => clearImmediate(t);
    }
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  now: () => performance.now(),
};

export class BatchingSink<T> {
  private buffer: T[] = [];
  private cancel: (() => void) | undefined;
  private closed = false;
  private lastFlush = -Infinity;
  flushes = 0;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly intervalMs = 100,
    private readonly scheduler: Scheduler = timerScheduler,
  ) {}

  get pending(): number {
    return this.buffer.length;
  }

  push(items: readonly T[]): void {
    if (this.closed || items.length === 0) return;
    for (let i = 0; i < items.length; i++) this.buffer.push(items[i]);
    if (this.cancel) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.scheduler.now());
    this.cancel = this.scheduler.schedule(() => {
      this.cancel = undefined;
      this.flushNow();
    }, wait);
  }

  flushNow(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.buffer.length === 0) return;
    const items = this.buffer;
    this.buffer = [];
    this.flushes++;
    this.lastFlush = this.scheduler.now();
    this.flush(items);
  }

  /** flushes what is left; later pushes are ignored */
  close(): void {
    this.flushNow();
    this.closed = true;
  }
}
