// What a tail engine reports besides events: mode changes, sampling, throttling, errors.
import type { ClassifiedError } from './errors';
import type { TailEvent } from './types';

export type TailEngineMode = 'poll' | 'liveTail';

export type TailNotice =
  | { kind: 'started'; mode: TailEngineMode }
  /** Live Tail: the service shows only a sample of the matching events (too many per second) */
  | { kind: 'sampled'; sampled: boolean }
  /** Live Tail session restarted (3-hour session timeout, or the service ended it) */
  | { kind: 'restarted'; reason: string }
  /**
   * switched from Live Tail to polling: the session `ended` (emulators close it after the events
   * they have), or Live Tail is `unavailable` here (`detail` says why)
   */
  | { kind: 'fallback'; cause: 'ended' | 'unavailable'; detail?: string }
  | { kind: 'throttled'; delayMs: number }
  | { kind: 'error'; error: ClassifiedError; fatal: boolean; retryInMs?: number }
  /** requests work again after errors or throttling */
  | { kind: 'recovered' };

export interface TailListener {
  onEvents(events: TailEvent[]): void;
  onNotice?(notice: TailNotice): void;
}

/** Anything with a `take` that waits for a request slot (see RequestLimiter). */
export interface Limiter {
  take(signal?: AbortSignal): Promise<void>;
}
