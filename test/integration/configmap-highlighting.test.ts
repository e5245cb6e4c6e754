/// <reference types="mocha" />
// The fluent.conf inside a ConfigMap's .conf key is highlighted as Fluentd (issue 17 item 7):
// VS Code's own "Inspect Editor Tokens and Scopes" widget shows the injection's scopes on a
// directive of the block scalar, and the YAML keys around it stay YAML.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';
import { pageTexts, screenshot } from './screenshot';

async function scopesAt(editor: vscode.TextEditor, pos: vscode.Position, name: string): Promise<string | undefined> {
  editor.selection = new vscode.Selection(pos, pos);
  await vscode.commands.executeCommand('editor.action.inspectTMScopes');
  const texts = await waitFor(`the token inspector at ${pos.line}:${pos.character}`, async () => {
    const t = await pageTexts(name, '.token-inspect-widget');
    if (t === undefined) return ['(no browser)'];
    return t.length > 0 && t.join('\n').includes('textmate scopes') && t;
  });
  return texts[0] === '(no browser)' ? undefined : texts.join('\n');
}

describe('ConfigMap YAML highlighting', () => {
  it('highlights the block scalar of a .conf key as Fluentd, the keys as YAML', async () => {
    const uri = workspaceFile('k8s', 'fluentd-configmap.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => /^\s+<source>/.test(l));
    assert.ok(line > 0, 'fixture changed: no <source> in the ConfigMap');
    const col = doc.lineAt(line).text.indexOf('source');
    const inside = await scopesAt(editor, new vscode.Position(line, col + 1), 'configmap-scopes-source');
    if (inside !== undefined) {
      assert.match(inside, /entity\.name\.tag\.directive\.fluentd/);
      assert.match(inside, /meta\.embedded\.block\.fluentd/);
      assert.match(inside, /language\s*fluentd/i); // embeddedLanguages: the block is Fluentd
    }
    await screenshot('configmap-highlighting');
    await vscode.commands.executeCommand('editor.action.inspectTMScopes'); // toggles the widget off
    const keyLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => /^\s+fluent\.conf:\s*\|/.test(l));
    const key = await scopesAt(
      editor,
      new vscode.Position(keyLine, doc.lineAt(keyLine).text.indexOf('fluent') + 1),
      'configmap-scopes-key',
    );
    if (key !== undefined) {
      assert.match(key, /entity\.name\.tag\.yaml/);
      assert.doesNotMatch(key, /meta\.embedded\.block\.fluentd/);
    }
    await vscode.commands.executeCommand('editor.action.inspectTMScopes');
  });
});
