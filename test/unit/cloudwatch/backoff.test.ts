import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveInterval } from '../../../src/cloudwatch/backoff';

test('throttling doubles the interval up to the cap; success eases it back to the base', () => {
  const b = new AdaptiveInterval(1000, { random: () => 0.5 });
  assert.equal(b.delay(), 1000);
  assert.deepEqual([b.onFailure(), b.onFailure(), b.onFailure()], [2000, 4000, 8000]);
  for (let i = 0; i < 10; i++) b.onFailure();
  assert.equal(b.intervalMs, 30_000);
  assert.equal(b.onSuccess(), 15_500);
  for (let i = 0; i < 20; i++) b.onSuccess();
  assert.equal(b.intervalMs, 1000);
  assert.equal(b.backedOff, false);
});

test('jitter stays within ±10 % and never below the base', () => {
  const lo = new AdaptiveInterval(1000, { random: () => 0 });
  const hi = new AdaptiveInterval(1000, { random: () => 0.999999 });
  assert.equal(lo.onFailure(), 1800);
  assert.equal(hi.onFailure(), 2200);
  const b = new AdaptiveInterval(500);
  for (let i = 0; i < 50; i++) assert.ok(b.onSuccess() >= 500);
});

test('changing the base keeps the interval within bounds; bad bases are refused', () => {
  const b = new AdaptiveInterval(1000);
  b.setBase(5000);
  assert.equal(b.intervalMs, 5000);
  assert.throws(() => new AdaptiveInterval(0));
});
