// Parameters and their values: the three quoting styles with Fluentd's exact escape
// rules, comments, keys alone, reserved `@` keys and `#{…}` embedded code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asElement, asParam, codes, errors, paramOf, parse, pos, textAt, valueOf, warnings } from '../../../helpers/parse';

test('key and unquoted value; blanks inside kept, around trimmed', () => {
  const { r, p } = paramOf('  k1     a  b  c    \n');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(p.key, 'k1');
  assert.equal(p.value!.style, 'none');
  assert.equal(p.value!.text, 'a  b  c');
  assert.equal(p.value!.raw, 'a  b  c');
  assert.equal(valueOf('k\tv\n'), 'v');
  assert.equal(valueOf('k a\tb\n'), 'a\tb');
  assert.equal(valueOf('1 1'), '1');
  assert.equal(paramOf('k.x v\n').p.key, 'k.x');
  assert.equal(paramOf('k=v\n').p.key, 'k=v');
});

test('unquoted values keep symbols and backslashes as written (no escapes)', () => {
  for (const v of ['_.%$!,', '/=~-~@`:?', '()*{}.[]'.replace(/^[[{]/, 'x'), '\\\\', '\\', '\\[', '\\n', '\\#{x}']) {
    assert.equal(valueOf(`k ${v}\n`), v, v);
  }
});

test('a#b keeps the #, a #b ends the value at the comment', () => {
  assert.equal(valueOf('k a#not_comment\n'), 'a#not_comment');
  assert.equal(valueOf('k a#\n'), 'a#');
  const r = parse('k a #comment\n');
  assert.equal(asParam(r.document.children[0]).value!.text, 'a');
  assert.deepEqual(
    r.document.comments.map((c) => c.text),
    ['#comment'],
  );
  assert.equal(valueOf('k a\t# c\n'), 'a');
  assert.equal(valueOf('k v # c # d\n'), 'v');
});

test("a value starting with # is a value, not a comment (Fluentd: k #v is '#v')", () => {
  assert.equal(valueOf('k #not_comment\n'), '#not_comment');
  assert.equal(valueOf('k\t#v\n'), '#v');
  assert.equal(valueOf('k #{x}\n'), '#{x}', 'unquoted #{…} stays literal text');
  assert.equal(parse('k #v\n').document.comments.length, 0);
});

test('a key alone on its line has no value (Fluentd gives it "")', () => {
  const r = parse('<match a>\n  tag_mapped\n  k2 v2\n</match>\n');
  assert.deepEqual(r.diagnostics, []);
  const [alone, k2] = asElement(r.document.children[0]).children.map(asParam);
  assert.equal(alone.key, 'tag_mapped');
  assert.equal(alone.value, undefined);
  assert.deepEqual(pos(alone.range), [1, 2, 1, 12]);
  assert.equal(k2.value!.text, 'v2');
  // also at the end of the file, with trailing blanks, or before a comment line
  assert.equal(valueOf('k'), undefined);
  assert.equal(valueOf('k   '), undefined);
  assert.equal(valueOf('k  \n# c\n'), undefined);
  assert.equal(valueOf('k\r\n'), undefined);
});

test('double quotes: escapes \\" \\\' \\\\ \\r \\n \\t \\f \\b \\0 resolve', () => {
  const cases: [string, string][] = [
    ['"\\""', '"'],
    ['"\\\'"', "'"],
    ['"\\\\"', '\\'],
    ['"\\r\\n\\t\\f\\b"', '\r\n\t\f\b'],
    ['"\\0"', '\0'],
    ['"a#comment"', 'a#comment'],
    ['"\\["', '['],
    ['"\\#{x}"', '#{x}'],
    ['"\\\\#{x}"', '\\#{x}'],
    ['""', ''],
  ];
  for (const [src, want] of cases) {
    const { r, p } = paramOf(`k ${src}\n`);
    assert.deepEqual(r.diagnostics, [], src);
    assert.equal(p.value!.style, 'double');
    assert.equal(p.value!.text, want, src);
    assert.equal(p.value!.raw, src);
  }
});

test('\\#{ is a literal #{ and is not embedded code', () => {
  const { p } = paramOf('k "\\#{x}"\n');
  assert.deepEqual(p.value!.embedded, []);
});

test('double quotes: a backslash before another letter or digit is an error', () => {
  for (const c of ['z', 'a', 'x', 'u', '1', '9', 'Z']) {
    const r = parse(`k "\\${c}"\n`);
    assert.deepEqual(codes(r), ['bad-escape@0'], c);
    assert.deepEqual(pos(errors(r)[0].range), [0, 3, 0, 5]);
  }
  // a backslash before a symbol gives the symbol
  assert.equal(valueOf('k "\\$\\.\\/"\n'), '$./');
});

test('double quotes: characters after the closing quote are an error', () => {
  assert.deepEqual(codes('  k1 "a" 1\n'), ['expected-line-end@0']);
  assert.deepEqual(codes('  k1 """\n'), ['expected-line-end@0']);
  assert.deepEqual(parse('k "a" # c\n').diagnostics, []);
  assert.deepEqual(parse('k "a"# c\n').diagnostics, []);
});

test('double quotes: a real newline is kept and backslash-newline joins lines', () => {
  const { r, p } = paramOf('k "a\nb"\nnext 1\n');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(p.value!.text, 'a\nb');
  assert.deepEqual(pos(p.value!.range), [0, 2, 1, 2]);
  assert.equal(asParam(r.document.children[1]).key, 'next');
  assert.equal(valueOf('k "a\\\nb"\n'), 'ab');
  assert.equal(valueOf('k "a\\\nb\\\nc"\n'), 'abc');
  assert.equal(valueOf('k "a\n\n\nb"\n'), 'a\n\n\nb');
});

test('double quotes: line breaks Fluentd 1.16 cannot read are errors (string-line-break)', () => {
  // Fluentd takes a line break only together with the ordinary character before it
  for (const t of ['k "\nb"\n', 'k "a\n\nb"\n', 'k "\\n\nb"\n', 'k "#{x}\nb"\n', 'k "a\r\nb"\r\n', 'k "a\\\r\nb"\r\n']) {
    const r = parse(t);
    assert.deepEqual(
      errors(r).map((d) => d.code),
      ['string-line-break'],
      JSON.stringify(t),
    );
  }
  // …and the scan goes on to the closing quote, so nothing else is reported
  const { p } = paramOf('k "a\r\nb"\r\n');
  assert.equal(p.value!.text, 'a\r\nb');
});

test('double quotes: unterminated at EOF is reported at the quote', () => {
  const r = parse('k "abc\n');
  assert.deepEqual(codes(r), ['unterminated-string@0']);
  assert.equal(errors(r)[0].range.start.character, 2);
  assert.deepEqual(codes('  k1 "\\"\n'), ['unterminated-string@0']);
  assert.deepEqual(codes('k "a\\'), ['unterminated-string@0']);
});

test("single quotes: only \\' and \\\\ escape; everything else is literal", () => {
  const cases: [string, string][] = [
    ["'text'", 'text'],
    ["'\\''", "'"],
    ["'\\\\'", '\\'],
    ["'\\t'", '\\t'],
    ["'\\['", '\\['],
    ["'\\\\['", '\\['],
    ["'#t'", '#t'],
    ["'\\#{test}'", '\\#{test}'],
    ["'#{test}'", '#{test}'],
    ["''", ''],
  ];
  for (const [src, want] of cases) {
    const { r, p } = paramOf(`k ${src}\n`);
    assert.deepEqual(r.diagnostics, [], src);
    assert.equal(p.value!.style, 'single');
    assert.equal(p.value!.text, want, src);
    assert.deepEqual(p.value!.embedded, [], 'no embedded code in single quotes');
  }
  assert.deepEqual(codes("  k1 'a' 1\n"), ['expected-line-end@0']);
  assert.deepEqual(codes("  k1 '''\n"), ['expected-line-end@0']);
  assert.deepEqual(codes("  k1 '\\'\n"), ['unterminated-string@0']);
});

test('single quotes cannot span lines: the next line parses on its own', () => {
  const r = parse("k 'a\nb v\n");
  assert.deepEqual(codes(r), ['unterminated-string@0']);
  assert.equal(asParam(r.document.children[0]).value!.text, 'a');
  assert.equal(asParam(r.document.children[1]).key, 'b');
});

test('quoted keys', () => {
  assert.equal(paramOf('"a b" v\n').p.key, 'a b');
  assert.equal(paramOf("'k' v\n").p.key, 'k');
  assert.equal(paramOf('"" v\n').p.key, '');
  assert.equal(paramOf('"k"\n').p.value, undefined);
  // Fluentd crashes when a value is glued to a quoted key
  assert.deepEqual(codes('"k"v\n'), ['missing-space@0']);
});

test('embedded code: spans, nested braces and strings, several in a value', () => {
  const { r, p } = paramOf('k "x#{ENV[\'A\'] || "}"}y#{ {a: 1}[:a] }z"\n');
  assert.deepEqual(r.diagnostics, []);
  const v = p.value!;
  assert.equal(v.text, 'x#{ENV[\'A\'] || "}"}y#{ {a: 1}[:a] }z', 'code stays as written, never evaluated');
  assert.deepEqual(
    v.embedded.map((e) => e.code),
    ['ENV[\'A\'] || "}"', ' {a: 1}[:a] '],
  );
  assert.equal(textAt(r, v.embedded[0].range), '#{ENV[\'A\'] || "}"}');
  assert.equal(textAt(r, v.embedded[1].range), '#{ {a: 1}[:a] }');
  assert.deepEqual(
    paramOf('k "#{"#{x}"}"\n').p.value!.embedded.map((e) => e.code),
    ['"#{x}"'],
  );
  assert.deepEqual(
    paramOf('k "#{\'}\'}"\n').p.value!.embedded.map((e) => e.code),
    ["'}'"],
  );
});

test('embedded code may span lines', () => {
  const { r, p } = paramOf('k "#{x\n}"\nk2 v\n');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(p.value!.embedded[0].code, 'x\n');
  assert.equal(r.document.children.length, 2);
});

test('unterminated embedded code is reported (Fluentd: expected end of embedded code)', () => {
  assert.deepEqual(codes('k "#{#}"\n'), ['unterminated-embedded-code@0']);
  assert.deepEqual(codes('k "#{x\n'), ['unterminated-embedded-code@0']);
  assert.deepEqual(codes('k "#{'), ['unterminated-embedded-code@0']);
});

test("reserved '@' keys: error at root and in source/match/filter/system", () => {
  for (const el of ['source', 'match', 'filter', 'system']) {
    const r = parse(`<${el}>\n  @k v\n</${el}>\n`);
    assert.deepEqual(codes(r), ['reserved-prefix@1'], el);
    assert.equal(errors(r)[0].severity, 'error');
    assert.deepEqual(pos(errors(r)[0].range), [1, 2, 1, 4]);
  }
  assert.deepEqual(codes('  @k v \n'), ['reserved-prefix@0']);
  assert.equal(errors('@foo v\n').length, 1);
});

test("reserved '@' keys: only a warning in nested sections, label and worker", () => {
  for (const t of [
    '<match>\n  <record>\n    @k v\n  </record>\n</match>\n',
    '<label @a>\n  @k v\n</label>\n',
    '<worker 0>\n  @k v\n</worker>\n',
    '<source>\n  <parse>\n    @k v\n  </parse>\n</source>\n',
  ]) {
    const r = parse(t);
    assert.deepEqual(errors(r), [], t);
    assert.deepEqual(
      warnings(r).map((d) => d.code),
      ['reserved-prefix'],
      t,
    );
  }
});

test('@type @id @label @log_level are allowed anywhere; a reserved key alone is fine', () => {
  for (const k of ['@type x', '@id x', '@label @x', '@log_level info']) {
    assert.deepEqual(parse(`${k}\n<source>\n  ${k}\n</source>\n`).diagnostics, [], k);
  }
  assert.deepEqual(parse('@foo\n<m>\n @foo\n</m>\n').diagnostics, []);
});

test('a CR alone ends an unquoted value; the rest of the line is a new parameter', () => {
  const r = parse('k v\rx y\n');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.document.children.map((n) => [asParam(n).key, asParam(n).value?.text]),
    [
      ['k', 'v'],
      ['x', 'y'],
    ],
  );
});
