// The compiled patterns and pattern sets kept per process are bounded by the characters of
// their texts as well as by their count (50,000): an automaton grows with its pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern, MAX_CACHED_PATTERN_CHARS, PatternSet } from '../../../../src/language/routing/pattern';

const long = (salt: string, chars: number) => `${salt}.${'a'.repeat(chars)}.**`;

test('compilePattern: the oldest long patterns go once their texts pass MAX_CACHED_PATTERN_CHARS', () => {
  const each = Math.ceil(MAX_CACHED_PATTERN_CHARS / 4);
  const first = compilePattern(long('p0', each));
  assert.equal(compilePattern(long('p0', each)), first, 'a hit while it fits');
  for (let i = 1; i < 6; i++) compilePattern(long(`p${i}`, each));
  assert.notEqual(compilePattern(long('p0', each)), first, 'compiled again: it was evicted (before: kept, 50,000 of any size)');
  const short = compilePattern('app.**');
  assert.equal(compilePattern('app.**'), short);
});

test('PatternSet.of: the same bound on the arguments it keeps', () => {
  const each = Math.ceil(MAX_CACHED_PATTERN_CHARS / 4);
  const first = PatternSet.of(long('s0', each));
  assert.equal(PatternSet.of(long('s0', each)), first);
  for (let i = 1; i < 6; i++) PatternSet.of(long(`s${i}`, each));
  assert.notEqual(PatternSet.of(long('s0', each)), first);
});
