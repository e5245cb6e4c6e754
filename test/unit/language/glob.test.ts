// Ruby Dir.glob semantics for @include patterns, on real files in a temp directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expandBraces, segmentMatcher } from '../../../src/language/glob';
import { nodeFileSystem } from '../../../src/language/node-file-system';

const FILES = [
  'a.conf',
  'b.conf',
  'c.txt',
  'ab.conf',
  '.hidden.conf',
  'd/x.conf',
  'd/y.conf',
  'd/e/z.conf',
  'd/.git/h.conf',
  '.dot/w.conf',
  'k8s/containers.conf',
  'k8s/kubelet.conf',
];

function tree(t: { after: (fn: () => void) => void }): { root: string; g: (pattern: string) => string[] } {
  const root = mkdtempSync(join(tmpdir(), 'fluentd-glob-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const f of FILES) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  return { root, g: (pattern) => nodeFileSystem.glob(join(root, pattern)).map((p) => p.slice(root.length + 1)) };
}

test('* matches within one segment, not dotfiles, sorted', (t) => {
  const { g } = tree(t);
  assert.deepEqual(g('*.conf'), ['a.conf', 'ab.conf', 'b.conf']);
  assert.deepEqual(g('*'), ['a.conf', 'ab.conf', 'b.conf', 'c.txt'], 'directories are not included files');
  assert.deepEqual(g('d/*.conf'), ['d/x.conf', 'd/y.conf']);
  assert.deepEqual(g('*/*.conf'), ['d/x.conf', 'd/y.conf', 'k8s/containers.conf', 'k8s/kubelet.conf']);
});

test('dotfiles need an explicit dot', (t) => {
  const { g } = tree(t);
  assert.deepEqual(g('.*.conf'), ['.hidden.conf']);
  assert.deepEqual(g('.dot/*.conf'), ['.dot/w.conf']);
});

test('**/ matches zero or more directories (not hidden ones)', (t) => {
  const { g } = tree(t);
  assert.deepEqual(g('**/*.conf'), [
    'a.conf',
    'ab.conf',
    'b.conf',
    'd/e/z.conf',
    'd/x.conf',
    'd/y.conf',
    'k8s/containers.conf',
    'k8s/kubelet.conf',
  ]);
  assert.deepEqual(g('d/**/*.conf'), ['d/e/z.conf', 'd/x.conf', 'd/y.conf']);
});

test('? matches one character', (t) => {
  const { g } = tree(t);
  assert.deepEqual(g('?.conf'), ['a.conf', 'b.conf']);
  assert.deepEqual(g('??.conf'), ['ab.conf']);
});

test('[ab] classes, ranges and negation', (t) => {
  const { g } = tree(t);
  assert.deepEqual(g('[ab].conf'), ['a.conf', 'b.conf']);
  assert.deepEqual(g('[a-b]*.conf'), ['a.conf', 'ab.conf', 'b.conf']);
  assert.deepEqual(g('[!a].conf'), ['b.conf']);
});

test('{a,b} alternatives, nested and across directories', (t) => {
  const { g } = tree(t);
  assert.deepEqual(g('{a,b}.conf'), ['a.conf', 'b.conf']);
  assert.deepEqual(g('{d,k8s}/{x,kube*}.conf'), ['d/x.conf', 'k8s/kubelet.conf']);
  assert.deepEqual(g('{a,{b,c}}.*'), ['a.conf', 'b.conf', 'c.txt']);
  assert.deepEqual(expandBraces('x{1,2{a,b}}y'), ['x1y', 'x2ay', 'x2by']);
  assert.deepEqual(expandBraces('no-braces'), ['no-braces']);
  assert.deepEqual(expandBraces('open{a,b'), ['open{a,b'], 'an unclosed brace is literal');
});

test('plain paths: a file matches itself, a directory or a missing file does not', (t) => {
  const { g } = tree(t);
  assert.deepEqual(g('a.conf'), ['a.conf']);
  assert.deepEqual(g('d'), []);
  assert.deepEqual(g('missing.conf'), []);
  assert.deepEqual(g('missing/*.conf'), []);
  assert.deepEqual(g('d/../a.conf'), ['a.conf'], 'normalised');
});

test('symlinked directories are followed', (t) => {
  const { root, g } = tree(t);
  symlinkSync(join(root, 'k8s'), join(root, 'linked'));
  assert.deepEqual(g('linked/*.conf'), ['linked/containers.conf', 'linked/kubelet.conf']);
});

test('segment patterns escape regexp characters and anchor', () => {
  assert.ok(segmentMatcher('a+b.conf').test('a+b.conf'));
  assert.ok(!segmentMatcher('a.conf').test('abconf'));
  assert.ok(!segmentMatcher('*.conf').test('x.conf.bak'));
  assert.ok(segmentMatcher('[unclosed').test('[unclosed'));
  assert.ok(!segmentMatcher('*').test('.hidden'));
});

// Fuzz at scale (seed 13, input 897): a link cycle (l3 -> ..) makes include paths hundreds of
// segments deep, and a 256-alternative @include is globbed under each; the walk joined the
// literal segments one by one with posix.join, which normalizes the whole path every time
// (quadratic in the depth: ~350 ms of CPU per request). Work is counted as the characters
// handed to path normalization, which must stay linear in the pattern's length.
test('glob: a deep literal pattern costs path work linear in its length', async (t) => {
  const { posix } = await import('node:path');
  const root = mkdtempSync(join(tmpdir(), 'fluentd-glob-deep-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // as deep as the link cycle made it (a link is resolved at most 40 times in one path: real folders here)
  const deep = `${root}${'/conf.d'.repeat(300)}`;
  mkdirSync(deep, { recursive: true });
  writeFileSync(`${deep}/aaa.conf`, '');
  const pattern = `${deep}/{a,b}{a,b}{a,b}.conf`;
  let chars = 0;
  const { join: pjoin, normalize } = posix;
  posix.join = (...parts: string[]) => ((chars += parts.reduce((n, p) => n + p.length, 0)), pjoin(...parts));
  posix.normalize = (p: string) => ((chars += p.length), normalize(p));
  let found: string[];
  try {
    found = nodeFileSystem.glob(pattern);
  } finally {
    Object.assign(posix, { join: pjoin, normalize });
  }
  assert.deepEqual(found, [`${deep}/aaa.conf`]);
  assert.ok(chars <= 8 * 4 * pattern.length, `${chars} characters normalized for a ${pattern.length}-character pattern`);
});
