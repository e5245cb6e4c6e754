// Starts the Fluentd language server (dist/server.js) in its own process over IPC.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { WORKSPACE_TRUSTED_NOTIFICATION } from '../server/protocol';

export const FLUENTD_SELECTOR = [
  { language: 'fluentd', scheme: 'file' },
  { language: 'fluentd', scheme: 'untitled' },
  // Kubernetes manifests: the server answers only for ConfigMaps holding .conf keys
  // (fluent.conf in YAML); any other YAML gets nothing from it
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
];

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Fluentd Language Server', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: FLUENTD_SELECTOR,
    outputChannel,
    // the server reads catalogue files a workspace names only inside the workspace until it is trusted
    initializationOptions: { ...vscode.workspace.getConfiguration('fluentd'), workspaceTrusted: vscode.workspace.isTrusted },
    synchronize: { configurationSection: 'fluentd' },
  };
  const client = new LanguageClient('fluentd', 'Fluentd Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client, outputChannel);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION, {})),
  );
  await client.start();
  return client;
}
