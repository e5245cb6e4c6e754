// Small helpers shared by the integration suites (they run inside the extension host).
import * as vscode from 'vscode';

export const EXTENSION_ID = 'vscode-fluentd.vscode-fluentd';

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** A file of the fixture workspace (the harness opens a copy of test/integration/workspace). */
export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Shows one of the extension's output channels in the panel. The workbench registers a
 * `workbench.action.output.show.<channel id>` command per channel, and an extension's channel
 * ids are `extension-output-<extension id>-#<n>-<name>`.
 */
export async function showOutputChannel(name: string): Promise<void> {
  const prefix = `workbench.action.output.show.extension-output-${EXTENSION_ID}-#`;
  // a channel just created reaches the workbench (and gets its command) a moment later
  const id = await waitFor(`an output channel "${name}" among the workbench's output commands`, async () =>
    (await vscode.commands.getCommands(true)).find((c) => c.toLowerCase().startsWith(prefix) && c.endsWith(`-${name}`)),
  );
  await vscode.commands.executeCommand(id);
}

/**
 * The text of one of the extension's output channels, as VS Code shows it: the channel is shown
 * in the panel, and a shown channel is a text document (scheme `output`) the extension host sees.
 */
export async function outputChannelText(name: string): Promise<() => string> {
  await showOutputChannel(name);
  const doc = await waitFor(`the "${name}" output channel document`, () =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && decodeURIComponent(d.uri.path).endsWith(`-${name}`)),
  );
  return () => doc.getText();
}
