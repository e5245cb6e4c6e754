// Fluentd: Deployment Status — the DaemonSet's ready count and the managed objects.
import { fluentdStatus, formatStatus, statusBarText, type FluentdStatus } from '../../kube';
import type { KubeSession } from './session';
import { readDeploySettings } from './settings';

export async function statusCommand(session: KubeSession): Promise<FluentdStatus | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const { namespace } = readDeploySettings();
    const { loaded, client } = await session.connect();
    const status = await fluentdStatus(client, namespace);
    session.log(`\n=== Status in ${loaded.current.context}, namespace ${namespace} ===\n${formatStatus(status)}`);
    void session.prompts.notify('info', `${statusBarText(status)} — ${loaded.current.context}, namespace ${namespace}.`);
    return status;
  } catch (err) {
    session.reportError('Fluentd Status', err);
    return undefined;
  }
}
