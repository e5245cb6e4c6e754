import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LimiterRegistry, RequestLimiter } from '../../../src/cloudwatch/rate-limiter';
import { ManualClock, settle } from '../../cloudwatch/helpers/manual-clock';

test('a burst goes through at once, then requests are spaced at the rate, in order', async () => {
  const clock = new ManualClock(0);
  const l = new RequestLimiter(5, 5, clock);
  const granted: [number, number][] = [];
  for (let i = 0; i < 12; i++) void l.take().then(() => granted.push([i, clock.now()]));
  await settle();
  assert.equal(granted.length, 5, 'burst of 5');
  await clock.advance(1000);
  assert.deepEqual(
    granted.map(([i]) => i),
    [...Array(10).keys()],
    'FIFO',
  );
  await clock.advance(1000);
  assert.equal(granted.length, 12);
  assert.deepEqual(
    granted.slice(5).map(([, t]) => t),
    [200, 400, 600, 800, 1000, 1200, 1400],
  );
});

test('over a minute the rate never exceeds the budget', async () => {
  const clock = new ManualClock(0);
  const l = new RequestLimiter(5, 5, clock);
  let done = 0;
  const loop = async () => {
    for (;;) {
      await l.take();
      done++;
    }
  };
  void loop();
  void loop();
  await clock.advance(60_000);
  assert.ok(done <= 5 * 60 + 5, `${done} requests in 60 s`);
  assert.ok(done >= 5 * 60, `${done} requests in 60 s`);
});

test('an aborted wait gives its slot back and rejects with AbortError', async () => {
  const clock = new ManualClock(0);
  const l = new RequestLimiter(1, 1, clock);
  await l.take();
  const ac = new AbortController();
  const p = l.take(ac.signal);
  ac.abort();
  await assert.rejects(p, { name: 'AbortError' });
  let t = -1;
  void l.take().then(() => (t = clock.now()));
  await clock.advance(1000);
  assert.equal(t, 1000);
});

test('one limiter per account+region key', () => {
  const r = new LimiterRegistry();
  assert.equal(r.get('AKIA|eu-west-1|'), r.get('AKIA|eu-west-1|'));
  assert.notEqual(r.get('AKIA|eu-west-1|'), r.get('AKIA|us-east-1|'));
  assert.throws(() => new RequestLimiter(0), /rate must be > 0/);
});
