// The parse caches of the include layer are bounded by the characters they keep, not only by
// their count (512): a long-lived server met 512 files of up to 16 MB each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CACHED_CHARS, ParseCache, SourceFiles } from '../../../../src/language/includes/host';
import { parse } from '../../../../src/language/parser';

/** A config text of about `chars` characters (comments parse quickly). */
const big = (salt: string, chars: number) => `# ${salt}\n` + `#${'x'.repeat(1023)}\n`.repeat(Math.ceil(chars / 1025));

test('ParseCache: the oldest parses go once the texts kept pass MAX_CACHED_CHARS', () => {
  const cache = new ParseCache();
  const each = Math.ceil(MAX_CACHED_CHARS / 4);
  const texts = Array.from({ length: 6 }, (_, i) => big(`f${i}`, each));
  const first = cache.get('/c/f0.conf', texts[0]);
  assert.equal(cache.get('/c/f0.conf', texts[0]), first, 'a hit while it fits');
  for (let i = 1; i < texts.length; i++) cache.get(`/c/f${i}.conf`, texts[i]);
  // 6 × a quarter of the cap: the first no longer fits (before: kept, 512 files of any size)
  assert.notEqual(cache.get('/c/f0.conf', texts[0]), first, 'parsed again: it was evicted');
  const last = cache.get('/c/f5.conf', texts[5]);
  assert.equal(cache.get('/c/f5.conf', texts[5]), last, 'the newest stays');
});

test('SourceFiles: the same bound on the characters of the files it keeps', () => {
  const files = new SourceFiles();
  const each = Math.ceil(MAX_CACHED_CHARS / 4);
  const texts = Array.from({ length: 6 }, (_, i) => big(`s${i}`, each));
  const parsed = parse('');
  const first = files.get('/c/s0.conf', 'file:///c/s0.conf', texts[0], parsed);
  assert.equal(files.get('/c/s0.conf', 'file:///c/s0.conf', texts[0], parsed), first);
  for (let i = 1; i < texts.length; i++) files.get(`/c/s${i}.conf`, `file:///c/s${i}.conf`, texts[i], parsed);
  assert.notEqual(files.get('/c/s0.conf', 'file:///c/s0.conf', texts[0], parsed), first, 'a new object: the old one was evicted');
});
