// Completion right after an edit parses only the top-level element around the
// cursor. It must offer exactly what completion on the whole-document parse offers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCatalog } from '../../../../../src/language/catalog';
import { completion } from '../../../../../src/language/features/completion';
import { elementWindow } from '../../../../../src/language/features/completion/window';
import { parse } from '../../../../../src/language/parser';
import { acceptedButWrong, corpusAvailable, invalidCases, validConfigs } from '../../../../helpers/corpus';

const catalog = defaultCatalog();

const summary = (list: ReturnType<typeof completion>) =>
  list.items.map((i) => `${i.label}|${i.detail}|${JSON.stringify(i.textEdit)}`).join('\n');

test('the window is the top-level element around the line', () => {
  const text =
    '<system>\n  workers 2\n</system>\n<label @a>\n  <match **>\n    @type s3\n    <buffer>\n    </buffer>\n  </match>\n</label>\n<source>\n';
  assert.deepEqual(elementWindow(text, 6), { startLine: 3, text: text.split('\n').slice(3, 10).join('\n') });
  assert.deepEqual(elementWindow(text, 1), { startLine: 0, text: '<system>\n  workers 2\n</system>' });
  assert.equal(elementWindow(text, 10)?.startLine, 10, 'a line at the root is its own window');
  // an unclosed element reaches to the end
  assert.equal(elementWindow('<source>\n  @type tail\n  \n', 2)?.text, '<source>\n  @type tail\n  \n');
});

test(
  'window completion equals whole-parse completion at every line of the corpus, whole and cut short',
  { skip: !corpusAvailable() },
  () => {
    let compared = 0;
    for (const { name, text: full } of [...validConfigs(), ...invalidCases(), ...acceptedButWrong()]) {
      for (const [k, text] of [full, full.slice(0, Math.floor(full.length * 0.55))].entries()) {
        const parsed = parse(text);
        const lines = text.split('\n');
        for (let line = 0; line < lines.length; line++) {
          const len = lines[line].replace(/\r$/, '').length;
          // every kind of slot on the whole file; line ends (where typing happens) on the cut one
          for (const character of new Set(k === 0 ? [0, Math.ceil(len / 2), len] : [len])) {
            const pos = { line, character };
            const a = summary(completion(text, parsed, pos, catalog));
            const b = summary(completion(text, undefined, pos, catalog, () => parsed));
            assert.equal(b, a, `${name}:${line + 1}:${character}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 6000, `${compared}`);
  },
);
