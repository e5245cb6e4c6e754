// Fluentd: Deployment Status — the DaemonSet's ready count and the managed objects.
import { fluentdStatus, formatStatus, statusBarText, type FluentdStatus } from '../../kube';
import * as vscode from 'vscode';
import type { KubeSession } from './session';
import { SHOW_POD_LOGS_COMMAND } from './show-pod-logs-command';
import { readDeploySettings } from './settings';

const SHOW_POD_LOGS = 'Show Pod Logs';

export async function statusCommand(session: KubeSession): Promise<FluentdStatus | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const { namespace } = readDeploySettings();
    const { loaded, client } = await session.connect();
    const status = await fluentdStatus(client, namespace);
    session.log(`\n=== Status in ${loaded.current.context}, namespace ${namespace} ===\n${formatStatus(status)}`);
    // from the status, one step to what the pods themselves say
    void session.prompts
      .notify(
        'info',
        `${statusBarText(status)} — ${loaded.current.context}, namespace ${namespace}.`,
        ...(status.rollout ? [SHOW_POD_LOGS] : []),
      )
      .then((choice) => choice === SHOW_POD_LOGS && vscode.commands.executeCommand(SHOW_POD_LOGS_COMMAND));
    return status;
  } catch (err) {
    session.reportError('Fluentd Status', err);
    return undefined;
  }
}
