// The language server over a real LSP connection: lifecycle, diagnostics timing
// and versions, outline, folding, definition.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  type DocumentSymbol,
  type Location,
} from 'vscode-languageserver/node';
import { TestConnection } from './test-connection';

const GOOD = `<source>
  @type tail
  path /var/log/containers/*.log
  pos_file /var/log/fluentd-containers.log.pos
  tag kubernetes.*
  @label @containers
  <parse>
    @type json
  </parse>
</source>

<label @containers>
  <match **>
    @type cloudwatch_logs
    log_group_name "/eks/#{ENV.fetch('CLUSTER_NAME')}/containers"
    use_tag_as_stream true
  </match>
</label>
`;

describe('language server over LSP', () => {
  let conn: TestConnection;
  before(async () => {
    conn = new TestConnection();
    const init = await conn.initialize({ diagnostics: { debounceMs: 20 } });
    assert.equal(init.capabilities.documentSymbolProvider, true);
    assert.equal(init.capabilities.definitionProvider, true);
  });
  after(() => conn.dispose());

  it('publishes no errors for a valid config on open', async () => {
    const uri = 'file:///work/good/fluent.conf';
    await conn.open(uri, GOOD, 1);
    const d = await conn.nextDiagnostics(uri, 1);
    assert.deepEqual(
      d.diagnostics.filter((x) => x.severity === 1),
      [],
    );
  });

  it('reports a syntax error at the unclosed start tag, and clears it after the fix', async () => {
    const uri = 'file:///work/broken/fluent.conf';
    const broken = GOOD.replace('  </parse>\n', '');
    await conn.open(uri, broken, 1);
    const d1 = await conn.nextDiagnostics(uri, 1);
    const unclosed = d1.diagnostics.find((x) => x.code === 'unclosed-element');
    assert.ok(unclosed, JSON.stringify(d1.diagnostics));
    assert.equal(unclosed.range.start.line, 6, 'points at <parse>');
    assert.equal(unclosed.source, 'fluentd');

    await conn.change(uri, 2, GOOD);
    const d2 = await conn.nextDiagnostics(uri, 2);
    assert.equal(d2.diagnostics.filter((x) => x.severity === 1).length, 0);
  });

  it('debounces a burst of edits and checks only the newest version', async () => {
    // a separate server with a long debounce, so the burst surely lands inside it
    const slow = new TestConnection();
    try {
      await slow.initialize({ diagnostics: { debounceMs: 400 } });
      const uri = 'file:///work/burst/fluent.conf';
      await slow.open(uri, GOOD, 1);
      await slow.nextDiagnostics(uri, 1);
      for (let v = 2; v <= 10; v++) await slow.change(uri, v, GOOD + `k${v} "unterminated\n`);
      await slow.change(uri, 11, GOOD);
      const last = await slow.nextDiagnostics(uri, 11);
      assert.equal(last.diagnostics.filter((x) => x.severity === 1).length, 0);
      const versions = slow.published(uri).map((p) => p.version);
      assert.deepEqual(versions, [1, 11], 'intermediate versions were superseded, not checked');
    } finally {
      slow.dispose();
    }
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///work/closing/fluent.conf';
    await conn.open(uri, '<source>\n', 1);
    const d1 = await conn.nextDiagnostics(uri, 1);
    assert.ok(d1.diagnostics.length > 0);
    const cleared = conn.nextDiagnostics(uri);
    await conn.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('answers the outline with directives, @type and nested sections', async () => {
    const uri = 'file:///work/outline/fluent.conf';
    await conn.open(uri, GOOD, 1);
    const symbols = (await conn.client.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        ['<source>', '@type tail'],
        ['<label @containers>', undefined],
      ],
    );
    assert.equal(symbols[0].children?.[0].name, '<parse>');
    assert.equal(symbols[0].children?.[0].detail, '@type json');
    assert.equal(symbols[1].children?.[0].name, '<match **>');
  });

  it('answers folding ranges for elements', async () => {
    const uri = 'file:///work/folding/fluent.conf';
    await conn.open(uri, GOOD, 1);
    const ranges = await conn.client.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const starts = (ranges ?? []).map((r) => [r.startLine, r.endLine]);
    assert.deepEqual(starts, [
      [0, 8],
      [6, 7],
      [11, 16],
      [12, 15],
    ]);
  });

  it('goes from @label @containers to its <label>', async () => {
    const uri = 'file:///work/def/fluent.conf';
    await conn.open(uri, GOOD, 1);
    const locs = (await conn.client.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: 5, character: 12 },
    })) as Location[];
    assert.equal(locs.length, 1);
    assert.equal(locs[0].uri, uri);
    assert.equal(locs[0].range.start.line, 11);
  });

  it('goes from @include to the files its glob matches, sorted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentd-lsp-'));
    mkdirSync(join(dir, 'conf.d'));
    writeFileSync(join(dir, 'conf.d', 'b.conf'), '');
    writeFileSync(join(dir, 'conf.d', 'a.conf'), '');
    writeFileSync(join(dir, 'conf.d', 'notes.txt'), '');
    const uri = pathToFileURL(join(dir, 'fluent.conf')).href;
    await conn.open(uri, '@include conf.d/*.conf\n', 1);
    const locs = (await conn.client.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 12 },
    })) as Location[];
    assert.deepEqual(
      locs.map((l) => l.uri),
      [pathToFileURL(join(dir, 'conf.d', 'a.conf')).href, pathToFileURL(join(dir, 'conf.d', 'b.conf')).href],
    );
  });

  it('stays up and answers after garbage input', async () => {
    const uri = 'file:///work/garbage/fluent.conf';
    const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    await conn.open(uri, garbage, 1);
    await conn.nextDiagnostics(uri, 1);
    const symbols = await conn.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
  });
});
