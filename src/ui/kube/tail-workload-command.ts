// Fluentd: Tail Pods of a Workload… — pick a DaemonSet, Deployment or StatefulSet (any namespace)
// and follow its pods' logs in a stern-style channel of its own: an application's logs straight
// from the cluster, beside what reached CloudWatch.
import { listWorkloads, type Workload } from '../../kube';
import { readPodLogSettings } from './pod-log-settings';
import type { PodLogManager } from './pod-log-manager';
import type { KubeSession } from './session';

export const TAIL_WORKLOAD_COMMAND = 'fluentd.podLogs.tailWorkload';

export interface WorkloadArg {
  kind: Workload['kind'];
  namespace: string;
  name: string;
}

export async function tailWorkloadCommand(
  session: KubeSession,
  manager: PodLogManager,
  arg?: WorkloadArg,
): Promise<{ title: string; selector: string } | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const { loaded, client } = await session.connect();
    const workloads = await listWorkloads(client);
    let chosen: Workload | undefined;
    if (arg) {
      chosen = workloads.find((w) => w.kind === arg.kind && w.namespace === arg.namespace && w.name === arg.name);
      if (!chosen) throw new Error(`${arg.kind} ${arg.namespace}/${arg.name} was not found in ${loaded.current.context}.`);
    } else {
      if (!workloads.length) {
        void session.prompts.notify('info', `No DaemonSet, Deployment or StatefulSet in ${loaded.current.context}.`);
        return undefined;
      }
      const label = (w: Workload) => `${w.namespace}/${w.name}`;
      const picked = await session.prompts.pick(
        workloads.map((w) => ({ label: label(w), description: `${w.kind} · ${w.ready}/${w.desired} ready` })),
        `Tail the pods of a workload in ${loaded.current.context}`,
      );
      chosen = picked && workloads.find((w) => label(w) === picked.label);
      if (!chosen) return undefined;
    }
    const s = readPodLogSettings();
    const title = `Pods: ${chosen.kind} ${chosen.namespace}/${chosen.name}`;
    await manager.start(
      title,
      client,
      {
        namespace: chosen.namespace,
        labelSelector: chosen.selector,
        tailLines: s.tailLines,
        sinceSeconds: s.sinceSeconds,
        maxStreams: s.maxStreams,
        timestamps: s.timestamps,
      },
      false,
    );
    return { title, selector: chosen.selector };
  } catch (err) {
    session.reportError('Tail Pods of a Workload', err);
    return undefined;
  }
}
