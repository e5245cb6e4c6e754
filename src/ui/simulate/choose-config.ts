// Which fluent.conf "Trace this event" runs through: the config last edited (an open fluentd
// editor, or a YAML editor holding a ConfigMap with a .conf key), else the workspace's
// fluentd.deploy.configFile, else the one fluent.conf of the workspace, else the user picks one.
import * as vscode from 'vscode';
import { mayHoldFluentdConfigMap } from '../../language/yaml/manifests';

/** A fluent.conf, or YAML that may hold a ConfigMap with fluent.conf keys (the server reads it exactly). */
export function isConfigEditor(d: vscode.TextDocument | undefined): boolean {
  return d?.languageId === 'fluentd' || (d?.languageId === 'yaml' && mayHoldFluentdConfigMap(d.getText()));
}

let lastConfig: vscode.Uri | undefined;

/** Remembers the fluent.conf the user last had in front of them. */
export function trackConfigEditors(): vscode.Disposable {
  const note = (e: vscode.TextEditor | undefined) => {
    if (e && isConfigEditor(e.document) && e.document.uri.scheme === 'file') lastConfig = e.document.uri;
  };
  note(vscode.window.activeTextEditor);
  return vscode.window.onDidChangeActiveTextEditor(note);
}

export async function chooseConfig(): Promise<vscode.Uri | undefined> {
  if (lastConfig) return lastConfig;
  const visible = vscode.window.visibleTextEditors.find((e) => isConfigEditor(e.document));
  if (visible) return visible.document.uri;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const configured = vscode.workspace.getConfiguration('fluentd.deploy').get<string>('configFile');
  if (folder && configured) return vscode.Uri.joinPath(folder.uri, configured);
  const found = await vscode.workspace.findFiles('**/{fluent,fluentd,td-agent}.conf', '**/node_modules/**', 50);
  if (found.length === 1) return found[0];
  if (!found.length) {
    void vscode.window.showInformationMessage('Open the fluent.conf to trace through first.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { title: 'Trace through which config?' },
  );
  return pick?.uri;
}
