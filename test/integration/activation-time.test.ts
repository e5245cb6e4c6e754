/// <reference types="mocha" />
// Activation time as VS Code itself measures it (Developer: Show Running Extensions shows
// codeLoadingTime + activateCallTime per extension). Recorded, not judged: speed goals belong
// in the bench, so this only checks that a number was measured; the runner prints it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, waitFor, workspaceFile } from './helpers';
import { activationFromRunningExtensions } from './running-extensions';

describe('activation time', () => {
  it('is measured by VS Code (Running Extensions)', async function () {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('fluent.conf')));
    await waitFor('the extension to activate', () => extension().isActive);
    const a = await activationFromRunningExtensions(
      'codeLoadingTime + activateCallTime of the development build, from Developer: Show Running Extensions',
      'running-extensions',
    );
    if (!a) return this.skip(); // a runner without the harness's browser
    assert.ok(Number.isFinite(a.ms) && a.ms >= 0, `unreadable activation time in ${JSON.stringify(a.row)}`);
  });
});
