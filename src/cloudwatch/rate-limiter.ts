// One request budget per account and region: CloudWatch Logs allows roughly 5 requests/s for the
// read APIs, and every tail, tree refresh and history page of that account shares it.
// GCRA (a token bucket expressed as a "theoretical arrival time"): requests wait in FIFO order.
import { systemClock, type Clock } from './clock';

export class RequestLimiter {
  private tat = 0;
  private readonly interval: number;
  private readonly tolerance: number;

  constructor(
    readonly ratePerSecond = 5,
    readonly burst = 5,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new Error('RequestLimiter: rate must be > 0 and burst ≥ 1');
    this.interval = 1000 / ratePerSecond;
    this.tolerance = (burst - 1) * this.interval;
  }

  /** Waits for a request slot. The slot is reserved before waiting, so callers go in order. */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const start = Math.max(this.tat, now);
    const wait = start - this.tolerance - now;
    this.tat = start + this.interval;
    if (wait > 0) {
      try {
        await this.clock.sleep(wait, signal);
      } catch (e) {
        // give the slot back if nobody reserved after us
        if (this.tat === start + this.interval) this.tat = start;
        throw e;
      }
    }
  }
}

/** Limiters keyed by account+region; everything talking to one account shares one. */
export class LimiterRegistry {
  private readonly limiters = new Map<string, RequestLimiter>();

  constructor(
    private readonly ratePerSecond = 5,
    private readonly burst = 5,
    private readonly clock: Clock = systemClock,
  ) {}

  get(key: string): RequestLimiter {
    let l = this.limiters.get(key);
    if (!l) {
      l = new RequestLimiter(this.ratePerSecond, this.burst, this.clock);
      this.limiters.set(key, l);
    }
    return l;
  }
}

export const sharedLimiters = new LimiterRegistry();
