// Formatting is registered for the `fluentd` language only (so the editor never lists us as a
// formatter of ordinary YAML), dynamically when the client can, statically when it cannot; the
// handlers still format the fluent.conf of a ConfigMap when asked (the explicit command).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  type ClientCapabilities,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  type Registration,
  RegistrationRequest,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestConnection } from './test-connection';

const DYNAMIC: ClientCapabilities = {
  textDocument: { formatting: { dynamicRegistration: true }, rangeFormatting: { dynamicRegistration: true } },
};

const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fluentd-config\ndata:\n  fluent.conf: |\n';
const BADLY_INDENTED = `${header}    <source>
    @type tail
            path /var/log/containers/*.log
       tag kube.*
     <parse>
    @type json
       </parse>
    </source>
    <match kube.**>
          @type stdout
    </match>
`;
const FORMATTED = `${header}    <source>
      @type tail
      path /var/log/containers/*.log
      tag kube.*
      <parse>
        @type json
      </parse>
    </source>
    <match kube.**>
      @type stdout
    </match>
`;

describe('formatting registration', () => {
  let conn: TestConnection | undefined;
  afterEach(() => conn?.dispose());

  /** A connection that answers client/registerCapability and keeps what was registered. */
  function connect() {
    const c = new TestConnection();
    const registrations: Registration[][] = [];
    let registered: (r: Registration[]) => void = () => undefined;
    const first = new Promise<Registration[]>((resolve) => (registered = resolve));
    c.client.onRequest(RegistrationRequest.type, (p) => {
      registrations.push(p.registrations);
      registered(p.registrations);
    });
    conn = c;
    return { c, registrations, first };
  }

  const formatYaml = async (c: TestConnection, uri: string, text: string) => {
    // the diagnostics of the open are awaited: none may be in flight when the connection closes
    const published = c.nextDiagnostics(uri, 1);
    await c.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await published;
    const edits = await c.client.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    return { edits: edits ?? [], result: TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits ?? []) };
  };

  it('a client with dynamic registration gets formatting for language fluentd only, not a static capability', async () => {
    const { c, registrations, first } = connect();
    const init = await c.initialize({}, DYNAMIC);
    assert.ok(!init.capabilities.documentFormattingProvider, 'static document formatting would cover every YAML file');
    assert.ok(!init.capabilities.documentRangeFormattingProvider, 'static range formatting would cover every YAML file');
    const regs = await Promise.race([
      first,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no client/registerCapability within 5 s')), 5000).unref()),
    ]);
    assert.deepEqual(regs.map((r) => r.method).sort(), ['textDocument/formatting', 'textDocument/rangeFormatting']);
    for (const r of regs)
      assert.deepEqual((r.registerOptions as { documentSelector: unknown }).documentSelector, [{ language: 'fluentd' }], r.method);
    assert.equal(new Set(regs.map((r) => r.id)).size, 2, 'each registration needs its own id');

    // the explicit command sends textDocument/formatting for a ConfigMap YAML: still answered
    const { edits, result } = await formatYaml(c, 'file:///k8s/configmap.yaml', BADLY_INDENTED);
    assert.ok(edits.length > 0);
    assert.equal(result, FORMATTED);
    assert.equal(registrations.length, 1, 'formatting was registered more than once');
  });

  it('a client without dynamic registration keeps the static capabilities and is sent no registration', async () => {
    const { c, registrations } = connect();
    const init = await c.initialize();
    assert.equal(init.capabilities.documentFormattingProvider, true);
    assert.equal(init.capabilities.documentRangeFormattingProvider, true);
    // a round trip after `initialized`: a registration sent on it would have arrived first
    const { result } = await formatYaml(c, 'file:///k8s/configmap.yaml', BADLY_INDENTED);
    assert.equal(result, FORMATTED);
    assert.deepEqual(registrations, []);
  });

  it('a client with dynamic registration for document formatting only: range formatting stays static', async () => {
    const { c, first } = connect();
    const init = await c.initialize({}, { textDocument: { formatting: { dynamicRegistration: true } } });
    assert.ok(!init.capabilities.documentFormattingProvider);
    assert.equal(init.capabilities.documentRangeFormattingProvider, true);
    const regs = await first;
    assert.deepEqual(
      regs.map((r) => [r.method, (r.registerOptions as { documentSelector: unknown }).documentSelector]),
      [['textDocument/formatting', [{ language: 'fluentd' }]]],
    );
    // a round trip, so the answer to the registration is through before the connection closes
    assert.deepEqual(
      await c.client.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri: 'file:///none/fluent.conf' },
        options: { tabSize: 2, insertSpaces: true },
      }),
      [],
    );
  });

  it('YAML that is not a ConfigMap with a .conf key gets no edits', async () => {
    const { c } = connect();
    await c.initialize({}, DYNAMIC);
    const { edits } = await formatYaml(
      c,
      'file:///k8s/deployment.yaml',
      'apiVersion: apps/v1\nkind:    Deployment\nmetadata:\n    name: web\n',
    );
    assert.deepEqual(edits, []);
  });
});
