import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessDeniedException, ThrottlingException } from '@aws-sdk/client-cloudwatch-logs';
import { runPollTail, type PollTailState } from '../../../src/cloudwatch/poll-tail';
import { RecentEvents } from '../../../src/cloudwatch/recent-events';
import type { TailNotice } from '../../../src/cloudwatch/tail-listener';
import type { TailEvent } from '../../../src/cloudwatch/types';
import { ManualClock } from '../../cloudwatch/helpers/manual-clock';
import { MemoryLogStore } from '../../cloudwatch/helpers/memory-source';

function collector() {
  const events: TailEvent[] = [];
  const notices: TailNotice[] = [];
  return { events, notices, listener: { onEvents: (e: TailEvent[]) => events.push(...e), onNotice: (n: TailNotice) => notices.push(n) } };
}

const G = { logGroupName: '/eks/demo/containers' };

test('every event exactly once across overlapping polls, including late and same-millisecond ones', async () => {
  const clock = new ManualClock(1_000_000);
  const store = new MemoryLogStore(7); // small pages: polls span several pages
  const c = collector();
  const ac = new AbortController();
  const done = runPollTail(store.fetch, G, c.listener, ac.signal, { clock, startTime: clock.now(), intervalMs: 1000 });
  const written: TailEvent[] = [];
  for (let s = 0; s < 30; s++) {
    const now = clock.now();
    for (let i = 0; i < 10; i++) written.push(store.put(`s${i % 3}`, now - (i % 4), `m${s}-${i}`));
    // an event that shows up 2 s after its timestamp (ingestion lag)
    if (s > 2) written.push(store.put('late', now - 2000, `late${s}`, now));
    await clock.advance(1000);
  }
  await clock.advance(5000);
  ac.abort();
  await done;
  const got = c.events.map((e) => e.eventId).sort();
  const want = written
    .filter((e) => e.timestamp >= 1_000_000)
    .map((e) => e.eventId)
    .sort();
  assert.deepEqual(got, want);
});

test('the window forgets old ids: memory stays bounded over many polls', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  const c = collector();
  const ac = new AbortController();
  const state: PollTailState = { windowStart: 0, remembered: 0, polls: 0, requests: 0 };
  const done = runPollTail(store.fetch, G, c.listener, ac.signal, { clock, startTime: 0, intervalMs: 1000 }, state);
  let maxRemembered = 0;
  for (let s = 0; s < 200; s++) {
    for (let i = 0; i < 50; i++) store.put('s', clock.now(), `x`);
    await clock.advance(1000);
    maxRemembered = Math.max(maxRemembered, state.remembered);
  }
  ac.abort();
  await done;
  assert.equal(c.events.length, 200 * 50);
  // 5 s minimum overlap + 1 s poll at 50 events/s ⇒ a few hundred ids, not 10,000
  assert.ok(maxRemembered < 400, `remembered ${maxRemembered}`);
  assert.ok(state.windowStart > 190_000);
});

test('throttling: retries the same page with growing delays (no hot loop), then recovers', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  store.put('s', 0, 'a');
  for (let i = 0; i < 6; i++)
    store.failures.push(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));
  const c = collector();
  const ac = new AbortController();
  const done = runPollTail(store.fetch, G, c.listener, ac.signal, {
    clock,
    startTime: 0,
    intervalMs: 1000,
    backoff: { random: () => 0.5 },
  });
  await clock.advance(120_000);
  ac.abort();
  await done;
  const throttled = c.notices.filter((n) => n.kind === 'throttled').map((n) => (n as { delayMs: number }).delayMs);
  assert.deepEqual(throttled, [2000, 4000, 8000, 16000, 30000, 30000]);
  assert.equal(c.notices.filter((n) => n.kind === 'recovered').length, 1);
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['a'],
  );
  // 6 throttled (90 s of waiting) + polls in the remaining 30 s, eased back by halving
  assert.ok(store.requests.length < 20, `${store.requests.length} requests in 120 s`);
});

test('AccessDenied stops the tail with one fatal notice naming the IAM action', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  store.failures.push(
    new AccessDeniedException({
      message:
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:eu-west-1:123456789012:log-group:/eks/demo/containers:*',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  const c = collector();
  const done = runPollTail(store.fetch, G, c.listener, new AbortController().signal, { clock, startTime: 0 });
  await clock.advance(10_000);
  await done; // returned by itself
  assert.equal(store.requests.length, 1);
  assert.equal(c.notices.length, 1);
  const n = c.notices[0];
  assert.ok(
    n.kind === 'error' && n.fatal && n.error.kind === 'access-denied' && n.error.action === 'logs:FilterLogEvents',
    JSON.stringify(n),
  );
});

test('network errors are retried with backoff and reported each time with the delay', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  for (let i = 0; i < 3; i++) store.failures.push(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
  const c = collector();
  const ac = new AbortController();
  const done = runPollTail(store.fetch, G, c.listener, ac.signal, { clock, startTime: 0, backoff: { random: () => 0.5 } });
  await clock.advance(20_000);
  ac.abort();
  await done;
  const errs = c.notices.filter((n) => n.kind === 'error');
  assert.equal(errs.length, 3);
  assert.ok(errs.every((n) => n.kind === 'error' && !n.fatal && n.error.kind === 'network'));
  assert.deepEqual(
    errs.map((n) => (n as { retryInMs: number }).retryInMs),
    [2000, 4000, 8000],
  );
});

test('stream names and prefixes are enforced even if the source ignores them; >100 names is refused', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  const ignoring = async (req: Parameters<typeof store.fetch>[0], s: AbortSignal) =>
    store.fetch({ ...req, logStreamNamePrefix: undefined, logStreamNames: undefined }, s);
  store.put('pod-a_x', 1, 'yes');
  store.put('pod-b_x', 1, 'no');
  const c = collector();
  const ac = new AbortController();
  const done = runPollTail(ignoring, { ...G, logStreamNamePrefix: 'pod-a' }, c.listener, ac.signal, { clock, startTime: 0 });
  await clock.advance(3000);
  ac.abort();
  await done;
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['yes'],
  );
  assert.equal(store.requests[0].logStreamNamePrefix, undefined, '(the wrapper dropped it)');

  const c2 = collector();
  await runPollTail(
    store.fetch,
    { ...G, logStreamNames: Array.from({ length: 101 }, (_, i) => `s${i}`) },
    c2.listener,
    new AbortController().signal,
    { clock },
  );
  assert.equal(c2.notices[0].kind === 'error' && c2.notices[0].error.kind, 'invalid-request');
});

test('a writer with a clock in the future does not push the window past now', async () => {
  const clock = new ManualClock(100_000);
  const store = new MemoryLogStore();
  const c = collector();
  const ac = new AbortController();
  const done = runPollTail(store.fetch, G, c.listener, ac.signal, { clock, startTime: 100_000 });
  store.put('skewed', 100_000 + 3_600_000, 'from the future');
  await clock.advance(2000);
  store.put('normal', clock.now() - 10, 'current');
  await clock.advance(2000);
  ac.abort();
  await done;
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['from the future', 'current'],
  );
});

test('events a Live Tail session already showed are not shown again after the handover', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  const a = store.put('s', 10, 'seen');
  store.put('s', 10, 'new at the same ms');
  const shown = new RecentEvents();
  shown.admit({ ...a, eventId: undefined });
  const c = collector();
  const ac = new AbortController();
  const done = runPollTail(store.fetch, G, c.listener, ac.signal, { clock, startTime: 0, alreadyShown: shown });
  await clock.advance(3000);
  ac.abort();
  await done;
  assert.deepEqual(
    c.events.map((e) => e.message),
    ['new at the same ms'],
  );
});

test('abort ends the tail promptly, even while waiting between polls', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  const ac = new AbortController();
  const done = runPollTail(store.fetch, G, collector().listener, ac.signal, { clock, startTime: 0, intervalMs: 60_000 });
  await clock.advance(10);
  ac.abort();
  await done;
  assert.equal(store.requests.length, 1);
  assert.equal(clock.pendingTimers, 0);
});

test('polls start once per interval, measured start to start (a slow request does not add up)', async () => {
  const clock = new ManualClock(0);
  const store = new MemoryLogStore();
  const starts: number[] = [];
  const slow = async (req: Parameters<typeof store.fetch>[0], s: AbortSignal) => {
    starts.push(clock.now());
    await clock.sleep(300, s);
    return store.fetch(req, s);
  };
  const ac = new AbortController();
  const done = runPollTail(slow, G, collector().listener, ac.signal, { clock, startTime: 0, intervalMs: 1000 });
  await clock.advance(4500);
  ac.abort();
  await done;
  assert.deepEqual(starts, [0, 1000, 2000, 3000, 4000]);
});
