// The language service facade: outline, folding, go-to-definition (@label and
// @include against real files), caching and the LSP shape of diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, SymbolKind, FoldingRangeKind } from 'vscode-languageserver-types';
import { FluentdLanguageService } from '../../../src/language/service';
import { nodeFileSystem } from '../../../src/language/node-file-system';

const CONFIG = [
  '# Kubernetes container logs', //      0
  '# shipped to CloudWatch', //          1
  '@include conf.d/*.conf', //           2
  '<source>', //                         3
  '  @type tail', //                     4
  '  @label @CW', //                     5
  '  <parse>', //                        6
  '    @type json', //                   7
  '  </parse>', //                       8
  '</source>', //                        9
  '<label @CW>', //                     10
  '  <match kubernetes.**>', //         11
  '    @type cloudwatch_logs', //       12
  '    <buffer>', //                    13
  '      flush_interval 5s', //         14
  '    </buffer>', //                   15
  '  </match>', //                      16
  '</label>', //                        17
  '<system>', //                        18
  '  log_level info', //                19
  '</system>', //                       20
  '<filter app.**>', //                 21
  '  @type record_transformer', //      22
  '  <record>', //                      23
  '    stream_name ${tag}', //          24
  '  </record>', //                     25
  '  matches [{"a": 1},', //            26
  '    {"b": 2}]', //                   27
  '</filter>', //                       28
].join('\n');

const doc = (text: string, uri = 'file:///etc/fluent/fluent.conf', version = 1) => TextDocument.create(uri, 'fluentd', version, text);

test('outline: directives with argument and @type, nested sections, includes', () => {
  const svc = new FluentdLanguageService();
  const symbols = svc.documentSymbols(doc(CONFIG));
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail, s.kind]),
    [
      ['@include conf.d/*.conf', undefined, SymbolKind.File],
      ['<source>', '@type tail', SymbolKind.Event],
      ['<label @CW>', undefined, SymbolKind.Namespace],
      ['<system>', undefined, SymbolKind.Module],
      ['<filter app.**>', '@type record_transformer', SymbolKind.Operator],
    ],
  );
  const [, source, label] = symbols;
  assert.deepEqual(
    source.children!.map((s) => [s.name, s.detail]),
    [['<parse>', '@type json']],
  );
  const match = label.children![0];
  assert.equal(match.name, '<match kubernetes.**>');
  assert.equal(match.detail, '@type cloudwatch_logs');
  assert.equal(match.kind, SymbolKind.Function);
  assert.deepEqual(
    match.children!.map((s) => [s.name, s.kind]),
    [['<buffer>', SymbolKind.Struct]],
  );
  // range: the whole element; selection: its start tag
  assert.deepEqual(label.range, { start: { line: 10, character: 0 }, end: { line: 17, character: 8 } });
  assert.deepEqual(label.selectionRange, { start: { line: 10, character: 0 }, end: { line: 10, character: 11 } });
  const inc = symbols[0];
  assert.deepEqual(inc.selectionRange, { start: { line: 2, character: 9 }, end: { line: 2, character: 22 } });
});

test('outline of a broken file still lists what parsed, unclosed elements included', () => {
  const symbols = new FluentdLanguageService().documentSymbols(doc('<source>\n  @type tail\n<match **>\n  @type null\n'));
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['<source>'],
  );
  assert.deepEqual(
    symbols[0].children!.map((s) => s.name),
    ['<match **>'],
  );
  assert.equal(symbols[0].range.end.line, 3);
});

test('folding: multi-line elements keep their end tag visible; comment runs; multi-line values', () => {
  const ranges = new FluentdLanguageService().foldingRanges(doc(CONFIG));
  const regions = ranges.filter((r) => r.kind === undefined).map((r) => [r.startLine, r.endLine]);
  const comments = ranges.filter((r) => r.kind === FoldingRangeKind.Comment).map((r) => [r.startLine, r.endLine]);
  for (const want of [
    [3, 8],
    [6, 7],
    [10, 16],
    [11, 15],
    [13, 14],
    [18, 19],
    [21, 27],
    [23, 24],
    [26, 27],
  ]) {
    assert.ok(
      regions.some((r) => r[0] === want[0] && r[1] === want[1]),
      `missing fold ${want}: ${JSON.stringify(regions)}`,
    );
  }
  assert.equal(regions.length, 9);
  assert.deepEqual(comments, [[0, 1]]);
});

test('definition: @label @X goes to <label @X>', () => {
  const svc = new FluentdLanguageService();
  const d = doc(CONFIG);
  const locs = svc.definition(d, { line: 5, character: 10 });
  assert.deepEqual(locs, [{ uri: d.uri, range: { start: { line: 10, character: 0 }, end: { line: 10, character: 11 } } }]);
  // on the key, not the value: nothing
  assert.deepEqual(svc.definition(d, { line: 5, character: 3 }), []);
  // an undefined label: nothing
  assert.deepEqual(svc.definition(doc('<source>\n  @label @NOPE\n</source>\n'), { line: 1, character: 12 }), []);
});

test('definition: @include goes to the files it globs, sorted, relative to the including file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-def-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'conf.d'));
  mkdirSync(join(dir, 'conf.d', 'sub'));
  for (const f of ['b.conf', 'a.conf', '.hidden.conf', 'readme.txt', 'sub/c.conf']) writeFileSync(join(dir, 'conf.d', f), '# x\n');
  writeFileSync(join(dir, 'single.conf'), 'k v\n');
  const svc = new FluentdLanguageService({ fileSystem: nodeFileSystem });
  const uri = pathToFileURL(join(dir, 'fluent.conf')).href;
  const text = '@include conf.d/*.conf\n<source>\n  @include single.conf\n</source>\n@include missing/*.conf\n@include conf.d/**/*.conf\n';
  const d = doc(text, uri);
  const targets = (line: number, ch: number) =>
    svc.definition(d, { line, character: ch }).map((l) => fileURLToPath(l.uri).slice(dir.length + 1));
  assert.deepEqual(targets(0, 12), ['conf.d/a.conf', 'conf.d/b.conf']);
  assert.deepEqual(targets(2, 15), ['single.conf'], 'nested @include');
  assert.deepEqual(targets(4, 12), [], 'a glob matching nothing');
  assert.deepEqual(targets(5, 12), ['conf.d/a.conf', 'conf.d/b.conf', 'conf.d/sub/c.conf']);
  for (const l of svc.definition(d, { line: 0, character: 3 })) {
    assert.deepEqual(l.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  }
  // an absolute path and a file:// URI
  const abs = doc(`@include ${join(dir, 'single.conf')}\n@include file://${join(dir, 'conf.d', 'a.conf')}\n`, uri);
  assert.deepEqual(
    svc.definition(abs, { line: 0, character: 12 }).map((l) => fileURLToPath(l.uri)),
    [join(dir, 'single.conf')],
  );
  assert.deepEqual(
    svc.definition(abs, { line: 1, character: 12 }).map((l) => fileURLToPath(l.uri)),
    [join(dir, 'conf.d', 'a.conf')],
  );
  // without a file system, or for an http(s) include, nothing
  assert.deepEqual(new FluentdLanguageService().definition(d, { line: 0, character: 12 }), []);
  assert.deepEqual(svc.definition(doc('@include https://example.com/x.conf\n', uri), { line: 0, character: 12 }), []);
});

test('the parse is cached per URI and version', () => {
  const svc = new FluentdLanguageService();
  const v1 = doc('k v\n', 'file:///a.conf', 1);
  const p1 = svc.fluentConf.parse(v1);
  assert.equal(svc.fluentConf.parse(v1), p1);
  const v2 = TextDocument.update(v1, [{ text: '<source>\n' }], 2);
  const p2 = svc.fluentConf.parse(v2);
  assert.notEqual(p2, p1);
  assert.deepEqual(
    p2.diagnostics.map((d) => d.code),
    ['unclosed-element'],
  );
  svc.forget(v2.uri);
  assert.notEqual(svc.fluentConf.parse(v2), p2);
});

test('validate: LSP diagnostics carry severity, code and source', () => {
  const svc = new FluentdLanguageService();
  const out = svc.validate(doc('<source>\n  @type tail\n  path "\\z"\n'));
  const escape = out.find((d) => d.code === 'bad-escape');
  assert.ok(escape);
  assert.equal(escape.severity, DiagnosticSeverity.Error);
  assert.equal(escape.source, 'fluentd');
  assert.deepEqual(escape.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 10 } });
  const unclosed = out.find((d) => d.code === 'unclosed-element');
  assert.ok(unclosed);
  assert.equal(unclosed.range.start.line, 0);
  const warn = svc.validate(doc('include a.conf\n')).find((d) => d.code === 'deprecated-include');
  assert.equal(warn?.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(warn?.data, { replacement: '@include' });
});

test('diagnostics keep syntax errors first and survive a throwing check', () => {
  const svc = new FluentdLanguageService({
    checks: [
      () => {
        throw new Error('boom');
      },
    ],
  });
  const out = svc.diagnostics(doc('k "\\z"\n'));
  assert.deepEqual(
    out.map((d) => d.code),
    ['bad-escape', 'internal-error'],
  );
  assert.match(out[1].message, /boom/);
});
