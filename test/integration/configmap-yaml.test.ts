/// <reference types="mocha" />
// A Kubernetes ConfigMap holding fluent.conf in a block scalar: its mistakes are reported on
// the YAML file, at the YAML line and column of the mistake.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';
import { screenshot } from './screenshot';

describe('ConfigMap YAML', () => {
  it('reports the unknown plugin at its line in the YAML file and clears once fixed', async () => {
    const uri = workspaceFile('k8s', 'fluentd-configmap.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('@type cloudwatch_logz'));
    assert.equal(line, 18, 'fixture changed: the mistake should be on YAML line 19');

    const found = await waitFor('diagnostics on the ConfigMap YAML',
      () => { const d = vscode.languages.getDiagnostics(uri); return d.length > 0 && d; }, 20_000);
    const unknown = found.find((d) => /cloudwatch_logz/.test(d.message));
    assert.ok(unknown, `no finding about cloudwatch_logz: ${found.map((d) => `${d.range.start.line}: ${d.message}`).join('; ')}`);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknown.range.start.line, line, `reported on line ${unknown.range.start.line + 1}, not on YAML line ${line + 1}`);
    assert.equal(doc.getText(unknown.range), 'cloudwatch_logz', 'the range should cover the plugin name in the YAML text');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('configmap-yaml-diagnostics');

    const col = doc.lineAt(line).text.indexOf('cloudwatch_logz');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(line, col, line, col + 'cloudwatch_logz'.length), 'cloudwatch_logs');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the ConfigMap finding to clear',
      () => !vscode.languages.getDiagnostics(uri).some((d) => /cloudwatch_log/.test(d.message)));
  });
});
