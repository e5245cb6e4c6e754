// Limits that keep the editor responsive on absurd input: a cap on the diagnostics
// sent to the editor, and no formatting of pathologically deep nesting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatText, MAX_FORMAT_DEPTH } from '../../../src/language/format';
import { capForEditor, MAX_EDITOR_DIAGNOSTICS } from '../../../src/language/features/diagnostics';
import { FluentdLanguageService } from '../../../src/language/service';

test('the editor gets at most MAX_EDITOR_DIAGNOSTICS findings, errors first, and a note of the rest', () => {
  // 3,000 unterminated strings between 3,000 deprecated `type` names: errors and warnings
  let text = '';
  for (let i = 0; i < 3000; i++) text += `<match a${i}>\n  type stdout\n  k "x\n</match>\n`;
  const service = new FluentdLanguageService();
  const doc = TextDocument.create('file:///limits/many.conf', 'fluentd', 1, text);
  const all = service.diagnostics(doc);
  assert.ok(all.length > MAX_EDITOR_DIAGNOSTICS * 2, `${all.length}`);
  const shown = service.validate(doc);
  assert.equal(shown.length, MAX_EDITOR_DIAGNOSTICS + 1);
  assert.ok(
    shown.slice(0, MAX_EDITOR_DIAGNOSTICS).every((d) => d.severity === 1),
    'errors come first',
  );
  const note = shown[MAX_EDITOR_DIAGNOSTICS];
  assert.equal(note.code, 'too-many-diagnostics');
  assert.equal(typeof note.message, 'string'); // LSP 3.18 also allows MarkupContent; the server sends plain text
  assert.match(note.message as string, new RegExp(`${all.length - MAX_EDITOR_DIAGNOSTICS} more findings`));
});

test('below the cap nothing is dropped or added', () => {
  const few = [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'warning' as const, code: 'x', message: 'm' },
  ];
  assert.deepEqual(capForEditor(few), few);
});

test('formatting leaves nesting deeper than MAX_FORMAT_DEPTH alone, and formats up to it', () => {
  const nest = (n: number) => '<a>\n'.repeat(n) + '</a>\n'.repeat(n);
  const deep = nest(MAX_FORMAT_DEPTH + 2);
  assert.deepEqual(formatText(deep), { text: deep, skipped: 'too-deep' });
  const ok = formatText(nest(MAX_FORMAT_DEPTH));
  assert.equal(ok.skipped, undefined);
  assert.ok(ok.text.includes(' '.repeat(2 * (MAX_FORMAT_DEPTH - 1)) + '<a>'));
});
