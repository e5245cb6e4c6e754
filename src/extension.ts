// Placeholder so the extension loads in VS Code while its parts are being built; the
// owner of the extension wiring replaces this file. The language client (src/client/)
// will be started here, with the CloudWatch explorer and deploy commands (src/ui/).
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // intentionally empty for now: the language client will be wired here
}

export function deactivate(): void {}
