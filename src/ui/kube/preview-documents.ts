// Read-only documents for the deploy preview's diff editor: the live objects and the objects as
// the deploy would leave them, served from memory under the `fluentd-preview` scheme (a content
// provider's documents cannot be edited or saved).
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'fluentd-preview';

export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);
  private generation = 0;
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens `before` ↔ `after` in a diff editor titled `title`. */
  async showDiff(before: string, after: string, title: string): Promise<void> {
    // A new generation per preview: the editor caches documents by URI.
    const n = ++this.generation;
    const left = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/live-${n}.yaml` });
    const right = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/after-deploy-${n}.yaml` });
    this.texts.set(left.toString(), before);
    this.texts.set(right.toString(), after);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
