// An in-process LSP pair: the real server (startServer) on one end of two
// PassThrough streams, a protocol connection acting as the client on the other.
import { PassThrough } from 'node:stream';
import {
  type ClientCapabilities,
  type Connection,
  createConnection,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { nodeFileSystem } from '../../src/language/node-file-system';
import { startServer } from '../../src/server/server';

export class TestConnection {
  readonly client: ProtocolConnection;
  private readonly server: Connection;
  private readonly diagnostics: PublishDiagnosticsParams[] = [];
  private readonly waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly up = new PassThrough();
  private readonly down = new PassThrough();

  constructor() {
    this.server = createConnection(new StreamMessageReader(this.up), new StreamMessageWriter(this.down));
    startServer(this.server, { fileSystem: nodeFileSystem });
    this.client = createProtocolConnection(new StreamMessageReader(this.down), new StreamMessageWriter(this.up));
    this.client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
      for (const w of [...this.waiters]) {
        if (w.match(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.client.listen();
  }

  async initialize(initializationOptions: unknown = {}, capabilities: ClientCapabilities = {}) {
    const result = await this.client.sendRequest(InitializeRequest.type, {
      // null: no parent-process watchdog timer keeping the test process alive
      processId: null,
      rootUri: null,
      capabilities,
      initializationOptions,
    });
    await this.client.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'fluentd', version, text },
    });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Every publishDiagnostics received so far for a URI, oldest first. */
  published(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.filter((d) => d.uri === uri);
  }

  /** The next publishDiagnostics for `uri` (optionally of a version), or a rejection after `ms`. */
  nextDiagnostics(uri: string, version?: number, ms = 5000): Promise<PublishDiagnosticsParams> {
    const already = this.diagnostics.find((d) => d.uri === uri && (version === undefined || d.version === version));
    if (already && version !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${ms} ms`)), ms);
      this.waiters.push({
        match: (p) => p.uri === uri && (version === undefined || p.version === version),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  dispose(): void {
    // both ends are disposed; the streams are left to end with them, since
    // destroying them under a pending write raises 'Connection is closed'
    this.client.dispose();
    this.server.dispose();
  }
}
