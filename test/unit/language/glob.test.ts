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
