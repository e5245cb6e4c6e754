/// <reference types="mocha" />
// The packaged extension as a user gets it: installed from the .vsix into the VS Code server
// (scripts/vscode/run-vsix-smoke.mjs), not loaded from the repository, in production mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, waitFor, workspaceFile } from '../helpers';
import { activationFromRunningExtensions } from '../running-extensions';
import { screenshot } from '../screenshot';

describe('installed .vsix', () => {
  it('is installed in the extensions folder, not loaded from the repository', () => {
    const ext = extension();
    const pkg = ext.packageJSON as { version: string };
    assert.match(ext.extensionPath, new RegExp(`/extensions/${EXTENSION_ID}-${pkg.version.replace(/\./g, '\\.')}$`));
  });

  it('activates on a fluent.conf and publishes its diagnostics', async () => {
    const uri = workspaceFile('broken', 'fluent.conf');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('the extension to activate', () => extension().isActive, 30_000);
    const found = await waitFor(
      'diagnostics from the packaged language server',
      () => {
        const d = vscode.languages.getDiagnostics(uri);
        return d.length > 0 && d;
      },
      30_000,
    );
    assert.ok(
      found.some((d) => d.severity === vscode.DiagnosticSeverity.Error && /<\/?match\b/.test(d.message)),
      found.map((d) => d.message).join('; '),
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('vsix-diagnostics');
  });

  it('runs in production mode: its commands exist, the test seams do not', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has('fluentd.deploy.deploy'), 'fluentd.deploy.deploy is not registered');
    assert.ok(commands.has('fluentd.showEventRoute'), 'fluentd.showEventRoute is not registered');
    for (const seam of ['fluentd.deploy.testing.answer', 'fluentd.cloudwatch.testing.state']) {
      assert.ok(!commands.has(seam), `the test seam ${seam} is registered in an installed extension`);
    }
  });

  it('has its activation time measured by VS Code', async function () {
    const a = await activationFromRunningExtensions(
      'codeLoadingTime + activateCallTime of the installed .vsix, from Developer: Show Running Extensions',
      'vsix-running-extensions',
    );
    if (!a) return this.skip(); // a runner without the harness's browser
    assert.ok(Number.isFinite(a.ms) && a.ms >= 0, `unreadable activation time in ${JSON.stringify(a.row)}`);
  });
});
