// Collects items and hands them on at most every ~100 ms, so a burst of thousands of events
// becomes a few large appends instead of thousands of small ones that would stall the UI.

export interface Scheduler {
  schedule(fn: () => void, ms: number): () => void;
}

export const timerScheduler: Scheduler = {
  schedule(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export class BatchingSink<T> {
  private buffer: T[] = [];
  private cancel: (() => void) | undefined;
  private closed = false;
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
    this.cancel ??= this.scheduler.schedule(() => {
      this.cancel = undefined;
      this.flushNow();
    }, this.intervalMs);
  }

  flushNow(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.buffer.length === 0) return;
    const items = this.buffer;
    this.buffer = [];
    this.flushes++;
    this.flush(items);
  }

  /** flushes what is left; later pushes are ignored */
  close(): void {
    this.flushNow();
    this.closed = true;
  }
}
