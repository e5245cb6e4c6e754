// The polling interval, stretched when CloudWatch throttles or fails and eased back to the
// configured interval after successes. Never shorter than the base: no hot retry loop.

export interface BackoffOptions {
  /** upper bound for the interval (default 30 s) */
  maxMs?: number;
  /** growth on throttling/failure (default ×2) */
  factor?: number;
  /** random in [0,1) for jitter; tail sessions sharing an account should not retry in lockstep */
  random?: () => number;
}

export class AdaptiveInterval {
  private current: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly random: () => number;

  constructor(
    private baseMs: number,
    opts: BackoffOptions = {},
  ) {
    if (!(baseMs > 0)) throw new Error('AdaptiveInterval: base interval must be > 0');
    this.maxMs = Math.max(baseMs, opts.maxMs ?? 30_000);
    this.factor = opts.factor ?? 2;
    this.random = opts.random ?? Math.random;
    this.current = baseMs;
  }

  get intervalMs(): number {
    return this.current;
  }

  get backedOff(): boolean {
    return this.current > this.baseMs;
  }

  setBase(ms: number): void {
    this.baseMs = ms;
    this.current = Math.max(ms, Math.min(this.current, this.maxMs));
  }

  /** Throttled or failed: grow the interval; returns the delay before the next try (with jitter). */
  onFailure(): number {
    this.current = Math.min(this.maxMs, this.current * this.factor);
    return this.delay();
  }

  /** Worked: halve the extra delay, so recovery is quick but does not hit the limit again at once. */
  onSuccess(): number {
    this.current = Math.max(this.baseMs, this.baseMs + (this.current - this.baseMs) / 2);
    if (this.current - this.baseMs < 1) this.current = this.baseMs;
    return this.delay();
  }

  /** The delay to wait now: the interval, ±10 % jitter while backed off. */
  delay(): number {
    if (!this.backedOff) return this.current;
    return Math.round(this.current * (0.9 + 0.2 * this.random()));
  }
}
