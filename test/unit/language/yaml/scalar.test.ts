// The scalar decoder behind the YAML position map: for every style it must give the
// value the yaml package gives, and each character copied from the file must sit at
// the offset it is mapped to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { decodeBlock, decodeFlow, type DecodedScalar } from '../../../../src/language/yaml/scalar';

/** Decodes `data.k` of a one-document YAML both ways. */
function both(yaml: string): { lib: string; mine: DecodedScalar | undefined; type: string } {
  const doc = parseDocument(yaml, { keepSourceTokens: true });
  assert.deepEqual(doc.errors, [], yaml);
  const data = doc.get('data', true);
  assert.ok(isMap(data));
  const node = data.get('k', true) as Scalar;
  assert.ok(isScalar(node));
  const [start, end] = node.range!;
  const indent = (node.srcToken as { indent?: number }).indent ?? 0;
  const mine =
    node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED'
      ? decodeBlock(yaml, start, end, indent)
      : decodeFlow(yaml, start, end, node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'QUOTE_SINGLE' ? 'single' : 'plain');
  return { lib: node.value as string, mine, type: node.type! };
}

const CASES: string[] = [
  'data:\n  k: |\n    <match **>\n      @type stdout\n    </match>\n',
  'data:\n  k: |-\n    a\n\n    b\n\n\n',
  'data:\n  k: |+\n    a\n\n    b\n\n\nnext: 1\n',
  'data:\n  k: |\n\n    a\n      indented\n    b\n',
  'data:\n  k: |2\n      leading spaces kept\n    b\n',
  'data:\n  k: |  # a comment on the header\n    x\n',
  'data:\n  k: >\n    folded\n    lines\n\n    para\n      more\n    end\n',
  'data:\n  k: >-\n    a\n    b\n',
  'data:\n  k: "<match **>\\n  @type stdout\\n</match>\\n"\n',
  'data:\n  k: "tab\\there \\"q\\" \\\\ \\x41\\u00e9"\n',
  'data:\n  k: "folded\n    over\n\n    lines"\n',
  'data:\n  k: "escaped \\\n    break"\n',
  "data:\n  k: 'it''s single'\n",
  "data:\n  k: 'single\n    folded'\n",
  'data:\n  k: plain text value\n',
  'data:\n  k: plain\n    continued\n',
  'data:\r\n  k: |\r\n    crlf\r\n    lines\r\n',
  'data:\n  k: |\n    unicode é 🚀 end\n',
];

test('every scalar style decodes to the yaml package value', () => {
  for (const y of CASES) {
    const { lib, mine, type } = both(y);
    assert.ok(mine, `${type}: decoded`);
    assert.equal(mine!.text, lib, `${type}: ${JSON.stringify(y)}`);
    assert.equal(mine!.offsets.length, mine!.text.length + 1);
  }
});

test('characters copied from the file sit at their mapped offsets; offsets never go back', () => {
  for (const y of CASES) {
    const { mine } = both(y);
    const d = mine!;
    for (let i = 0; i < d.text.length; i++) {
      if (d.direct[i] && d.text[i] !== '\n') assert.equal(y[d.offsets[i]], d.text[i], `${JSON.stringify(y)} @${i}`);
      if (i > 0) assert.ok(d.offsets[i] >= d.offsets[i - 1], 'monotonic');
    }
  }
});

test('block literal: the indentation and chomping are reported for edits', () => {
  const { mine } = both('data:\n  k: |-\n      deep\n      x\n');
  assert.equal(mine!.style, 'literal');
  assert.equal(mine!.indent, 6);
  assert.equal(mine!.chomp, 'strip');
  // every character of a literal block is exact, line breaks included
  assert.ok(mine!.direct.every((x) => x === 1));
});

test('escapes and folds are not exact characters', () => {
  const { mine } = both('data:\n  k: "a\\nb"\n');
  assert.equal(mine!.text, 'a\nb');
  assert.deepEqual([...mine!.direct], [1, 0, 1]);
  assert.equal(mine!.offsets[1], mine!.offsets[0] + 1, 'the escape maps to its backslash');
});
