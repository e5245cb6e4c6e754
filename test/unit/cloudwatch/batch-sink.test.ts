import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchingSink, type Scheduler } from '../../../src/cloudwatch/batch-sink';

function manualScheduler() {
  let now = 1000;
  const pending: { fn: () => void; at: number; cancelled: boolean }[] = [];
  const s: Scheduler = {
    schedule(fn, ms) {
      const t = { fn, at: now + ms, cancelled: false };
      pending.push(t);
      return () => (t.cancelled = true);
    },
    now: () => now,
  };
  /** moves time on and runs the timers that are due */
  const advance = (ms: number) => {
    now += ms;
    for (const t of pending.splice(0)) {
      if (t.cancelled) continue;
      if (t.at <= now) t.fn();
      else pending.push(t);
    }
  };
  return { s, pending, advance };
}

test('after a quiet spell the first burst goes out on the next tick, as one flush', () => {
  const m = manualScheduler();
  const flushed: number[][] = [];
  const sink = new BatchingSink<number>((items) => flushed.push(items), 100, m.s);
  for (let i = 0; i < 5000; i++) sink.push([i]);
  assert.equal(m.pending.length, 1, 'one timer for the whole burst');
  assert.equal(flushed.length, 0, 'not synchronously: the rest of the burst joins');
  m.advance(0);
  assert.equal(flushed.length, 1);
  assert.deepEqual(flushed[0], [...Array(5000).keys()]);
});

test('pushes within the interval after a flush wait for the rest of it; nothing is lost', () => {
  const m = manualScheduler();
  const flushed: number[][] = [];
  const sink = new BatchingSink<number>((items) => flushed.push(items), 100, m.s);
  sink.push([1]);
  m.advance(0);
  m.advance(30);
  sink.push([2, 3]);
  m.advance(30);
  sink.push([4]);
  assert.equal(flushed.length, 1);
  m.advance(39);
  assert.equal(flushed.length, 1, 'still inside the 100 ms after the first flush');
  m.advance(1);
  assert.deepEqual(flushed, [[1], [2, 3, 4]]);
  sink.push([5]);
  sink.close();
  assert.deepEqual(flushed.at(-1), [5]);
  sink.push([6]);
  assert.equal(sink.pending, 0, 'closed sinks ignore pushes');
});
