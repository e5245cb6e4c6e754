// Reads this extension's activation time from Developer: Show Running Extensions, where VS Code
// shows codeLoadingTime + activateCallTime as `Activation: N ms` (the harness reads the page).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, waitFor } from './helpers';
import { pageTexts, screenshot } from './screenshot';

export interface ActivationTime {
  ms: number;
  what: string;
  row: string;
}

/** The activation time, or undefined under a runner without the harness's browser. */
export async function activationFromRunningExtensions(what: string, screenshotName: string): Promise<ActivationTime | undefined> {
  // the row shows the display name when VS Code knows the extension's details, else its id
  const names = [EXTENSION_ID, String((extension().packageJSON as { displayName?: string }).displayName ?? EXTENSION_ID).toLowerCase()];
  // the list renders only the rows in view, and newer VS Code activates more built-in extensions
  // (1.139: a dozen) before ours, the fastest, sorted near the end: with the panel closed (more
  // rows in view) and the list focused, page through it
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  let moves = 0;
  const row = await waitFor('the extension in Running Extensions', async () => {
    const rows = await pageTexts(screenshotName, '.runtime-extensions-editor .monaco-list-row');
    if (rows === undefined) return 'no-browser';
    const found = rows.find((r) => names.some((n) => r.toLowerCase().includes(n)) && /Activation: \d+ms/.test(r));
    if (!found && rows.length) {
      // (no rows yet: the editor is still opening, and a move now would go to another list)
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await vscode.commands.executeCommand(moves++ === 0 ? 'list.focusLast' : 'list.focusPageUp');
    }
    return found;
  });
  if (row === 'no-browser') return undefined;
  await screenshot(screenshotName);
  const result = { ms: Number(/Activation: (\d+)ms/.exec(row)![1]), what, row };
  const results = process.env.VSCODE_FLUENTD_TEST_RESULTS;
  // next to the results file, for the runner to print
  if (results) writeFileSync(join(dirname(results), 'activation.json'), JSON.stringify(result, null, 2));
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return result;
}
