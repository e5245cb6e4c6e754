// Fluentd: Format Embedded fluent.conf — formats the fluent.conf held in the `.conf` keys of
// a Kubernetes ConfigMap in the active YAML editor. The server registers formatting for the
// `fluentd` language only (it must not be a formatter of every YAML file), so for YAML this
// command asks it explicitly; the server formats `|` block values and leaves the rest of the
// YAML alone.
import * as vscode from 'vscode';
import { DocumentFormattingRequest, type LanguageClient } from 'vscode-languageclient/node';
import { mayHoldFluentdConfigMap, readManifests } from '../language/yaml/manifests';

export const FORMAT_EMBEDDED_CONFIG_COMMAND = 'fluentd.formatEmbeddedConfig';

/** Does this YAML hold a ConfigMap with at least one `.conf` data key? (pure) */
export function holdsEmbeddedConfig(yamlText: string): boolean {
  return mayHoldFluentdConfigMap(yamlText) && readManifests(yamlText).configMaps.some((c) => c.keys.length > 0);
}

/** The messages, behind a seam so the command's flow can be driven without a person. */
export interface FormatPrompts {
  info(message: string): Thenable<unknown>;
}

const windowPrompts: FormatPrompts = {
  info: (message) => vscode.window.showInformationMessage(message),
};

/** The editor's indentation as LSP formatting options (`auto` values fall back to 2 spaces). */
function formattingOptions(editor: vscode.TextEditor): { tabSize: number; insertSpaces: boolean } {
  const { tabSize, insertSpaces } = editor.options;
  return { tabSize: typeof tabSize === 'number' ? tabSize : 2, insertSpaces: insertSpaces !== false };
}

export function registerFormatEmbeddedConfig(
  context: vscode.ExtensionContext,
  started: Promise<LanguageClient>,
  prompts: FormatPrompts = windowPrompts,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(FORMAT_EMBEDDED_CONFIG_COMMAND, async () => {
      const editor = vscode.window.activeTextEditor;
      const doc = editor?.document;
      if (!editor || !doc || doc.languageId !== 'yaml') {
        return prompts.info('Open a Kubernetes YAML file holding a ConfigMap with a fluent.conf key to format it.');
      }
      if (!holdsEmbeddedConfig(doc.getText())) {
        return prompts.info('No ConfigMap with a .conf data key in this file: nothing to format.');
      }
      const client = await started;
      const version = doc.version;
      const edits = await client.sendRequest(DocumentFormattingRequest.type, {
        textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(doc),
        options: formattingOptions(editor),
      });
      if (!edits?.length) {
        return prompts.info('The embedded fluent.conf needs no change (only `|` block values are formatted).');
      }
      // edits computed for an older version would land in the wrong places
      if (doc.version !== version) return prompts.info('The file changed while formatting: run the command again.');
      const workspaceEdit = new vscode.WorkspaceEdit();
      workspaceEdit.set(doc.uri, await client.protocol2CodeConverter.asTextEdits(edits));
      if (!(await vscode.workspace.applyEdit(workspaceEdit))) return prompts.info('The formatting edits could not be applied.');
      return undefined;
    }),
  );
}
