// Completion never throws and stays sensible on broken documents: unclosed elements,
// half-typed tags, the end of the file, values, comments — and at every line of every
// corpus config (whole and cut short).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { defaultCatalog, type ParamDef } from '../../../../../src/language/catalog';
import { configLiteral, valueSnippet } from '../../../../../src/language/features/completion/snippets';
import { FluentdLanguageService } from '../../../../../src/language/service';
import { convert } from '../../../../../src/language/values';
import { acceptedButWrong, corpusAvailable, invalidCases, validConfigs } from '../../../../helpers/corpus';
import { complete, expandSnippet } from './helpers';

test('an unclosed element at the end of the file still gets its parameters', () => {
  const labels = complete('<source>\n  @type tail\n  |').labels;
  assert.ok(labels.includes('path') && labels.includes('tag'));
  const nested = complete('<match **>\n  @type s3\n  <buffer>\n    @type file\n    flush_|').labels;
  assert.ok(nested.includes('flush_interval') && !nested.includes('s3_bucket'));
});

test('an unclosed section inside a closed directive is still the context', () => {
  const labels = complete('<match **>\n  @type s3\n  <buffer>\n    |\n</match>\n').labels;
  assert.ok(labels.includes('timekey'), labels.join());
});

test('a half-typed start tag does not swallow the context', () => {
  const labels = complete('<match **>\n  @type s3\n  <buf|\n  s3_bucket b\n</match>\n').labels;
  assert.ok(labels.includes('<buffer>'));
});

test('nothing inside comments or inside a multi-line value', () => {
  assert.deepEqual(complete('<source>\n  @type tail\n  # pa|\n</source>').labels, []);
  assert.deepEqual(complete('<source>\n  @type tail\n  tag x # pa|\n</source>').labels, []);
  assert.deepEqual(complete('<source>\n  @type sample\n  sample [\n    {"a": 1},\n    |{"b": 2}\n  ]\n</source>').labels, []);
  assert.deepEqual(
    complete('<filter **>\n  @type record_transformer\n  <record>\n    msg "line one\n    |"\n  </record>\n</filter>').labels,
    [],
  );
});

test('positions past the end of a line or the file are clamped, not thrown on', () => {
  const service = new FluentdLanguageService();
  const doc = TextDocument.create('file:///x.conf', 'fluentd', 1, '<source>\n  @type tail\n');
  assert.doesNotThrow(() => service.completion(doc, { line: 1, character: 400 }));
  assert.doesNotThrow(() => service.completion(doc, { line: 40, character: 0 }));
  assert.doesNotThrow(() => service.completion(TextDocument.create('file:///e.conf', 'fluentd', 1, ''), { line: 0, character: 0 }));
});

test('snippet defaults are values Fluentd reads as the documented default', () => {
  const catalog = defaultCatalog();
  let checked = 0;
  const visit = (params: readonly ParamDef[]) => {
    for (const def of params) {
      const inserted = expandSnippet(valueSnippet(def, 1));
      if (def.type === 'time' || def.type === 'size' || def.type === 'integer' || def.type === 'float') {
        if (typeof def.default !== 'number' || def.required) continue;
        const got = convert(def.type, inserted);
        assert.equal(got.value, def.default, `${def.name}: '${inserted}'`);
        assert.equal(got.surprise, undefined, `${def.name}: '${inserted}' ${got.surprise}`);
        checked++;
      } else if (def.type === 'enum' && def.list?.length) {
        assert.ok(def.list.includes(inserted), `${def.name}: ${inserted}`);
        if (typeof def.default === 'string' && def.list.includes(def.default)) assert.equal(inserted, def.default);
        checked++;
      } else if (def.type === 'bool' && typeof def.default === 'boolean') {
        assert.equal(convert('bool', inserted).value, def.default, def.name);
        checked++;
      }
    }
  };
  for (const p of catalog.plugins()) {
    visit(p.params);
    const stack = Object.values(p.sections);
    while (stack.length) {
      const s = stack.pop()!;
      visit(s.params);
      stack.push(...Object.values(s.sections));
    }
  }
  assert.ok(checked > 500, `only ${checked} defaults checked`);
  assert.equal(configLiteral(86400, 'time'), '1d');
  assert.equal(configLiteral(8 * 1024 * 1024, 'size'), '8m');
  assert.equal(configLiteral(5, 'time'), '5s');
});

test('every line of every corpus config, whole and cut short: no throw, edits on the cursor line', { skip: !corpusAvailable() }, () => {
  const service = new FluentdLanguageService();
  let calls = 0;
  let offered = 0;
  for (const [n, { name: file, text: full }] of [...validConfigs(), ...invalidCases(), ...acceptedButWrong()].entries()) {
    // the file as it is, and cut in the middle of a line (an unfinished edit)
    const cut = full.slice(0, Math.floor(full.length * 0.6));
    for (const [k, text] of [full, cut].entries()) {
      const doc = TextDocument.create(`file:///corpus/${n}-${k}.conf`, 'fluentd', 1, text);
      for (let line = 0; line < doc.lineCount; line++) {
        const len = doc.getText({ start: { line, character: 0 }, end: { line, character: 10_000 } }).replace(/\r?\n$/, '').length;
        for (const character of new Set([0, Math.floor(len / 2), len])) {
          const list = service.completion(doc, { line, character });
          calls++;
          offered += list.items.length;
          for (const it of list.items) {
            const e = it.textEdit as TextEdit;
            assert.ok(e, `${file}:${line + 1}:${character} item ${it.label} has no edit`);
            assert.equal(e.range.start.line, line);
            assert.equal(e.range.end.line, line);
            assert.ok(
              e.range.start.character <= character && e.range.end.character >= character,
              `${file}:${line + 1}:${character} ${it.label}`,
            );
          }
        }
      }
    }
  }
  assert.ok(calls > 5000 && offered > 10_000, `${calls} calls, ${offered} items`);
});
