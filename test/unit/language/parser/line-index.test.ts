// LineIndex: offsets ↔ LSP positions, and `order`, the number tree queries compare
// with node offsets instead of building ranges. `order` must sort exactly as the
// position would against every offset's position, for positions inside and outside
// the text (past a line's end, before the first line, after the last).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../../src/language/parser';
import type { Position } from '../../../../src/language/types';
import { createRng } from '../../../helpers/prng';

const cmp = (a: Position, b: Position) => a.line - b.line || a.character - b.character;
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

test('positionAt and offsetAt round-trip; CR of a CRLF is not part of the line', () => {
  const idx = new LineIndex('ab\r\ncd\n\nef');
  assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(10), { line: 3, character: 2 });
  for (let o = 0; o <= 10; o++) if (o !== 3 && o !== 2) assert.equal(idx.offsetAt(idx.positionAt(o)), o, `offset ${o}`);
  assert.equal(idx.lineEnd(0), 2);
  assert.equal(idx.lineStart(1), 4);
  assert.equal(idx.lineStart(9), 11);
});

test('order sorts like the position against every offset of the text', () => {
  const rng = createRng(7);
  const texts = ['', 'a', '\n', 'ab\ncd', 'ab\r\ncd\r\n', '<a>\n  k v\n</a>\n', 'x\n\n\ny  \r\nz'];
  for (const text of texts) {
    const idx = new LineIndex(text);
    const positions: Position[] = [];
    for (let line = -1; line <= idx.lineCount + 1; line++)
      for (let character = -1; character <= 6; character++) positions.push({ line, character });
    for (let i = 0; i < 50; i++) positions.push({ line: rng.int(idx.lineCount + 2), character: rng.int(10) });
    for (const pos of positions) {
      const at = idx.order(pos);
      for (let o = 0; o <= text.length; o++) {
        const p = idx.positionAt(o);
        assert.equal(
          sign(at - o),
          sign(cmp(pos, p)),
          `${JSON.stringify(text)}: ${JSON.stringify(pos)} vs offset ${o} ${JSON.stringify(p)}`,
        );
      }
    }
  }
});
