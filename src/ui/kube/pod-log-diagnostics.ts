// Fluentd's problems from its pods as diagnostics on the config lines they concern (source
// "fluentd pods"), replaced whenever the findings change; a finding that stops goes with it.
import * as vscode from 'vscode';
import type { FindingDiagnostic } from '../../kube';

export class PodLogDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('fluentd-pods');
  private readonly owners = new Map<string, FindingDiagnostic[]>();

  /** The diagnostics of one session (by its title); the collection shows every session's. */
  set(owner: string, list: FindingDiagnostic[]): void {
    if (list.length) this.owners.set(owner, list);
    else this.owners.delete(owner);
    this.render();
  }

  private render(): void {
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const list of this.owners.values()) {
      for (const d of list) {
        const r = d.range;
        const diag = new vscode.Diagnostic(
          new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
          d.message,
          d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diag.source = 'fluentd pods';
        diag.code = d.code;
        const arr = byUri.get(d.uri) ?? [];
        arr.push(diag);
        byUri.set(d.uri, arr);
      }
    }
    this.collection.clear();
    for (const [uri, diags] of byUri) this.collection.set(vscode.Uri.parse(uri), diags);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
