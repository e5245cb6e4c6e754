// The shortest tag of each glob pattern (its "witness", the first question of the
// shadowed-match check) is searched for once per pattern, not on every analysis: each edit
// and each fluentd-lint run analysed every rule again (a third of what a routing-heavy fuzz
// input allocated, seed 13 input 7243).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { witnessSearchCount } from '../../../../src/language/routing/analyze';
import { FluentdLanguageService } from '../../../../src/language/service';

test('witness tags are searched once per pattern, however often the config is analysed', () => {
  const salt = `w${process.pid}`;
  const text = Array.from(
    { length: 20 },
    (_, i) => `<match ${salt}${i}.**>\n  @type null\n</match>\n<match ${salt}${i}.*.log>\n  @type null\n</match>`,
  ).join('\n');
  const check = (version: number, service = new FluentdLanguageService()) => {
    const diags = service.validate(TextDocument.create('file:///w/fluent.conf', 'fluentd', version, text + '\n'.repeat(version)));
    assert.equal(diags.filter((d) => d.code === 'shadowed-match').length, 20);
  };
  const start = witnessSearchCount();
  check(1);
  const first = witnessSearchCount() - start;
  assert.ok(first > 0 && first <= 40, `${first} searches for 40 patterns`);
  const service = new FluentdLanguageService();
  check(2, service);
  check(3, service); // an edit: a new parse, new rules, the same patterns
  check(4); // another service (a fluentd-lint run)
  assert.equal(witnessSearchCount() - start, first, 'searched again');
});
