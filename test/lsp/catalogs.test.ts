// The `fluentd.catalogs` setting: extra catalogue files make in-house plugins known;
// a broken file is reported to the user and the server keeps working.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DidChangeConfigurationNotification, ShowMessageNotification, type ShowMessageParams } from 'vscode-languageserver/node';
import { TestConnection } from './test-connection';

const CONFIG = `<source>
  @type sample
  tag app
</source>
<match app>
  @type acme_audit
  audit_endpoint https://audit.internal
</match>
`;

const INHOUSE = {
  plugins: {
    'output/acme_audit': {
      params: [{ name: 'audit_endpoint', type: 'string', required: true, default: null }],
      sections: {},
    },
  },
};

function codes(d: { diagnostics: { code?: string | number }[] }) {
  return d.diagnostics.map((x) => x.code);
}

describe('fluentd.catalogs over LSP', () => {
  it('an in-house plugin is unknown without the extra catalogue and known with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentd-catalogs-'));
    writeFileSync(join(dir, 'acme.json'), JSON.stringify(INHOUSE));
    const conn = new TestConnection();
    try {
      await conn.initialize({ diagnostics: { debounceMs: 10 } });
      const uri = 'file:///work/inhouse/fluent.conf';
      await conn.open(uri, CONFIG, 1);
      assert.ok(codes(await conn.nextDiagnostics(uri, 1)).includes('unknown-plugin'));

      // a relative path resolves against the workspace; here the path is absolute
      const next = conn.nextDiagnostics(uri);
      await conn.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { fluentd: { catalogs: [join(dir, 'acme.json')], diagnostics: { debounceMs: 10 } } },
      });
      const after = codes(await next);
      assert.ok(!after.includes('unknown-plugin'), `still unknown: ${after}`);
      assert.ok(!after.includes('unknown-param'), `its parameter is known too: ${after}`);
    } finally {
      conn.dispose();
    }
  });

  it('a broken catalogue file is shown to the user, and checking goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentd-catalogs-'));
    writeFileSync(join(dir, 'broken.json'), '{"plugins": {');
    const conn = new TestConnection();
    const messages: ShowMessageParams[] = [];
    conn.client.onNotification(ShowMessageNotification.type, (m) => void messages.push(m));
    try {
      await conn.initialize({ catalogs: [join(dir, 'broken.json'), join(dir, 'missing.json')] });
      const uri = 'file:///work/broken-catalog/fluent.conf';
      await conn.open(uri, '<source>\n', 1);
      assert.ok(codes(await conn.nextDiagnostics(uri, 1)).includes('unclosed-element'));
      assert.equal(messages.length, 2, JSON.stringify(messages));
      assert.match(messages[0].message, /broken\.json: not valid JSON/);
      assert.match(messages[1].message, /missing\.json: cannot read/);
    } finally {
      conn.dispose();
    }
  });
});
