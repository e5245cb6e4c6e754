/// <reference types="mocha" />
// The language server's features as VS Code's own commands see them (the same calls the
// editor makes for suggestions, hovers, the outline, Format Document and Go to Definition).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';
import { screenshot } from './screenshot';

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** An editor on `content` (untitled, language fluentd) with the cursor at `|`. */
async function editorAt(marked: string): Promise<{ doc: vscode.TextDocument; pos: vscode.Position; editor: vscode.TextEditor }> {
  const i = marked.indexOf('|');
  assert.ok(i >= 0, 'no | cursor marker');
  const content = marked.slice(0, i) + marked.slice(i + 1);
  const doc = await vscode.workspace.openTextDocument({ language: 'fluentd', content });
  const editor = await vscode.window.showTextDocument(doc);
  const pos = doc.positionAt(i);
  editor.selection = new vscode.Selection(pos, pos);
  return { doc, pos, editor };
}

/** Completion until the server answers with something (the client starts in the background). */
async function complete(doc: vscode.TextDocument, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  return waitFor(`completion items at ${pos.line}:${pos.character}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, trigger);
    // snippets and the words of the document come from VS Code itself; the server's items are the rest
    const items = list.items.filter((x) => x.kind !== vscode.CompletionItemKind.Snippet && x.kind !== vscode.CompletionItemKind.Text);
    return items.length > 0 && items;
  });
}

const CLOUDWATCH_MATCH = '<match kubernetes.**>\n  @type cloudwatch_logs\n  |\n</match>\n';

describe('completion', () => {
  it('offers output plugins (not inputs) as @type values inside <match>', async () => {
    const { doc, pos } = await editorAt('<match kubernetes.**>\n  @type cl|\n</match>\n');
    const labels = (await complete(doc, pos)).map(labelOf);
    assert.ok(labels.includes('cloudwatch_logs'), `cloudwatch_logs missing from ${labels.join(', ')}`);
    assert.ok(labels.includes('stdout'), 'stdout missing');
    assert.ok(!labels.includes('tail'), 'the input plugin tail is offered in a <match>');
  });

  it('offers the cloudwatch_logs parameters inside its <match>, each with its type', async () => {
    const { doc, pos, editor } = await editorAt(CLOUDWATCH_MATCH);
    const items = await complete(doc, pos);
    const labels = items.map(labelOf);
    for (const p of ['log_group_name', 'log_stream_name', 'region', 'auto_create_stream', 'use_tag_as_stream', '<buffer>']) {
      assert.ok(labels.includes(p), `${p} missing from ${labels.join(', ')}`);
    }
    assert.ok(!labels.includes('path'), "in_tail's path offered for cloudwatch_logs");
    assert.ok(!labels.includes('@type'), '@type is already set');
    const region = items.find((x) => labelOf(x) === 'region')!;
    assert.ok(region.detail && region.detail.length > 0, 'region has no detail (type/default)');

    // what a user sees: typing `log_` narrows the suggest widget to these items
    await editor.edit((b) => b.insert(pos, 'log_'));
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await new Promise((r) => setTimeout(r, 1500)); // the widget renders asynchronously
    await screenshot('completion-cloudwatch-params');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('inserts a parameter with a placeholder value when an item is applied', async () => {
    const { doc, pos } = await editorAt('<source>\n  @type tail\n  read_from|\n</source>\n');
    const items = await complete(doc, pos);
    const item = items.find((x) => labelOf(x) === 'read_from_head');
    assert.ok(item, `read_from_head not offered: ${items.map(labelOf).join(', ')}`);
    const insert = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText ?? labelOf(item));
    assert.match(insert, /^read_from_head\b/);
  });
});

describe('hover', () => {
  async function hoverAt(marked: string): Promise<string> {
    const { doc, pos } = await editorAt(marked);
    return waitFor('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const text = hoverText(hovers);
      return text.length > 0 && text;
    });
  }

  it('describes the plugin on @type', async () => {
    const text = await hoverAt('<match kubernetes.**>\n  @type cloudwatch_lo|gs\n</match>\n');
    assert.match(text, /output plugin `cloudwatch_logs`/);
  });

  it('gives a parameter its type and default, and says what a size value means in bytes', async () => {
    const key = await hoverAt('<match **>\n  @type cloudwatch_logs\n  <buffer>\n    flush_inter|val 5s\n  </buffer>\n</match>\n');
    assert.match(key, /flush_interval/);
    assert.match(key, /time/);
    const size = await hoverAt('<match **>\n  @type cloudwatch_logs\n  <buffer>\n    chunk_limit_size 2|m\n  </buffer>\n</match>\n');
    assert.match(size, /2,097,152 bytes/);
  });
});

describe('outline', () => {
  it('lists the directives with their @type and nests sections', async () => {
    const uri = workspaceFile('labels', 'fluent.conf');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return s && s.length > 0 && s;
    });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['<source>', '<label @CLOUDWATCH>'],
    );
    const [source, label] = symbols;
    assert.equal(source.detail, '@type tail');
    assert.deepEqual(
      source.children.map((c) => c.name),
      ['<parse>'],
    );
    assert.deepEqual(
      label.children.map((c) => [c.name, c.detail]),
      [
        ['<filter kubernetes.**>', '@type kubernetes_metadata'],
        ['<match kubernetes.**>', '@type cloudwatch_logs'],
      ],
    );
    assert.deepEqual(
      label.children[1].children.map((c) => c.name),
      ['<buffer>'],
    );
    assert.equal(label.range.start.line, 12);
    assert.equal(label.range.end.line, 26);
  });
});

describe('go to definition', () => {
  it('goes from @label @CLOUDWATCH to its <label> element', async () => {
    const uri = workspaceFile('labels', 'fluent.conf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('@label @CLOUDWATCH'));
    assert.ok(line > 0);
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('@CLOUDWATCH') + 3);
    const locations = await waitFor('a definition', async () => {
      const l = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider',
        uri,
        pos,
      );
      return l && l.length > 0 && l;
    });
    assert.equal(locations.length, 1);
    const loc = locations[0];
    const target = 'targetUri' in loc ? { uri: loc.targetUri, range: loc.targetSelectionRange ?? loc.targetRange } : loc;
    assert.equal(target.uri.toString(), uri.toString());
    assert.equal(target.range.start.line, 12);
    assert.equal(doc.lineAt(target.range.start.line).text, '<label @CLOUDWATCH>');
  });
});

describe('format document', () => {
  const CANONICAL = [
    '<source>',
    '  @type tail',
    '  path /var/log/containers/*.log',
    '  pos_file /var/log/fluentd-containers.log.pos',
    '  tag kubernetes.*',
    '  <parse>',
    '    @type json',
    '  </parse>',
    '</source>',
    '<match kubernetes.**>',
    '  @type cloudwatch_logs',
    '  region us-east-1',
    '  log_group_name /eks/demo/containers',
    '  auto_create_stream true',
    '</match>',
    '',
  ].join('\n');

  it('makes a messy file canonical, and a canonical file needs no edits', async () => {
    const uri = workspaceFile('format', 'fluent.conf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.notEqual(doc.getText(), CANONICAL, 'the fixture is already canonical');
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await waitFor('formatting edits', async () => {
      const e = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, options);
      return e && e.length > 0 && e;
    });
    const we = new vscode.WorkspaceEdit();
    we.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we), 'the formatting edits were not applied');
    assert.equal(doc.getText(), CANONICAL);
    const again = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', uri, options);
    assert.deepEqual(again ?? [], [], 'formatting a canonical file changed it');
    // back to the messy fixture (under @vscode/test-cli the workspace is the repository's folder)
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
