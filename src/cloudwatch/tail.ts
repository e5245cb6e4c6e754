// One tail session: picks Live Tail or polling (automatic, or forced by the tailMode setting),
// hands over from a Live Tail session that ends to polling without repeats, counts events/s.
import { systemClock, type Clock } from './clock';
import { runLiveTail, type OpenLiveTail } from './live-tail';
import { runPollTail, type FetchFilterPage, type PollTailOptions, type PollTailState } from './poll-tail';
import { RateMeter } from './rate-meter';
import type { TailMode } from './settings';
import type { Limiter, TailEngineMode, TailListener, TailNotice } from './tail-listener';
import type { TailTarget } from './types';

export interface TailDeps {
  fetchFilterPage: FetchFilterPage;
  /** absent when the endpoint cannot do StartLiveTail */
  openLiveTail?: OpenLiveTail;
  limiter?: Limiter;
  clock?: Clock;
}

export interface TailOptions {
  mode?: TailMode;
  pollIntervalMs?: number;
  /** first timestamp to show when polling (default: now); Live Tail only shows new events */
  startTime?: number;
  poll?: Omit<PollTailOptions, 'intervalMs' | 'startTime' | 'limiter' | 'clock' | 'alreadyShown'>;
}

export interface TailSession {
  readonly target: TailTarget;
  /** the engine currently running (undefined before it started) */
  readonly mode: TailEngineMode | undefined;
  readonly rate: RateMeter;
  /** polling engine internals (window, remembered ids), for tests and the bench */
  readonly pollState: PollTailState;
  /** resolves when the tail ended (stopped, or a fatal error was reported) */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export function startTail(deps: TailDeps, target: TailTarget, listener: TailListener, opts: TailOptions = {}): TailSession {
  const controller = new AbortController();
  const clock = deps.clock ?? systemClock;
  const rate = new RateMeter(() => clock.now());
  const pollState: PollTailState = { windowStart: 0, remembered: 0, polls: 0, requests: 0 };
  let mode: TailEngineMode | undefined;
  const notice = (n: TailNotice) => listener.onNotice?.(n);
  const counted: TailListener = {
    onEvents(events) {
      rate.add(events.length);
      listener.onEvents(events);
    },
    onNotice: notice,
  };
  const startedAt = clock.now();
  const wanted = opts.mode ?? 'auto';

  const poll = (extra: Pick<PollTailOptions, 'startTime' | 'alreadyShown'> = {}) => {
    mode = 'poll';
    notice({ kind: 'started', mode: 'poll' });
    return runPollTail(
      deps.fetchFilterPage,
      target,
      counted,
      controller.signal,
      {
        ...opts.poll,
        intervalMs: opts.pollIntervalMs ?? 1000,
        startTime: opts.startTime ?? startedAt,
        limiter: deps.limiter,
        clock,
        ...extra,
      },
      pollState,
    );
  };

  const run = async () => {
    const canLive = !!deps.openLiveTail && !!target.logGroupArn;
    if (wanted === 'poll' || (wanted === 'auto' && !canLive)) return poll();
    if (!canLive) {
      notice({
        kind: 'error',
        fatal: true,
        error: {
          kind: 'invalid-request',
          message:
            'Live Tail is not available here (no log group ARN or no StartLiveTail); set fluentd.cloudwatch.tailMode to "auto" or "poll".',
          detail: '',
          retryable: false,
        },
      });
      return;
    }
    mode = 'liveTail';
    const outcome = await runLiveTail(deps.openLiveTail!, target, counted, controller.signal, {
      limiter: deps.limiter,
      clock,
      restartOnEnd: wanted === 'liveTail',
    });
    switch (outcome.kind) {
      case 'aborted':
        return;
      case 'fatal':
        notice({ kind: 'error', error: outcome.error, fatal: true });
        return;
      case 'unavailable':
        if (wanted === 'liveTail') {
          notice({ kind: 'error', error: outcome.error, fatal: true });
          return;
        }
        notice({ kind: 'fallback', cause: 'unavailable', detail: outcome.error.message });
        return poll();
      case 'ended':
        notice({ kind: 'fallback', cause: 'ended' });
        return poll({
          // from just before the newest event shown; when none was, from where polling would have started
          startTime: outcome.highWater !== undefined ? outcome.highWater - outcome.shown.windowMs : (opts.startTime ?? startedAt),
          alreadyShown: outcome.shown,
        });
    }
  };

  const done = run().catch((err) => {
    // engines report their own errors; this is a last guard against a crash
    notice({
      kind: 'error',
      fatal: true,
      error: {
        kind: 'unknown',
        message: `Tail stopped: ${err instanceof Error ? err.message : String(err)}`,
        detail: String(err),
        retryable: false,
      },
    });
  });

  return {
    target,
    get mode() {
      return mode;
    },
    rate,
    pollState,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
