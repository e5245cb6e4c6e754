// Load on first use: activate() registers every command and the view at once (VS Code needs a
// command to exist when it is invoked), while the code behind them — the AWS SDK, the Kubernetes
// client, vscode-languageclient, megabytes in all — lives in its own bundle beside
// dist/extension.js and is required the first time a part is used. Activation then costs a few
// kilobytes.
import { join } from 'node:path';
import * as vscode from 'vscode';

/** `load()`, run on the first call; later calls get the same value. */
export function once<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

/**
 * A bundle beside this one: dist/<name>.js (scripts/build.mjs builds one per part). The path is
 * computed, so esbuild leaves the require alone and the part stays out of dist/extension.js.
 */
export function requireBundle<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path, so esbuild leaves the part out of this bundle
  return require(join(__dirname, `${name}.js`)) as T;
}

/**
 * Registers stand-ins for the commands of a part and returns its loader. The part is loaded once,
 * by the first call of any of its commands or of the loader: the stand-ins go, `register()`
 * registers the real commands (and everything else of the part, into context.subscriptions), and
 * the command that was called runs again with the same arguments (tree items from menus, test
 * seam answers) and its result is handed back.
 */
export function lazyPart<T>(context: vscode.ExtensionContext, commandIds: readonly string[], register: () => T): () => T {
  const load = once(() => {
    for (const standIn of standIns) standIn.dispose();
    return register();
  });
  const standIns = commandIds.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      load();
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
  context.subscriptions.push(...standIns);
  return load;
}

/**
 * A tree data provider that loads the real one when the view first asks for nodes (only when the
 * view is shown), and passes on its change events from then on.
 */
export class LazyTreeDataProvider<N> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<N | N[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private forwarding: vscode.Disposable | undefined;
  private readonly real: () => vscode.TreeDataProvider<N>;

  constructor(load: () => vscode.TreeDataProvider<N>) {
    this.real = once(() => {
      const provider = load();
      this.forwarding = provider.onDidChangeTreeData?.((e) => this.changed.fire(e));
      return provider;
    });
  }

  getTreeItem(node: N): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real().getTreeItem(node);
  }

  getChildren(node?: N): vscode.ProviderResult<N[]> {
    return this.real().getChildren(node);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
