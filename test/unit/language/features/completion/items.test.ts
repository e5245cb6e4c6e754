// Completion at realistic cursor positions: what is offered and what it inserts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, type TextEdit } from 'vscode-languageserver-types';
import { parse } from '../../../../../src/language/parser';
import { applyItem, complete, item } from './helpers';

const errors = (text: string) => parse(text).diagnostics.filter((d) => d.severity === 'error');

test('at the root: the directives and @include; a second <system> is not offered', () => {
  assert.deepEqual(complete('|').labels.sort(), ['<filter>', '<label>', '<match>', '<source>', '<system>', '<worker>', '@include'].sort());
  assert.ok(!complete('<system>\n</system>\n|').labels.includes('<system>'));
});

test('typing <so offers <source> and inserts a whole element, eating an auto-closed >', () => {
  const { list, doc } = complete('<so|>\n');
  const src = item(list, '<source>');
  assert.equal(src.filterText, '<source');
  const text = applyItem(doc, src);
  assert.equal(text, '<source>\n  @type \n  \n</source>\n');
  assert.equal(src.command?.command, 'editor.action.triggerSuggest');
});

test('inside <label>: only <filter> and <match>; inside <worker>: no <system>', () => {
  assert.deepEqual(complete('<label @x>\n  <|\n</label>').labels, ['<filter>', '<match>']);
  assert.deepEqual(complete('<worker 0>\n  |\n</worker>').labels.sort(), ['<filter>', '<label>', '<match>', '<source>']);
});

test('parameters of the plugin not yet set, required first, with type and default', () => {
  const { list } = complete('<source>\n  @type tail\n  path /var/log/containers/*.log\n  |\n</source>\n');
  const labels = list.items.map((x) => x.label);
  assert.ok(!labels.includes('path'), 'path is set already');
  assert.ok(!labels.includes('@type'), '@type is set already');
  assert.ok(labels.includes('tag') && labels.includes('pos_file') && labels.includes('<parse>'));
  const tag = item(list, 'tag');
  assert.match(tag.detail!, /required/);
  const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
  assert.equal(sorted[0].label, 'tag', 'the required parameter comes first');
  const rotate = item(list, 'rotate_wait');
  assert.equal(rotate.detail, 'time · default 5');
  assert.equal((rotate.textEdit as TextEdit).newText, 'rotate_wait ${1:5s}');
  assert.equal((item(list, 'read_from_head').textEdit as TextEdit).newText, 'read_from_head ${1|false,true|}');
  assert.equal((item(list, 'glob_policy').textEdit as TextEdit).newText, 'glob_policy ${1|backward_compatible,extended,always|}');
  assert.match(String((item(list, 'rotate_wait').documentation as { value: string }).value), /docs\.fluentd\.org\/input\/tail/);
});

test('the old name of a parameter counts as set; deprecated ones are tagged, obsoleted ones left out', () => {
  const { labels, list } = complete('<match **>\n  @type s3\n  log_level debug\n  |\n</match>\n');
  assert.ok(!labels.includes('@log_level'));
  assert.deepEqual(item(list, 'force_path_style').tags, [CompletionItemTag.Deprecated]);
});

test('with a value already after the cursor only the key is inserted', () => {
  const { list } = complete('<source>\n  @type tail\n  pos_f| /var/log/x.pos\n</source>\n');
  const edit = item(list, 'pos_file').textEdit as TextEdit;
  assert.equal(edit.newText, 'pos_file');
  assert.deepEqual(edit.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 7 } });
});

test('@type values follow the element kind: inputs, outputs, parsers, buffers', () => {
  const input = complete('<source>\n  @type |\n</source>').labels;
  assert.ok(input.includes('tail') && input.includes('forward') && !input.includes('s3') === false);
  assert.ok(!input.includes('stdout') && !input.includes('json'));
  const output = complete('<match **>\n  @type cl|\n</match>').labels;
  assert.ok(output.includes('cloudwatch_logs') && output.includes('stdout') && !output.includes('tail'));
  const parser = complete('<source>\n  @type tail\n  <parse>\n    @type |\n  </parse>\n</source>').labels;
  assert.ok(parser.includes('json') && parser.includes('cri') && parser.includes('regexp') && !parser.includes('tail'));
  assert.deepEqual(complete('<match **>\n  @type file\n  <buffer>\n    @type |').labels.sort(), ['file', 'file_single', 'memory']);
  // the deprecated `type` works the same
  assert.ok(complete('<filter **>\n  type |\n</filter>').labels.includes('kubernetes_metadata'));
});

test('a plugin item replaces the whole value being typed', () => {
  const { list, doc } = complete('<source>\n  @type ta|il_typo\n</source>\n');
  assert.equal(applyItem(doc, item(list, 'tail')), '<source>\n  @type tail\n</source>\n');
});

test('enum and bool values after a key, the default first', () => {
  const { list } = complete('<match **>\n  @type cloudwatch_logs\n  <buffer>\n    overflow_action |\n  </buffer>\n</match>');
  assert.deepEqual(
    list.items.map((x) => x.label),
    ['throw_exception', 'block', 'drop_oldest_chunk'],
  );
  assert.match(item(list, 'throw_exception').detail!, /default/);
  const bool = complete('<source>\n  @type tail\n  read_from_head |\n</source>');
  assert.deepEqual(bool.labels, ['true', 'false']);
  assert.equal(item(bool.list, 'false').sortText! < item(bool.list, 'true').sortText!, true, 'default false first');
  assert.deepEqual(complete('<source>\n  @type tail\n  @log_level |\n</source>').labels, [
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
  ]);
  assert.deepEqual(complete('<source>\n  @type tail\n  path |\n</source>').labels, [], 'a free string has no values');
});

test('@label values are the labels the document defines', () => {
  const text =
    '<source>\n  @type forward\n  @label |\n</source>\n<label @app>\n  <match **>\n    @type null\n  </match>\n</label>\n<label @ERROR>\n</label>\n';
  assert.deepEqual(complete(text).labels, ['@app', '@ERROR']);
});

test('tag patterns from sources for <match>/<filter>: in_tail `*` becomes prefix.**', () => {
  const doc =
    '<source>\n  @type tail\n  path /var/log/containers/*.log\n  tag kubernetes.*\n</source>\n' +
    '<source>\n  @type forward\n  tag app.web\n</source>\n';
  const labels = complete(doc + '<match |').labels;
  assert.deepEqual(labels, ['kubernetes.**', 'app.web', 'app.**', '**']);
  assert.ok(!labels.includes('kubernetes.*'), 'kubernetes.* would never match a tail tag');
  // a second pattern of the same element: the first is not offered again
  assert.ok(!complete(doc + '<filter app.web |').labels.includes('app.web'));
  const { list, doc: d } = complete(doc + '<filter kub|>\n</filter>\n');
  assert.equal(applyItem(d, item(list, 'kubernetes.**')), doc + '<filter kubernetes.**>\n</filter>\n');
});

test('buffer chunk keys: tag, time and record keys the config names', () => {
  const text =
    '<filter **>\n  @type parser\n  key_name log\n  <parse>\n    @type regexp\n    expression /^(?<level>\\w+) (?<msg>.*)$/\n  </parse>\n</filter>\n' +
    '<filter **>\n  @type record_transformer\n  <record>\n    cluster prod\n  </record>\n</filter>\n' +
    '<match **>\n  @type file\n  path /tmp/x\n  <buffer tag,|>\n  </buffer>\n</match>\n';
  assert.deepEqual(complete(text).labels, ['time', 'cluster', 'level', 'log', 'msg']);
});

test('sections of the plugin; a single section already written is not offered again', () => {
  const labels = complete('<match **>\n  @type s3\n  <buffer>\n  </buffer>\n  <|\n</match>').labels;
  assert.ok(labels.includes('<format>') && labels.includes('<inject>') && labels.includes('<secondary>'));
  assert.ok(!labels.includes('<buffer>'));
  const { list, doc } = complete('<source>\n  @type tail\n  <|\n</source>\n');
  const text = applyItem(doc, item(list, '<parse>'));
  assert.equal(text, '<source>\n  @type tail\n  <parse>\n    @type \n    \n  </parse>\n</source>\n');
});

test('a section snippet with a required parameter parses cleanly and carries it', () => {
  const { list, doc } = complete('<match **>\n  @type s3\n  |\n</match>\n');
  const text = applyItem(doc, item(list, '<assume_role_credentials>'));
  assert.match(text, /<assume_role_credentials>\n {4}role_arn \n {4}role_session_name \n/);
  assert.deepEqual(errors(text), []);
});

test('</ offers the end tag of the open element', () => {
  const { list, doc } = complete('<match **>\n  @type s3\n  <buffer>\n    @type file\n  </|');
  assert.deepEqual(
    list.items.map((x) => x.label),
    ['</buffer>'],
  );
  assert.equal(applyItem(doc, list.items[0]), '<match **>\n  @type s3\n  <buffer>\n    @type file\n  </buffer>');
});

test('inside <system>: system parameters', () => {
  const labels = complete('<system>\n  |\n</system>').labels;
  assert.ok(labels.includes('workers') && labels.includes('log_level'));
  assert.ok(!labels.includes('@type'));
});

test('a free-form section (<record>) offers no parameters', () => {
  assert.deepEqual(complete('<filter **>\n  @type record_transformer\n  <record>\n    |\n  </record>\n</filter>').labels, []);
});
