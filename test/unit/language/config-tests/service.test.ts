// The editor's service for config test files: the JSON schema is the format's, completion knows
// the keys and the config's names, hover and go to definition, diagnostics for unknown names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { schemaText, SCHEMA_PATH } from '../../../../scripts/build-test-schema';
import { ConfigTestService } from '../../../../src/language/config-tests/service';
import { yamlContextAt } from '../../../../src/language/config-tests/yaml-path';
import { nodeFileSystem } from '../../../../src/language/node-file-system';
import { configDir } from '../../../helpers/config-dir';

const dirs: { cleanup(): void }[] = [];
after(() => dirs.forEach((d) => d.cleanup()));

const CONF = `<source>
  @type tail
  @id in_app
  path /var/log/app/*.log
  tag app.*
  <parse>
    @type none
  </parse>
</source>
<source>
  @type forward
  @id in_fwd
</source>
<match app.**>
  @type stdout
  @id out_app
</match>
<label @extra>
  <match **>
    @type null
  </match>
</label>
`;

function setup(test: string) {
  const d = configDir({ 'fluent.conf': CONF });
  dirs.push(d);
  const path = d.write('a.fluent-test.yaml', test);
  return { service: new ConfigTestService(nodeFileSystem, () => []), uri: pathToFileURL(path).href, text: test };
}

const at = (text: string, marker = '|') => {
  const i = text.indexOf(marker);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  return { text: text.slice(0, i) + text.slice(i + 1), pos: { line, character: i - before.lastIndexOf('\n') - 1 } };
};

test('the checked-in JSON schema is the one the format table gives (run scripts/build-test-schema.ts)', () => {
  assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), schemaText());
});

test('the YAML context of the cursor, from indentation', () => {
  const t = 'tests:\n  - name: x\n    input:\n      source: in_\n    no_output_from:\n      - o\n';
  assert.deepEqual(yamlContextAt(t, { line: 3, character: 17 }), {
    path: ['tests', '[]', 'input'],
    mode: 'value',
    key: 'source',
    prefix: 'in_',
    start: 14,
  });
  assert.deepEqual(yamlContextAt(t, { line: 5, character: 9 }).path, ['tests', '[]', 'no_output_from', '[]']);
  assert.equal(yamlContextAt(t, { line: 5, character: 9 }).mode, 'item');
  assert.deepEqual(yamlContextAt('tests:\n  - name: x\n    ', { line: 2, character: 4 }), {
    path: ['tests', '[]'],
    mode: 'key',
    prefix: '',
    start: 4,
  });
});

test("completion: keys where keys go, the config's @ids, labels and outputs where names go, conditions for fields", () => {
  const base = 'config: fluent.conf\ntests:\n  - name: x\n';
  const labels = (text: string) => {
    const { text: t, pos } = at(text);
    const { service, uri } = setup(t);
    return service.completion(uri, t, pos).map((i) => i.label);
  };
  assert.deepEqual(labels(`${base}    |`).slice(0, 4), [
    'test: lines at an in_tail source',
    'test: an event (tag + record)',
    'name',
    'input',
  ]);
  assert.deepEqual(labels(`${base}    input:\n      source: |`), ['in_app', 'in_fwd']);
  assert.deepEqual(labels(`${base}    input:\n      label: |`), ['@extra']);
  assert.deepEqual(labels(`${base}    expect:\n      - output: |`), ['out_app', '**']);
  assert.deepEqual(labels(`${base}    no_output_from:\n      - |`), ['out_app', '**']);
  assert.deepEqual(labels(`${base}    expect:\n      - output: out_app\n        fields:\n          message: |`), [
    'equals',
    'contains',
    'matches',
    'absent',
  ]);
  assert.deepEqual(labels(`${base}    expect:\n      - output: out_app\n        |`), ['output', 'count', 'tag', 'fields', 'destination']);
  assert.ok(labels('config: |\n').includes('fluent.conf'));
  assert.deepEqual(labels(`${base}    input:\n      |`), ['source', 'path', 'lines', 'tag', 'label', 'time', 'record']);
});

test('diagnostics: names the config does not have, an input the source cannot read; hover and definition', () => {
  const text = `config: fluent.conf
tests:
  - name: x
    input: { source: in_fwd, lines: [a] }
    expect: [{ output: out_nope }]
  - name: y
    input: { source: in_nope, lines: [a] }
    no_output_from: [out_app]
  - name: z
    input: { tag: a, label: '@missing', record: {} }
    unmatched: 0
`;
  const { service, uri } = setup(text);
  const d = service.diagnostics(uri, text);
  assert.deepEqual(
    d.map((x) => [x.code, x.range.start.line]),
    [
      ['test-input', 3],
      ['test-unknown-output', 4],
      ['test-unknown-source', 6],
      ['test-unknown-label', 9],
    ],
  );
  assert.match(d[2].message, /known: in_app, in_fwd/);
  const hover = service.hover(uri, text, { line: 7, character: 22 });
  assert.match(hover!.markdown, /<match app\.\*\*> @type stdout/);
  assert.match(service.hover(uri, text, { line: 1, character: 2 })!.markdown, /\*\*tests\*\*/);
  const def = service.definition(uri, text, { line: 7, character: 22 });
  assert.equal(def.length, 1);
  assert.ok(def[0].uri.endsWith('/fluent.conf'));
  assert.equal(def[0].range.start.line, 13);
  const discovered = service.discover(uri, text);
  assert.deepEqual(
    discovered.tests.map((t) => t.name),
    ['x', 'y', 'z'],
  );
  assert.ok(discovered.configPath?.endsWith('/fluent.conf'));
});
