// Each quick fix on a small realistic config: the text it produces, and that the
// finding it was offered for is gone afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { FluentdLanguageService } from '../../../../src/language/service';

const service = new FluentdLanguageService();
let version = 0;

function doc(text: string) {
  return TextDocument.create(`file:///fix/${++version}.conf`, 'fluentd', 1, text);
}

/** The fixes for the first finding with `code`, each applied: [title, new text]. */
function fixes(text: string, code: string): { d: Diagnostic; results: [string, string][] } {
  const document = doc(text);
  const diags = service.validate(document);
  const d = diags.find((x) => x.code === code);
  assert.ok(d, `no ${code} finding in:\n${text}\nfound: ${diags.map((x) => `${x.code}: ${x.message}`).join('\n')}`);
  const actions = service.codeActions(document, d.range, diags);
  const mine = actions.filter((a) => a.diagnostics?.includes(d));
  return { d, results: mine.map((a) => [a.title, apply(document, a)]) };
}

function apply(document: TextDocument, a: CodeAction): string {
  assert.equal(a.kind, 'quickfix');
  const edits = a.edit?.changes?.[document.uri];
  assert.ok(edits?.length, `${a.title} has no edits`);
  return TextDocument.applyEdits(document, edits);
}

/** The finding is gone, and no syntax error came in. */
function assertFixed(before: string, after: string, d: Diagnostic) {
  const count = (t: string) => service.validate(doc(t)).filter((x) => x.code === d.code && x.message === d.message).length;
  assert.ok(count(after) < count(before), `still there after the fix: ${d.code} ${d.message}\n${after}`);
  const syntax = (t: string) => service.validate(doc(t)).filter((x) => x.severity === 1 && isSyntax(String(x.code))).length;
  assert.ok(syntax(after) <= syntax(before), `the fix broke the syntax:\n${after}`);
}

const SYNTAX =
  /^(unclosed-element|unmatched-end-tag|expected-|bad-|missing-element-name|incomplete-json|unterminated|include-without-path)/;
const isSyntax = (code: string) => SYNTAX.test(code);

function only(text: string, code: string, expected: string) {
  const { d, results } = fixes(text, code);
  assert.equal(results.length, 1, results.map((r) => r[0]).join(', '));
  assert.equal(results[0][1], expected);
  assertFixed(text, results[0][1], d);
}

test('unknown plugin: did-you-mean rename', () => {
  only(
    '<source>\n  @type tial\n  path /var/log/x.log\n  tag x\n  <parse>\n    @type json\n  </parse>\n</source>\n',
    'unknown-plugin',
    '<source>\n  @type tail\n  path /var/log/x.log\n  tag x\n  <parse>\n    @type json\n  </parse>\n</source>\n',
  );
});

test('unknown parameter: did-you-mean rename', () => {
  only('<match **>\n  @type s3\n  s3_buckt logs\n</match>\n', 'unknown-param', '<match **>\n  @type s3\n  s3_bucket logs\n</match>\n');
});

test('a buffer parameter written in the output moves into its <buffer>', () => {
  const text =
    '<match **>\n  @type cloudwatch_logs\n  log_group_name g\n  log_stream_name s\n  chunk_limit_size 2m\n  <buffer>\n    flush_interval 5s\n  </buffer>\n</match>\n';
  const { d, results } = fixes(text, 'unknown-param');
  assert.equal(results[0][0], 'Move into <buffer>');
  assert.equal(
    results[0][1],
    '<match **>\n  @type cloudwatch_logs\n  log_group_name g\n  log_stream_name s\n  <buffer>\n    flush_interval 5s\n    chunk_limit_size 2m\n  </buffer>\n</match>\n',
  );
  assertFixed(text, results[0][1], d);
});

test('unknown section: renames the start and the end tag', () => {
  only(
    '<match **>\n  @type s3\n  s3_bucket b\n  <bufer>\n    @type file\n  </bufer>\n</match>\n',
    'unknown-section',
    '<match **>\n  @type s3\n  s3_bucket b\n  <buffer>\n    @type file\n  </buffer>\n</match>\n',
  );
});

test('type → @type and include → @include', () => {
  only('<match **>\n  type stdout\n</match>\n', 'deprecated-type-name', '<match **>\n  @type stdout\n</match>\n');
  only('include conf.d/*.conf\n', 'deprecated-include', '@include conf.d/*.conf\n');
});

test('#{…} outside double quotes gets double quotes', () => {
  const text = "<source>\n  @type forward\n  tag app.#{ENV['HOST']}\n</source>\n";
  only(text, 'literal-embedded-ruby', '<source>\n  @type forward\n  tag "app.#{ENV[\'HOST\']}"\n</source>\n');
});

test('a missing required parameter is added after @type, indented like its siblings', () => {
  const text = '<source>\n    @type tail\n    tag kube.*\n    <parse>\n      @type json\n    </parse>\n</source>\n';
  only(
    text,
    'missing-required-param',
    '<source>\n    @type tail\n    path CHANGE_ME\n    tag kube.*\n    <parse>\n      @type json\n    </parse>\n</source>\n',
  );
});

test('a missing required section is added before the end tag', () => {
  const text = '<source>\n  @type tail\n  path /var/log/containers/*.log\n  tag kubernetes.*\n</source>\n';
  const { d, results } = fixes(text, 'missing-required-section');
  assert.equal(results.length, 1);
  assert.equal(
    results[0][1],
    '<source>\n  @type tail\n  path /var/log/containers/*.log\n  tag kubernetes.*\n  <parse>\n    @type json\n  </parse>\n</source>\n',
  );
  assertFixed(text, results[0][1], d);
});

test('CRLF files get CRLF in inserted lines', () => {
  const text = '<match **>\r\n  @type s3\r\n</match>\r\n';
  const { d, results } = fixes(text, 'missing-required-param');
  assert.equal(results[0][1], '<match **>\r\n  @type s3\r\n  s3_bucket CHANGE_ME\r\n</match>\r\n');
  assertFixed(text, results[0][1], d);
});

test('a bad enum value: the near choice, or every choice when none is near', () => {
  const text =
    '<match **>\n  @type cloudwatch_logs\n  log_group_name g\n  log_stream_name s\n  <buffer>\n    overflow_action drop_oldest_chnk\n  </buffer>\n</match>\n';
  const { d, results } = fixes(text, 'invalid-value');
  assert.deepEqual(
    results.map((r) => r[0]),
    ["Change to 'drop_oldest_chunk'"],
  );
  assertFixed(text, results[0][1], d);
  const far = text.replace('drop_oldest_chnk', 'sometimes');
  const all = fixes(far, 'invalid-value');
  assert.deepEqual(
    all.results.map((r) => r[0]),
    ["Change to 'throw_exception'", "Change to 'block'", "Change to 'drop_oldest_chunk'"],
  );
  for (const [, after] of all.results) assertFixed(far, after, all.d);
});

test('an upper-case bool becomes true', () => {
  const text = '<source>\n  @type tail\n  path /x\n  tag x\n  read_from_head TRUE\n  <parse>\n    @type none\n  </parse>\n</source>\n';
  const { d, results } = fixes(text, 'invalid-value');
  assert.match(results[0][1], /read_from_head true\n/);
  assertFixed(text, results[0][1], d);
});

test('a surprising size is rewritten the way it was meant', () => {
  const text =
    '<match **>\n  @type cloudwatch_logs\n  log_group_name g\n  log_stream_name s\n  <buffer>\n    chunk_limit_size 8 MB\n  </buffer>\n</match>\n';
  const { d, results } = fixes(text, 'surprising-value');
  assert.match(results[0][1], /chunk_limit_size 8m\n/);
  assertFixed(text, results[0][1], d);
});

test('<buffer time> without timekey gets one', () => {
  const text =
    '<match **>\n  @type cloudwatch_logs\n  log_group_name g\n  log_stream_name s\n  <buffer time>\n    @type file\n  </buffer>\n</match>\n';
  const { d, results } = fixes(text, 'buffer-time-without-timekey');
  assert.match(results[0][1], /<buffer time>\n {4}@type file\n {4}timekey 1h\n/);
  assertFixed(text, results[0][1], d);
});

test('flush_interval with flush_mode immediate: two ways out', () => {
  const text =
    '<match **>\n  @type cloudwatch_logs\n  log_group_name g\n  log_stream_name s\n  <buffer>\n    flush_mode immediate\n    flush_interval 5s\n  </buffer>\n</match>\n';
  const { d, results } = fixes(text, 'flush-interval-with-flush-mode');
  assert.deepEqual(
    results.map((r) => r[0]),
    ["Remove 'flush_interval'", "Set 'flush_mode interval'"],
  );
  for (const [, after] of results) assertFixed(text, after, d);
});

test('an undefined @label: the near label', () => {
  const text = '<source>\n  @type forward\n  @label @ap\n</source>\n<label @app>\n  <match **>\n    @type stdout\n  </match>\n</label>\n';
  only(text, 'undefined-label', text.replace('@label @ap\n', '@label @app\n'));
});

test('only diagnostics overlapping the requested range, and only our own', () => {
  const text = '<match **>\n  @type s3\n  s3_buckt logs\n</match>\n';
  const document = doc(text);
  const diags = service.validate(document);
  assert.deepEqual(service.codeActions(document, { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, diags), []);
  assert.equal(service.codeActions(document, { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } }, diags).length, 1);
  const foreign = diags.map((d) => ({ ...d, source: 'other-linter' }));
  assert.deepEqual(service.codeActions(document, diags[0].range, foreign), []);
});
