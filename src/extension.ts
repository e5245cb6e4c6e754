// activate(): small on purpose — it wires the parts; each part registers its own
// commands and views and puts every disposable in context.subscriptions.
import type * as vscode from 'vscode';
import { startLanguageClient } from './client/client';
import { registerCloudWatch } from './ui/cloudwatch';
import { registerKube } from './ui/kube';
import { registerShowEventRoute } from './ui/showEventRoute';
import { registerFormatEmbeddedConfig } from './ui/formatEmbeddedConfig';

export function activate(context: vscode.ExtensionContext): void {
  registerCloudWatch(context);
  registerKube(context);
  // the language server starts in the background: commands and views do not wait for it
  const client = startLanguageClient(context);
  client.catch(() => undefined); // the client reports its own start failure in its output channel
  registerShowEventRoute(context, client);
  registerFormatEmbeddedConfig(context, client);
}

export function deactivate(): void {
  // the language client and all views are disposed through context.subscriptions
}
