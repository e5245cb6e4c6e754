// Tail by polling FilterLogEvents. Each poll asks for events from `windowStart`, a little before
// the newest timestamp seen, so events that become visible late (ingestion lag, same
// millisecond) are still picked up; ids seen in that window are remembered so nothing is shown
// twice. The window adapts to the observed ingestion lag and only moves forward.
import { AdaptiveInterval, type BackoffOptions } from './backoff';
import { systemClock, type Clock } from './clock';
import { WindowDedupe, eventKey } from './event-dedupe';
import type { RecentEvents } from './recent-events';
import { TailRetry } from './retry';
import type { Limiter, TailListener } from './tail-listener';
import type { TailEvent, TailTarget } from './types';

export interface FilterRequest {
  logGroupName: string;
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  filterPattern?: string;
  startTime: number;
  nextToken?: string;
}

export interface FilterPage {
  events: TailEvent[];
  nextToken?: string;
}

/** One FilterLogEvents call (see sdk-adapters.ts); tests and the bench may pass their own source. */
export type FetchFilterPage = (req: FilterRequest, signal: AbortSignal) => Promise<FilterPage>;

export interface PollTailOptions {
  /** pause between polls (default 1 s) */
  intervalMs?: number;
  /** first timestamp to show (default: now) */
  startTime?: number;
  /**
   * smallest look-back below the newest timestamp seen (default 5 s: Fluentd's cloudwatch_logs
   * output flushes every few seconds, so streams of different nodes arrive seconds apart)
   */
  minOverlapMs?: number;
  /** largest look-back, however late events arrive (default 2 min) */
  maxOverlapMs?: number;
  limiter?: Limiter;
  clock?: Clock;
  backoff?: BackoffOptions;
  /** events a Live Tail session already showed before handing over; each suppresses one arrival */
  alreadyShown?: RecentEvents;
  /** dedupe memory cap (default 200,000 ids) */
  maxRememberedIds?: number;
}

export const MAX_STREAM_NAMES = 100;

/** The engine's own state, exposed for tests and the bench (memory stays bounded). */
export interface PollTailState {
  windowStart: number;
  remembered: number;
  polls: number;
  requests: number;
}

/**
 * Runs until `signal` aborts or a problem that retrying cannot fix (reported as a fatal error
 * notice). Never throws; never retries faster than the poll interval.
 */
export async function runPollTail(
  fetchPage: FetchFilterPage,
  target: TailTarget,
  listener: TailListener,
  signal: AbortSignal,
  opts: PollTailOptions = {},
  state: PollTailState = { windowStart: 0, remembered: 0, polls: 0, requests: 0 },
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const minOverlap = opts.minOverlapMs ?? 5000;
  const maxOverlap = Math.max(minOverlap, opts.maxOverlapMs ?? 120_000);
  const interval = new AdaptiveInterval(opts.intervalMs ?? 1000, opts.backoff);
  const retry = new TailRetry(signal, clock, listener, interval);
  const dedupe = new WindowDedupe(opts.maxRememberedIds);
  const names = target.logStreamNames?.length ? target.logStreamNames : undefined;
  if (names && names.length > MAX_STREAM_NAMES) {
    listener.onNotice?.({
      kind: 'error',
      fatal: true,
      error: {
        kind: 'invalid-request',
        message: `Cannot tail ${names.length} streams by name (CloudWatch allows ${MAX_STREAM_NAMES}); tail the group or a prefix instead.`,
        detail: '',
        retryable: false,
      },
    });
    return;
  }
  const nameSet = names ? new Set(names) : undefined;
  const prefix = names ? undefined : target.logStreamNamePrefix || undefined;
  let alreadyShown = opts.alreadyShown;
  alreadyShown?.nextSession();

  let windowStart = opts.startTime ?? clock.now();
  let highWater = windowStart;
  let lagPeak = 0;
  state.windowStart = windowStart;

  const emit = (events: TailEvent[]) => {
    let fresh: TailEvent[] | undefined;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      // some emulators ignore the name filters; enforcing them here costs nothing on AWS
      if (nameSet ? !nameSet.has(ev.logStreamName) : prefix !== undefined && !ev.logStreamName.startsWith(prefix)) continue;
      if (ev.timestamp < windowStart) continue;
      if (!dedupe.add(ev.eventId ?? eventKey(ev), ev.timestamp)) continue;
      if (alreadyShown?.consume(ev)) continue;
      if (ev.timestamp > highWater) highWater = ev.timestamp;
      if (ev.ingestionTime !== undefined) {
        const lag = ev.ingestionTime - ev.timestamp;
        if (lag > lagPeak) lagPeak = lag;
      }
      (fresh ??= []).push(ev);
    }
    if (fresh) listener.onEvents(fresh);
  };

  while (!signal.aborted) {
    const pollStartedAt = clock.now();
    let nextToken: string | undefined;
    let pollDone = false;
    while (!pollDone) {
      try {
        await opts.limiter?.take(signal);
        state.requests++;
        const page = await fetchPage(
          {
            logGroupName: target.logGroupName,
            ...(names ? { logStreamNames: names } : prefix ? { logStreamNamePrefix: prefix } : {}),
            ...(target.filterPattern ? { filterPattern: target.filterPattern } : {}),
            startTime: windowStart,
            ...(nextToken ? { nextToken } : {}),
          },
          signal,
        );
        emit(page.events);
        nextToken = page.nextToken;
        pollDone = !nextToken;
        retry.succeeded();
      } catch (err) {
        const c = retry.classify(err, { operation: 'FilterLogEvents', resource: target.logGroupName });
        if (!c) return;
        if (!c.retryable) {
          listener.onNotice?.({ kind: 'error', error: c, fatal: true });
          return;
        }
        // then the same page again: the token still points at it
        if (!(await retry.backOff(c))) return;
      }
    }
    state.polls++;
    // Move the window: never past "now" (a writer with a fast clock must not hide current
    // events), never backwards (forgotten ids would be shown again).
    // the look-back covers the largest recent lag between an event's time and its ingestion,
    // with a margin that grows with it
    const overlap = Math.min(maxOverlap, Math.max(minOverlap, lagPeak * 1.5 + 1000));
    const candidate = Math.min(highWater, pollStartedAt) - overlap;
    if (candidate > windowStart) {
      windowStart = candidate;
      dedupe.prune(windowStart);
      // the Live Tail's events are all below the window now
      if (alreadyShown && alreadyShown.newest < windowStart) alreadyShown = undefined;
    }
    // forget a lag spike slowly (half-life ~35 polls): bursty shippers lag again soon
    lagPeak *= 0.98;
    state.windowStart = windowStart;
    state.remembered = dedupe.size;
    // Polls start at a fixed rate (one per interval, measured start to start) so the request's
    // own duration does not add to the latency; never less than a quarter interval apart.
    const wait = interval.onSuccess();
    const delay = interval.backedOff ? wait : Math.max(wait - (clock.now() - pollStartedAt), Math.min(250, wait / 4));
    if (!(await retry.sleep(delay))) return;
  }
}
