// Issue 13, item 3: tag patterns and config regexps ran against tags without a budget:
// `<match /(a+)+b/>` against a source tag of 34 a's and a '!', or
// `<match **.**.**.**.**.**.**.b>` against an 80-part tag, blocked the server for > 20 s.
// Tags are now tested in linear time; past a step budget the analysis says what it did not
// analyse (routing-not-analysed) instead of running on. The reproductions run in a child
// process with a time limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildTree } from '../../../../src/language/includes/tree';
import { parse } from '../../../../src/language/parser';
import { analyzeRouting } from '../../../../src/language/routing/analyze';
import { eventRoutes } from '../../../../src/language/routing/event-route';
import { FluentdLanguageService } from '../../../../src/language/service';
import { pkg, runInChild, src } from '../../../helpers/bounded-child';

const LIMIT_MS = 60_000;
const source = (tag: string) => `<source>\n  @type sample\n  tag ${tag}\n</source>\n`;
const match = (pattern: string) => `<match ${pattern}>\n  @type null\n</match>\n`;

/** Codes the language service gives `text`, computed in a child process with a time limit. */
function codesInChild(text: string): { codes?: string[]; timedOut: boolean; stderr: string } {
  const r = runInChild<string[]>(
    `const { FluentdLanguageService } = await import(${src('language/service')});
     const { TextDocument } = await import(${pkg('vscode-languageserver-textdocument')});
     const service = new FluentdLanguageService();
     const doc = TextDocument.create('file:///t/fluent.conf', 'fluentd', 1, ${JSON.stringify(text)});
     return [...service.diagnostics(doc).map((d) => String(d.code)), ...service.codeLenses(doc).map((l) => 'lens:' + l.command.title)];`,
    LIMIT_MS,
  );
  return { codes: r.value, timedOut: r.timedOut, stderr: r.stderr };
}

test('a catastrophic regexp against the literal tags of sources (34 a’s and a !)', () => {
  const tag = `${'a'.repeat(34)}!`;
  const r = codesInChild(source(tag) + match('/(a+)+b/') + match(tag));
  assert.equal(r.timedOut, false, 'the checks returned');
  assert.ok(r.codes, r.stderr.slice(0, 500));
  assert.ok(!r.codes.includes('shadowed-match'), 'the regexp does not take the tag: the later match is not shadowed');
  assert.ok(!r.codes.includes('unmatched-source'));
});

test('**.**.**.**.**.**.**.b against an 80-part tag', () => {
  const tag = Array.from({ length: 80 }, (_, i) => `p${i}`).join('.');
  const r = codesInChild(source(tag) + match('**.**.**.**.**.**.**.b') + match(tag));
  assert.equal(r.timedOut, false, 'the checks returned');
  assert.ok(r.codes, r.stderr.slice(0, 500));
  assert.ok(!r.codes.includes('shadowed-match'));
  // and the pattern still works where it matches: the .b tag is taken by it
  const shadowed = codesInChild(source(`${tag}.b`) + match('**.**.**.**.**.**.**.b') + match(`${tag}.b`));
  assert.ok(shadowed.codes?.includes('shadowed-match'), shadowed.stderr.slice(0, 800));
});

test('a tag too long to test within the step budget: routing-not-analysed, and no guess', () => {
  const service = new FluentdLanguageService();
  const tag = 'x'.repeat(60_000);
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('').join('|');
  const text = source(tag) + match(`/(${letters})*y/`) + match(tag);
  const found = service.diagnostics(TextDocument.create('file:///t/long.conf', 'fluentd', 1, text));
  const note = found.find((d) => d.code === 'routing-not-analysed');
  assert.ok(note, `found: ${found.map((d) => d.code).join(', ')}`);
  assert.equal(note.severity, 'information');
  assert.match(note.message, /too costly/);
  assert.equal(note.range.start.line, 4, 'on the <match> whose pattern was too costly');
  assert.ok(!found.some((d) => d.code === 'shadowed-match'), 'nothing claimed about what was not worked out');
});

test('past the analysis budget the rest of the config is not analysed, and that is said once', () => {
  let text = source('app');
  for (let i = 0; i < 50; i++) text += match(`app${i}.*.**.x${i}`);
  text += match('app0.*.**.x0');
  const parsed = parse(text);
  const root = { path: '/t/fluent.conf', uri: 'file:///t/fluent.conf', text, parsed };
  const full = analyzeRouting(buildTree(root, undefined));
  assert.ok(
    full.some((f) => f.diagnostic.code === 'shadowed-match'),
    'with the default budget the duplicate is found',
  );
  const cut = analyzeRouting(buildTree(root, undefined), undefined, 50);
  const notes = cut.filter((f) => f.diagnostic.code === 'routing-not-analysed');
  assert.equal(notes.length, 1);
  assert.match(notes[0].diagnostic.message, /from here on/);
  assert.ok(!cut.some((f) => f.diagnostic.code === 'shadowed-match'));
});

test('event routes share a budget: a source that may carry any tag, before thousands of matches, is cut with a note', () => {
  let text = '<source>\n  @type forward\n</source>\n';
  for (let i = 0; i < 1500; i++) text += match([`app.${i}`, `app${i}.**`, `**.svc${i}`, `ns${i}.*.log`, `{a${i},b${i}}.x`][i % 5]);
  const parsed = parse(text);
  const routes = eventRoutes(buildTree({ path: '/t/f.conf', uri: 'file:///t/f.conf', text, parsed }, undefined));
  assert.equal(routes.length, 1);
  const last = routes[0].steps[routes[0].steps.length - 1];
  assert.equal(last.kind, 'unknown');
  assert.match(last.title, /not followed further/);
  assert.ok(routes[0].steps.length <= 201);
});
