// A closed document leaves nothing behind: after forget(uri), no cache of the service keeps
// its parse (a long-lived server opens thousands of documents; the whole-config layer kept
// the recent contexts, SourceFiles and routing findings of closed ones). Checked by a full
// GC and weak references to the parses (retention, not timing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../../src/language/node-file-system';
import { FluentdLanguageService } from '../../../../src/language/service';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROOT = '@include conf.d/*.conf\n<source>\n  @type forward\n  tag app.x\n</source>\n<match **>\n  @type stdout\n</match>\n';
const FRAGMENT = '<filter app.**>\n  @type stdout\n</filter>\n';
const CONFIG_MAP = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: fluentd-config',
  'data:',
  '  fluent.conf: |',
  '    @include extra.conf',
  '    <match **>',
  '      @type stdout',
  '    </match>',
  '  extra.conf: |',
  '    <filter **>',
  '      @type stdout',
  '    </filter>',
  '',
].join('\n');

/** Every request the server sends for a document, so that every cache along the way fills. */
function exercise(service: FluentdLanguageService, doc: TextDocument): void {
  service.validate(doc);
  service.documentSymbols(doc);
  service.documentLinks(doc);
  service.codeLenses(doc);
  service.hover(doc, { line: 1, character: 3 });
  service.definition(doc, { line: 0, character: 12 });
  service.eventRoutes(doc, { line: 1, character: 3 });
}

/** Weak references to the parses the service holds for documents under `prefix`. */
function parsesOf(service: FluentdLanguageService, prefix: string): WeakRef<object>[] {
  return service.fluentConf
    .openDocuments()
    .filter((d) => d.uri.startsWith(prefix))
    .map((d) => new WeakRef(d.parsed));
}

async function collected(refs: WeakRef<object>[]): Promise<number> {
  await new Promise((r) => setImmediate(r)); // a WeakRef keeps its target until the end of the job that made it
  gc();
  return refs.filter((r) => r.deref() !== undefined).length;
}

test('after forget, no parse of the closed documents is kept (a root and an open fragment it includes)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-forget-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'conf.d'));
  writeFileSync(join(dir, 'conf.d', 'a.conf'), '<match a.**>\n  @type null\n</match>\n');
  const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
  const root = TextDocument.create(pathToFileURL(join(dir, 'fluent.conf')).href, 'fluentd', 1, ROOT);
  const fragment = TextDocument.create(pathToFileURL(join(dir, 'conf.d', 'b.conf')).href, 'fluentd', 1, FRAGMENT);
  exercise(service, root);
  exercise(service, fragment);
  exercise(service, root);
  const refs = parsesOf(service, pathToFileURL(dir).href);
  assert.equal(refs.length, 2);

  service.forget(fragment.uri);
  exercise(service, root); // still open: answers go on
  service.forget(root.uri);
  assert.equal(await collected(refs), 0, 'parses of closed documents still held');
});

test('after forget, no parse of a closed ConfigMap YAML document is kept', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-forget-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
  const doc = TextDocument.create(pathToFileURL(join(dir, 'configmap.yaml')).href, 'yaml', 1, CONFIG_MAP);
  exercise(service, doc);
  const refs = parsesOf(service, doc.uri);
  assert.equal(refs.length, 2, 'one parse per key');
  service.forget(doc.uri);
  assert.equal(await collected(refs), 0, 'parses of the closed ConfigMap keys still held');
});
