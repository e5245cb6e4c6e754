// The @include graph on real files: Fluentd's resolution (relative to the including
// file, globbed and sorted, ENV defaults in quoted paths, nested), cycles and caps,
// finding the root of a fragment, and the findings/links/outline built on it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_INCLUDED_SYMBOLS } from '../../../../src/language/features/symbols';
import { DiskHost, ParseCache } from '../../../../src/language/includes/host';
import { findRoots } from '../../../../src/language/includes/roots';
import { buildTree, treeElements } from '../../../../src/language/includes/tree';
import { nodeFileSystem } from '../../../../src/language/node-file-system';
import { FluentdLanguageService } from '../../../../src/language/service';
import { pathToUri } from '../../../../src/language/uri';
import { corpusRoot } from '../../../helpers/corpus';

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A temporary directory holding the given files (path → text), removed after the tests. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-includes-'));
  made.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

function doc(path: string, text = readFileSync(path, 'utf8'), version = 1): TextDocument {
  return TextDocument.create(pathToUri(path), 'fluentd', version, text);
}

function service(): FluentdLanguageService {
  return new FluentdLanguageService({ fileSystem: nodeFileSystem });
}

function host(): DiskHost {
  return new DiskHost(nodeFileSystem, new Map(), new ParseCache());
}

/** The `tag` of every <source> of the tree rooted at a file, in Fluentd's order. */
function sourcesOf(root: string): string[] {
  const h = host();
  const t = buildTree(h.file(root)!, h);
  const tags: string[] = [];
  for (const e of treeElements(t.items)) {
    if (e.node.name !== 'source') continue;
    const tag = e.node.children.find((c) => c.kind === 'param' && c.key === 'tag');
    tags.push(tag?.kind === 'param' ? (tag.value?.text ?? '') : '?');
  }
  return tags;
}

const src = (tag: string) => `<source>\n  @type sample\n  tag ${tag}\n</source>\n`;

test('includes are read relative to the including file, globs sorted, nested files in place', () => {
  const dir = tree({
    'fluent.conf': `${src('first')}@include conf.d/*.conf\n${src('last')}<match **>\n  @type stdout\n</match>\n`,
    'conf.d/b.conf': src('b'),
    'conf.d/a.conf': `${src('a')}@include ../more/x.conf\n`,
    'conf.d/notes.txt': src('never'),
    'more/x.conf': src('x'),
  });
  assert.deepEqual(sourcesOf(join(dir, 'fluent.conf')), ['first', 'a', 'x', 'b', 'last']);
});

test('a double-quoted path is evaluated with ENV unset: ENV[...] || default, ENV.fetch(..., default)', () => {
  const dir = tree({
    'fluent.conf': `@include "#{ENV['FLUENTD_SYSTEMD_CONF'] || 'systemd'}.conf"\n@include "#{ENV.fetch('P', 'prom')}.conf"\n@include '#{ENV["X"]}.conf'\n`,
    'systemd.conf': src('systemd'),
    'prom.conf': src('prom'),
  });
  const h = host();
  const t = buildTree(h.file(join(dir, 'fluent.conf'))!, h);
  assert.deepEqual(sourcesOf(join(dir, 'fluent.conf')), ['systemd', 'prom']);
  // single quotes never evaluate: Fluentd globs the literal text, which matches nothing
  assert.equal(t.includes[2].resolution.kind, 'nothing');
  assert.equal(t.complete, true);
});

test('an include of unknown content (a URL, Ruby we cannot evaluate) makes the tree incomplete', () => {
  const dir = tree({ 'fluent.conf': '@include https://example.com/x.conf\n@include "#{Dir.pwd}/x.conf"\n' });
  const h = host();
  const t = buildTree(h.file(join(dir, 'fluent.conf'))!, h);
  assert.deepEqual(
    t.includes.map((i) => i.resolution.kind),
    ['unknown', 'unknown'],
  );
  assert.equal(t.complete, false);
});

test('a cycle is cut and reported as the error Fluentd dies of; it never hangs', () => {
  const dir = tree({ 'a.conf': `${src('a')}@include b.conf\n`, 'b.conf': `${src('b')}@include a.conf\n` });
  const s = service();
  const b = s.diagnostics(doc(join(dir, 'b.conf')));
  const cycle = b.filter((d) => d.code === 'include-cycle');
  assert.equal(cycle.length, 1, JSON.stringify(b));
  assert.equal(cycle[0].severity, 'error');
  assert.equal(cycle[0].range.start.line, 4);
  // a file including itself
  const self = tree({ 'fluent.conf': '@include fluent.conf\n' });
  const d = s.diagnostics(doc(join(self, 'fluent.conf')));
  assert.deepEqual(
    d.map((x) => `${x.code}@${x.range.start.line}`),
    ['include-cycle@0'],
  );
});

test('depth and size caps: a runaway chain is cut with a warning, not followed forever', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`f${i}.conf`] = `${src(`t${i}`)}@include f${i + 1}.conf\n`;
  files['f40.conf'] = src('t40');
  const dir = tree(files);
  const h = host();
  const t = buildTree(h.file(join(dir, 'f0.conf'))!, h);
  assert.ok(t.findings.some((f) => f.diagnostic.code === 'include-limit'));
  assert.equal(t.complete, false);
  assert.ok(t.files.length < 40);
});

test('include-matches-nothing: accepted-but-wrong 08 at its line; clean once the glob finds a file', () => {
  const path = join(corpusRoot, 'accepted-but-wrong', '08-include-matches-nothing.conf');
  const found = service().diagnostics(doc(path));
  assert.deepEqual(
    found.map((d) => `${d.code}@${d.range.start.line + 1}:${d.severity}`),
    ['include-matches-nothing@1:warning'],
  );
  const dir = tree({ 'fluent.conf': readFileSync(path, 'utf8'), 'conf.d/app.conf': '<filter **>\n  @type stdout\n</filter>\n' });
  assert.deepEqual(service().diagnostics(doc(join(dir, 'fluent.conf'))), []);
});

test('a fragment finds the root that includes it; the root wins over intermediate files', () => {
  const daemonset = join(corpusRoot, 'valid', 'fluent+fluentd-kubernetes-daemonset', 'docker-image', 'v1.19', 'debian-cloudwatch', 'conf');
  const h = host();
  assert.deepEqual(findRoots(join(daemonset, 'kubernetes', 'containers.conf'), h), [join(daemonset, 'fluent.conf')]);
  assert.deepEqual(findRoots(join(daemonset, 'tail_container_parse.conf'), h), [join(daemonset, 'fluent.conf')]);
  assert.deepEqual(findRoots(join(daemonset, 'fluent.conf'), h), []);
});

test('a fragment using a label its root defines is not an error; alone, it still is', () => {
  const dir = tree({
    'fluent.conf': '@include sources/*.conf\n<label @APP>\n  <match **>\n    @type stdout\n  </match>\n</label>\n',
    'sources/app.conf': `<source>\n  @type sample\n  tag app\n  @label @APP\n</source>\n`,
  });
  const s = service();
  const inRoot = s.diagnostics(doc(join(dir, 'sources', 'app.conf')));
  assert.deepEqual(inRoot, []);
  // the same text with no root around it: Fluentd would stop with "@APP label not found"
  const alone = tree({ 'app.conf': readFileSync(join(dir, 'sources', 'app.conf'), 'utf8') });
  const d = s.diagnostics(doc(join(alone, 'app.conf')));
  assert.deepEqual(
    d.map((x) => `${x.code}@${x.range.start.line}:${x.severity}`),
    ['undefined-label@3:error'],
  );
  // and a root whose tree is complete but lacks the label: an error, not a "may come from an include" warning
  const broken = tree({ 'fluent.conf': '@include app.conf\n', 'app.conf': readFileSync(join(dir, 'sources', 'app.conf'), 'utf8') });
  const b = s.diagnostics(doc(join(broken, 'app.conf')));
  assert.deepEqual(
    b.map((x) => `${x.code}:${x.severity}`),
    ['undefined-label:error'],
  );
});

test('unsaved text of an open fragment is what its root sees', () => {
  const dir = tree({
    'fluent.conf': '@include app.conf\n<label @APP>\n  <match **>\n    @type stdout\n  </match>\n</label>\n',
    'app.conf': src('app'),
  });
  const s = service();
  // open the fragment with an edit that is not on disk: it now routes to a label
  const edited = doc(join(dir, 'app.conf'), '<source>\n  @type sample\n  tag app\n  @label @APP\n</source>\n', 2);
  s.fluentConf.parse(edited);
  assert.deepEqual(s.diagnostics(edited), []);
  const root = s.diagnostics(doc(join(dir, 'fluent.conf')));
  assert.ok(!root.some((d) => d.code === 'unused-label'), JSON.stringify(root));
});

test('definition and document links on @include paths; definition on a @label defined in another file', () => {
  const dir = tree({
    'fluent.conf': '@include conf.d/*.conf\n@include one.conf\n<label @APP>\n  <match **>\n    @type stdout\n  </match>\n</label>\n',
    'conf.d/b.conf': '',
    'conf.d/a.conf': '',
    'one.conf': `<source>\n  @type sample\n  tag x\n  @label @APP\n</source>\n`,
  });
  const s = service();
  const root = doc(join(dir, 'fluent.conf'));
  const defs = s.definition(root, { line: 0, character: 12 });
  assert.deepEqual(
    defs.map((l) => l.uri),
    [pathToUri(join(dir, 'conf.d', 'a.conf')), pathToUri(join(dir, 'conf.d', 'b.conf'))],
  );
  const links = s.documentLinks(root);
  assert.equal(links.length, 2);
  assert.deepEqual(links[0].range, { start: { line: 0, character: 9 }, end: { line: 0, character: 22 } });
  assert.equal(links[1].target, pathToUri(join(dir, 'one.conf')));
  const label = s.definition(doc(join(dir, 'one.conf')), { line: 3, character: 10 });
  assert.deepEqual(
    label.map((l) => [l.uri, l.range.start.line]),
    [[root.uri, 2]],
  );
});

test('the outline of a root lists the included files under each @include, with their directives', () => {
  const daemonset = join(corpusRoot, 'valid', 'fluent+fluentd-kubernetes-daemonset', 'docker-image', 'v1.19', 'debian-cloudwatch', 'conf');
  const symbols = service().documentSymbols(doc(join(daemonset, 'fluent.conf')));
  const includes = symbols.filter((s) => s.name.startsWith('@include'));
  assert.equal(includes.length, 4);
  assert.deepEqual(
    includes.map((s) => (s.children ?? []).map((c) => c.name)),
    [['systemd.conf'], ['prometheus.conf'], ['kubernetes.conf'], []],
  );
  const k8s = includes[2].children![0];
  // kubernetes.conf: its <label>, its 14 includes (each with its file), its <filter>
  assert.equal(k8s.children!.filter((c) => c.name.startsWith('@include')).length, 14);
  const containers = k8s.children!.find((c) => c.name === '@include kubernetes/containers.conf')!;
  assert.equal(containers.children![0].name, 'kubernetes/containers.conf');
  assert.equal(containers.children![0].children![0].name, '<source>');
  // every symbol of an included file points at the @include line of the root
  for (const c of [k8s, containers.children![0]]) assert.deepEqual(c.range, includes[2].range);
});

test('one request reads each file from the disk once: the root search peeks, then parses the same files', () => {
  const files: Record<string, string> = { 'fluent.conf': '@include conf.d/*.conf\n@include many/*.conf\n' };
  for (let k = 0; k < 20; k++) files[`conf.d/c${k}.conf`] = `@include ../many/m${k}.conf\n<match c${k}>\n  @type null\n</match>\n`;
  for (let k = 0; k < 20; k++) files[`many/m${k}.conf`] = `<match m${k}.**>\n  @type null\n</match>\n`;
  const dir = tree(files);
  const reads = new Map<string, number>();
  const counting = {
    ...nodeFileSystem,
    readFile: (p: string) => (reads.set(p, (reads.get(p) ?? 0) + 1), nodeFileSystem.readFile(p)),
  };
  const h = new DiskHost(counting, new Map(), new ParseCache());
  const fragment = join(dir, 'conf.d', 'c3.conf');
  const roots = findRoots(fragment, h);
  assert.deepEqual(roots, [join(dir, 'fluent.conf')]);
  const t = buildTree(h.file(roots[0])!, h);
  assert.ok([...treeElements(t.items)].length >= 40);
  const twice = [...reads].filter(([, n]) => n > 1).map(([p]) => p.slice(dir.length + 1));
  assert.deepEqual(twice, []);
  assert.ok(reads.size >= 41, `${reads.size} files read`);
});

test('the outline of a tree whose folder links to itself stays within its budget of included entries', () => {
  const files: Record<string, string> = {
    'fluent.conf': '@include */*/*.conf\n@include many/*.conf\n@include loop.conf\n<match app>\n  @type null\n</match>\n',
    'loop.conf': '@include loop.conf\n@include fluent.conf\n',
  };
  for (let k = 0; k < 300; k++) files[`many/m${k}.conf`] = `<match m${k}.**>\n  @type null\n</match>\n`;
  const dir = tree(files);
  symlinkSync('.', join(dir, 'l1.conf')); // l1.conf/many/m0.conf, l1.conf/l1.conf/fluent.conf, …
  const count = (l: { children?: unknown[] }[]): number => l.reduce((n, s) => n + 1 + count((s.children ?? []) as never), 0);
  const symbols = service().documentSymbols(doc(join(dir, 'fluent.conf')));
  const n = count(symbols);
  assert.ok(n <= MAX_INCLUDED_SYMBOLS + 10, `${n} symbols`);
  // the files of the first @include are still listed, with their own outline
  const first = symbols.find((s) => s.name === '@include */*/*.conf')!;
  assert.ok(first.children!.some((c) => c.name === 'l1.conf/many/m0.conf' && c.children!.some((x) => x.name === '<match m0.**>')));
});
