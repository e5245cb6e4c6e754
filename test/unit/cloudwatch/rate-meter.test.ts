import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateMeter, formatRate, sumRates } from '../../../src/cloudwatch/rate-meter';

test('a busy tail reads in events per second over the completed seconds', () => {
  let now = 0;
  const r = new RateMeter(() => now);
  for (let s = 0; s < 20; s++) {
    r.add(100);
    now += 1000;
  }
  assert.deepEqual(r.rate(), { perSecond: 100, perMinute: 2000 });
  assert.equal(r.text(), '100 ev/s');
  now += 120_000;
  assert.deepEqual(r.rate(), { perSecond: 0, perMinute: 0 }, 'quiet for longer than a minute');
  assert.equal(r.total, 2000);
});

test('a quiet tail (one event every 2.5 s) reads as a steady count per minute, never "0 ev/s" then "1 ev/s"', () => {
  // Before: a 5 s window, rounded, alternated between 0 and 1 ev/s on this stream.
  let now = 0;
  const r = new RateMeter(() => now);
  const shown = new Set<string>();
  for (let ms = 0; ms <= 180_000; ms += 100) {
    now = ms;
    if (ms % 2500 === 0) r.add(1);
    if (ms >= 61_000) shown.add(r.text());
  }
  for (const text of shown) {
    const m = /^(\d+) ev\/min$/.exec(text);
    assert.ok(m, `"${text}" is not a per-minute count`);
    assert.ok(Math.abs(Number(m[1]) - 24) <= 1, `"${text}": the true rate is 24 ev/min`);
  }
});

test('a busy tail in its first seconds already reads per second', () => {
  let now = 0;
  const r = new RateMeter(() => now);
  r.add(50);
  now = 1000;
  r.add(50);
  now = 2000;
  assert.equal(r.text(), '50 ev/s');
});

test('formatting: thousands, tenths below 10 ev/s, and rates of several tails add up', () => {
  assert.equal(formatRate({ perSecond: 12_345, perMinute: 740_000 }), '12.3k ev/s');
  assert.equal(formatRate({ perSecond: 2.46, perMinute: 150 }), '2.5 ev/s');
  assert.equal(formatRate({ perSecond: 0.2, perMinute: 12 }), '12 ev/min');
  assert.equal(
    formatRate(
      sumRates([
        { perSecond: 1, perMinute: 60 },
        { perSecond: 1.5, perMinute: 90 },
      ]),
    ),
    '2.5 ev/s',
  );
});
