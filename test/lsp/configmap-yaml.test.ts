// ConfigMap YAML over a real LSP connection: a YAML document with a .conf key gets
// findings at YAML positions, other YAML gets empty answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, DidOpenTextDocumentNotification, HoverRequest, CodeLensRequest } from 'vscode-languageserver/node';
import { TestConnection } from './test-connection';

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fluentd-config
data:
  fluent.conf: |
    <source>
      @type tail
      path /var/log/containers/*.log
      pos_file /var/log/c.pos
      tag kubernetes.*
      <parse>
        @type json
      </parse>
    </source>
    <match kubernetes.*>
      @type cloudwatch_logs
      flush_intervall 5s
    </match>
`;

describe('ConfigMap YAML over LSP', () => {
  let conn: TestConnection;
  before(async () => {
    conn = new TestConnection();
    await conn.initialize();
  });
  after(() => conn.dispose());

  const openYaml = (uri: string, text: string) =>
    conn.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });

  it('findings of the embedded config at YAML positions', async () => {
    const uri = 'file:///k8s/fluentd-configmap.yaml';
    const published = conn.nextDiagnostics(uri, 1);
    await openYaml(uri, CONFIGMAP);
    const d = (await published).diagnostics;
    const codes = d.map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}`).sort();
    // in_tail's tag misses kubernetes.*; a misspelled parameter
    assert.ok(codes.includes('unmatched-source@10:10'), codes.join(' '));
    assert.ok(codes.includes('unknown-param@17:6'), codes.join(' '));
    const lenses = await conn.client.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.[0].range.start.line, 6);
  });

  it('other YAML: empty diagnostics, no completion, no hover', async () => {
    const uri = 'file:///k8s/deployment.yaml';
    const published = conn.nextDiagnostics(uri, 1);
    await openYaml(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    assert.deepEqual((await published).diagnostics, []);
    const c = await conn.client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 6 } });
    assert.deepEqual(c && 'items' in c ? c.items : c, []);
    assert.equal(await conn.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } }), null);
  });
});
