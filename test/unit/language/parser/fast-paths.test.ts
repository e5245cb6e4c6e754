// The parser's fast ways must give exactly what its rules give. The fast scanners
// (parser/fast-scan.ts) answer as the rules they stand for (parser/scan.ts,
// literals.ts) at every offset of every corpus file and of seeded random texts made
// of the characters that make the rules subtle, with offsets visited in order and
// shuffled (the finders must survive a scan that goes back). And a whole parse with
// the fast path for plain `key value` lines equals one by the general rules alone:
// every node, range, comment and finding, on the corpus and on mutations of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Finders,
  NextChar,
  plainDoubleQuotedClose,
  scanTagArgumentFast,
  scanUnquotedKeyFast,
  scanUnquotedValueFast,
} from '../../../../src/language/parser/fast-scan';
import { scanDoubleQuoted } from '../../../../src/language/parser/literals';
import { scanTagArgument, scanUnquotedKey, scanUnquotedValue } from '../../../../src/language/parser/scan';
import { parse } from '../../../../src/language/parser';
import { dump } from '../../../helpers/parse';
import { invalidCases, validConfigs } from '../../../helpers/corpus';
import { mutate } from '../../../helpers/mutate';
import { createRng, type Rng } from '../../../helpers/prng';

const SEED = 20261121;
const ALPHABET = [' ', ' ', '\t', '\r', '\n', '\n', '#', '>', '<', '"', '\\', '{', 'a', 'b', 'k', '@', "'"];

function randomText(rng: Rng): string {
  let s = '';
  const len = rng.int(48);
  for (let i = 0; i < len; i++) s += rng.pick(ALPHABET);
  return s;
}

function shuffled(n: number, rng: Rng): number[] {
  const xs = Array.from({ length: n + 1 }, (_, i) => i);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Every disagreement between the fast scanners and the rules on `text`, visiting offsets in `order`. */
function disagreements(text: string, order: number[]): string[] {
  const f = new Finders(text);
  const out: string[] = [];
  const where = (what: string, pos: number, fast: unknown, rule: unknown) =>
    out.push(`${what} at ${pos} of ${JSON.stringify(text.slice(Math.max(0, pos - 10), pos + 30))}: fast ${fast}, rule ${rule}`);
  for (const pos of order) {
    const key = [scanUnquotedKeyFast(f, pos), scanUnquotedKey(text, pos)];
    if (key[0] !== key[1]) where('key', pos, key[0], key[1]);
    const value = [scanUnquotedValueFast(f, pos), scanUnquotedValue(text, pos)];
    if (value[0] !== value[1]) where('value', pos, value[0], value[1]);
    const arg = [scanTagArgumentFast(f, pos), scanTagArgument(text, pos)];
    if (arg[0] !== arg[1]) where('tag argument', pos, arg[0], arg[1]);
    if (text[pos] === '"') {
      const close = plainDoubleQuotedClose(f, pos);
      if (close >= 0) {
        const rule = scanDoubleQuoted(text, pos);
        const same = rule.end === close + 1 && rule.text === text.slice(pos + 1, close) && !rule.errors.length && !rule.embedded.length;
        if (!same) where('plain double-quoted', pos, close + 1, `${rule.end} ${JSON.stringify(rule.text)}`);
      }
    }
  }
  return out;
}

test('fast scanners agree with the rules at every offset of the corpus', () => {
  const texts = [...validConfigs(), ...invalidCases()].map((c) => c.text);
  assert.ok(texts.length > 20, 'the shared corpus is missing');
  const rng = createRng(SEED);
  const bad: string[] = [];
  for (const text of texts) {
    bad.push(
      ...disagreements(
        text,
        shuffled(text.length, rng).sort((a, b) => a - b),
      ),
    );
    bad.push(...disagreements(text, shuffled(text.length, rng)));
    bad.push(...disagreements(text.replace(/\n/g, '\r\n'), shuffled(text.length, rng)));
  }
  assert.deepEqual(bad.slice(0, 10), []);
});

test('fast scanners agree with the rules on random texts of #, CR, tabs, quotes and >', () => {
  const rng = createRng(SEED);
  const bad: string[] = [];
  for (let i = 0; i < 20_000 && bad.length < 10; i++) {
    const text = randomText(rng);
    bad.push(...disagreements(text, rng.chance(0.5) ? shuffled(text.length, rng) : shuffled(text.length, rng).sort((a, b) => a - b)));
  }
  assert.deepEqual(bad.slice(0, 10), []);
});

test('NextChar: the first occurrence at or after an offset, whatever order it is asked in', () => {
  const text = 'a#b##c#';
  const f = new NextChar(text, '#');
  const expect = (pos: number) => text.indexOf('#', pos);
  for (const pos of [0, 2, 1, 7, 3, 0, 6, 5, 4, 8]) assert.equal(f.at(pos), expect(pos), `at(${pos})`);
  assert.equal(f.within(2, 3), false);
  assert.equal(f.within(2, 4), true);
  assert.equal(new NextChar('', '#').at(0), -1);
});

function sameParse(text: string): string | undefined {
  const fast = dump(parse(text));
  const general = dump(parse(text, { generalOnly: true }));
  try {
    assert.deepStrictEqual(fast, general);
    return undefined;
  } catch (e) {
    return `${JSON.stringify(text.slice(0, 200))}…: ${(e as Error).message.slice(0, 1500)}`;
  }
}

test('a parse with the fast line path equals one by the general rules: corpus, and mutations of it', () => {
  const texts = [...validConfigs(), ...invalidCases()].map((c) => c.text);
  const rng = createRng(SEED);
  const bad: string[] = [];
  for (const text of texts) {
    for (const variant of [text, text.replace(/\n/g, '\r\n'), text.replace(/^ +/gm, (m) => '\t'.repeat(m.length >> 1))]) {
      const d = sameParse(variant);
      if (d) bad.push(d);
    }
  }
  for (let i = 0; i < 3000 && bad.length < 3; i++) {
    const d = sameParse(mutate(rng.pick(texts), rng, texts).text);
    if (d) bad.push(d);
  }
  assert.deepEqual(bad.slice(0, 3), []);
});

test('the fast line path is taken: plain lines, and the lines it leaves to the rules', () => {
  // the same tree either way (above); here, that the plain lines really are plain
  const text = '<source>\n  @type tail\n  path /var/log/containers/*.log  \n  tag  kube.*\n  k "v"\n  a b # c\n  @bad x\n</source>\n';
  const r = parse(text);
  const src = r.document.children[0];
  assert.ok(src.kind === 'element');
  const params = src.children.map((c) => (c.kind === 'param' ? [c.key, c.value?.text, c.value?.style] : c.kind));
  assert.deepEqual(params, [
    ['@type', 'tail', 'none'],
    ['path', '/var/log/containers/*.log', 'none'],
    ['tag', 'kube.*', 'none'],
    ['k', 'v', 'double'],
    ['a', 'b', 'none'],
    ['@bad', 'x', 'none'],
  ]);
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    ['reserved-prefix'],
  );
  assert.deepEqual(
    r.document.comments.map((c) => c.text),
    ['# c'],
  );
});

test('double-quoted values on the fast line path read as the general rules read them', () => {
  const values = [
    `"#{ENV['FLUENT_HOST'] || 'localhost'}"`,
    `"#{ENV['A']}-#{ENV['B']}.conf"`,
    `"##{x}"`,
    `"a#b#"`,
    `"#{}"`,
    `"#{'}'}"`,
    `"#{'{'}"`,
    `"#{a'b}"`,
    `"#{ENV["X"]}"`,
    `"#{x # c}"`,
    '"#{`id`}"',
    `"#{ {a: 1}[:a] }"`,
    `"a\\"b"`,
    `"a\\n#{x}"`,
    `"unclosed #{x}`,
    `"#{x"`,
    `"" # comment`,
    `"#{x}" trailing`,
    `"#{x}"  # comment #{y}`,
  ];
  const bad: string[] = [];
  for (const v of values) {
    for (const key of ['k', '@type', '@bad', '@include']) {
      const d = sameParse(`<source>\n  ${key} ${v}\n  next 1\n</source>\n${key} ${v}\n`);
      if (d) bad.push(d);
    }
  }
  assert.deepEqual(bad, []);
  // and the value is what Fluentd reads, with its embedded code
  const p = parse(`<a>\n  host "#{ENV['H'] || 'x'}:#{ENV['P']}"\n</a>\n`).document.children[0];
  assert.ok(p.kind === 'element' && p.children[0].kind === 'param');
  const value = p.children[0].value!;
  assert.equal(value.text, `#{ENV['H'] || 'x'}:#{ENV['P']}`);
  assert.deepEqual(
    value.embedded.map((e) => e.code),
    [`ENV['H'] || 'x'`, `ENV['P']`],
  );
});
