/// <reference types="mocha" />
// The routing mistake of the demo (issue 17 items 1 and 10), as a newcomer meets it: the source
// no <match> catches and the filter no event reaches, each with a short message, the why in
// related information and the hover; the preferred quick fix on the source fixes both.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';
import { screenshot } from './screenshot';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('routing: the dead filter', () => {
  it('reports the unmatched source and the dead filter; the fix on the source clears both', async () => {
    const uri = workspaceFile('routing', 'fluent.conf');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const routing = () => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'unmatched-source' || d.code === 'dead-filter');
    const found = await waitFor('the routing findings', () => routing().length === 2 && routing(), 20_000);
    const source = found.find((d) => d.code === 'unmatched-source')!;
    const filter = found.find((d) => d.code === 'dead-filter')!;
    assert.ok(source && filter, found.map((d) => `${d.code}: ${d.message}`).join('; '));
    assert.equal(source.message, "No <match> catches this source's tags (kubernetes.var.log.containers.<*>.log)");
    assert.equal(doc.lineAt(filter.range.start.line).text, '<filter kubernetes.*>');
    assert.equal(filter.message, 'No event reaches this filter: no tag that arrives here matches kubernetes.*');
    // the why, one place at a time, in the Problems panel's related information
    assert.ok(
      source.relatedInformation?.some((r) =>
        /<match kubernetes\.\*> does not match .*<match kubernetes\.\*\*> would catch them/.test(r.message),
      ),
      JSON.stringify(source.relatedInformation),
    );
    assert.ok(filter.relatedInformation?.some((r) => /kubernetes\.\* matches none of them/.test(r.message)));

    // and at length in the hover
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      filter.range.start.translate(0, 2),
    );
    assert.match(hoverText(hovers), /`kubernetes\.\*` matches none of them: this filter never runs/);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('problems.action.expandAll').then(undefined, () => undefined);
    editor.selection = new vscode.Selection(filter.range.start.translate(0, 2), filter.range.start.translate(0, 2));
    editor.revealRange(filter.range);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1500)); // the hover renders asynchronously
    await screenshot('routing-dead-filter');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, source.range);
    const titles = actions.map((a) => a.title);
    const both = actions.find((a) => a.isPreferred);
    assert.equal(
      both?.title,
      'Use <match kubernetes.**> instead of <match kubernetes.*>, and <filter kubernetes.**> on the same path',
      titles.join('; '),
    );
    assert.ok(titles.includes('Use <match kubernetes.**> instead of <match kubernetes.*>'), titles.join('; '));
    assert.ok(await vscode.workspace.applyEdit(both!.edit!));
    await waitFor('the routing findings to clear', () => routing().length === 0, 20_000);
    assert.match(doc.getText(), /<filter kubernetes\.\*\*>/);
    assert.match(doc.getText(), /<match kubernetes\.\*\*>/);
  });
});
