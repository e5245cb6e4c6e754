import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WindowDedupe, eventKey } from '../../../src/cloudwatch/event-dedupe';

test('an id is new once; repeats are refused', () => {
  const d = new WindowDedupe();
  assert.equal(d.add('a', 10), true);
  assert.equal(d.add('a', 10), false);
  assert.equal(d.add('b', 10), true);
  assert.equal(d.size, 2);
});

test('pruning forgets ids before the window start and keeps the rest', () => {
  const d = new WindowDedupe();
  for (let i = 0; i < 100; i++) d.add(`e${i}`, i);
  d.prune(60);
  assert.equal(d.size, 40);
  assert.equal(d.add('e59', 59), true); // forgotten
  assert.equal(d.add('e60', 60), false); // still remembered
});

test('memory stays bounded over a long tail with a sliding window', () => {
  const d = new WindowDedupe();
  let maxSize = 0;
  for (let t = 0; t < 1_000_000; t++) {
    d.add(String(t), t);
    if (t % 1000 === 0) {
      d.prune(t - 3000);
      maxSize = Math.max(maxSize, d.size);
    }
  }
  assert.ok(maxSize <= 4001, `window held ${maxSize} ids`);
});

test('the hard cap evicts oldest insertions', () => {
  const d = new WindowDedupe(10);
  for (let i = 0; i < 25; i++) d.add(`x${i}`, 0);
  assert.equal(d.size, 10);
  assert.equal(d.add('x24', 0), false);
  assert.equal(d.add('x0', 0), true);
});

test('event keys: short whatever the message, and different for a different stream, time or text', () => {
  const e = { logStreamName: 's', timestamp: 5, message: 'x'.repeat(256 * 1024) };
  assert.equal(eventKey(e).length, 22);
  assert.equal(eventKey(e), eventKey({ ...e }));
  for (const other of [
    { ...e, logStreamName: 't' },
    { ...e, timestamp: 6 },
    { ...e, message: e.message + 'y' },
  ]) {
    assert.notEqual(eventKey(other), eventKey(e));
  }
  // the separators keep fields apart: "s1" + "23" is not "s12" + "3"
  assert.notEqual(
    eventKey({ logStreamName: 's1', timestamp: 23, message: '' }),
    eventKey({ logStreamName: 's12', timestamp: 3, message: '' }),
  );
});
