// @include: a node with its path or glob, at root and nested; the deprecated root
// `include`; what is and is not an include.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asElement, asInclude, asParam, codes, parse, pos, textAt, warnings } from '../../../helpers/parse';

test('@include at root: keyword, path and ranges', () => {
  const r = parse('@include conf.d/*.conf\n');
  assert.deepEqual(r.diagnostics, []);
  const inc = asInclude(r.document.children[0]);
  assert.equal(inc.keyword, '@include');
  assert.equal(inc.path, 'conf.d/*.conf');
  assert.deepEqual(pos(inc.keywordRange), [0, 0, 0, 8]);
  assert.deepEqual(pos(inc.pathRange), [0, 9, 0, 22]);
  assert.deepEqual(pos(inc.range), [0, 0, 0, 22]);
  assert.equal(inc.parent, undefined);
});

test('@include paths: quoted, with spaces, comment after, tab before, on the next line', () => {
  const cases: [string, string][] = [
    ['@include  a b \n', 'a b'],
    ["@include 'a b'\n", 'a b'],
    ['@include "a\\tb"\n', 'a\tb'],
    ['@include a # c\n', 'a'],
    ['@include\ta\n', 'a'],
    ['@include\na.conf\n', 'a.conf'],
    ['@include file:///etc/fluent/x.conf\n', 'file:///etc/fluent/x.conf'],
    ["@include \"#{ENV['X'] || 'systemd'}.conf\"\n", "#{ENV['X'] || 'systemd'}.conf"],
  ];
  for (const [t, path] of cases) {
    const r = parse(t);
    assert.deepEqual(r.diagnostics, [], JSON.stringify(t));
    assert.equal(asInclude(r.document.children[0]).path, path, JSON.stringify(t));
  }
  const r = parse("@include 'a b'\n");
  assert.equal(textAt(r, asInclude(r.document.children[0]).pathRange), "'a b'");
});

test('@include nested in an element is an include node with its parent', () => {
  const r = parse('<source>\n  @type tail\n  @include ../tail_container_parse.conf\n</source>\n');
  assert.deepEqual(r.diagnostics, []);
  const source = asElement(r.document.children[0]);
  const inc = asInclude(source.children[1]);
  assert.equal(inc.path, '../tail_container_parse.conf');
  assert.equal(inc.parent, source);
  assert.deepEqual(pos(inc.range), [2, 2, 2, 39]);
});

test("root 'include' works but is deprecated (warning with the replacement)", () => {
  const r = parse('include a.conf\n');
  const inc = asInclude(r.document.children[0]);
  assert.equal(inc.keyword, 'include');
  assert.equal(inc.path, 'a.conf');
  const [w] = warnings(r);
  assert.equal(w.code, 'deprecated-include');
  assert.deepEqual(pos(w.range), [0, 0, 0, 7]);
  assert.deepEqual(w.data, { replacement: '@include' });
});

test("nested 'include' is an ordinary parameter, as in Fluentd", () => {
  const r = parse('<elem1 name>\n  include normal_parameter\n</elem1>\n');
  assert.deepEqual(r.diagnostics, []);
  const p = asParam(asElement(r.document.children[0]).children[0]);
  assert.equal(p.key, 'include');
  assert.equal(p.value!.text, 'normal_parameter');
});

test('not includes: longer keywords are parameters', () => {
  const r = parse('includes x\n<m>\n  include_x y\n</m>\n');
  assert.equal(asParam(r.document.children[0]).key, 'includes');
  assert.deepEqual(codes('@include_x y\n'), ['reserved-prefix@0']);
});

test('@include without a path is an error', () => {
  assert.deepEqual(codes('@include\n'), ['include-without-path@0']);
  assert.deepEqual(codes('@include # c\n'), ['include-without-path@0']);
  assert.ok(codes('include\n').includes('include-without-path@0'));
});

test('text after a quoted include path: Fluentd reads it as a new parameter (warning)', () => {
  const r = parse('@include "a" x y\n');
  assert.deepEqual(codes(r), ['expected-line-end@0']);
  assert.equal(r.diagnostics[0].severity, 'warning');
  const [inc, p] = r.document.children;
  assert.equal(asInclude(inc).path, 'a');
  assert.equal(asParam(p).key, 'x');
  assert.equal(asParam(p).value!.text, 'y');
});

test('a nested @include alone on its line is a key without value (Fluentd: "")', () => {
  const r = parse('<m>\n  @include\n</m>\n');
  const p = asParam(asElement(r.document.children[0]).children[0]);
  assert.equal(p.key, '@include');
  assert.equal(p.value, undefined);
});
