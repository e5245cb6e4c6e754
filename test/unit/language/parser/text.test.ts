// Text-level concerns: CRLF, tabs, BOM, UTF-16 columns (as LSP counts), comments, and
// the ranges of every node kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asElement, asInclude, asParam, codes, errors, paramOf, parse, pos, textAt } from '../../../helpers/parse';

const LF = '<source>\n  @type tail # the plugin\n  tag app\n  @include parse.conf\n</source>\n';

test('CRLF: same tree, values without \\r, ranges end before \\r', () => {
  const crlf = LF.replace(/\n/g, '\r\n');
  const a = parse(LF);
  const b = parse(crlf);
  assert.deepEqual(b.diagnostics, []);
  const src = asElement(b.document.children[0]);
  const type = asParam(src.children[0]);
  assert.equal(type.value!.text, 'tail');
  assert.equal(asParam(src.children[1]).value!.text, 'app');
  assert.equal(asInclude(src.children[2]).path, 'parse.conf');
  assert.deepEqual(
    b.document.comments.map((c) => c.text),
    ['# the plugin'],
  );
  // every range is the same as in the LF file: no position counts a \r
  const ranges = (r: ReturnType<typeof parse>) => {
    const e = asElement(r.document.children[0]);
    return [e.range, e.openRange, e.closeRange, ...e.children.map((c) => c.range), ...r.document.comments.map((c) => c.range)].map(pos);
  };
  assert.deepEqual(ranges(b), ranges(a));
  assert.deepEqual(pos(src.closeRange), [4, 0, 4, 9]);
});

test('CRLF: a key alone, a comment line and a multi-line JSON value', () => {
  const r = parse('k\r\n# c\r\nj [1,\r\n2]\r\nx "y"\r\n');
  assert.deepEqual(r.diagnostics, []);
  const [k, j, x] = r.document.children.map(asParam);
  assert.equal(k.value, undefined);
  assert.deepEqual(JSON.parse(j.value!.raw), [1, 2]);
  assert.equal(x.value!.text, 'y');
  assert.deepEqual(
    r.document.comments.map((c) => c.text),
    ['# c'],
  );
});

test('tabs separate like spaces and count as one column', () => {
  const r = parse('<match\ta.**>\n\t@type\tstdout\t# c\n</match>\n');
  assert.deepEqual(r.diagnostics, []);
  const m = asElement(r.document.children[0]);
  assert.equal(m.arg, 'a.**');
  const p = asParam(m.children[0]);
  assert.equal(p.value!.text, 'stdout');
  assert.deepEqual(pos(p.keyRange), [1, 1, 1, 6]);
  assert.deepEqual(pos(p.value!.range), [1, 7, 1, 13]);
});

test('a BOM is skipped for the tree; warned about because Fluentd does not skip it', () => {
  const r = parse('\ufeff<source>\n  @type tail\n</source>\n');
  const e = asElement(r.document.children[0]);
  assert.equal(e.name, 'source');
  assert.deepEqual(pos(e.openRange), [0, 1, 0, 9], 'columns still count the BOM (it is in the editor text)');
  assert.deepEqual(codes(r), ['byte-order-mark@0']);
  assert.equal(r.diagnostics[0].severity, 'warning');
  assert.match(r.diagnostics[0].message, /Fluentd does not skip it/);
  const c = parse('\ufeff# comment\n<source>\n</source>\n');
  assert.deepEqual(codes(c), ['byte-order-mark@0']);
  assert.equal(c.document.children.length, 1);
  assert.deepEqual(parse('\ufeff').document.children, []);
});

test('UTF-16 columns: an emoji before a value counts two', () => {
  const { r, p } = paramOf('k "😀" v\n');
  assert.deepEqual(pos(p.value!.range), [0, 2, 0, 6]);
  assert.deepEqual(pos(errors(r)[0].range), [0, 7, 0, 8]);
  const e = asElement(parse('<match 😀.**>\n  message é😀 x\n</match>\n').document.children[0]);
  assert.deepEqual(pos(e.argRange), [0, 7, 0, 12]);
  const v = asParam(e.children[0]).value!;
  assert.equal(v.text, 'é😀 x');
  assert.deepEqual(pos(v.range), [1, 10, 1, 15]);
  // a bad escape after an emoji is located in UTF-16 units too
  const bad = parse('k "😀\\z"\n');
  assert.deepEqual(pos(errors(bad)[0].range), [0, 5, 0, 7]);
});

test('comments: whole-line, after a value, after tags; not inside quoted values', () => {
  const r = parse('# top\n<m a> # open\n  k v # after\n  q "a # b" # q\n</m> # close\n#end');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.document.comments.map((c) => c.text),
    ['# top', '# open', '# after', '# q', '# close', '#end'],
  );
  assert.equal(textAt(r, r.document.comments[2].range), '# after');
  assert.deepEqual(pos(r.document.comments[5].range), [5, 0, 5, 4]);
});

test('ranges of every node kind and the document', () => {
  const text = '@include a.conf\n<match x>\n  k "v"\n  j [1,\n  2]\n  alone\n</match>\n';
  const r = parse(text);
  assert.deepEqual(r.diagnostics, []);
  const [inc, m] = r.document.children;
  assert.equal(textAt(r, asInclude(inc).range), '@include a.conf');
  const el = asElement(m);
  assert.equal(textAt(r, el.range), text.slice(text.indexOf('<match'), text.lastIndexOf('>') + 1));
  assert.equal(textAt(r, el.nameRange), 'match');
  assert.equal(textAt(r, el.argRange!), 'x');
  const [k, j, alone] = el.children.map(asParam);
  assert.equal(textAt(r, k.range), 'k "v"');
  assert.equal(textAt(r, k.keyRange), 'k');
  assert.equal(textAt(r, k.value!.range), '"v"');
  assert.equal(textAt(r, j.range), 'j [1,\n  2]');
  assert.equal(textAt(r, alone.range), 'alone');
  assert.deepEqual(pos(r.document.range), [0, 0, 7, 0]);
  assert.equal(r.lineIndex.lineCount, 8);
});

test('empty, blank and comment-only files', () => {
  for (const t of ['', '\n\n', '   \t  ', '# only a comment', '\r\n\r\n']) {
    const r = parse(t);
    assert.deepEqual(r.diagnostics, [], JSON.stringify(t));
    assert.deepEqual(r.document.children, []);
  }
});
