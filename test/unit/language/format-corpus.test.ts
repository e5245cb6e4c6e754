// The formatter on every shared corpus config: idempotent, never changes the parse,
// and turns a scrambled layout of a config back into the same canonical text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatEdits, formatText, sameTree } from '../../../src/language/format';
import { parse } from '../../../src/language/parser';
import type { Node } from '../../../src/language/parser/ast';
import { acceptedButWrong, corpusAvailable, invalidCases, validConfigs } from '../../helpers/corpus';
import { createRng } from '../../helpers/prng';

/**
 * The config with random indentation, random blanks between keys and values and
 * random trailing blanks — on every line outside multi-line values and tags.
 */
function scramble(text: string, seed: number): string {
  const parsed = parse(text);
  const idx = parsed.lineIndex;
  const keep = new Set<number>(); // lines that start or end inside a multi-line construct
  const sep = new Map<number, [number, number]>(); // line → key/value separator offsets
  const off = (p: { line: number; character: number }) => idx.lineStarts[p.line] + p.character;
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      const ranges =
        n.kind === 'element' ? [n.openRange, ...(n.closeRange ? [n.closeRange] : [])] : n.kind === 'param' ? [n.range] : [n.range];
      for (const r of ranges)
        for (let l = r.start.line; l < r.end.line; l++) {
          keep.add(l);
          keep.add(l + 1);
        }
      if (n.kind === 'param' && n.value && n.value.range.start.line === n.keyRange.end.line) {
        sep.set(n.keyRange.start.line, [off(n.keyRange.end), off(n.value.range.start)]);
      }
      if (n.kind === 'element') visit(n.children);
    }
  };
  visit(parsed.document.children);
  const rng = createRng(seed);
  const blanks = (min: number) => {
    let s = '';
    const k = min + rng.int(4);
    for (let i = 0; i < k; i++) s += rng.chance(0.25) ? '\t' : ' ';
    return s;
  };
  const lines: string[] = [];
  for (let line = 0; line < idx.lineCount; line++) {
    const start = idx.lineStarts[line];
    const end = idx.lineEnd(line);
    let s = text.slice(start, end);
    const eol = text.slice(end, line + 1 < idx.lineCount ? idx.lineStarts[line + 1] : text.length);
    if (!keep.has(line)) {
      const kv = sep.get(line);
      if (kv) s = s.slice(0, kv[0] - start) + blanks(1) + s.slice(kv[1] - start);
      if (s.charCodeAt(0) !== 0xfeff) s = blanks(0) + s.replace(/^[ \t]+/, '');
      s += blanks(0);
    }
    lines.push(s + eol);
  }
  return lines.join('');
}

const available = corpusAvailable();
/** Every corpus config: Fluentd-valid, invalid, and accepted-but-wrong. */
const files: { name: string; text: string }[] = available ? [...validConfigs(), ...invalidCases(), ...acceptedButWrong()] : [];

test('the shared corpus is there', { skip: !available && 'no ../shared/corpus beside the repository' }, () => {
  assert.ok(files.length > 150, `only ${files.length} corpus configs found`);
});

test('formatting every corpus config: idempotent, same parse, edits equal the text', () => {
  let formatted = 0;
  let changed = 0;
  let withErrors = 0;
  for (const { name, text } of files) {
    const parsed = parse(text);
    const r = formatText(text, parsed);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) {
      withErrors++;
      assert.equal(r.skipped, 'syntax-errors', name);
      assert.equal(r.text, text, name);
      continue;
    }
    assert.equal(r.skipped, undefined, `${name}: the formatter gave up`);
    formatted++;
    if (r.text !== text) changed++;
    assert.ok(sameTree(parse(r.text), parsed), `${name}: formatting changed the parse`);
    assert.equal(formatText(r.text).text, r.text, `${name}: not idempotent`);
    const doc = TextDocument.create('file:///x.conf', 'fluentd', 1, text);
    assert.equal(TextDocument.applyEdits(doc, formatEdits(text, parsed)), r.text, `${name}: edits differ from the text`);
  }
  assert.ok(formatted > 150, `only ${formatted} configs formatted`);
  assert.ok(withErrors > 5, 'the invalid corpus configs should have syntax errors');
  // real configs are mostly tidy already, but not all of them
  assert.ok(changed > 0, 'no corpus config needed formatting');
});

test('a scrambled layout of every corpus config formats back to the same canonical text', () => {
  let n = 0;
  for (const [i, { name, text }] of files.entries()) {
    const parsed = parse(text);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
    const messy = scramble(text, i + 1);
    assert.ok(sameTree(parse(messy), parsed), `${name}: the scramble itself changed the parse`);
    const canonical = formatText(text).text;
    const fromMessy = formatText(messy);
    assert.equal(fromMessy.skipped, undefined, name);
    assert.equal(fromMessy.text, canonical, `${name}: scrambled layout formats differently`);
    // and with CRLF line endings: the same text with CRLF
    const crlf = formatText(messy.replace(/\r?\n/g, '\r\n')).text;
    assert.equal(crlf, canonical.replace(/\r?\n/g, '\r\n'), `${name}: CRLF`);
    n++;
  }
  assert.ok(n > 150);
});
