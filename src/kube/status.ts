// What is deployed right now: the DaemonSet's rollout state and which managed objects exist.
import type { KubeClient } from './client';
import { selectorLabels } from './labels';
import { formatPodProblem, workloadPodProblems, type PodProblem } from './pod-problems';
import { rolloutState, type RolloutState } from './rollout';
import { findManagedObjects } from './undeploy';
import { describeObject } from './types';

export interface FluentdStatus {
  namespace: string;
  /** Undefined when no DaemonSet is deployed. */
  rollout?: RolloutState;
  image?: string;
  objects: string[];
  /** Pods that are not ready and why (only read while the rollout is not done). */
  problems: PodProblem[];
}

export async function fluentdStatus(client: KubeClient, namespace: string): Promise<FluentdStatus> {
  const objects = await findManagedObjects(client, namespace);
  const ds = objects.find((o) => o.kind === 'DaemonSet');
  const containers = ((ds?.spec as { template?: { spec?: { containers?: unknown[] } } } | undefined)?.template?.spec?.containers ?? []) as {
    name: string;
    image: string;
  }[];
  const rollout = ds ? rolloutState(ds) : undefined;
  return {
    namespace,
    rollout,
    image: containers.find((c) => c.name === 'fluentd')?.image,
    objects: objects.map(describeObject),
    problems: rollout && !rollout.done ? await workloadPodProblems(client, namespace, selectorLabels(namespace)) : [],
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
    ...(s.problems.length ? ['Pods not ready:', ...s.problems.map((p) => `  ${formatPodProblem(p)}`)] : []),
    'Objects:',
    ...s.objects.map((o) => `  ${o}`),
  ].join('\n');
}
