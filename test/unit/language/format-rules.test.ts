// The formatter's rules on small configs: indentation, blanks, what it must never touch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatEdits, formatText } from '../../../src/language/format';
import { FluentdLanguageService } from '../../../src/language/service';

const fmt = (s: string) => formatText(s).text;

test('indents two spaces per element depth and drops trailing blanks', () => {
  const input = [
    '<source>',
    '@type tail   ',
    '\t\tpath /var/log/*.log',
    '      <parse>',
    '@type json',
    '   </parse>',
    '    </source>',
    '<label @app>',
    '<match **>',
    ' @type stdout',
    '</match>',
    '</label>',
    '',
  ].join('\n');
  assert.equal(
    fmt(input),
    [
      '<source>',
      '  @type tail',
      '  path /var/log/*.log',
      '  <parse>',
      '    @type json',
      '  </parse>',
      '</source>',
      '<label @app>',
      '  <match **>',
      '    @type stdout',
      '  </match>',
      '</label>',
      '',
    ].join('\n'),
  );
});

test('one space between key and value, canonical tags, value/comment spacing kept', () => {
  const input = '<match   app.**   >\n  @type\t\tstdout     # where\n  shared_key    secret\n</match  >\n';
  assert.equal(fmt(input), '<match app.**>\n  @type stdout     # where\n  shared_key secret\n</match>\n');
});

test('comments are indented like the children around them; blank lines are emptied but kept', () => {
  const input = '# top\n<source>\n# inside\n  @type dummy\n   \n        # before end\n</source>\n    # after\n';
  assert.equal(fmt(input), '# top\n<source>\n  # inside\n  @type dummy\n\n  # before end\n</source>\n# after\n');
});

test('a multi-line double-quoted value keeps its interior lines, indentation and blanks', () => {
  const input = '<filter x>\n@type record_transformer\n<record>\n      msg "first   \n   second\n\tthird"\n</record>\n</filter>\n';
  const out = fmt(input);
  assert.equal(out, '<filter x>\n  @type record_transformer\n  <record>\n    msg "first   \n   second\n\tthird"\n  </record>\n</filter>\n');
});

test('a multi-line JSON value is kept byte for byte', () => {
  const input = '<source>\n @type dummy\n dummy [   # a comment Fluentd allows\n      {"a": 1},   \n {"b":\n     2}\n   ]\n</source>\n';
  assert.equal(
    fmt(input),
    '<source>\n  @type dummy\n  dummy [   # a comment Fluentd allows\n      {"a": 1},   \n {"b":\n     2}\n   ]\n</source>\n',
  );
});

test('CRLF line endings are preserved', () => {
  const input = '<source>\r\n@type dummy  \r\n</source>\r\n';
  assert.equal(fmt(input), '<source>\r\n  @type dummy\r\n</source>\r\n');
});

test('a byte order mark stays in front', () => {
  assert.equal(fmt('\ufeff  <system>\n log_level info\n</system>\n'), '\ufeff<system>\n  log_level info\n</system>\n');
});

test('a key without a value and an @include are indented too', () => {
  assert.equal(
    fmt('<source>\n    @type dummy\n        emit_unmatched\n</source>\n   @include conf.d/*.conf\n'),
    '<source>\n  @type dummy\n  emit_unmatched\n</source>\n@include conf.d/*.conf\n',
  );
});

test('a file with syntax errors is left alone', () => {
  const r = formatText('<source>\n      @type dummy\n');
  assert.equal(r.skipped, 'syntax-errors');
  assert.equal(r.text, '<source>\n      @type dummy\n');
  assert.deepEqual(formatEdits('<match>\n @type "unterminated\n</match>\n'), []);
});

test('edits replace only changed lines and respect a range', () => {
  const input = '<source>\n@type dummy\n  tag x\n    rate 1\n</source>\n';
  const all = formatEdits(input);
  assert.deepEqual(
    all.map((e) => [e.range.start.line, e.newText]),
    [
      [1, '  @type dummy'],
      [3, '  rate 1'],
    ],
  );
  const some = formatEdits(input, undefined, { start: { line: 2, character: 0 }, end: { line: 3, character: 3 } });
  assert.deepEqual(
    some.map((e) => e.range.start.line),
    [3],
  );
});

test('the service applies the edits to the document', () => {
  const service = new FluentdLanguageService();
  const doc = TextDocument.create('file:///a/fluent.conf', 'fluentd', 1, '<source>\n\t@type dummy\n</source>\n');
  const edits = service.format(doc, { tabSize: 4, insertSpaces: false });
  assert.equal(TextDocument.applyEdits(doc, edits), '<source>\n  @type dummy\n</source>\n');
});
