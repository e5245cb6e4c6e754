// fluent.conf in Kubernetes YAML through the language service: the DaemonSet
// image's whole config as one ConfigMap (built here from the shared corpus) is clean
// and a planted mistake is reported at its YAML line and column; sibling keys are
// @include targets; the ENV cross-check against the DaemonSet; broken and unrelated
// YAML; completion, hover, formatting and quick fixes mapped into the YAML file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatText } from '../../../../src/language/format';
import { nodeFileSystem } from '../../../../src/language/node-file-system';
import { toLspDiagnostic } from '../../../../src/language/features/diagnostics';
import { FluentdLanguageService } from '../../../../src/language/service';
import type { Diagnostic, Range } from '../../../../src/language/types';
import { pathToUri } from '../../../../src/language/uri';
import { readManifests } from '../../../../src/language/yaml/manifests';
import { corpusRoot, repoRoot } from '../../../helpers/corpus';
import { configMapManifest as manifest, DAEMONSET_ENV, daemonsetConfigMap } from '../../../helpers/config-map';

let version = 0;
const yamlDoc = (text: string, uri = 'file:///k8s/fluentd.yaml') => TextDocument.create(uri, 'yaml', ++version, text);

/** `code@line:col` (0-based) of findings, for compact assertions. */
const where = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);

function textAt(text: string, r: Range): string {
  const lines = text.split('\n');
  return lines[r.start.line].slice(r.start.character, r.start.line === r.end.line ? r.end.character : undefined);
}

/** The 0-based line and column of the first `needle` in a text. */
function find(text: string, needle: string, from = 0): { line: number; character: number } {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `no ${needle}`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

test('the DaemonSet image config as one ConfigMap (19 keys) with its DaemonSet: no finding at all', () => {
  const keys = daemonsetConfigMap();
  assert.equal(Object.keys(keys).length, 19);
  const service = new FluentdLanguageService();
  const found = service.diagnostics(yamlDoc(manifest(keys)));
  assert.deepEqual(found, []);
  // and every source reaches cloudwatch_logs across the keys
  const routes = service.eventRoutes(yamlDoc(manifest(keys)));
  assert.equal(routes.filter((r) => r.steps.at(-1)?.type === 'cloudwatch_logs').length, 17);
});

test('a planted mistake is reported at its YAML line and column', () => {
  const keys = daemonsetConfigMap();
  keys['fluent.conf'] = keys['fluent.conf'].replace('@type cloudwatch_logs', '@type cloudwatch_logz');
  const text = manifest(keys);
  const found = new FluentdLanguageService().diagnostics(yamlDoc(text));
  const at = find(text, 'cloudwatch_logz');
  assert.deepEqual(where(found), [`unknown-plugin@${at.line}:${at.character}`]);
  assert.equal(textAt(text, found[0].range), 'cloudwatch_logz');
});

test('ENV cross-check: a variable the DaemonSet does not set is reported where the config reads it', () => {
  const keys = daemonsetConfigMap();
  const text = manifest(
    keys,
    DAEMONSET_ENV.filter((n) => n !== 'LOG_GROUP_NAME'),
  );
  const found = new FluentdLanguageService().diagnostics(yamlDoc(text));
  const at = find(text, "ENV['LOG_GROUP_NAME']");
  assert.deepEqual(where(found), [`undefined-env@${at.line}:${at.character}`]);
  assert.equal(textAt(text, found[0].range), "ENV['LOG_GROUP_NAME']");
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /DaemonSet fluentd/);
});

test('ENV cross-check: defaults, fetch with a default, envFrom and no workload are fine', () => {
  const conf = (value: string) => ({ 'fluent.conf': `<match **>\n  @type stdout\n  @id "${value}"\n</match>\n` });
  const service = new FluentdLanguageService();
  const check = (value: string, env: string[] | null = ['SET']) => where(service.diagnostics(yamlDoc(manifest(conf(value), env))));
  assert.deepEqual(check("#{ENV['SET']}"), []);
  assert.deepEqual(check("#{ENV['UNSET'] || 'x'}"), []);
  assert.deepEqual(check("#{ENV.fetch('UNSET', 'x')}"), []);
  assert.deepEqual(check("#{ENV['UNSET'] || ENV['SET']}"), []);
  assert.deepEqual(check("#{ENV['KUBERNETES_SERVICE_HOST']}"), [], 'set by Kubernetes in every pod');
  assert.equal(check("#{ENV['UNSET']}").length, 1);
  assert.equal(check("#{ENV.fetch('UNSET')}").length, 1);
  assert.equal(check("#{ENV['A'] || ENV['B']}").length, 1);
  assert.deepEqual(check("#{ENV['UNSET']}", null), [], 'no workload mounts it: nothing to compare with');
  // a container taking variables from envFrom: they cannot be listed
  const withEnvFrom = manifest(conf("#{ENV['UNSET']}"), ['SET']).replace(
    '          env:\n',
    '          envFrom:\n            - configMapRef: {name: more}\n          env:\n',
  );
  assert.deepEqual(where(service.diagnostics(yamlDoc(withEnvFrom))), []);
  // single-quoted #{…} is not evaluated: no ENV read (but the literal warning)
  const literal = { 'fluent.conf': '<match **>\n  @type stdout\n  @id \'#{ENV["UNSET"]}\'\n</match>\n' };
  assert.deepEqual(
    service.diagnostics(yamlDoc(manifest(literal, ['SET']))).map((d) => d.code),
    ['literal-embedded-ruby'],
  );
});

test('the DaemonSet may live in another YAML file next to the ConfigMap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-yaml-'));
  const full = manifest({ 'fluent.conf': '<match **>\n  @type stdout\n  @id "#{ENV[\'UNSET\']}"\n</match>\n' });
  const [cm, ds] = full.split('---\n');
  writeFileSync(join(dir, 'configmap.yaml'), cm);
  writeFileSync(join(dir, 'daemonset.yaml'), ds);
  try {
    const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
    const found = service.diagnostics(yamlDoc(cm, pathToUri(join(dir, 'configmap.yaml'))));
    assert.deepEqual(
      found.map((d) => d.code),
      ['undefined-env'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sibling keys: @include other.conf reads the key; definition and links go there', () => {
  const text = manifest(
    {
      'fluent.conf': '@include containers.conf\n<match **>\n  @type stdout\n</match>\n',
      'containers.conf':
        '<source>\n  @type tail\n  path /var/log/containers/*.log\n  pos_file /var/log/c.pos\n  tag kubernetes.*\n  <parse>\n    @type json\n  </parse>\n</source>\n',
    },
    null,
  );
  const service = new FluentdLanguageService();
  const doc = yamlDoc(text);
  assert.deepEqual(service.diagnostics(doc), []);
  const inc = find(text, 'containers.conf\n');
  const defs = service.definition(doc, { line: inc.line, character: inc.character + 2 });
  const target = find(text, '<source>');
  assert.deepEqual(
    defs.map((l) => [l.uri, l.range.start.line, l.range.start.character]),
    [[doc.uri, target.line, target.character]],
  );
  const links = service.documentLinks(doc);
  assert.equal(links.length, 1);
  assert.equal(links[0].target, `${doc.uri}#L${target.line + 1},${target.character + 1}`);
  // the source in containers.conf routes to the match in fluent.conf
  const all = service.codeLenses(doc);
  const lenses = all.filter((l) => l.command!.command !== 'fluentd.tryLogLines');
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command!.title]),
    [[target.line, '→ match stdout']],
  );
  assert.deepEqual(lenses[0].command!.arguments, [doc.uri, target]);
  // "Try log lines…" on the key's <source> and its <parse>, run with the YAML document's URI
  const tries = all.filter((l) => l.command!.command === 'fluentd.tryLogLines');
  assert.deepEqual(
    tries.map((l) => [l.range.start.line, l.command!.arguments![0]]),
    [
      [target.line, doc.uri],
      [find(text, '<parse>').line, doc.uri],
    ],
  );
  // routes answer for a YAML position inside the source
  const routes = service.eventRoutes(doc, { line: target.line + 1, character: 8 });
  assert.equal(routes.length, 1);
  assert.equal(routes[0].steps[0].range!.start.line, find(text, '<match **>').line);
  // an include of a key that is not there may come from the image: no warning
  const other = manifest({ 'fluent.conf': '@include conf.d/*.conf\n<match **>\n  @type stdout\n</match>\n' }, null);
  assert.deepEqual(service.diagnostics(yamlDoc(other)), []);
});

test('accepted-but-wrong 03 (#{…} outside double quotes) and 04/05/06 (routing) inside a ConfigMap, and their fixes', () => {
  const service = new FluentdLanguageService();
  const abw = (name: string) => readFileSync(join(corpusRoot, 'accepted-but-wrong', name), 'utf8');
  const cases: [string, string[]][] = [
    ['03-env-not-evaluated.conf', ['literal-embedded-ruby@3', 'literal-embedded-ruby@4']],
    ['04-tail-tag-expansion-unmatched.conf', ['unmatched-source@5']],
    ['05-filter-after-match.conf', ['dead-filter@8']],
    ['06-shadowed-match.conf', ['shadowed-match@8']],
  ];
  for (const [name, expected] of cases) {
    const text = manifest({ 'fluent.conf': abw(name) }, null);
    const first = find(text, 'fluent.conf: |').line + 1; // YAML line of the config's line 1
    const found = service
      .diagnostics(yamlDoc(text))
      .filter((d) => d.severity !== 'information')
      .map((d) => `${d.code}@${d.range.start.line - first + 1}`);
    assert.deepEqual(found, expected, name);
  }
  // 04's quick fix edits the YAML, and the result is clean
  const text = manifest({ 'fluent.conf': abw('04-tail-tag-expansion-unmatched.conf') }, null);
  const doc = yamlDoc(text);
  const d = service.diagnostics(doc).find((x) => x.code === 'unmatched-source')!;
  const lsp = toLspDiagnostic(d, doc.uri);
  const fix = service.codeActions(doc, lsp.range, [lsp]).find((a) => a.title.includes('kubernetes.**'))!;
  const fixed = TextDocument.applyEdits(doc, fix.edit!.changes![doc.uri]);
  assert.match(fixed, / {4}<match kubernetes\.\*\*>/);
  assert.deepEqual(service.diagnostics(yamlDoc(fixed)), []);
  // 03 fixed (double quotes): clean
  const quoted = abw('03-env-not-evaluated.conf')
    .replace(`'#{ENV["AWS_REGION"]}'`, `"#{ENV['AWS_REGION']}"`)
    .replace('#{ENV["LOG_GROUP"]}', `"#{ENV['LOG_GROUP']}"`);
  assert.deepEqual(service.diagnostics(yamlDoc(manifest({ 'fluent.conf': quoted }, null))), []);
});

test('the demo routing mistake inside a ConfigMap: the dead filter at its YAML line, the combined fix edits both', () => {
  const service = new FluentdLanguageService();
  const conf = readFileSync(join(repoRoot, 'demo', 'workspace', 'routing-mistake', 'fluent.conf'), 'utf8');
  const text = manifest({ 'fluent.conf': conf }, null);
  const doc = yamlDoc(text);
  const first = find(text, 'fluent.conf: |').line + 1;
  const found = service.diagnostics(doc).filter((d) => d.code === 'unmatched-source' || d.code === 'dead-filter');
  assert.deepEqual(
    found.map((d) => `${d.code}@${d.range.start.line - first + 1}`),
    ['unmatched-source@10', 'dead-filter@16'],
  );
  const lsp = toLspDiagnostic(found[0], doc.uri);
  const [both] = service.codeActions(doc, lsp.range, [lsp]);
  assert.match(both.title, /and <filter kubernetes\.\*\*> on the same path/);
  const fixed = TextDocument.applyEdits(doc, both.edit!.changes![doc.uri]);
  assert.match(fixed, / {4}<filter kubernetes\.\*\*>\n/);
  assert.match(fixed, / {4}<match kubernetes\.\*\*>\n/);
  assert.deepEqual(
    service.diagnostics(yamlDoc(fixed)).map((d) => d.code),
    [],
  );
});

test('a one-line double-quoted value: positions map through the \\n escapes', () => {
  const text = 'kind: ConfigMap\nmetadata: {name: c}\ndata:\n  fluent.conf: "<match **>\\n  @type stdotu\\n</match>\\n"\n';
  const found = new FluentdLanguageService().diagnostics(yamlDoc(text));
  assert.deepEqual(where(found), [`unknown-plugin@3:${text.split('\n')[3].indexOf('stdotu')}`]);
  assert.equal(textAt(text, found[0].range), 'stdotu');
});

test('broken YAML: a YAML error, never a crash; a broken document does not hide the others', () => {
  const service = new FluentdLanguageService();
  const broken = 'kind: ConfigMap\ndata:\n  fluent.conf: |\n    <match **>\n  x: [\n';
  const found = service.diagnostics(yamlDoc(broken));
  assert.ok(found.length >= 1);
  assert.ok(found.every((d) => d.code === 'yaml-syntax' && d.severity === 'error'));
  const multi = `kind: ConfigMap\nmetadata: {name: a}\ndata:\n  a.conf: |\n    <match **>\n      @type nope\n    </match>\n---\nkind: ConfigMap\ndata: [unclosed\n---\nkind: Service\nmetadata: {name: s}\n`;
  const m = service.diagnostics(yamlDoc(multi));
  assert.deepEqual(
    m.map((d) => d.code).sort(),
    ['unknown-plugin', ...m.filter((d) => d.code === 'yaml-syntax').map(() => 'yaml-syntax')].sort(),
  );
  assert.ok(m.some((d) => d.code === 'yaml-syntax'));
  // garbage of every kind: never throws
  for (const g of [
    'kind: ConfigMap\ndata:\n  a.conf: |\n\t\tx\n',
    ':\n- : -\n ConfigMap .conf: ',
    'kind: ConfigMap\n' + '['.repeat(5000),
  ]) {
    assert.doesNotThrow(() => service.diagnostics(yamlDoc(g)));
  }
});

test('YAML without a ConfigMap holding .conf keys gets nothing from us', () => {
  const service = new FluentdLanguageService();
  for (const text of [
    'kind: Deployment\nspec: {}\n',
    'kind: ConfigMap\ndata:\n  app.properties: |\n    a=b\n',
    'not: [valid\n',
    'a: {{ .Values.x }}\nkind: ConfigMap\ndata:\n  f.conf: x\n',
  ]) {
    const doc = yamlDoc(text);
    assert.deepEqual(service.diagnostics(doc), [], text);
    assert.deepEqual(service.completion(doc, { line: 0, character: 1 }).items, []);
    assert.equal(service.hover(doc, { line: 0, character: 1 }), null);
    assert.deepEqual(service.codeLenses(doc), []);
    assert.deepEqual(service.documentLinks(doc), []);
    assert.deepEqual(service.format(doc), []);
    assert.deepEqual(service.documentSymbols(doc), []);
    assert.deepEqual(service.eventRoutes(doc), []);
  }
});

test('completion and hover inside a key answer with YAML positions; outside the key nothing', () => {
  const text =
    'kind: ConfigMap\nmetadata: {name: c}\ndata:\n  fluent.conf: |\n    <match **>\n      @type cloudwatch_logs\n      auto_create_stream true\n    </match>\n';
  const service = new FluentdLanguageService();
  const doc = yamlDoc(text);
  const line = 5;
  const c = service.completion(doc, { line, character: 18 });
  const item = c.items.find((i) => i.label === 'cloudwatch_logs');
  assert.ok(item, 'an output plugin is offered for @type');
  const edit = item!.textEdit as { range: Range };
  assert.deepEqual(edit.range.start, { line, character: 12 });
  const h = service.hover(doc, { line: 6, character: 10 });
  assert.match(JSON.stringify(h!.contents), /auto_create_stream/);
  assert.deepEqual(h!.range, { start: { line: 6, character: 6 }, end: { line: 6, character: 24 } });
  // on the YAML key itself and in the indentation of the block: nothing
  assert.deepEqual(service.completion(doc, { line: 3, character: 4 }).items, []);
  assert.equal(service.hover(doc, { line: 6, character: 2 }), null);
});

test('formatting a | block: edits in the YAML file that read back as the formatted config', () => {
  const conf = '<match **>\n@type stdout\n     <buffer>\n   flush_interval 5s\n  </buffer>\n</match>\n';
  const text = `kind: ConfigMap\nmetadata: {name: c}\ndata:\n  fluent.conf: |\n${conf
    .split('\n')
    .map((l) => (l ? `    ${l}` : ''))
    .join('\n')}\n  other: x\n`;
  const service = new FluentdLanguageService();
  const doc = yamlDoc(text);
  const edits = service.format(doc);
  assert.ok(edits.length > 0);
  const after = TextDocument.applyEdits(doc, edits);
  const reread = readManifests(after);
  assert.deepEqual(reread.errors, []);
  assert.equal(reread.configMaps[0].keys[0].text, formatText(conf).text);
  assert.match(after, /\n {2}other: x\n$/, 'the rest of the YAML is untouched');
  // formatting again changes nothing; a quoted value is never reformatted
  assert.deepEqual(service.format(yamlDoc(after)), []);
  const quoted = 'kind: ConfigMap\nmetadata: {name: c}\ndata:\n  fluent.conf: "<match **>\\n@type stdout\\n</match>\\n"\n';
  assert.deepEqual(service.format(yamlDoc(quoted)), []);
});

test('quick fixes of the catalogue checks apply to the YAML file (did-you-mean on a @type)', () => {
  const text = 'kind: ConfigMap\nmetadata: {name: c}\ndata:\n  fluent.conf: |\n    <match **>\n      @type stdotu\n    </match>\n';
  const service = new FluentdLanguageService();
  const doc = yamlDoc(text);
  const d = service.diagnostics(doc);
  assert.deepEqual(where(d), ['unknown-plugin@5:12']);
  const lsp = toLspDiagnostic(d[0], doc.uri);
  const actions = service.codeActions(doc, lsp.range, [lsp]);
  const fix = actions.find((a) => a.title.includes('stdout'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const fixed = TextDocument.applyEdits(doc, fix!.edit!.changes![doc.uri]);
  assert.equal(fixed, text.replace('stdotu', 'stdout'));
  assert.deepEqual(service.diagnostics(yamlDoc(fixed)), []);
});
