// reparse (the incremental parse) must give exactly what a parse of the new text gives:
// every node, range, comment and finding (test/helpers/parse.ts dump), after each of
// thousands of seeded random edits applied one after another to every corpus file (each
// reparse taking over the previous one, as the language service chains them), including
// edits that open or close elements, strings, `#{` and JSON values. And it must really
// reuse: after a one-character edit in the middle of the 10,000-line config, the nodes
// before and after the edited element are the previous parse's own objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, reparse, type ParseResult } from '../../../../src/language/parser';
import { corpus10k } from '../../../../bench/corpus10k';
import { acceptedButWrong, corpusAvailable, invalidCases, validConfigs } from '../../../helpers/corpus';
import { applyEdit, randomEdit } from '../../../helpers/edits';
import { dump } from '../../../helpers/parse';
import { createRng, seedFromEnv } from '../../../helpers/prng';

const SEED = seedFromEnv('INCREMENTAL_SEED');
const EDITS_PER_FILE = 16;

function texts(): string[] {
  return [...validConfigs(), ...invalidCases(), ...acceptedButWrong()].map((c) => c.text);
}

/** The first difference between an incremental and a full parse, or undefined. */
function difference(incremental: ParseResult, text: string): string | undefined {
  try {
    assert.deepStrictEqual(dump(incremental), dump(parse(text)));
    return undefined;
  } catch (e) {
    return (e as Error).message.slice(0, 2000);
  }
}

test(`reparse equals a full parse after every edit of a chain, on every corpus file (seed ${SEED})`, { skip: !corpusAvailable() }, () => {
  const all = texts();
  const rng = createRng(SEED);
  const bad: string[] = [];
  let edits = 0;
  for (const original of all) {
    for (const variant of [original, original.replace(/\n/g, '\r\n')]) {
      let text = variant;
      let parsed = parse(text);
      for (let k = 0; k < EDITS_PER_FILE && bad.length < 3; k++) {
        const edit = randomEdit(text, rng, all);
        const next = applyEdit(text, edit);
        parsed = reparse(parsed, next);
        edits++;
        const d = difference(parsed, next);
        if (d) bad.push(`seed ${SEED}, edit ${k} ${JSON.stringify(edit)} of ${JSON.stringify(text.slice(0, 120))}…:\n${d}`);
        text = next;
      }
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(edits > 2000, `only ${edits} edits`);
});

test(`reparse equals a full parse on the 10,000-line config, edit after edit (seed ${SEED})`, { skip: !corpusAvailable() }, () => {
  const all = texts();
  const rng = createRng(SEED ^ 0x5bd1e995);
  let text = corpus10k();
  let parsed = parse(text);
  for (let k = 0; k < 20; k++) {
    const edit = randomEdit(text, rng, all);
    const next = applyEdit(text, edit);
    parsed = reparse(parsed, next);
    const d = difference(parsed, next);
    assert.equal(d, undefined, `seed ${SEED}, edit ${k} ${JSON.stringify(edit)}`);
    text = next;
  }
});

test(
  'a one-character edit reuses the nodes before and after the edited element, and the same text reuses the parse',
  { skip: !corpusAvailable() },
  () => {
    const text = corpus10k();
    const before = parse(text);
    const nodes = [...before.document.children];
    const middle = text.indexOf('\n  flush_interval', text.length >> 1) + '\n  flush_interval'.length;
    assert.ok(middle > text.length >> 1);
    const next = text.slice(0, middle) + 'x' + text.slice(middle);
    const after = reparse(before, next);
    const reused = after.document.children.filter((n) => nodes.includes(n)).length;
    assert.equal(after.document.children.length, nodes.length);
    assert.equal(reused, nodes.length - 1, 'every top-level node but the edited one is taken over');
    assert.equal(reparse(after, next), after);
  },
);
