// Fuzz at scale: the unions of the earlier matches of scopes were cached by count (50,000),
// each a copy of its members' automata; a scope of n matches asks for up to n of them, so a
// long-lived server held hundreds of MB of automata (fuzz seed 13: 460 MB of heap retained
// after 10,000 configs). The cache is now bounded by the NFA states it holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedUnionStates, PatternSet, unionOf } from '../../../../src/language/routing/pattern';

test('the cache of union automata is bounded by the states it holds, evicting the oldest', () => {
  const sets = Array.from({ length: 400 }, (_, i) => PatternSet.of(`union-cache-${i}.** other-${i}.*`));
  const first = unionOf(sets.slice(0, 2));
  assert.ok(first);
  assert.equal(unionOf(sets.slice(0, 2)), first, 'a union asked again is the cached one');
  // every "earlier matches" list of a 400-match scope: about 400 x 400 / 2 pattern automata in all
  let built = 0;
  for (let k = 3; k <= sets.length; k++) built += unionOf(sets.slice(0, k))!.nfa.edges.length;
  assert.ok(built > 1_000_000, `the unions built hold ${built} states in all`);
  // at most 20,000 states (and the newest union): 100,000 held 44 MB, half a long-lived server's live heap
  assert.ok(cachedUnionStates() <= 20_000 + 1_000, `${cachedUnionStates()} states cached`);
  assert.notEqual(unionOf(sets.slice(0, 2)), first, 'the oldest union was evicted');
  // still right after eviction
  assert.equal(unionOf(sets.slice(0, 2))!.nfa.edges.length, first.nfa.edges.length);
});
