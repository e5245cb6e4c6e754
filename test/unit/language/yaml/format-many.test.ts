// Formatting a ConfigMap YAML read the whole YAML back once per fluent.conf block (a
// file of many ConfigMaps: quadratic; found by the fuzzer, issue 13). All blocks are now
// checked with one reading. Run in a child process under a hang guard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pkg, runInChild, src } from '../../../helpers/bounded-child';

test('600 ConfigMaps needing formatting: every block formatted, the YAML read back once', () => {
  const one = (i: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\ndata:\n  fluent.conf: |\n    <match app${i}.**>\n        @type null\n    </match>\n`;
  const yaml = Array.from({ length: 600 }, (_, i) => one(i)).join('---\n');
  const r = runInChild<{ edits: number; formatted: boolean }>(
    `const { FluentdLanguageService } = await import(${src('language/service')});
     const { TextDocument } = await import(${pkg('vscode-languageserver-textdocument')});
     const service = new FluentdLanguageService();
     const doc = TextDocument.create('file:///t/cm.yaml', 'yaml', 1, ${JSON.stringify(yaml)});
     const edits = service.format(doc, { tabSize: 2, insertSpaces: true });
     const after = TextDocument.applyEdits(doc, edits);
     return { edits: edits.length, formatted: !after.includes('        @type null') && after.split('      @type null').length === 601 };`,
    120_000,
  );
  assert.equal(r.timedOut, false, 'formatting returned');
  assert.ok(r.value, r.stderr.slice(0, 500));
  assert.ok(r.value.edits >= 600);
  assert.equal(r.value.formatted, true);
});

test('YAML nested thousands of [ deep is refused before it is read (the YAML reader slows down on it)', () => {
  const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  fluent.conf: |\n    <match [a]>\n      @type null\n    </match>\n---\nx: ${'['.repeat(20_000)}\n`;
  const r = runInChild<{ code: string; message: string }[]>(
    `const { FluentdLanguageService } = await import(${src('language/service')});
     const { TextDocument } = await import(${pkg('vscode-languageserver-textdocument')});
     const service = new FluentdLanguageService();
     const doc = TextDocument.create('file:///t/deep.yaml', 'yaml', 1, ${JSON.stringify(yaml)});
     return service.diagnostics(doc).map((d) => ({ code: String(d.code), message: d.message }));`,
    120_000,
  );
  assert.equal(r.timedOut, false);
  assert.deepEqual(r.value, [
    { code: 'yaml-syntax', message: 'YAML: flow collections ([…] or {…}) nested more than 64 deep: the file is not checked' },
  ]);
});
