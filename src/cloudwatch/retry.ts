// The retry policy both tail engines follow: a failed request is classified; our own abort ends
// quietly, a problem retrying cannot fix ends the tail, anything else is reported with its delay
// and waited out with a growing backoff. After trouble, the first request that works says so.
import { AdaptiveInterval } from './backoff';
import type { Clock } from './clock';
import { classifyAwsError, type ClassifiedError, type ErrorContext } from './errors';
import type { TailListener } from './tail-listener';

export class TailRetry {
  private troubled = false;

  constructor(
    private readonly signal: AbortSignal,
    private readonly clock: Clock,
    private readonly listener: TailListener,
    readonly backoff: AdaptiveInterval,
  ) {}

  /** The failure as the user should read it; undefined when it only means the tail was stopped. */
  classify(err: unknown, ctx: ErrorContext): ClassifiedError | undefined {
    if (this.signal.aborted) return undefined;
    const c = classifyAwsError(err, ctx);
    return c.kind === 'aborted' ? undefined : c;
  }

  /** Reports a retryable failure with the delay before the next try and waits it out; false when stopped meanwhile. */
  async backOff(c: ClassifiedError): Promise<boolean> {
    const delay = this.backoff.onFailure();
    this.troubled = true;
    this.listener.onNotice?.(
      c.kind === 'throttling' ? { kind: 'throttled', delayMs: delay } : { kind: 'error', error: c, fatal: false, retryInMs: delay },
    );
    return this.sleep(delay);
  }

  /** A request worked: after failures, say that requests work again. */
  succeeded(): void {
    if (!this.troubled) return;
    this.troubled = false;
    this.listener.onNotice?.({ kind: 'recovered' });
  }

  /** Waits; false when the tail was stopped meanwhile. */
  async sleep(ms: number): Promise<boolean> {
    try {
      await this.clock.sleep(ms, this.signal);
      return true;
    } catch {
      return false;
    }
  }
}
