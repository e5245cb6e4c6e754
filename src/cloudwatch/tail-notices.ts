// What a tail's output channel says about the engine, in plain words: which way events are
// followed, and why it changed.
import type { TailNotice } from './tail-listener';

export function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s} s`;
}

/** The line a tail's output channel shows for `n` (without the "[fluentd]" prefix). */
export function noticeText(n: TailNotice, pollIntervalMs: number): string {
  const every = seconds(pollIntervalMs);
  switch (n.kind) {
    case 'started':
      return n.mode === 'liveTail'
        ? 'Live Tail started: new events appear as CloudWatch sends them'
        : `following new events by asking CloudWatch every ${every}`;
    case 'fallback':
      return n.cause === 'ended'
        ? `The Live Tail session was closed by the endpoint (emulators such as moto close it after the events they have). ` +
            `Nothing is wrong: new events keep coming, now by asking CloudWatch every ${every}, and none is shown twice.`
        : `Live Tail cannot be used here (${n.detail ?? 'no reason given'}). ` +
            `New events still appear, by asking CloudWatch every ${every} instead.`;
    case 'sampled':
      return n.sampled
        ? 'CloudWatch is sampling this Live Tail: too many events per second, some are not shown'
        : 'Live Tail shows every event again';
    case 'restarted':
      return `Live Tail restarted: ${n.reason}`;
    case 'throttled':
      return `CloudWatch asked us to slow down (throttling); next request in ${seconds(n.delayMs)}`;
    case 'recovered':
      return 'requests work again';
    case 'error':
      return `${n.fatal ? 'stopped: ' : ''}${n.error.message}${n.retryInMs ? ` (retrying in ${seconds(n.retryInMs)})` : ''}`;
  }
}
