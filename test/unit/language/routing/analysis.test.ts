// Routing analysis through the language service: the accepted-but-wrong cases at
// their lines (and clean once fixed), the quick fix, labels, relabel/copy, workers,
// tags set at runtime, and the event route of a source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocument as EditableDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostic } from '../../../../src/language/features/diagnostics';
import { FluentdLanguageService } from '../../../../src/language/service';
import { corpusRoot } from '../../../helpers/corpus';

const ROUTING = new Set(['unmatched-source', 'dead-filter', 'shadowed-match', 'unused-label']);
const service = new FluentdLanguageService();
let version = 0;

function docOf(text: string, uri = 'file:///routing/fluent.conf'): TextDocument {
  return TextDocument.create(uri, 'fluentd', ++version, text);
}

/** `code@line` (1-based) of the routing findings. */
function routing(text: string): string[] {
  return service
    .diagnostics(docOf(text))
    .filter((d) => ROUTING.has(d.code))
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

const abw = (name: string) => readFileSync(join(corpusRoot, 'accepted-but-wrong', name), 'utf8');

test('accepted-but-wrong 04: in_tail kubernetes.* → unmatched-source at the tag line; the quick fix makes it clean', () => {
  const text = abw('04-tail-tag-expansion-unmatched.conf');
  const doc = docOf(text);
  const found = service.diagnostics(doc).filter((d) => ROUTING.has(d.code));
  assert.deepEqual(
    found.map((d) => `${d.code}@${d.range.start.line + 1}:${d.severity}`),
    ['unmatched-source@5:warning'],
  );
  assert.match(found[0].message, /kubernetes\.var\.log\.containers\.<\*>\.log/);
  assert.equal(found[0].related![0].range.start.line, 10); // points at <match kubernetes.*>
  // the quick fix, through the service as the client sends the diagnostic back
  const lsp = toLspDiagnostic(found[0], doc.uri);
  const actions = service.codeActions(doc, lsp.range, [lsp]).filter((a) => a.diagnostics?.[0]?.code === 'unmatched-source');
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Use <match kubernetes.**> instead of <match kubernetes.*>');
  const edits = actions[0].edit!.changes![doc.uri];
  const fixed = EditableDocument.applyEdits(doc, edits);
  assert.match(fixed, /<match kubernetes\.\*\*>/);
  assert.deepEqual(routing(fixed), []);
});

test('accepted-but-wrong 05: a filter after the match that takes its tags → dead-filter at the filter; clean when moved above', () => {
  const text = abw('05-filter-after-match.conf');
  assert.deepEqual(routing(text), ['dead-filter@8']);
  const lines = text.split('\n');
  const fixed = [...lines.slice(0, 4), ...lines.slice(7, 13), ...lines.slice(4, 7), ...lines.slice(13)].join('\n');
  assert.match(fixed, /<\/filter>\n<match app\.\*\*>/);
  assert.deepEqual(routing(fixed), []);
});

test('accepted-but-wrong 06: <match **> first shadows the narrower match → shadowed-match; clean in the other order', () => {
  const text = abw('06-shadowed-match.conf');
  assert.deepEqual(routing(text), ['shadowed-match@8']);
  const fixed = text.replace(
    '<match **>\n  @type stdout\n</match>\n<match app.**>\n  @type null\n</match>',
    '<match app.**>\n  @type null\n</match>\n<match **>\n  @type stdout\n</match>',
  );
  assert.notEqual(fixed, text);
  assert.deepEqual(routing(fixed), []);
});

test('the other accepted-but-wrong cases raise no routing finding', () => {
  for (const name of [
    '01-units.conf',
    '02-integer-coerced.conf',
    '03-env-not-evaluated.conf',
    '07-misspelled-param.conf',
    '08-include-matches-nothing.conf',
  ]) {
    assert.deepEqual(routing(abw(name)), [], name);
  }
});

const source = (tag: string, extra = '') => `<source>\n  @type sample\n  tag ${tag}\n${extra}</source>\n`;
const match = (pattern: string, body = '  @type stdout\n') => `<match ${pattern}>\n${body}</match>\n`;

test('@label on a source routes into the label; no root match is needed, the label has to match', () => {
  const label = (name: string, inner: string) => `<label ${name}>\n${inner}</label>\n`;
  assert.deepEqual(routing(source('app', '  @label @A\n') + label('@A', match('**')) + match('other')), []);
  assert.deepEqual(routing(source('app', '  @label @A\n') + label('@A', match('other.**'))), ['unmatched-source@3']);
  // @ERROR and @FLUENT_LOG are Fluentd's own; a label no @label sends to is unused
  assert.deepEqual(routing(source('a') + match('a') + label('@ERROR', match('**')) + label('@FLUENT_LOG', match('fluent.**'))), []);
  assert.deepEqual(routing(source('a') + match('a') + label('@LOST', match('**'))), ['unused-label@8']);
});

test('relabel and copy stores send events on to a label: the label is used', () => {
  const relabel = match(
    'app.**',
    '  @type copy\n  <store>\n    @type relabel\n    @label @OUT\n  </store>\n  <store>\n    @type stdout\n  </store>\n',
  );
  assert.deepEqual(routing(source('app.web') + relabel + '<label @OUT>\n' + match('**') + '</label>\n'), []);
});

test('tags set at runtime (forward, http) and computed patterns never make an unmatched-source', () => {
  assert.deepEqual(routing('<source>\n  @type forward\n</source>\n' + match('nothing.here')), []);
  assert.deepEqual(routing('<source>\n  @type http\n  port 9880\n</source>\n' + match('x')), []);
  assert.deepEqual(routing(source('app') + '<match "#{ENV[\'PATTERN\']}">\n  @type stdout\n</match>\n'), []);
  // in_forward with a fixed tag is known again
  assert.deepEqual(routing('<source>\n  @type forward\n  tag fixed\n</source>\n' + match('other')), ['unmatched-source@3']);
});

test('in_syslog appends .facility.priority: `<match tag>` misses, `<match tag.**>` catches', () => {
  const syslog = '<source>\n  @type syslog\n  port 5140\n  tag system\n</source>\n';
  assert.deepEqual(routing(syslog + match('system')), ['unmatched-source@4']);
  assert.deepEqual(routing(syslog + match('system.**')), []);
});

test('a file with sources but no <match> is a fragment: no unmatched-source', () => {
  assert.deepEqual(routing(source('a') + source('b')), []);
});

test('<worker>: a match in worker 0 does not shadow a root match other workers use', () => {
  const sys = '<system>\n  workers 2\n</system>\n';
  assert.deepEqual(routing(sys + '<worker 0>\n' + match('**') + '</worker>\n' + source('a') + match('a')), []);
  // a root-level match shadows a later one in a worker
  assert.deepEqual(routing(sys + source('a') + match('**') + '<worker 0>\n' + match('a') + '</worker>\n'), ['shadowed-match@12']);
});

test('/regexp/ patterns: exact on fixed tags, silent where they meet unknown parts', () => {
  assert.deepEqual(routing(source('app.web') + match('/^db\\..*/')), ['unmatched-source@3']);
  assert.deepEqual(routing(source('app.web') + match('/app\\..*/')), []);
  const tail = '<source>\n  @type tail\n  path /var/log/x/*.log\n  tag x.*\n  <parse>\n    @type none\n  </parse>\n</source>\n';
  assert.deepEqual(routing(tail + match('/.*nothing/')), []);
  // Fluentd anchors the regexp with \A: /nothing/ needs tags starting with "nothing", and these start with "x.var.log.x."
  assert.deepEqual(routing(tail + match('/nothing/')), ['unmatched-source@4']);
});

test('event route of a source: filters in order up to the first match, partial steps marked', () => {
  const text =
    source('app.web') +
    '<filter app.**>\n  @type record_transformer\n</filter>\n' +
    '<filter db.**>\n  @type grep\n</filter>\n' +
    match('app.web', '  @type cloudwatch_logs\n') +
    '<filter **>\n  @type stdout\n</filter>\n' +
    match('**');
  const routes = service.eventRoutes(docOf(text));
  assert.equal(routes.length, 1);
  assert.deepEqual(
    routes[0].steps.map((s) => `${s.kind} ${s.title}`),
    ['filter <filter app.**> @type record_transformer', 'match <match app.web> @type cloudwatch_logs'],
  );
  assert.equal(routes[0].summary, '→ 1 filter → match cloudwatch_logs');
  const lenses = service.codeLenses(docOf(text)).filter((l) => l.command?.command === 'fluentd.showEventRoute');
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].command!.command, 'fluentd.showEventRoute');
  assert.equal(lenses[0].command!.title, '→ 1 filter → match cloudwatch_logs');
  // a tail source whose files only partly match the first match goes on to the next
  const tail = '<source>\n  @type tail\n  path /var/log/a/*.log\n  tag a.*\n  <parse>\n    @type none\n  </parse>\n</source>\n';
  const r = service.eventRoutes(docOf(tail + match('a.var.log.a.x*.log') + match('a.**', '  @type null\n')))[0];
  assert.deepEqual(
    r.steps.map((s) => `${s.kind}${s.partial ? ' (some)' : ''}`),
    ['match (some)', 'match (some)'],
  );
  // and with no match, the route says the events are dropped
  const dropped = service.eventRoutes(docOf(abw('04-tail-tag-expansion-unmatched.conf')))[0];
  assert.deepEqual(
    dropped.steps.map((s) => s.kind),
    ['dropped'],
  );
});

test('a tag rewritten at runtime is not followed: the route says so, no finding is guessed', () => {
  const text =
    source('raw.app') +
    match('raw.**', '  @type rewrite_tag_filter\n  <rule>\n    key level\n    pattern /error/\n    tag alert.${tag}\n  </rule>\n') +
    match('alert.**');
  assert.deepEqual(routing(text), []);
  const r = service.eventRoutes(docOf(text))[0];
  assert.deepEqual(
    r.steps.map((s) => s.kind),
    ['match', 'unknown'],
  );
  assert.match(r.steps[1].title, /rewrite_tag_filter emits them again with a new tag/);
});
