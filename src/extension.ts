// activate(): small on purpose — it wires the parts; each part registers its own
// commands and views and puts every disposable in context.subscriptions.
import type * as vscode from 'vscode';
import { startLanguageClient } from './client/client';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await startLanguageClient(context);
}

export function deactivate(): void {
  // the language client and all views are disposed through context.subscriptions
}
