import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentKeyMultiset, WindowDedupe, contentKey } from '../../../src/cloudwatch/event-dedupe';

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

test('content keys: a multiset suppresses exactly as many copies as were remembered', () => {
  const m = new ContentKeyMultiset();
  const e = { logStreamName: 's', timestamp: 5, message: 'same' };
  m.add(contentKey(e));
  m.add(contentKey(e));
  const c = m.clone();
  assert.equal(m.consume(contentKey(e)), true);
  assert.equal(m.consume(contentKey(e)), true);
  assert.equal(m.consume(contentKey(e)), false);
  assert.equal(c.size, 2, 'a clone is independent');
  assert.notEqual(contentKey(e), contentKey({ ...e, logStreamName: 't' }));
});
