// Fluentd: Preview Deploy — the rendered objects against the cluster's live ones, as a diff.
import * as vscode from 'vscode';
import { formatPreview, previewObjects, renderManifests, type PreviewEntry } from '../../kube';
import type { KubeSession } from './session';
import { readDeployConfig, readDeploySettings } from './settings';

export async function previewCommand(session: KubeSession): Promise<PreviewEntry[] | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const settings = readDeploySettings();
    const objects = renderManifests({ settings, templates: session.templates, config: readDeployConfig().files });
    const { loaded, client } = await session.connect();
    const entries = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fluentd: comparing with ${loaded.current.context}` },
      () => previewObjects(client, objects),
    );
    const header = `# Preview of a Fluentd deploy to ${loaded.current.context} (${loaded.current.server}), namespace ${settings.namespace}\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'diff', content: header + formatPreview(entries) });
    await vscode.window.showTextDocument(doc, { preview: true });
    return entries;
  } catch (err) {
    session.reportError('Preview Deploy', err);
    return undefined;
  }
}
