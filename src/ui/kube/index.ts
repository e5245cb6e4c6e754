// The VS Code side of one-click deploy: registers the kube commands (one file each) on a shared
// session. Built as its own bundle (dist/kube.js): src/extension.ts calls registerKube(context)
// once, on the first call of a kube command.
import * as vscode from 'vscode';
import { copyIamPolicyCommand } from './copy-iam-policy-command';
import { DEPLOY_COMMAND, deployCommand, type DeployArgs } from './deploy-command';
import { exportManifestsCommand } from './export-manifests-command';
import { previewCommand } from './preview-command';
import { ScriptedPrompts } from './prompts';
import { selectContextCommand } from './select-context-command';
import { PodLogManager } from './pod-log-manager';
import { KubeSession } from './session';
import { SHOW_POD_LOGS_COMMAND, SHOW_POD_LOGS_FOR_NODE_COMMAND, showPodLogsCommand } from './show-pod-logs-command';
import { SHOW_RESULT_COMMAND } from './status-bar';
import { statusCommand } from './status-command';
import { STOP_POD_LOGS_COMMAND, stopPodLogsCommand } from './stop-pod-logs-command';
import { TAIL_WORKLOAD_COMMAND, tailWorkloadCommand, type WorkloadArg } from './tail-workload-command';
import { undeployCommand } from './undeploy-command';

export const KUBE_COMMANDS = {
  deploy: DEPLOY_COMMAND,
  preview: 'fluentd.deploy.preview',
  selectContext: 'fluentd.deploy.selectContext',
  status: 'fluentd.deploy.status',
  undeploy: 'fluentd.deploy.undeploy',
  exportManifests: 'fluentd.deploy.exportManifests',
  copyIamPolicy: 'fluentd.deploy.copyIamPolicy',
  showResult: SHOW_RESULT_COMMAND,
  showPodLogs: SHOW_POD_LOGS_COMMAND,
  showPodLogsForNode: SHOW_POD_LOGS_FOR_NODE_COMMAND,
  tailWorkload: TAIL_WORKLOAD_COMMAND,
  stopPodLogs: STOP_POD_LOGS_COMMAND,
} as const;

/**
 * Test seam, registered only when the extension does not run in production: queue answers for
 * the next prompts and get back what was asked (see ScriptedPrompts). Not in the command palette.
 */
export const TESTING_ANSWER_COMMAND = 'fluentd.deploy.testing.answer';
/** Test seam: the running pod-log sessions — their last lines, pods streaming and findings. */
export const TESTING_POD_LOGS_COMMAND = 'fluentd.podLogs.testing.state';

export function registerKube(context: vscode.ExtensionContext): void {
  const session = new KubeSession(context);
  const podLogs = new PodLogManager(() => session.manifestsDir);
  context.subscriptions.push(
    session,
    podLogs,
    vscode.commands.registerCommand(KUBE_COMMANDS.deploy, (args?: DeployArgs) => deployCommand(session, args)),
    vscode.commands.registerCommand(KUBE_COMMANDS.preview, () => previewCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.selectContext, () => selectContextCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.status, () => statusCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.showPodLogs, (arg?: unknown) => showPodLogsCommand(session, podLogs, arg)),
    vscode.commands.registerCommand(KUBE_COMMANDS.showPodLogsForNode, (arg?: unknown) => showPodLogsCommand(session, podLogs, arg)),
    vscode.commands.registerCommand(KUBE_COMMANDS.tailWorkload, (arg?: WorkloadArg) => tailWorkloadCommand(session, podLogs, arg)),
    vscode.commands.registerCommand(KUBE_COMMANDS.stopPodLogs, () => stopPodLogsCommand(podLogs)),
    vscode.commands.registerCommand(KUBE_COMMANDS.undeploy, () => undeployCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.exportManifests, () => exportManifestsCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.copyIamPolicy, () => copyIamPolicyCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.showResult, () => session.showResult()),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TESTING_ANSWER_COMMAND, (answers: unknown[] = []) => {
        const scripted = session.prompts instanceof ScriptedPrompts ? session.prompts : new ScriptedPrompts();
        session.prompts = scripted;
        scripted.queue(answers);
        return { log: scripted.log, statusBar: session.statusBar.text, statusBarVisible: session.statusBar.visible };
      }),
      vscode.commands.registerCommand(TESTING_POD_LOGS_COMMAND, () =>
        podLogs.running.map((r) => ({
          title: r.title,
          configRoot: r.configRoot,
          configRoots: r.configs?.roots,
          lines: r.session.lines,
          recent: r.recent,
          streaming: r.session.follower.streaming,
          waiting: r.session.follower.waiting,
          findings: r.session.findings
            ?.list()
            .map((f) => ({ kind: f.kind, count: f.count, pods: f.pods.size, summary: f.summary, spots: f.spots })),
        })),
      ),
    );
  }
}
