// Fluentd: Preview Deploy — every object (and Secret) the deploy would touch, marked new, changed
// or unchanged, opened as a read-only diff: the live objects against the server's dry-run result.
import * as vscode from 'vscode';
import { previewObjects, previewSides, previewSummary, type PreviewEntry } from '../../kube';
import { prepareDeploy } from './prepare';
import type { KubeSession } from './session';

export async function previewCommand(session: KubeSession): Promise<PreviewEntry[] | undefined> {
  if (!(await session.requireTrust())) return undefined;
  const prepared = await prepareDeploy(session, 'Preview Deploy');
  if (!prepared) return undefined;
  if ('refusal' in prepared) {
    session.log(`\n=== Preview Deploy ===\n${prepared.refusal.join('\n')}`);
    session.output.show(true);
    void session.prompts.notify('error', `Preview Deploy: ${prepared.refusal[0]}`, 'Show Output').then((c) => c && session.showResult());
    return undefined;
  }
  const { deployment, loaded, client } = prepared;
  try {
    const entries = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fluentd: comparing with ${loaded.current.context}` },
      () => previewObjects(client, deployment.objects, { secrets: deployment.secrets }),
    );
    const header = `Preview of a Fluentd deploy (${deployment.topology.label}) to ${loaded.current.context} (${loaded.current.server}), namespace ${deployment.namespace}`;
    session.log(`\n=== ${header} ===\n${previewSummary(entries).join('\n')}`);
    const sides = previewSides(entries, header);
    await session.previews.showDiff(sides.before, sides.after, `Fluentd: live ↔ after deploy (${loaded.current.context})`);
    const count = (c: string) => entries.filter((e) => e.change === c).length;
    void session.prompts.notify(
      entries.some((e) => e.change === 'error') ? 'warning' : 'info',
      `Deploy preview: ${count('new')} new, ${count('changed')} changed, ${count('unchanged')} unchanged${count('error') ? `, ${count('error')} refused by the server` : ''}.`,
    );
    return entries;
  } catch (err) {
    session.reportError('Preview Deploy', err);
    return undefined;
  }
}
