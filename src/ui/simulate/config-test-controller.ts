// Config tests in VS Code's Test Explorer (model: vscode-extension-samples test-provider-sample):
// every *.fluent-test.yaml of the workspace is a test file item whose children are its tests
// (read by the language server, so they match the file as edited); a run sends the chosen
// tests to the server in batches, marks each passed, failed (with the message at the failed
// expectation), errored or skipped, and stops between batches when cancelled.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DISCOVER_TESTS_REQUEST,
  isConfigTestPath,
  RUN_TESTS_REQUEST,
  type DiscoverTestsResult,
  type RunTestsResult,
} from '../../language/config-tests/protocol';

const PATTERN = '**/*.fluent-test.{yaml,yml}';
const EXCLUDE = '**/node_modules/**';
/** Tests sent to the server per request: results show as they come, and cancel is honoured between. */
const BATCH = 200;

type Range = DiscoverTestsResult['tests'][number]['range'];

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export class ConfigTestController implements vscode.Disposable {
  readonly controller: vscode.TestController;
  /** Test item → its index in the file. */
  private readonly indexOf = new WeakMap<vscode.TestItem, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Results of the last run (integration tests read them). */
  readonly lastRun: { id: string; status: string; message?: string }[] = [];

  constructor(private readonly client: Promise<LanguageClient>) {
    this.controller = vscode.tests.createTestController('fluentd.configTests', 'Fluentd Config Tests');
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discoverWorkspace();
      else await this.discoverFile(item);
    };
    this.controller.refreshHandler = () => this.discoverWorkspace();
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (req, token) => this.run(req, token), true);
    const watcher = vscode.workspace.createFileSystemWatcher(PATTERN);
    this.disposables.push(
      this.controller,
      watcher,
      watcher.onDidCreate((u) => void this.discoverFile(this.fileItem(u))),
      watcher.onDidChange((u) => this.later(u)),
      watcher.onDidDelete((u) => this.controller.items.delete(u.toString())),
      vscode.workspace.onDidOpenTextDocument((d) => isConfigTestPath(d.uri.path) && this.later(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => isConfigTestPath(e.document.uri.path) && this.later(e.document.uri)),
    );
  }

  private later(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.pending.get(key);
    if (t) clearTimeout(t);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.discoverFile(this.fileItem(uri));
      }, 300),
    );
  }

  private fileItem(uri: vscode.Uri): vscode.TestItem {
    const id = uri.toString();
    let item = this.controller.items.get(id);
    if (!item) {
      item = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
      item.canResolveChildren = true;
      this.controller.items.add(item);
    }
    return item;
  }

  async discoverWorkspace(): Promise<void> {
    for (const uri of await vscode.workspace.findFiles(PATTERN, EXCLUDE, 5000)) this.fileItem(uri);
  }

  private async textOf(uri: vscode.Uri): Promise<string> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  async discoverFile(item: vscode.TestItem): Promise<void> {
    if (!item.uri) return;
    let found: DiscoverTestsResult;
    try {
      const text = await this.textOf(item.uri);
      found = await (await this.client).sendRequest<DiscoverTestsResult>(DISCOVER_TESTS_REQUEST, { uri: item.uri.toString(), text });
    } catch (e) {
      item.error = `Cannot read the tests: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    item.error = found.problems.length
      ? new vscode.MarkdownString(found.problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('\n\n'))
      : undefined;
    const children: vscode.TestItem[] = [];
    for (const t of found.tests) {
      const child = this.controller.createTestItem(`${item.id}#${t.name}`, t.name, item.uri);
      child.range = toRange(t.range);
      this.indexOf.set(child, t.index);
      children.push(child);
    }
    item.children.replace(children);
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    this.lastRun.length = 0;
    // the chosen tests, grouped by file
    const byFile = new Map<vscode.TestItem, vscode.TestItem[]>();
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((i) => roots.push(i));
    for (const item of roots) {
      if (request.exclude?.includes(item)) continue;
      if (this.indexOf.has(item) && item.parent) {
        byFile.set(item.parent, [...(byFile.get(item.parent) ?? []), item]);
        continue;
      }
      if (!item.children.size) await this.discoverFile(item);
      const tests: vscode.TestItem[] = [];
      item.children.forEach((c) => {
        if (!request.exclude?.includes(c)) tests.push(c);
      });
      byFile.set(item, tests);
    }
    for (const tests of byFile.values()) for (const t of tests) run.enqueued(t);
    try {
      for (const [file, tests] of byFile) {
        if (token.isCancellationRequested) break;
        await this.runFile(run, file, tests, token);
      }
    } finally {
      for (const tests of byFile.values()) for (const t of tests) if (token.isCancellationRequested) run.skipped(t);
      run.end();
    }
  }

  private async runFile(
    run: vscode.TestRun,
    file: vscode.TestItem,
    tests: vscode.TestItem[],
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (!file.uri) return;
    const text = await this.textOf(file.uri);
    const client = await this.client;
    const byIndex = new Map<number, vscode.TestItem>();
    for (const t of tests) byIndex.set(this.indexOf.get(t) ?? -1, t);
    const indexes = [...byIndex.keys()].filter((i) => i >= 0);
    for (let i = 0; i < indexes.length && !token.isCancellationRequested; i += BATCH) {
      const only = indexes.slice(i, i + BATCH);
      for (const n of only) run.started(byIndex.get(n)!);
      const r = await client.sendRequest<RunTestsResult>(RUN_TESTS_REQUEST, { uri: file.uri.toString(), text, only });
      if (r.problems.length) {
        const msg = r.problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('\n');
        run.appendOutput(`${file.label}: the test file cannot be run:\r\n${msg.replace(/\n/g, '\r\n')}\r\n`);
        for (const n of indexes) {
          const m = new vscode.TestMessage(msg);
          m.location = new vscode.Location(file.uri, toRange(r.problems[0].range));
          run.errored(byIndex.get(n)!, m);
          this.lastRun.push({ id: byIndex.get(n)!.id, status: 'errored', message: msg });
        }
        return;
      }
      for (const res of r.results) {
        const item = byIndex.get(res.index);
        if (!item) continue;
        this.report(run, item, file.uri, res);
      }
    }
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, uri: vscode.Uri, res: RunTestsResult['results'][number]): void {
    const messages = res.failures.map((f) => {
      const m = new vscode.TestMessage(f.message);
      m.location = new vscode.Location(uri, toRange(f.range));
      return m;
    });
    const notes = res.notes.length ? `\n${res.notes.map((n) => `note: ${n}`).join('\n')}` : '';
    run.appendOutput(
      `${res.status.toUpperCase()} ${res.name}${res.received.length ? ` — ${res.received.join('; ')}` : ''}${notes}\r\n`.replace(
        /\n/g,
        '\r\n',
      ),
      undefined,
      item,
    );
    if (res.status === 'passed') run.passed(item, res.durationMs);
    else if (res.status === 'skipped') run.skipped(item);
    else if (res.status === 'failed') run.failed(item, messages, res.durationMs);
    else run.errored(item, messages.length ? messages : [new vscode.TestMessage(res.notes.join('\n') || 'errored')], res.durationMs);
    this.lastRun.push({
      id: item.id,
      status: res.status,
      ...(res.failures.length ? { message: res.failures.map((f) => f.message).join('\n') } : {}),
    });
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
