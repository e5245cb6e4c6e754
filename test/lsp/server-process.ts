// The BUILT language server (dist/server.js) as a real child process over stdio, for
// tests where the server could hang: every wait has a time limit, and the process is
// killed at the end whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShowMessageNotification,
  type ShowMessageParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';

const serverPath = join(resolve(__dirname, '..', '..'), 'dist', 'server.js');

export class ServerProcess {
  readonly conn: ProtocolConnection;
  readonly messages: ShowMessageParams[] = [];
  private readonly child: ChildProcess;
  private readonly diagnostics: PublishDiagnosticsParams[] = [];
  private stderr = '';

  constructor() {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run 'node scripts/build.mjs' first`);
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
    });
    this.conn.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p);
    });
    this.conn.listen();
  }

  /** Resolves with the value, or rejects naming `what` after `ms`. */
  private within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
    return new Promise<T>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms (stderr: ${this.stderr.slice(-500)})`)), ms);
      p.then(
        (v) => (clearTimeout(timer), res(v)),
        (e: unknown) => (clearTimeout(timer), rej(e instanceof Error ? e : new Error(String(e)))),
      );
    });
  }

  async initialize(initializationOptions: unknown, rootUri: string | null, ms: number): Promise<InitializeResult> {
    const result = await this.within(
      'initialize',
      ms,
      this.conn.sendRequest(InitializeRequest.type, {
        processId: null,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
        capabilities: {},
        initializationOptions,
      }),
    );
    await this.conn.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Opens a document and waits for its first diagnostics. */
  async openAndWait(uri: string, text: string, ms: number, languageId = 'fluentd'): Promise<PublishDiagnosticsParams> {
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return this.within(
      `diagnostics of ${uri}`,
      ms,
      new Promise<PublishDiagnosticsParams>((res) => {
        const poll = setInterval(() => {
          const hit = this.diagnostics.find((d) => d.uri === uri);
          if (hit) {
            clearInterval(poll);
            res(hit);
          }
        }, 20);
        poll.unref();
      }),
    );
  }

  /** Waits for diagnostics of `uri` (published from now on, or already) that satisfy `match`. */
  waitFor(uri: string, match: (p: PublishDiagnosticsParams) => boolean, ms: number): Promise<PublishDiagnosticsParams> {
    return this.within(
      `diagnostics of ${uri} as expected`,
      ms,
      new Promise<PublishDiagnosticsParams>((res) => {
        const poll = setInterval(() => {
          const hit = this.diagnostics.find((d) => d.uri === uri && match(d));
          if (hit) {
            clearInterval(poll);
            res(hit);
          }
        }, 20);
        poll.unref();
      }),
    );
  }

  /** Sends a notification of our own protocol. */
  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  kill(): void {
    this.conn.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
