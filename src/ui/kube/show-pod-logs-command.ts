// Fluentd: Show Pod Logs — the logs of the Fluentd pods (fluentd.podLogs.selector in
// fluentd.deploy.namespace) in one stern-style channel, with Fluentd's warnings and errors on the
// config lines they concern. Given a node (from a "not shipping logs" pod in the CloudWatch tree,
// or `{ nodeName }`), only the Fluentd pod on that node: the one that should ship that pod's logs.
import { readDeploySettings } from './settings';
import { readPodLogSettings } from './pod-log-settings';
import type { PodLogManager } from './pod-log-manager';
import type { KubeSession } from './session';

export const SHOW_POD_LOGS_COMMAND = 'fluentd.podLogs.show';
export const SHOW_POD_LOGS_FOR_NODE_COMMAND = 'fluentd.podLogs.showForNode';

/** The node an argument names: `{ nodeName }`, a CloudWatch tree pod node (`{ pod: { nodeName } }`), or a string. */
export function nodeNameOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg || undefined;
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { nodeName?: unknown; pod?: { nodeName?: unknown } };
  const n = a.nodeName ?? a.pod?.nodeName;
  return typeof n === 'string' && n ? n : undefined;
}

export interface ShowPodLogsResult {
  title: string;
  namespace: string;
  selector: string;
  nodeName?: string;
  configRoot?: string;
}

export async function showPodLogsCommand(
  session: KubeSession,
  manager: PodLogManager,
  arg?: unknown,
): Promise<ShowPodLogsResult | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const nodeName = nodeNameOf(arg);
    if (arg !== undefined && typeof arg === 'object' && arg && 'pod' in arg && !nodeName) {
      void session.prompts.notify('warning', 'This pod has no node yet, so there is no Fluentd pod to show for it.');
      return undefined;
    }
    const { namespace } = readDeploySettings();
    const s = readPodLogSettings();
    const { client } = await session.connect();
    const title = nodeName ? `Fluentd Pods: ${nodeName}` : 'Fluentd Pods';
    const running = await manager.start(
      title,
      client,
      {
        namespace,
        labelSelector: s.selector,
        fieldSelector: nodeName ? `spec.nodeName=${nodeName}` : undefined,
        tailLines: s.tailLines,
        sinceSeconds: s.sinceSeconds,
        maxStreams: s.maxStreams,
        timestamps: s.timestamps,
        diagnosticsTtlMs: s.diagnostics ? s.diagnosticsTtlMs : undefined,
      },
      true,
    );
    return { title, namespace, selector: s.selector, nodeName, configRoot: running.configRoot };
  } catch (err) {
    session.reportError('Show Pod Logs', err);
    return undefined;
  }
}
