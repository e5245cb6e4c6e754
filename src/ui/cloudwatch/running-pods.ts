// Running pods of the kube context the deploy commands use (remembered per workspace, else the
// kubeconfig's current one), for "running/gone" and "not shipping logs". No kubeconfig, no
// cluster or no permission simply means: no comparison (undefined), never an error dialog.
import type * as vscode from 'vscode';
import { KubeClient, loadKubeconfig } from '../../kube';
import { runningPodsFrom, type PodLike, type RunningPod } from '../../cloudwatch/pod-shipping';

const CONTEXT_KEY = 'fluentd.deploy.kubeContext';

export async function listRunningPods(context: vscode.ExtensionContext, log: (line: string) => void): Promise<RunningPod[] | undefined> {
  try {
    const loaded = await loadKubeconfig({ context: context.workspaceState.get<string>(CONTEXT_KEY) });
    const client = await KubeClient.create(loaded.kc, { timeoutMs: 10_000 });
    const res = await client.request('GET', '/api/v1/pods', {
      verb: 'list',
      target: 'pods in all namespaces',
      query: { fieldSelector: 'status.phase=Running' },
    });
    const items = (res.body as { items?: PodLike[] } | undefined)?.items ?? [];
    return runningPodsFrom(items);
  } catch (err) {
    log(`Kubernetes pods not compared: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
