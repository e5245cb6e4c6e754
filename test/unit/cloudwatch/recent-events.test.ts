import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BYTES_PER_EVENT, RecentEvents } from '../../../src/cloudwatch/recent-events';
import type { TailEvent } from '../../../src/cloudwatch/types';

const ev = (timestamp: number, message: string, logStreamName = 's'): TailEvent => ({ logStreamName, timestamp, message });

test('each copy shown in an earlier session suppresses exactly one arrival; copies in the same session all show', () => {
  const r = new RecentEvents();
  assert.equal(r.admit(ev(10, 'x')), true);
  assert.equal(r.admit(ev(10, 'x')), true, 'two identical events in one session are two events');
  r.nextSession();
  assert.equal(r.admit(ev(10, 'x')), false);
  assert.equal(r.admit(ev(10, 'x')), false);
  assert.equal(r.admit(ev(10, 'x')), true, 'a third copy is new');
  r.nextSession();
  // all three were shown by now: a third session suppresses three copies
  assert.deepEqual(
    [1, 2, 3, 4].map(() => r.admit(ev(10, 'x'))),
    [false, false, false, true],
  );
});

test('a reader that only consumes (the polling after Live Tail) matches earlier copies, once each', () => {
  const r = new RecentEvents();
  r.admit(ev(10, 'x'));
  r.nextSession();
  assert.equal(r.consume(ev(10, 'x')), true);
  assert.equal(r.consume(ev(10, 'x')), false);
  assert.equal(r.consume(ev(10, 'never shown')), false);
});

test('only the window below the newest event is kept, on a steady stream too', () => {
  const r = new RecentEvents(5000);
  for (let i = 0; i < 60_000; i++) r.admit(ev(i * 10, `e${i}`));
  assert.equal(r.newest, 599_990);
  assert.equal(r.size, 501, 'the last 5 s at 10 ms spacing');
  r.nextSession();
  assert.equal(r.consume(ev(599_990 - 5000, `e${59_999 - 500}`)), true, 'the oldest event inside the window');
  assert.equal(r.consume(ev(599_990 - 5010, `e${59_999 - 501}`)), false, 'just outside: forgotten');
});

test('a burst inside one window is bounded in bytes, and the newest events are the ones kept', () => {
  const maxBytes = 1000 * BYTES_PER_EVENT;
  const r = new RecentEvents(5000, maxBytes);
  for (let i = 0; i < 100_000; i++) r.admit(ev(1000, `burst ${i}`));
  assert.ok(r.bytes <= maxBytes, `${r.bytes} bytes`);
  assert.equal(r.size, 1000);
  r.nextSession();
  assert.equal(r.consume(ev(1000, 'burst 99999')), true);
  assert.equal(r.consume(ev(1000, 'burst 99000')), true);
  assert.equal(r.consume(ev(1000, 'burst 98999')), false);
});
