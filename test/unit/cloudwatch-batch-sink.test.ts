import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchingSink, type Scheduler } from '../../src/cloudwatch/batch-sink';
import { RateMeter } from '../../src/cloudwatch/rate-meter';

function manualScheduler() {
  const pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const s: Scheduler = {
    schedule(fn, ms) {
      const t = { fn, ms, cancelled: false };
      pending.push(t);
      return () => (t.cancelled = true);
    },
  };
  const fire = () => {
    const due = pending.splice(0).filter((t) => !t.cancelled);
    for (const t of due) t.fn();
  };
  return { s, pending, fire };
}

test('a burst of pushes becomes one flush per interval, in order, nothing lost', () => {
  const m = manualScheduler();
  const flushed: number[][] = [];
  const sink = new BatchingSink<number>((items) => flushed.push(items), 100, m.s);
  for (let i = 0; i < 5000; i++) sink.push([i]);
  assert.equal(m.pending.length, 1, 'one timer for the whole burst');
  assert.equal(m.pending[0].ms, 100);
  assert.equal(flushed.length, 0);
  m.fire();
  assert.equal(flushed.length, 1);
  assert.deepEqual(flushed[0], [...Array(5000).keys()]);
  sink.push([1, 2]);
  sink.close();
  assert.deepEqual(flushed[1], [1, 2]);
  sink.push([3]);
  assert.equal(sink.pending, 0, 'closed sinks ignore pushes');
});

test('events per second over the completed seconds', () => {
  let now = 0;
  const r = new RateMeter(5, () => now);
  for (let s = 0; s < 4; s++) {
    r.add(100);
    now += 1000;
  }
  assert.equal(r.perSecond(), 100);
  now += 10_000;
  assert.equal(r.perSecond(), 0, 'quiet for longer than the window');
  assert.equal(r.total, 400);
});
