// BoundedCache: bounded by count and by total weight, oldest out first, the newest always kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from '../../../src/language/bounded-cache';

test('BoundedCache: evicts the oldest past the count', () => {
  const c = new BoundedCache<string, string>(2, 1000, (v) => v.length);
  c.set('a', 'x');
  c.set('b', 'y');
  c.set('c', 'z');
  assert.deepEqual(
    [...c.entries()].map(([k]) => k),
    ['b', 'c'],
  );
  assert.equal(c.weight, 2);
});

test('BoundedCache: evicts the oldest past the weight, keeps the newest even alone over it', () => {
  const c = new BoundedCache<string, string>(100, 10, (v) => v.length);
  c.set('a', 'aaaa');
  c.set('b', 'bbbb');
  assert.equal(c.size, 2);
  c.set('c', 'cccc'); // 12 > 10: 'a' goes
  assert.deepEqual(
    [...c.entries()].map(([k]) => k),
    ['b', 'c'],
  );
  assert.equal(c.weight, 8);
  c.set('big', 'x'.repeat(50));
  assert.deepEqual(
    [...c.entries()].map(([k]) => k),
    ['big'],
  );
  assert.equal(c.weight, 50);
});

test('BoundedCache: set again re-weighs and makes an entry the newest; delete frees its weight', () => {
  const c = new BoundedCache<string, string>(3, 100, (v) => v.length);
  c.set('a', '1');
  c.set('b', '22');
  c.set('a', '333');
  assert.deepEqual(
    [...c.entries()],
    [
      ['b', '22'],
      ['a', '333'],
    ],
  );
  assert.equal(c.weight, 5);
  assert.equal(c.delete('b'), true);
  assert.equal(c.delete('b'), false);
  assert.equal(c.weight, 3);
  assert.equal(c.has('a'), true);
  assert.equal(c.get('b'), undefined);
});

test('BoundedCache: deleteWhere deletes what the predicate picks and frees its weight', () => {
  const c = new BoundedCache<string, string>(10, 100, (v) => v.length);
  c.set('a', 'keep');
  c.set('b', 'drop');
  c.set('c', 'drop');
  c.deleteWhere((v) => v === 'drop');
  assert.deepEqual([...c.entries()], [['a', 'keep']]);
  assert.equal(c.weight, 4);
});
