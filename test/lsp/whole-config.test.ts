// Whole-config features over a real LSP connection: document links on @include,
// the event-route code lens and `fluentd/eventRoute` request, the quick fix of
// unmatched-source, and a fragment checked in its root's tree (re-checked when the
// root changes).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CodeLensRequest, DocumentLinkRequest, type CodeAction } from 'vscode-languageserver/node';
import type { EventRoute } from '../../src/language/routing/event-route';
import { TestConnection } from './test-connection';

const ROOT = `@include sources/*.conf
<filter kubernetes.**>
  @type kubernetes_metadata
</filter>
<label @APP>
  <match **>
    @type stdout
  </match>
</label>
<match kubernetes.*>
  @type stdout
</match>
`;
const CONTAINERS = `<source>
  @type tail
  path /var/log/containers/*.log
  pos_file /var/log/containers.pos
  tag kubernetes.*
  <parse>
    @type json
  </parse>
</source>
`;
const APP = `<source>
  @type sample
  tag app
  @label @APP
</source>
`;

describe('whole-config features over LSP', () => {
  let conn: TestConnection;
  let dir: string;
  const uri = (p: string) => pathToFileURL(join(dir, p)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fluentd-lsp-whole-'));
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'fluent.conf'), ROOT);
    writeFileSync(join(dir, 'sources', 'containers.conf'), CONTAINERS);
    writeFileSync(join(dir, 'sources', 'app.conf'), APP);
    conn = new TestConnection();
    const init = await conn.initialize();
    assert.ok(init.capabilities.documentLinkProvider);
    assert.ok(init.capabilities.codeLensProvider);
  });
  after(() => {
    conn.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links each @include path to the first file it reads', async () => {
    await conn.open(uri('fluent.conf'), ROOT, 1);
    const links = await conn.client.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: uri('fluent.conf') } });
    assert.equal(links?.length, 1);
    assert.equal(links![0].target, uri('sources/app.conf'));
    assert.deepEqual(links![0].range, { start: { line: 0, character: 9 }, end: { line: 0, character: 23 } });
  });

  it('a fragment is checked in its root: unmatched-source on the tag, a fix that edits the root', async () => {
    const fragment = uri('sources/containers.conf');
    const published = conn.nextDiagnostics(fragment, 1);
    await conn.open(fragment, CONTAINERS, 1);
    const diags = (await published).diagnostics;
    assert.deepEqual(
      diags.map((d) => `${d.code}@${d.range.start.line}`),
      ['unmatched-source@4'],
    );
    assert.equal(diags[0].relatedInformation![0].location.uri, uri('fluent.conf'));
    const actions = (await conn.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: fragment },
      range: diags[0].range,
      context: { diagnostics: diags },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('kubernetes.**'))!;
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit!.changes!), [uri('fluent.conf')]);
    assert.equal(fix.edit!.changes![uri('fluent.conf')][0].newText, 'kubernetes.**');
  });

  it('when the root changes, the open fragment is checked again', async () => {
    const fragment = uri('sources/containers.conf');
    const fixed = ROOT.replace('<match kubernetes.*>', '<match kubernetes.**>');
    const again = new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the fragment was not re-checked')), 5000);
      const poll = setInterval(() => {
        const last = conn.published(fragment).at(-1);
        if (last && last.diagnostics.length === 0) {
          clearInterval(poll);
          clearTimeout(t);
          resolve();
        }
      }, 20);
    });
    await conn.change(uri('fluent.conf'), 2, fixed);
    await again;
  });

  it('code lens above each source and the fluentd/eventRoute request', async () => {
    const fragment = uri('sources/containers.conf');
    const all = await conn.client.sendRequest(CodeLensRequest.type, { textDocument: { uri: fragment } });
    // the route lens; "Try log lines…" sits beside it (test/lsp/playground.test.ts)
    const lenses = all?.filter((l) => l.command?.command === 'fluentd.showEventRoute');
    assert.equal(lenses?.length, 1);
    assert.equal(lenses![0].command!.command, 'fluentd.showEventRoute');
    assert.equal(lenses![0].command!.title, '→ 1 filter → match stdout');
    assert.deepEqual(lenses![0].command!.arguments, [fragment, { line: 0, character: 0 }]);
    const routes = (await conn.client.sendRequest('fluentd/eventRoute', {
      textDocument: { uri: fragment },
      position: { line: 2, character: 3 },
    })) as EventRoute[];
    assert.equal(routes.length, 1);
    assert.deepEqual(
      routes[0].steps.map((s) => [s.kind, s.uri, s.range?.start.line]),
      [
        ['filter', uri('fluent.conf'), 1],
        ['match', uri('fluent.conf'), 9],
      ],
    );
    // outside any source: nothing; no position: every source of the document
    const none = await conn.client.sendRequest('fluentd/eventRoute', {
      textDocument: { uri: fragment },
      position: { line: 20, character: 0 },
    });
    assert.deepEqual(none, []);
    await conn.open(uri('sources/app.conf'), APP, 1);
    const app = (await conn.client.sendRequest('fluentd/eventRoute', { textDocument: { uri: uri('sources/app.conf') } })) as EventRoute[];
    assert.deepEqual(
      app[0].steps.map((s) => s.title),
      ['<label @APP>', '<match **> @type stdout'],
    );
  });
});
