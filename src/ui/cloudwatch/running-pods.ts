// The running pods the CloudWatch view compares with: the kube context the deploy commands use
// (remembered per workspace, else the kubeconfig's current one), read through the gate that asks
// first in Restricted Mode or past the pod cap (cloudwatch/running-pods-gate.ts).
import * as vscode from 'vscode';
import { NOT_NOW, RunningPodsGate } from '../../cloudwatch/running-pods-gate';
import { KubeClient, KubeError, loadKubeconfig } from '../../kube';
import { listRunningPods } from '../../kube/pod-list';
import type { CloudWatchPrompts } from './prompts';

const CONTEXT_KEY = 'fluentd.deploy.kubeContext';
/** Context key of the view's "no kube context" welcome content (package.json viewsWelcome). */
export const NO_KUBE_CONTEXT = 'fluentd.kube.noContext';

/**
 * Whether the kubeconfig names a context to use (read from disk only: nothing is asked of a
 * cluster), kept in NO_KUBE_CONTEXT for the welcome content.
 */
export async function checkKubeContext(context: vscode.ExtensionContext): Promise<boolean> {
  let found = true;
  try {
    await loadKubeconfig({ context: context.workspaceState.get<string>(CONTEXT_KEY) });
  } catch (err) {
    found = !(err instanceof KubeError && (err.kind === 'no-kubeconfig' || err.kind === 'kubeconfig-invalid'));
  }
  await vscode.commands.executeCommand('setContext', NO_KUBE_CONTEXT, !found);
  return found;
}

export function runningPodsGate(
  context: vscode.ExtensionContext,
  prompts: () => CloudWatchPrompts,
  log: (line: string) => void,
  onAllowed: () => void,
): RunningPodsGate {
  return new RunningPodsGate({
    trusted: () => vscode.workspace.isTrusted,
    async cluster() {
      const loaded = await loadKubeconfig({ context: context.workspaceState.get<string>(CONTEXT_KEY) });
      return {
        name: loaded.current.context,
        async list(maxPods) {
          const client = await KubeClient.create(loaded.kc, { timeoutMs: 10_000 });
          return listRunningPods(client, { maxPods });
        },
      };
    },
    ask: async (message, yes) => (await prompts().notify('info', message, yes, NOT_NOW)) === yes,
    log,
    onAllowed,
  });
}
