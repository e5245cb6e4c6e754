// Tail with StartLiveTail: the service pushes events over one long response. Sessions end after
// three hours (SessionTimeoutException) and are restarted; when the service samples (too many
// events per second) the listener is told. A session that simply ends (emulators that only send
// a snapshot) is reported as `ended`, so the caller can continue by polling.
import { AdaptiveInterval } from './backoff';
import { systemClock, type Clock } from './clock';
import { classifyAwsError, type ClassifiedError } from './errors';
import { RecentEvents } from './recent-events';
import { TailRetry } from './retry';
import type { Limiter, TailListener } from './tail-listener';
import type { TailEvent, TailTarget } from './types';

export interface LiveTailRequest {
  logGroupIdentifiers: string[];
  logStreamNames?: string[];
  logStreamNamePrefixes?: string[];
  logEventFilterPattern?: string;
}

export type LiveTailMessage =
  | { kind: 'start'; sessionId?: string }
  | { kind: 'update'; events: TailEvent[]; sampled: boolean }
  /** the service's 3-hour limit */
  | { kind: 'timeout' };

/** Opens one StartLiveTail session (see sdk-adapters.ts). */
export type OpenLiveTail = (req: LiveTailRequest, signal: AbortSignal) => Promise<AsyncIterable<LiveTailMessage>>;

export type LiveTailOutcome =
  | { kind: 'aborted' }
  /** StartLiveTail could not be used at all (first start failed) */
  | { kind: 'unavailable'; error: ClassifiedError }
  | { kind: 'fatal'; error: ClassifiedError }
  /**
   * the session ended without a timeout; `highWater` is the newest timestamp shown and `shown`
   * the events at the end of the session, for a duplicate-free handover
   */
  | { kind: 'ended'; highWater: number | undefined; shown: RecentEvents };

/** default look-back below the newest shown timestamp when checking for repeats */
export const RECENT_WINDOW_MS = 5000;

export interface LiveTailOptions {
  limiter?: Limiter;
  clock?: Clock;
  /** restart when the session ends without a timeout (forced Live Tail mode) instead of returning `ended` */
  restartOnEnd?: boolean;
  /** how far below the newest shown timestamp repeats are checked after a restart (default 5 s) */
  recentWindowMs?: number;
  /** memory bound of the events remembered for that check (default 4 MiB) */
  recentMaxBytes?: number;
  /** stop after this many restarts in a row without any event (default 20) */
  maxIdleRestarts?: number;
}

export function liveTailRequest(target: TailTarget): LiveTailRequest {
  const arn = target.logGroupArn;
  if (!arn) throw new Error(`Live Tail needs the ARN of log group ${target.logGroupName}`);
  const req: LiveTailRequest = { logGroupIdentifiers: [arn] };
  if (target.logStreamNames?.length) req.logStreamNames = target.logStreamNames;
  else if (target.logStreamNamePrefix) req.logStreamNamePrefixes = [target.logStreamNamePrefix];
  if (target.filterPattern) req.logEventFilterPattern = target.filterPattern;
  return req;
}

/** Iterates `it`, giving up as soon as `signal` aborts even if the stream is silent. */
async function* untilAborted<T>(it: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = it[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<IteratorResult<T>>((resolve) => {
    onAbort = () => resolve({ done: true, value: undefined });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const r = await Promise.race([iterator.next(), aborted]);
      if (r.done || signal.aborted) return;
      yield r.value;
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    // closes the HTTP response when we stop early
    void iterator.return?.()?.catch(() => undefined);
  }
}

export async function runLiveTail(
  open: OpenLiveTail,
  target: TailTarget,
  listener: TailListener,
  signal: AbortSignal,
  opts: LiveTailOptions = {},
): Promise<LiveTailOutcome> {
  const clock = opts.clock ?? systemClock;
  const retry = new TailRetry(signal, clock, listener, new AdaptiveInterval(1000));
  let req: LiveTailRequest;
  try {
    req = liveTailRequest(target);
  } catch (e) {
    return { kind: 'unavailable', error: classifyAwsError(e, { operation: 'StartLiveTail' }) };
  }
  const ctx = { operation: 'StartLiveTail', resource: target.logGroupName };
  // events near the newest one shown, to recognise repeats after a restart or handover
  const recent = new RecentEvents(opts.recentWindowMs ?? RECENT_WINDOW_MS, opts.recentMaxBytes);
  let sessions = 0;
  let idleRestarts = 0;
  let lastSampled = false;

  while (!signal.aborted) {
    let stream: AsyncIterable<LiveTailMessage>;
    // what the sessions before this one showed: older events are not shown again, repeats of
    // recent ones once per copy
    const floor = Number.isFinite(recent.newest) ? recent.newest - recent.windowMs : undefined;
    recent.nextSession();
    try {
      await opts.limiter?.take(signal);
      stream = await open(req, signal);
    } catch (err) {
      const c = retry.classify(err, ctx);
      if (!c) return { kind: 'aborted' };
      if (sessions === 0) return { kind: 'unavailable', error: c };
      if (!c.retryable) return { kind: 'fatal', error: c };
      if (!(await retry.backOff(c))) return { kind: 'aborted' };
      continue;
    }
    if (sessions === 0) listener.onNotice?.({ kind: 'started', mode: 'liveTail' });
    else retry.succeeded();
    sessions++;
    let timedOut = false;
    let gotEvents = false;
    try {
      for await (const msg of untilAborted(stream, signal)) {
        if (msg.kind === 'timeout') {
          timedOut = true;
          break;
        }
        if (msg.kind !== 'update') continue;
        if (msg.sampled !== lastSampled) {
          lastSampled = msg.sampled;
          listener.onNotice?.({ kind: 'sampled', sampled: msg.sampled });
        }
        const fresh: TailEvent[] = [];
        for (const ev of msg.events) {
          if (floor !== undefined && ev.timestamp < floor) continue;
          if (recent.admit(ev)) fresh.push(ev);
        }
        if (fresh.length) {
          gotEvents = true;
          listener.onEvents(fresh);
        }
      }
    } catch (err) {
      const c = retry.classify(err, ctx);
      if (!c) return { kind: 'aborted' };
      const name = (err as { name?: string })?.name;
      if (name === 'SessionTimeoutException') {
        timedOut = true;
      } else if (!c.retryable && name !== 'SessionStreamingException') {
        return { kind: 'fatal', error: c };
      } else {
        if (!(await retry.backOff(c))) return { kind: 'aborted' };
        listener.onNotice?.({ kind: 'restarted', reason: 'the Live Tail stream failed' });
        continue;
      }
    }
    if (signal.aborted) return { kind: 'aborted' };
    if (timedOut) {
      retry.backoff.onSuccess();
      listener.onNotice?.({ kind: 'restarted', reason: 'Live Tail sessions end after 3 hours' });
      continue;
    }
    if (!opts.restartOnEnd) return { kind: 'ended', highWater: Number.isFinite(recent.newest) ? recent.newest : undefined, shown: recent };
    idleRestarts = gotEvents ? 0 : idleRestarts + 1;
    if (idleRestarts > (opts.maxIdleRestarts ?? 20)) {
      return {
        kind: 'fatal',
        error: { kind: 'service', message: 'The Live Tail session keeps ending without events; stopped.', detail: '', retryable: false },
      };
    }
    const delay = retry.backoff.onFailure();
    listener.onNotice?.({ kind: 'restarted', reason: 'the service ended the Live Tail session' });
    if (!(await retry.sleep(delay))) return { kind: 'aborted' };
  }
  return { kind: 'aborted' };
}
