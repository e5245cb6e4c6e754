/// <reference types="mocha" />
// Diagnostics published by the language server, as VS Code shows them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';
import { screenshot } from './screenshot';

describe('diagnostics', () => {
  it('reports an unclosed <match> and clears it once the file is fixed', async () => {
    const uri = workspaceFile('broken', 'fluent.conf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const found = await waitFor('diagnostics for the unclosed <match>', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length > 0 && d;
    });
    assert.ok(
      found.some((d) => d.severity === vscode.DiagnosticSeverity.Error && /<\/?match\b/.test(d.message)),
      `expected an error about <match>, got: ${found.map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${d.message}`).join('; ')}`,
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('diagnostics-unclosed-match');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.lineAt(doc.lineCount - 1).range.end, doc.getText().endsWith('\n') ? '</match>\n' : '\n</match>\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the fixing edit was not applied');
    await waitFor('the diagnostics to clear', () => vscode.languages.getDiagnostics(uri).length === 0);
  });
});
