// The running pods the CloudWatch view compares with: the kube context the deploy commands use
// (remembered per workspace, else the kubeconfig's current one), read through the gate that asks
// first in Restricted Mode or past the pod cap (cloudwatch/running-pods-gate.ts).
import * as vscode from 'vscode';
import { NOT_NOW, RunningPodsGate } from '../../cloudwatch/running-pods-gate';
import { KubeClient, loadKubeconfig } from '../../kube';
import { listRunningPods } from '../../kube/pod-list';
import type { CloudWatchPrompts } from './prompts';

const CONTEXT_KEY = 'fluentd.deploy.kubeContext';

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
