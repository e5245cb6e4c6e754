// JSON values: `[`/`{` start JSON that may span lines, ends where the text so far is
// complete JSON, allows `#` comments only where Fluentd's own check lets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asElement, asParam, codes, errors, paramOf, parse, pos, textAt } from '../../../helpers/parse';

test('single-line arrays and hashes', () => {
  for (const v of [
    '[]',
    '{}',
    '[ ]',
    '[1,2]',
    '["a","b",100]',
    '{"key1": "value1", "key2": 2}',
    '{"a":{"b":[1,{"c":null}]}}',
    '[true,false,null,-0,1e5,1.5]',
    '["a\\"b","\\u00e9"]',
  ]) {
    const { r, p } = paramOf(`k ${v}\n`);
    assert.deepEqual(r.diagnostics, [], v);
    assert.equal(p.value!.style, 'json');
    assert.equal(p.value!.raw, v);
    assert.deepEqual(JSON.parse(p.value!.text), JSON.parse(v));
  }
});

test('a JSON value may span lines; the next line after it is a new parameter', () => {
  const text = '<test var>\n  key ["a",\n"b", "c",\n"d"]\n  next 1\n</test>\n';
  const r = parse(text);
  assert.deepEqual(r.diagnostics, []);
  const [key, next] = asElement(r.document.children[0]).children.map(asParam);
  assert.deepEqual(JSON.parse(key.value!.raw), ['a', 'b', 'c', 'd']);
  assert.deepEqual(pos(key.value!.range), [1, 6, 3, 4]);
  assert.deepEqual(pos(key.range), [1, 2, 3, 4]);
  assert.equal(next.key, 'next');
});

test('# comments at the top level after an opening bracket, a value or a comma', () => {
  const ok = [
    'k [1, # c\n2]\n',
    'k [1 # c\n,2]\n',
    'k [\n# c\n1]\n',
    'k [# c\n1]\n',
    'k {"a":1 # c\n}\n',
    'k {"a":1, # c\n "b":2}\n',
    'k [[1] # c\n]\n',
    'k ["#", # c\n"b"]\n',
    'k [1, # c\n 2, # d\n 3]\n',
  ];
  for (const t of ok) assert.deepEqual(parse(t).diagnostics, [], JSON.stringify(t));
  // the comment is not part of the value Fluentd builds, but stays in the raw text
  assert.equal(paramOf('k [1, # c\n2]\n').p.value!.raw, '[1, # c\n2]');
});

test('# is not a comment inside nested brackets, after a key or a colon, or after a comma on an earlier line', () => {
  const bad = ['k {"a": [1, # c\n2]}\n', 'k {"a" # c\n:1}\n', 'k {"a": # c\n1}\n', 'k [1,\n# c\n2]\n'];
  for (const t of bad) assert.ok(codes(t).includes('incomplete-json@0'), JSON.stringify(t));
});

test('# inside a JSON string is a character', () => {
  const { r, p } = paramOf('k {"a":"#"}\n');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(JSON.parse(p.value!.raw), { a: '#' });
});

test('trailing commas are rejected (Fluentd: got incomplete JSON … configuration)', () => {
  for (const t of ['k [1,2,]\n', 'k {"a":1,"b":2,}\n', 'k [1,\n]\n', 'k [1, # c\n]\n']) {
    const r = parse(t);
    const e = errors(r).find((d) => d.code === 'incomplete-json');
    assert.ok(e, JSON.stringify(t));
    assert.equal(e.range.start.line, 0, 'reported at the value, on its first line');
    assert.match(e.message, /incomplete JSON (array|hash)/);
  }
});

test('other malformed JSON: missing comma, unquoted key, bad scalar, unclosed, bad close', () => {
  for (const t of [
    'k [1 2]\n',
    'k {1:2}\n',
    'k {t\n',
    'k [01]\n',
    'k [1.]\n',
    'k [NaN]\n',
    'k [truex]\n',
    'k [1}\n',
    'k ["a\tb"]\n',
    'k ["a\nb"]\n',
  ]) {
    assert.ok(codes(t).includes('incomplete-json@0'), JSON.stringify(t));
  }
});

test('JSON ends at its closing bracket: text after it must be a comment', () => {
  assert.deepEqual(parse('k [1] # c\nk2 v\n').diagnostics, []);
  assert.deepEqual(parse('k [1]#c\n').diagnostics, []);
  assert.deepEqual(codes('k [1]x\n'), ['expected-line-end@0']);
  assert.deepEqual(codes('k [1,2]]\n'), ['expected-line-end@0']);
  assert.deepEqual(codes('k {"a":1}{"b":2}\n'), ['expected-line-end@0']);
});

test('an unclosed JSON value at a following end tag: the element still closes there', () => {
  const r = parse('<source>\n  k [1,\n</source>\n<match **>\n</match>\n');
  assert.deepEqual(codes(r), ['incomplete-json@1']);
  const [source, match] = r.document.children.map(asElement);
  assert.ok(source.closeRange, '</source> was not swallowed by the JSON scan');
  assert.equal(match.name, 'match');
});

test('unclosed JSON at end of file', () => {
  for (const t of ['k [', 'k {', 'k [1', 'k [\n', 'k {"a":', 'k [1, # c']) {
    assert.deepEqual(codes(t), ['incomplete-json@0'], JSON.stringify(t));
  }
  const r = parse('k [1,\n2,\n3');
  assert.equal(textAt(r, errors(r)[0].range), 'k [1,'.slice(2), 'error range: the value on its first line');
});

test('a value that merely starts after blanks with [ is JSON; quoted [ is a string', () => {
  assert.equal(paramOf('k    [1]\n').p.value!.style, 'json');
  assert.equal(paramOf('k "[1"\n').p.value!.style, 'double');
  assert.equal(paramOf('k a[1\n').p.value!.style, 'none');
});
