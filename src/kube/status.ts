// What is deployed right now: the DaemonSet's rollout state and which managed objects exist.
import type { KubeClient } from './client';
import { rolloutState, type RolloutState } from './rollout';
import { findManagedObjects } from './undeploy';
import { describeObject } from './types';

export interface FluentdStatus {
  namespace: string;
  /** Undefined when no DaemonSet is deployed. */
  rollout?: RolloutState;
  image?: string;
  objects: string[];
}

export async function fluentdStatus(client: KubeClient, namespace: string): Promise<FluentdStatus> {
  const objects = await findManagedObjects(client, namespace);
  const ds = objects.find((o) => o.kind === 'DaemonSet');
  const containers = ((ds?.spec as { template?: { spec?: { containers?: unknown[] } } } | undefined)?.template?.spec?.containers ?? []) as {
    name: string;
    image: string;
  }[];
  return {
    namespace,
    rollout: ds ? rolloutState(ds) : undefined,
    image: containers.find((c) => c.name === 'fluentd')?.image,
    objects: objects.map(describeObject),
  };
}

/** `Fluentd 2/3 ready` — short enough for the status bar. */
export function statusBarText(s: FluentdStatus): string {
  if (!s.rollout) return 'Fluentd: not deployed';
  return `Fluentd ${s.rollout.ready}/${s.rollout.desired} ready${s.rollout.done ? '' : ' (rolling out)'}`;
}

export function formatStatus(s: FluentdStatus): string {
  if (!s.rollout) {
    return s.objects.length
      ? `No Fluentd DaemonSet in ${s.namespace}, but these managed objects exist:\n${s.objects.join('\n')}`
      : `Fluentd is not deployed in namespace ${s.namespace}.`;
  }
  return [
    `DaemonSet ${s.namespace}/fluentd: ${s.rollout.message}${s.rollout.done ? '' : ' (rollout in progress)'}`,
    `Image: ${s.image ?? '?'}`,
    'Objects:',
    ...s.objects.map((o) => `  ${o}`),
  ].join('\n');
}
