/// <reference types="mocha" />
// Hover says what a parameter does and "no default" (never Ruby's nil); completion ranks the
// required, then the commonly used parameters (issue 17 item 6).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers';
import { screenshot } from './screenshot';

const CONFIG =
  '<match kubernetes.**>\n  @type cloudwatch_logs\n  log_group_name /eks/demo/containers\n  log_stream_name ${tag}\n</match>\n';

describe('hover and completion: descriptions and ranking', () => {
  it('hovers log_stream_name with its description and "no default"; completion ranks common parameters first', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'fluentd', content: CONFIG });
    const editor = await vscode.window.showTextDocument(doc);
    const pos = new vscode.Position(3, 6);
    const text = await waitFor('a hover on log_stream_name', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const t = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
        .join('\n');
      return t.includes('log_stream_name') && t;
    });
    assert.match(text, /\*string\* · no default/);
    assert.doesNotMatch(text, /\bnil\b/);
    assert.match(text, /Log stream within the group/);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1500)); // the hover renders asynchronously
    await screenshot('hover-description');

    // completion on a new line of the same <match>: sorted as the suggest widget sorts them
    const at = new vscode.Position(4, 0);
    await editor.edit((b) => b.insert(at, '  \n'));
    const cursor = new vscode.Position(4, 2);
    const items = await waitFor('completion items', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, cursor);
      const props = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
      return props.length > 10 && props;
    });
    const order = items
      .sort((a, b) => ((a.sortText ?? '') < (b.sortText ?? '') ? -1 : 1))
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(order.slice(0, 2), ['auto_create_stream', 'use_tag_as_stream']);
    assert.ok(order.indexOf('@log_level') > order.indexOf('region'), order.join(' '));
    assert.ok(order.findIndex((l) => l.startsWith('aws_sts_')) > order.indexOf('@log_level'), order.join(' '));
    editor.selection = new vscode.Selection(cursor, cursor);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('completion-ranked');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });
});
