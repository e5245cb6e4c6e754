// Elements: start/end tags, arguments as Fluentd reads them, nesting, tag line ends,
// unclosed and unmatched tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asElement, asParam, codes, errors, parse, pos, textAt } from '../../../helpers/parse';

test('an element with an argument and a parameter', () => {
  const r = parse('<match app.**>\n  @type stdout\n</match>\n');
  assert.deepEqual(r.diagnostics, []);
  const m = asElement(r.document.children[0]);
  assert.equal(m.name, 'match');
  assert.equal(m.arg, 'app.**');
  assert.equal(m.parent, undefined);
  assert.equal(m.children.length, 1);
  assert.equal(asParam(m.children[0]).parent, m);
});

test('argument runs to the last spacing before > : spaces and # stay inside', () => {
  assert.equal(asElement(parse('<match a b # c>\n</match>\n').document.children[0]).arg, 'a b # c');
  assert.equal(asElement(parse('<match a.** b.**   >\n</match>\n').document.children[0]).arg, 'a.** b.**');
  assert.equal(asElement(parse('<test    a    >\n</test>\n').document.children[0]).arg, 'a');
  assert.equal(asElement(parse('<match\ta\t>\n</match>\n').document.children[0]).arg, 'a');
  for (const sym of ['**', '*.*', '1', '_.%$!', '/', '()*{}.[]']) {
    const r = parse(`<test ${sym}>\n</test>\n`);
    assert.deepEqual(r.diagnostics, [], sym);
    assert.equal(asElement(r.document.children[0]).arg, sym);
  }
});

test('no argument: arg is empty and argRange absent', () => {
  const e = asElement(parse('<source >\n</source>\n').document.children[0]);
  assert.equal(e.arg, '');
  assert.equal(e.argRange, undefined);
});

test('a quoted argument is read as a string, like Fluentd', () => {
  const r = parse('<match "a b">\n</match>\n<label \'@x\'>\n</label>\n<match "a>b">\n</match>\n');
  assert.deepEqual(r.diagnostics, []);
  const [a, b, c] = r.document.children.map(asElement);
  assert.equal(a.arg, 'a b');
  assert.equal(textAt(r, a.argRange!), '"a b"');
  assert.equal(b.arg, '@x');
  assert.equal(c.arg, 'a>b');
  // text after the closing quote is not part of the argument
  assert.deepEqual(codes('<m "a" b>\n</m>\n'), ['expected-gt@0']);
  assert.deepEqual(codes('<m "a\\zb">\n</m>\n'), ['bad-escape@0']);
});

test('embedded Ruby is allowed in a quoted argument', () => {
  const r = parse("<label \"#{ENV['L'] || '@x'}\">\n</label>\n");
  assert.deepEqual(r.diagnostics, []);
  assert.equal(asElement(r.document.children[0]).arg, "#{ENV['L'] || '@x'}");
});

test('a no-break space (pasted) stays in the argument: Fluentd keeps it', () => {
  const e = asElement(parse('<match\u00a0app>\n</match>\n').document.children[0]);
  assert.equal(e.arg, '\u00a0app');
});

test("<test #a> makes '#a>' a comment, as Fluentd does, and the element never closes", () => {
  const r = parse('<test #a>\n</test>\n');
  const e = asElement(r.document.children[0]);
  assert.equal(e.name, 'test');
  // spacing after the name swallowed `#a>`: the next line became the argument
  assert.equal(e.arg, '</test');
  assert.deepEqual(codes(r), ['unclosed-element@0']);
});

test('spacing (comments too) may separate the name, the argument and >', () => {
  for (const t of ['<m a\n>\n</m>\n', '<m\n a>\n</m>\n', '<m # c\n a>\n</m>\n', '<m>\n</m >\n', '<m>\n</m\n>\n']) {
    const r = parse(t);
    assert.deepEqual(r.diagnostics, [], JSON.stringify(t));
  }
  assert.equal(asElement(parse('<m # c\n a>\n</m>\n').document.children[0]).arg, 'a');
});

test('element names are [a-zA-Z0-9_]', () => {
  assert.equal(asElement(parse('<1>\n</1>\n').document.children[0]).name, '1');
  // <my-section> is name `my`, argument `-section`; its end tag is malformed
  const r = parse('<my-section>\n</my-section>\n');
  const e = asElement(r.document.children[0]);
  assert.equal(e.name, 'my');
  assert.equal(e.arg, '-section');
  assert.ok(codes(r).includes('bad-end-tag@1'));
  assert.deepEqual(codes('<>\n</>\n').slice(0, 1), ['missing-element-name@0']);
});

test('nesting: parents, children and ranges', () => {
  const text =
    '<match a>\n  @type copy\n  <store>\n    @type stdout\n    <buffer tag>\n      flush_interval 1s\n    </buffer>\n  </store>\n</match>\n';
  const r = parse(text);
  assert.deepEqual(r.diagnostics, []);
  const m = asElement(r.document.children[0]);
  const store = asElement(m.children[1]);
  const buffer = asElement(store.children[1]);
  assert.equal(store.parent, m);
  assert.equal(buffer.parent, store);
  assert.equal(buffer.arg, 'tag');
  assert.deepEqual(pos(m.range), [0, 0, 8, 8]);
  assert.deepEqual(pos(m.openRange), [0, 0, 0, 9]);
  assert.deepEqual(pos(m.closeRange), [8, 0, 8, 8]);
  assert.deepEqual(pos(m.nameRange), [0, 1, 0, 6]);
  assert.deepEqual(pos(m.argRange), [0, 7, 0, 8]);
  assert.deepEqual(pos(buffer.range), [4, 4, 6, 13]);
  assert.equal(textAt(r, buffer.openRange), '<buffer tag>');
  assert.equal(textAt(r, buffer.closeRange!), '</buffer>');
  assert.equal(textAt(r, store.range), text.slice(text.indexOf('<store>'), text.indexOf('</store>') + 8));
});

test('a comment may follow a start or end tag; other text may not', () => {
  assert.deepEqual(parse('<m> # c\n</m> # d\n').diagnostics, []);
  assert.deepEqual(parse('<m>#c\n</m>#c\n').diagnostics, []);
  assert.deepEqual(codes('<m> x\n</m>\n'), ['expected-line-end@0']);
  assert.deepEqual(codes('<m>\n</m> x\n'), ['expected-line-end@1']);
  // Fluentd's "requires line_end after begin tag": the rest still closes the element
  const r = parse('<test></test>\n');
  assert.deepEqual(codes(r), ['expected-line-end@0']);
  assert.ok(asElement(r.document.children[0]).closeRange);
});

test("end tag with a space or a missing '>' is malformed", () => {
  assert.ok(codes('<m>\n</ m>\n').includes('bad-end-tag@1'));
  assert.ok(codes('<m>\n</m\n').includes('bad-end-tag@1'));
});

test('start tag without > is reported on its line and the element still opens', () => {
  const r = parse('<match a\n  @type stdout\n</match>\n');
  assert.deepEqual(codes(r), ['expected-gt@0']);
  const m = asElement(r.document.children[0]);
  assert.equal(m.arg, 'a');
  assert.equal(asParam(m.children[0]).key, '@type');
  assert.ok(m.closeRange);
});

test('unclosed elements are reported at their start tags, innermost included', () => {
  const r = parse('<source>\n  @type tail\n  <parse>\n    @type json\n');
  assert.deepEqual(codes(r), ['unclosed-element@0', 'unclosed-element@2']);
  const [outer, inner] = errors(r);
  assert.deepEqual(pos(outer.range), [0, 0, 0, 8]);
  assert.deepEqual(pos(inner.range), [2, 2, 2, 9]);
  assert.match(inner.message, /<parse>.*never closed.*<\/parse>/);
  // an unclosed element's range runs to its last child
  const source = asElement(r.document.children[0]);
  assert.equal(source.closeRange, undefined);
  assert.deepEqual(pos(source.range), [0, 0, 3, 14]);
});

test('an end tag closes the innermost open element of its name; skipped ones are unclosed', () => {
  const r = parse('<source>\n  <parse>\n    @type json\n</source>\n<match **>\n</match>\n');
  assert.deepEqual(codes(r), ['unclosed-element@1']);
  const [source, match] = r.document.children.map(asElement);
  assert.ok(source.closeRange);
  assert.equal(match.parent, undefined, 'the match after the recovery is back at root');
});

test('an end tag that closes nothing is unmatched', () => {
  assert.deepEqual(codes('</source>\n'), ['unmatched-end-tag@0']);
  const r = parse('<m>\n</n>\n</m>\n');
  assert.deepEqual(codes(r), ['unmatched-end-tag@1']);
  assert.match(errors(r)[0].message, /<\/n>.*<m>/);
  assert.ok(asElement(r.document.children[0]).closeRange, '</m> still closes <m>');
});
