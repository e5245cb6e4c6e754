// dead-filter for filters no arriving tag reaches (routing/unreached-filters.ts): agreement
// with real Fluentd on recorded fixtures (each filter marks the records it sees), the demo's
// routing mistake and its quick fixes, and the cases where the config cannot prove it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostic } from '../../../../src/language/features/diagnostics';
import { FluentdLanguageService } from '../../../../src/language/service';
import { repoRoot } from '../../../helpers/corpus';

const service = new FluentdLanguageService();
let version = 0;
const docOf = (text: string, uri = 'file:///dead-filter/fluent.conf') => TextDocument.create(uri, 'fluentd', ++version, text);
const fixtures = join(repoRoot, 'test', 'fixtures', 'dead-filter');

/** `code@line` (1-based) of the routing findings. */
function routing(text: string): string[] {
  return service
    .diagnostics(docOf(text))
    .filter((d) => ['unmatched-source', 'dead-filter', 'shadowed-match', 'unused-label'].includes(d.code))
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
}

test('agrees with real Fluentd 1.16.5: a filter is reported exactly when no recorded event passed it', () => {
  const expected = readFileSync(join(fixtures, 'expected.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const cases = readFileSync(join(fixtures, 'cases.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  let filters = 0;
  let dead = 0;
  for (const c of cases) {
    const text = readFileSync(join(fixtures, c.config), 'utf8');
    const result = expected.find((e) => e.id === c.id);
    assert.ok(result && !result.config_error, c.id);
    const seen = new Set<string>(result.outputs.flatMap((o: { record: object }) => Object.keys(o.record)));
    const reported = new Set(routing(text).filter((r) => r.startsWith('dead-filter@')));
    // each filter adds its own seen_by_* key: the filter ran if some output got it
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      const m = /^\s*(seen_by_\w+) yes$/.exec(l);
      if (!m) return;
      let open = i;
      while (!/^\s*<filter/.test(lines[open])) open--;
      filters++;
      const ran = seen.has(m[1]);
      if (!ran) dead++;
      assert.equal(reported.has(`dead-filter@${open + 1}`), !ran, `${c.config}: <filter> at line ${open + 1} (${m[1]}) ran=${ran}`);
    });
  }
  assert.equal(filters, 10);
  assert.equal(dead, 5);
});

test('the demo routing mistake: the filter is reported too, and the preferred quick fix on the source fixes both', () => {
  const text = readFileSync(join(repoRoot, 'demo', 'workspace', 'routing-mistake', 'fluent.conf'), 'utf8');
  const doc = docOf(text);
  const found = service.diagnostics(doc).filter((d) => d.code === 'unmatched-source' || d.code === 'dead-filter');
  assert.deepEqual(
    found.map((d) => `${d.code}@${d.range.start.line + 1}`),
    ['unmatched-source@10', 'dead-filter@16'],
  );
  const filter = found[1];
  assert.equal(filter.message, 'No event reaches this filter: no tag that arrives here matches kubernetes.*');
  assert.match(
    filter.related![0].message,
    /tags its events kubernetes\.var\.log\.containers\.<\*>\.log: kubernetes\.\* matches none of them/,
  );
  assert.match(filter.explanation!, /`kubernetes\.\*` matches none of them/);

  const lsp = toLspDiagnostic(found[0], doc.uri);
  const actions = service.codeActions(doc, lsp.range, [lsp]);
  assert.deepEqual(
    actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`),
    [
      'Use <match kubernetes.**> instead of <match kubernetes.*>, and <filter kubernetes.**> on the same path (preferred)',
      'Use <match kubernetes.**> instead of <match kubernetes.*>',
    ],
  );
  const both = TextDocument.applyEdits(doc, actions[0].edit!.changes![doc.uri]);
  assert.deepEqual(routing(both), []);
  // the match alone leaves the filter dead: exactly what the newcomer met
  const matchOnly = TextDocument.applyEdits(doc, actions[1].edit!.changes![doc.uri]);
  assert.deepEqual(routing(matchOnly), ['dead-filter@16']);
  // and the filter's own quick fix finishes the job
  const d2 = docOf(matchOnly);
  const dead = toLspDiagnostic(
    service.diagnostics(d2).find((d) => d.code === 'dead-filter')!,
    d2.uri,
  );
  const [own] = service.codeActions(d2, dead.range, [dead]);
  assert.equal(own.title, 'Use <filter kubernetes.**> instead of <filter kubernetes.*>');
  assert.deepEqual(routing(TextDocument.applyEdits(d2, own.edit!.changes![d2.uri])), []);
});

const source = (type: string, tag: string, extra = '') => `<source>\n  @type ${type}\n  tag ${tag}\n${extra}</source>\n`;
const filter = (pattern: string) => `<filter ${pattern}>\n  @type stdout\n</filter>\n`;
const match = (pattern: string, body = '  @type stdout\n') => `<match ${pattern}>\n${body}</match>\n`;

test('nothing is claimed where the tags that arrive cannot be known', () => {
  // the reference case is reported...
  assert.deepEqual(routing(source('sample', 'app') + filter('other') + match('**')), ['dead-filter@5']);
  // ...but not with a source whose client picks the tag
  assert.deepEqual(routing(source('sample', 'app') + '<source>\n  @type forward\n</source>\n' + filter('other') + match('**')), []);
  // nor after an output that emits events again under a new tag
  const rewrite = match('app', '  @type rewrite_tag_filter\n  <rule>\n    key k\n    pattern /x/\n    tag other\n  </rule>\n');
  assert.deepEqual(routing(source('sample', 'app') + rewrite + filter('other') + match('other')), []);
  // nor in a fragment without sources, nor with a computed @label on a source
  assert.deepEqual(routing(filter('other') + match('**')), []);
  assert.deepEqual(routing(source('sample', 'app', '  @label "#{ENV[\'L\']}"\n') + filter('other') + match('**')), []);
  // nor with a pattern computed at start-up
  assert.deepEqual(routing(source('sample', 'app') + '<filter "#{ENV[\'P\']}">\n  @type stdout\n</filter>\n' + match('**')), []);
  // nor in a label a plugin parameter sends events to (concat's timeout_label), which is not unused either
  const concat = '<filter app>\n  @type concat\n  key log\n  n_lines 2\n  timeout_label @T\n</filter>\n';
  assert.deepEqual(
    routing(source('sample', 'app') + concat + match('**') + '<label @T>\n' + filter('other') + match('**') + '</label>\n'),
    [],
  );
  // Fluentd's own log events (fluent.*) reach the root router
  assert.deepEqual(routing(source('sample', 'app') + filter('fluent.**') + match('**')), []);
});

test('a filter in <label @ERROR> is never claimed dead: any failing event may arrive', () => {
  assert.deepEqual(
    routing(source('sample', 'app') + match('**') + '<label @ERROR>\n' + filter('nothing.like.app') + match('**') + '</label>\n'),
    [],
  );
});

test('workers: a source in one worker does not reach a filter of another', () => {
  const sys = '<system>\n  workers 2\n</system>\n';
  const w = (n: number, body: string) => `<worker ${n}>\n${body}</worker>\n`;
  assert.deepEqual(routing(sys + w(0, source('sample', 'a')) + w(1, source('sample', 'b') + filter('a') + match('**')) + match('**')), [
    'dead-filter@15',
  ]);
});

test('the unmatched-source message is the short fact; the why is in related places and the hover', () => {
  const text = readFileSync(join(repoRoot, 'demo', 'workspace', 'routing-mistake', 'fluent.conf'), 'utf8');
  const doc = docOf(text);
  const d = service.diagnostics(doc).find((x) => x.code === 'unmatched-source')!;
  assert.equal(d.message, "No <match> catches this source's tags (kubernetes.var.log.containers.<*>.log)");
  assert.deepEqual(
    d.related!.map((r) => `${r.range.start.line + 1}: ${r.message}`),
    [
      "20: <match kubernetes.*> does not match kubernetes.var.log.containers.<*>.log: '*' matches exactly one tag part; <match kubernetes.**> would catch them",
      "10: The events are tagged kubernetes.var.log.containers.<*>.log (in_tail puts the file path (with '/' as '.') in place of '*')",
      '5: Fluentd drops every event of this source at runtime ("no patterns matched")',
    ],
  );
  const hover = service.hover(doc, { line: 9, character: 8 })!;
  const value = (hover.contents as { value: string }).value;
  // the why of the finding first, then the parameter's own hover
  assert.match(value, /^\*\*No \\<match\\> catches this source's tags/);
  assert.match(value, /---\n\n\*\*`tag`\*\*/);
  assert.match(value, /No `<match>` matches those tags \(`<match kubernetes\.\*>`\), so Fluentd drops every event/);
  assert.match(value, /The filters on the same path need it too: `<filter kubernetes\.\*\*>`/);
  // a filter's hover explains it too
  const onFilter = service.hover(doc, { line: 15, character: 10 })!;
  assert.match((onFilter.contents as { value: string }).value, /matches none of them: this filter never runs/);
});
