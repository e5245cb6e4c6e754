// Error tolerance: every error in a file is reported (Fluentd stops at the first),
// and what follows a broken construct still parses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asElement, asParam, codes, errors, parse } from '../../../helpers/parse';

test('several errors in one file are all reported, in source order', () => {
  const text = [
    '<source>', //            0
    '  @type tail', //        1
    '  @bad 1', //            2 reserved-prefix
    '  path "\\z"', //        3 bad-escape
    '  tag "a" b', //         4 expected-line-end
    '  json [1,2,]', //       5 incomplete-json
    '  pos "#{x', //          6 unterminated-embedded-code
    '</source>', //           7
    '</match>', //            8 unmatched-end-tag
    '<filter **>', //         9
    "  q 'open", //          10 unterminated-string
    '</filter>', //          11
    '<match **', //          12 expected-gt
    '</match>', //           13
    '<label @x>', //         14 unclosed-element
  ].join('\n');
  assert.deepEqual(codes(text), [
    'reserved-prefix@2',
    'bad-escape@3',
    'expected-line-end@4',
    'incomplete-json@5',
    'unterminated-embedded-code@6',
    'unmatched-end-tag@8',
    'unterminated-string@10',
    'expected-gt@12',
    'unclosed-element@14',
  ]);
});

test('a good element after a broken one still parses in full', () => {
  const r = parse(
    '<source>\n  k "unterminated\n</source>\n<match app.**>\n  @type stdout\n  <buffer>\n    flush_interval 1s\n  </buffer>\n</match>\n',
  );
  const match = r.document.children.map(asElement).find((e) => e.name === 'match');
  assert.ok(match, 'match parsed');
  assert.equal(match.arg, 'app.**');
  assert.ok(match.closeRange);
  assert.equal(asParam(match.children[0]).value!.text, 'stdout');
  assert.equal(asParam(asElement(match.children[1]).children[0]).value!.text, '1s');
  assert.ok(
    errors(r).every((d) => d.range.start.line < 3),
    'no error inside the good element',
  );
});

test('an unclosed double-quoted string stops at its line, not at the end of the file', () => {
  const r = parse('<source>\n  path "/var/log\n  tag app\n</source>\n');
  assert.deepEqual(codes(r), ['unterminated-string@1']);
  const source = asElement(r.document.children[0]);
  assert.ok(source.closeRange);
  assert.equal(asParam(source.children[1]).key, 'tag');
});

test('a broken start tag opens its element so the end tag matches', () => {
  const r = parse('<match a\n  @type null\n</match>\n<match b>\n  @type null\n</match>\n');
  assert.deepEqual(codes(r), ['expected-gt@0']);
  assert.equal(r.document.children.length, 2);
});

test('an unmatched end tag does not close anything', () => {
  const r = parse('<source>\n  </parse>\n  tag a\n</source>\n');
  assert.deepEqual(codes(r), ['unmatched-end-tag@1']);
  const source = asElement(r.document.children[0]);
  assert.equal(source.children.length, 1);
  assert.ok(source.closeRange);
});

test('errors inside nested elements keep the nesting', () => {
  const r = parse('<match a>\n  <buffer>\n    x "\\q"\n    y 1\n  </buffer>\n  z 2\n</match>\n');
  assert.deepEqual(codes(r), ['bad-escape@2']);
  const m = asElement(r.document.children[0]);
  const b = asElement(m.children[0]);
  assert.deepEqual(
    b.children.map((c) => asParam(c).key),
    ['x', 'y'],
  );
  assert.equal(asParam(m.children[1]).key, 'z');
});

test('each element an end tag skips over is reported once as unclosed', () => {
  const r = parse('<a>\n<b>\n<c>\n</a>\n');
  assert.deepEqual(codes(r), ['unclosed-element@1', 'unclosed-element@2']);
});

test('diagnostics have a message a user understands and a stable code', () => {
  const r = parse('<source>\n  @bad 1\n  x "\\z"\n  j [1,]\n</sourc>\n');
  for (const d of r.diagnostics) {
    assert.match(d.code, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(d.message.length > 20, d.message);
    assert.ok(!/undefined|\[object/.test(d.message), d.message);
  }
});
