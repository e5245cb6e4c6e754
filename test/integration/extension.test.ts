/// <reference types="mocha" />
// The extension as VS Code sees it: loaded, activated by a fluent.conf, its contributions live.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, waitFor, workspaceFile } from './helpers';
import { screenshot } from './screenshot';

describe('extension', () => {
  it('is loaded under its publisher.name id', () => {
    const ids = vscode.extensions.all.map((e) => e.id.toLowerCase());
    assert.ok(ids.includes(EXTENSION_ID), `${EXTENSION_ID} not among ${ids.length} loaded extensions`);
    const pkg = extension().packageJSON as { publisher: string; name: string };
    assert.equal(`${pkg.publisher}.${pkg.name}`, EXTENSION_ID);
  });

  it('gives fluent.conf the fluentd language and activates on it', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('fluent.conf'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'fluentd');
    await waitFor('the extension to activate', () => extension().isActive);
    await screenshot('fluent-conf-open');
  });
});

describe('snippets', () => {
  interface SnippetContribution {
    language: string;
    path: string;
  }
  interface Snippet {
    prefix: string | string[];
    body: string | string[];
    description?: string;
  }

  async function contributedSnippets(): Promise<Record<string, Snippet>> {
    const ext = extension();
    const contributions = ((ext.packageJSON as { contributes?: { snippets?: SnippetContribution[] } }).contributes?.snippets ?? []).filter(
      (s) => s.language === 'fluentd',
    );
    assert.ok(contributions.length > 0, 'package.json contributes no fluentd snippets');
    const all: Record<string, Snippet> = {};
    for (const c of contributions) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, c.path));
      Object.assign(all, JSON.parse(new TextDecoder().decode(bytes)) as Record<string, Snippet>);
    }
    return all;
  }

  it('are contributed for fluentd, each with a prefix and a body', async () => {
    const snippets = await contributedSnippets();
    const names = Object.keys(snippets);
    assert.ok(names.length > 0, 'the snippet files are empty');
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix && s.prefix.length > 0, `snippet ${name} has no prefix`);
      assert.ok(s.body && s.body.length > 0, `snippet ${name} has no body`);
    }
  });

  it('are offered by VS Code completion in a fluentd document', async () => {
    const snippets = await contributedSnippets();
    const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    const doc = await vscode.workspace.openTextDocument({ language: 'fluentd', content: '\n' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 0),
    );
    const offered = new Set(
      list.items
        .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label)),
    );
    const missing = prefixes.filter((p) => !offered.has(p));
    assert.deepEqual(missing, [], `snippet prefixes not offered by completion (offered: ${[...offered].join(', ')})`);
  });
});
