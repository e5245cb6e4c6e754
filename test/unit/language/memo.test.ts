// Per-node memos live on the nodes (src/language/memo.ts), not in WeakMaps: each WeakMap entry
// is an ephemeron that V8 settles in the main-thread pause of a major GC, and a long-lived
// service used to leave one per node of every parse (60-100 ms of a 124 ms pause in a long
// fuzz run). The service's work on a config must not add WeakMap entries as it grows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Memo } from '../../../src/language/memo';
import { nodeFileSystem } from '../../../src/language/node-file-system';
import { FluentdLanguageService } from '../../../src/language/service';

test('Memo: get/has/set per key, one memo per instance, invisible to keys, JSON and deep equality', () => {
  const a = new Memo<object, number>();
  const b = new Memo<object, number>();
  const key = { x: 1 };
  assert.equal(a.get(key), undefined);
  assert.equal(a.has(key), false);
  a.set(key, 7);
  assert.equal(a.get(key), 7);
  assert.equal(a.has(key), true);
  assert.equal(b.has(key), false, 'another memo has its own slot');
  b.set(key, 0);
  assert.equal(b.has(key), true);
  assert.equal(b.get(key), 0);
  assert.deepEqual(Object.keys(key), ['x']);
  assert.equal(JSON.stringify(key), '{"x":1}');
  assert.deepStrictEqual(key, { x: 1 });
  const list: number[] = [1];
  a.set(list, 2);
  assert.deepStrictEqual(list, [1]);
});

test('Memo: a frozen key is not memoised (no throw)', () => {
  const m = new Memo<object, number>();
  const frozen = Object.freeze({});
  m.set(frozen, 1);
  assert.equal(m.has(frozen), false);
  assert.equal(m.get(frozen), undefined);
});

/** A config of `n` sources, rules and labels, `@include`ing a fragment (so the include tree is built). */
function config(n: number, salt: string): string {
  const out = ['@include conf.d/*.conf'];
  for (let i = 0; i < n; i++)
    out.push(
      `<source>\n  @type tail\n  path /var/log/${salt}${i}.log\n  tag app.${salt}${i}\n  @label @L${i % 5}\n  <parse>\n    @type json\n  </parse>\n</source>`,
      `<filter app.${salt}${i}>\n  @type record_transformer\n  <record>\n    n ${i}\n  </record>\n</filter>`,
    );
  for (let l = 0; l < 5; l++) out.push(`<label @L${l}>\n  <match app.${salt}*>\n    @type stdout\n  </match>\n</label>`);
  return out.join('\n') + '\n';
}

test('a long-lived service adds no WeakMap entries per node (no ephemerons for the GC to settle)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-memo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'conf.d'));
  writeFileSync(join(dir, 'conf.d', 'extra.conf'), '<match extra.**>\n  @type null\n</match>\n');
  const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
  const uri = pathToFileURL(join(dir, 'fluent.conf')).href;
  const work = (text: string, version: number) => {
    const doc = TextDocument.create(uri, 'fluentd', version, text);
    service.validate(doc);
    service.documentSymbols(doc);
    service.codeLenses(doc);
    service.eventRoutes(doc, { line: 3, character: 3 });
    service.hover(doc, { line: 2, character: 4 });
  };
  work(config(3, 'warm'), 1); // catalogue indexes (keyed by plugin definitions, bounded by the catalogue) fill here

  const set = WeakMap.prototype.set;
  let sets = 0;
  WeakMap.prototype.set = function (this: WeakMap<WeakKey, unknown>, k: WeakKey, v: unknown) {
    sets++;
    return set.call(this, k, v);
  };
  try {
    work(config(200, 'big'), 2); // ~4,000 nodes
  } finally {
    WeakMap.prototype.set = set;
  }
  // before: one entry per node, element, tree item and parse (over 4,000 here)
  assert.ok(sets < 50, `${sets} WeakMap entries for one config of ~4,000 nodes`);
  service.forget(uri);
});
