// activate(): small on purpose — it wires the parts and loads none of them. Each part is its own
// bundle beside dist/extension.js (scripts/build.mjs), required on first use (src/ui/lazy.ts):
// its commands and the CloudWatch view are registered here with stand-ins, and the language
// client starts just after activate() returns. Every disposable goes into context.subscriptions.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LazyTreeDataProvider, lazyPart, requireBundle } from './ui/lazy';
import { registerShowEventRoute } from './ui/show-event-route';

// the parts' types only (erased): their code is in dist/cloudwatch.js, dist/kube.js, dist/client.js
type CloudWatchPart = typeof import('./ui/cloudwatch');
type KubePart = typeof import('./ui/kube');
type ClientPart = typeof import('./client/client') & typeof import('./ui/format-embedded-config');
type SimulatePart = typeof import('./ui/simulate');

// Names the parts define too; importing them would load the parts.
const CLOUDWATCH_VIEW = 'fluentd.cloudwatch';
const CLOUDWATCH_TESTING_COMMAND = 'fluentd.cloudwatch.testing.state';
const KUBE_TESTING_COMMAND = 'fluentd.deploy.testing.answer';
const POD_LOGS_TESTING_COMMAND = 'fluentd.podLogs.testing.state';
const FORMAT_EMBEDDED_CONFIG_COMMAND = 'fluentd.formatEmbeddedConfig';
const SIMULATE_COMMANDS = ['fluentd.tryLogLines', 'fluentd.traceEvent'];
const SIMULATE_TESTING_COMMAND = 'fluentd.simulate.testing.state';
const CONFIG_TEST_FILE = /\.fluent-test\.ya?ml$/i;

export function activate(context: vscode.ExtensionContext): void {
  // the test seams exist only outside production mode, as in the parts
  const testing = context.extensionMode !== vscode.ExtensionMode.Production;
  const seam = (id: string) => (testing ? [id] : []);

  const cloudwatch = lazyPart(context, [...contributedCommands(context, 'fluentd.cloudwatch.'), ...seam(CLOUDWATCH_TESTING_COMMAND)], () =>
    requireBundle<CloudWatchPart>('cloudwatch').registerCloudWatch(context),
  );
  const tree = new LazyTreeDataProvider(cloudwatch);
  context.subscriptions.push(tree, vscode.window.createTreeView(CLOUDWATCH_VIEW, { treeDataProvider: tree, showCollapseAll: true }));

  lazyPart(
    context,
    [
      ...contributedCommands(context, 'fluentd.deploy.'),
      ...contributedCommands(context, 'fluentd.podLogs.'),
      ...seam(KUBE_TESTING_COMMAND),
      ...seam(POD_LOGS_TESTING_COMMAND),
    ],
    () => requireBundle<KubePart>('kube').registerKube(context),
  );

  // the language server starts in the background, after activation: commands and views do not wait for it
  const client: Promise<LanguageClient> = new Promise((resolve) => setImmediate(resolve)).then(() =>
    requireBundle<ClientPart>('client').startLanguageClient(context),
  );
  // the client reports its own start failure in its output channel; this is for a missing bundle
  client.catch((e: unknown) => console.error('fluentd: the language client did not start:', e));
  registerShowEventRoute(context, client);
  lazyPart(context, [FORMAT_EMBEDDED_CONFIG_COMMAND], () =>
    requireBundle<ClientPart>('client').registerFormatEmbeddedConfig(context, client),
  );

  // the simulator's editor side: Try log lines…, Trace this event, config tests in the Test Explorer
  const simulate = lazyPart(context, [...SIMULATE_COMMANDS, ...seam(SIMULATE_TESTING_COMMAND)], () =>
    requireBundle<SimulatePart>('simulate').registerSimulate(context, client),
  );
  // the Test Explorer lists config tests once the workspace has a test file (or one is opened)
  void vscode.workspace.findFiles('**/*.fluent-test.{yaml,yml}', '**/node_modules/**', 1).then((found) => found.length && simulate());
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => CONFIG_TEST_FILE.test(d.uri.path) && simulate()));
}

/** The commands package.json contributes whose ids start with `prefix`: all must exist from activation on. */
function contributedCommands(context: vscode.ExtensionContext, prefix: string): string[] {
  const commands: { command: string }[] = context.extension.packageJSON.contributes?.commands ?? [];
  return commands.map((c) => c.command).filter((id) => id.startsWith(prefix));
}

export function deactivate(): void {
  // the language client and all views are disposed through context.subscriptions
}
