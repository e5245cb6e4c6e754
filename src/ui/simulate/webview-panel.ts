// One webview panel of the simulator beside the editor: the shell (webview-html.ts), the script
// and stylesheet from the extension, messages both ways, and the last drawn text kept for tests.
import * as vscode from 'vscode';
import type { FromWebview, ToWebview } from './webview/messages';
import { webviewShell } from './webview-html';

export class SimulatorWebview implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** The page's text after its last drawing (the integration tests read it). */
  rendered = '';
  private ready = false;
  private pending: ToWebview | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    viewType: string,
    title: string,
    mode: 'playground' | 'trace',
    onMessage: (m: FromWebview) => void,
    onDispose: () => void,
  ) {
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
    this.panel = vscode.window.createWebviewPanel(
      viewType,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: roots, enableFindWidget: true },
    );
    const w = this.panel.webview;
    w.html = webviewShell({
      cspSource: w.cspSource,
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'simulate.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'simulate.css')).toString(),
      title,
      mode,
    });
    this.disposables.push(
      w.onDidReceiveMessage((m: FromWebview) => {
        if (m?.type === 'ready') {
          this.ready = true;
          if (this.pending) void w.postMessage(this.pending);
        } else if (m?.type === 'rendered') this.rendered = typeof m.text === 'string' ? m.text : '';
        onMessage(m);
      }),
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  /** Draws a state; before the page is ready, the latest state waits. */
  show(state: ToWebview): void {
    this.pending = state;
    if (this.ready) void this.panel.webview.postMessage(state);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Opens the config element a step refers to. */
export async function reveal(place: {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(place.uri));
  const r = place.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await vscode.window.showTextDocument(doc, { selection: range, viewColumn: vscode.ViewColumn.One });
}
