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
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('@type cloudwatch_logz'));
    assert.equal(line, 18, 'fixture changed: the mistake should be on YAML line 19');

    const found = await waitFor(
      'diagnostics on the ConfigMap YAML',
      () => {
        const d = vscode.languages.getDiagnostics(uri);
        return d.length > 0 && d;
      },
      20_000,
    );
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
    await waitFor(
      'the ConfigMap finding to clear',
      () => !vscode.languages.getDiagnostics(uri).some((d) => /cloudwatch_log/.test(d.message)),
    );
  });
});

describe('Format Embedded fluent.conf', () => {
  const header = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: fluentd-config', 'data:', '  fluent.conf: |'];
  const messy = [
    ...header,
    '    <source>',
    '    @type tail',
    '            path /var/log/containers/*.log',
    '       tag kube.*',
    '    </source>',
    '    <match kube.**>',
    '          @type stdout',
    '    </match>',
    '',
  ].join('\n');
  const formatted = [
    ...header,
    '    <source>',
    '      @type tail',
    '      path /var/log/containers/*.log',
    '      tag kube.*',
    '    </source>',
    '    <match kube.**>',
    '      @type stdout',
    '    </match>',
    '',
  ].join('\n');

  it('re-indents the .conf key of a ConfigMap, while ordinary YAML formatting is not ours', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: messy });
    const editor = await vscode.window.showTextDocument(doc);
    editor.options = { tabSize: 2, insertSpaces: true };
    await vscode.commands.executeCommand('fluentd.formatEmbeddedConfig');
    await waitFor('the embedded config to be formatted', () => doc.getText() === formatted, 20_000).catch((err: Error) => {
      throw new Error(`${err.message}; the text is now:\n${doc.getText()}`);
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // the server is up now (it just formatted): formatting is registered for `fluentd` only,
    // so Format Document on the same messy YAML is not offered by us
    const other = await vscode.workspace.openTextDocument({ language: 'yaml', content: messy });
    await vscode.window.showTextDocument(other);
    const offered = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', other.uri, {
      tabSize: 2,
      insertSpaces: true,
    });
    assert.deepEqual(offered ?? [], [], 'the extension still acts as a formatter of YAML files');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
