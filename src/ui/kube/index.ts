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
import { KubeSession } from './session';
import { SHOW_RESULT_COMMAND } from './status-bar';
import { statusCommand } from './status-command';
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
} as const;

/**
 * Test seam, registered only when the extension does not run in production: queue answers for
 * the next prompts and get back what was asked (see ScriptedPrompts). Not in the command palette.
 */
export const TESTING_ANSWER_COMMAND = 'fluentd.deploy.testing.answer';

export function registerKube(context: vscode.ExtensionContext): void {
  const session = new KubeSession(context);
  context.subscriptions.push(
    session,
    vscode.commands.registerCommand(KUBE_COMMANDS.deploy, (args?: DeployArgs) => deployCommand(session, args)),
    vscode.commands.registerCommand(KUBE_COMMANDS.preview, () => previewCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.selectContext, () => selectContextCommand(session)),
    vscode.commands.registerCommand(KUBE_COMMANDS.status, () => statusCommand(session)),
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
    );
  }
}
