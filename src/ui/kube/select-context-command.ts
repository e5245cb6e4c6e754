// Fluentd: Select Kube Context — which context the deploy commands use in this workspace.
import { kubeconfigPaths, loadKubeconfig } from '../../kube';
import type { KubeSession } from './session';

export async function selectContextCommand(session: KubeSession): Promise<string | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const loaded = await loadKubeconfig();
    const fileCurrent = loaded.kc.getCurrentContext();
    const chosen = session.selectedContext;
    const items = loaded.contexts.map((name) => {
      const ctx = loaded.kc.getContextObject(name);
      const server = ctx ? loaded.kc.getCluster(ctx.cluster)?.server : undefined;
      const marks = [name === chosen ? 'selected' : '', name === fileCurrent ? 'kubeconfig current-context' : '']
        .filter(Boolean)
        .join(', ');
      return { label: name, description: marks, detail: `${ctx?.cluster ?? '?'} — ${server ?? '?'}` };
    });
    const pick = await session.prompts.pick(
      items,
      `Kube context for Fluentd deploys (kubeconfig: ${kubeconfigPaths().existing.join(', ')})`,
    );
    if (!pick) return undefined;
    await session.selectContext(pick.label === fileCurrent ? undefined : pick.label);
    session.log(`Kube context for deploys: ${pick.label}`);
    void session.prompts.notify('info', `Fluentd deploys will use kube context "${pick.label}".`);
    return pick.label;
  } catch (err) {
    session.reportError('Select Kube Context', err);
    return undefined;
  }
}
