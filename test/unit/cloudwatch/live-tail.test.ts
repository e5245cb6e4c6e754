import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionTimeoutException } from '@aws-sdk/client-cloudwatch-logs';
import { runLiveTail, type LiveTailMessage, type LiveTailRequest, type OpenLiveTail } from '../../../src/cloudwatch/live-tail';
import { startTail } from '../../../src/cloudwatch/tail';
import type { TailNotice } from '../../../src/cloudwatch/tail-listener';
import type { TailEvent } from '../../../src/cloudwatch/types';
import { ManualClock } from '../../cloudwatch/helpers/manual-clock';
import { MemoryLogStore } from '../../cloudwatch/helpers/memory-source';

const TARGET = { logGroupName: '/eks/demo/containers', logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/eks/demo/containers' };
const ev = (ts: number, message: string, stream = 's'): TailEvent => ({ logStreamName: stream, timestamp: ts, message });

/** Sessions scripted as lists of messages; a thrown entry is thrown while iterating. */
function scripted(sessions: (LiveTailMessage | Error)[][]) {
  const requests: LiveTailRequest[] = [];
  const open: OpenLiveTail = async (req) => {
    requests.push(req);
    const script = sessions.shift();
    if (!script) throw Object.assign(new Error('no more sessions'), { name: 'ServiceUnavailableException', $fault: 'server' });
    return (async function* () {
      for (const m of script) {
        if (m instanceof Error) throw m;
        yield m;
      }
    })();
  };
  return { open, requests };
}

function collector() {
  const events: TailEvent[] = [];
  const notices: TailNotice[] = [];
  return { events, notices, listener: { onEvents: (e: TailEvent[]) => events.push(...e), onNotice: (n: TailNotice) => notices.push(n) } };
}

test('the request carries the group ARN, stream names or prefix, and the filter pattern', async () => {
  const s = scripted([[{ kind: 'start' }]]);
  const out = await runLiveTail(
    s.open,
    { ...TARGET, logStreamNames: ['a', 'b'], filterPattern: 'ERROR' },
    collector().listener,
    new AbortController().signal,
  );
  assert.equal(out.kind, 'ended');
  assert.deepEqual(s.requests[0], {
    logGroupIdentifiers: [TARGET.logGroupArn],
    logStreamNames: ['a', 'b'],
    logEventFilterPattern: 'ERROR',
  });
  const s2 = scripted([[]]);
  await runLiveTail(s2.open, { ...TARGET, logStreamNamePrefix: 'pod-a_' }, collector().listener, new AbortController().signal);
  assert.deepEqual(s2.requests[0], { logGroupIdentifiers: [TARGET.logGroupArn], logStreamNamePrefixes: ['pod-a_'] });
});

test('a 3-hour session timeout (as event or as thrown exception) restarts the session', async () => {
  const timeoutErr = new SessionTimeoutException({ message: 'Session timed out', $metadata: {} });
  const s = scripted([
    [{ kind: 'start' }, { kind: 'update', sampled: false, events: [ev(1, 'a')] }, { kind: 'timeout' }],
    [{ kind: 'start' }, { kind: 'update', sampled: false, events: [ev(2, 'b')] }, timeoutErr],
    [{ kind: 'start' }, { kind: 'update', sampled: false, events: [ev(3, 'c')] }],
  ]);
  const c = collector();
  const out = await runLiveTail(s.open, TARGET, c.listener, new AbortController().signal);
  assert.equal(out.kind, 'ended');
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['a', 'b', 'c'],
  );
  assert.equal(c.notices.filter((n) => n.kind === 'restarted').length, 2);
  assert.equal(s.requests.length, 3);
});

test('sampling is reported when it starts and when it stops', async () => {
  const s = scripted([
    [
      { kind: 'update', sampled: false, events: [ev(1, 'a')] },
      { kind: 'update', sampled: true, events: [ev(2, 'b')] },
      { kind: 'update', sampled: true, events: [ev(3, 'c')] },
      { kind: 'update', sampled: false, events: [] },
    ],
  ]);
  const c = collector();
  await runLiveTail(s.open, TARGET, c.listener, new AbortController().signal);
  assert.deepEqual(
    c.notices.filter((n) => n.kind === 'sampled'),
    [
      { kind: 'sampled', sampled: true },
      { kind: 'sampled', sampled: false },
    ],
  );
});

test('forced Live Tail: a session that ends is restarted and repeated snapshots are not shown twice', async () => {
  const clock = new ManualClock(0);
  const snap = (extra: TailEvent[]): LiveTailMessage[] => [
    { kind: 'start' },
    { kind: 'update', sampled: false, events: [ev(10, 'x'), ev(10, 'x'), ev(11, 'y'), ...extra] },
  ];
  const s = scripted([snap([]), snap([ev(12, 'z')]), snap([ev(12, 'z'), ev(13, 'w')])]);
  const c = collector();
  const ac = new AbortController();
  const done = runLiveTail(s.open, TARGET, c.listener, ac.signal, { clock, restartOnEnd: true });
  await clock.advance(30_000);
  // the fourth open fails with a retryable error; the run keeps retrying (with backoff) until aborted
  ac.abort();
  assert.deepEqual(await done, { kind: 'aborted' });
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['x', 'x', 'y', 'z', 'w'],
  );
  assert.equal(c.notices.filter((n) => n.kind === 'restarted').length, 3, 'after each of the three sessions');
  assert.ok(c.notices.some((n) => n.kind === 'error' && !n.fatal && n.error.kind === 'service'));
  assert.ok(s.requests.length <= 10, `${s.requests.length} opens in 30 s`);
});

test('the first start failing means "unavailable"; abort means "aborted"', async () => {
  const failing: OpenLiveTail = async () => {
    throw Object.assign(new Error('Unknown operation StartLiveTail'), {
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 404 },
    });
  };
  const out = await runLiveTail(failing, TARGET, collector().listener, new AbortController().signal);
  assert.equal(out.kind, 'unavailable');
  const noArn = await runLiveTail(failing, { logGroupName: 'g' }, collector().listener, new AbortController().signal);
  assert.equal(noArn.kind, 'unavailable');

  const silent: OpenLiveTail = async () => ({
    [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<LiveTailMessage>>(() => undefined) }),
  });
  const ac = new AbortController();
  const p = runLiveTail(silent, TARGET, collector().listener, ac.signal);
  setTimeout(() => ac.abort(), 10);
  assert.deepEqual(await p, { kind: 'aborted' });
});

test('auto mode: a Live Tail session that ends hands over to polling without repeats or gaps', async () => {
  const clock = new ManualClock(100_000);
  const store = new MemoryLogStore();
  const shownLive = [store.put('s', 99_000, 'old'), store.put('s', 100_000, 'at start')];
  const s = scripted([
    [{ kind: 'start' }, { kind: 'update', sampled: false, events: shownLive.map((e) => ({ ...e, eventId: undefined })) }],
  ]);
  const c = collector();
  const session = startTail({ fetchFilterPage: store.fetch, openLiveTail: s.open, clock }, TARGET, c.listener, { mode: 'auto' });
  await clock.advance(100);
  store.put('s', clock.now(), 'after handover');
  await clock.advance(3000);
  await session.stop();
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['old', 'at start', 'after handover'],
  );
  assert.deepEqual(
    c.notices.map((n) => n.kind),
    ['started', 'fallback', 'started'],
  );
  assert.deepEqual(
    c.notices.find((n) => n.kind === 'fallback'),
    { kind: 'fallback', cause: 'ended' },
  );
  assert.equal(session.mode, 'poll');
});

test('auto mode without StartLiveTail polls; forced liveTail without it reports why', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  const c = collector();
  const a = startTail({ fetchFilterPage: store.fetch, clock }, TARGET, c.listener, { mode: 'auto' });
  await clock.advance(10);
  assert.equal(a.mode, 'poll');
  await a.stop();
  const c2 = collector();
  const b = startTail({ fetchFilterPage: store.fetch, clock }, TARGET, c2.listener, { mode: 'liveTail' });
  await b.done;
  assert.ok(c2.notices[0].kind === 'error' && c2.notices[0].fatal && /Live Tail is not available/.test(c2.notices[0].error.message));
});

test('auto mode: an empty Live Tail session hands over to polling from the requested start', async () => {
  const clock = new ManualClock(100_000);
  const store = new MemoryLogStore();
  store.put('s', 80_000, 'written before the tail, inside the look-back');
  store.put('s', 10_000, 'too old');
  const s = scripted([[{ kind: 'start' }, { kind: 'update', sampled: false, events: [] }]]);
  const c = collector();
  const session = startTail({ fetchFilterPage: store.fetch, openLiveTail: s.open, clock }, TARGET, c.listener, {
    mode: 'auto',
    startTime: 40_000,
  });
  await clock.advance(2000);
  await session.stop();
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['written before the tail, inside the look-back'],
  );
});

test('auto mode on a steady stream: the handover to polling repeats nothing (60,000 events at 10 ms spacing)', async () => {
  // Before: the "recently shown" set filled up with the oldest 50,000 events and kept them, so the
  // last 5 s (501 events) came back from polling a second time.
  const count = 60_000;
  const t0 = 1_000_000;
  const clock = new ManualClock(t0 + count * 10);
  const store = new MemoryLogStore();
  for (let i = 0; i < count; i++) store.put('s', t0 + i * 10, `event ${i}`);
  const session: LiveTailMessage[] = [{ kind: 'start' }];
  for (let i = 0; i < count; i += 100) {
    session.push({ kind: 'update', sampled: false, events: store.events.slice(i, i + 100).map((e) => ({ ...e, eventId: undefined })) });
  }
  const s = scripted([session]);
  const c = collector();
  const tail = startTail({ fetchFilterPage: store.fetch, openLiveTail: s.open, clock }, TARGET, c.listener, { mode: 'auto' });
  await clock.advance(3000);
  store.put('s', clock.now(), 'after handover');
  await clock.advance(3000);
  await tail.stop();
  assert.equal(tail.mode, 'poll');
  const times = new Map<string, number>();
  for (const e of c.events) times.set(e.message, (times.get(e.message) ?? 0) + 1);
  const repeated = [...times].filter(([, n]) => n > 1).map(([m]) => m);
  assert.equal(repeated.length, 0, `${repeated.length} events shown twice, e.g. ${repeated.slice(0, 3).join(', ')}`);
  assert.equal(c.events.length, count + 1, 'every event once, the one written after the handover included');
});

test('forced Live Tail on a steady stream: a restarted session that replays the last seconds repeats nothing', async () => {
  const count = 60_000;
  const t0 = 1_000_000;
  const clock = new ManualClock(t0 + count * 10);
  const all = Array.from({ length: count + 100 }, (_, i) => ev(t0 + i * 10, `event ${i}`));
  const updates = (events: TailEvent[]): LiveTailMessage[] => {
    const out: LiveTailMessage[] = [{ kind: 'start' }];
    for (let i = 0; i < events.length; i += 100) out.push({ kind: 'update', sampled: false, events: events.slice(i, i + 100) });
    return out;
  };
  // the second session starts with the last 10 s of the first one again, then 100 new events
  const s = scripted([updates(all.slice(0, count)), updates(all.slice(count - 1000))]);
  const c = collector();
  const ac = new AbortController();
  const done = runLiveTail(s.open, TARGET, c.listener, ac.signal, { clock, restartOnEnd: true });
  await clock.advance(5000);
  ac.abort();
  await done;
  const times = new Map<string, number>();
  for (const e of c.events) times.set(e.message, (times.get(e.message) ?? 0) + 1);
  const repeated = [...times].filter(([, n]) => n > 1).map(([m]) => m);
  assert.equal(repeated.length, 0, `${repeated.length} events shown twice, e.g. ${repeated.slice(0, 3).join(', ')}`);
  assert.equal(c.events.length, count + 100);
});
