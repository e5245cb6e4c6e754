// What is deployed right now: each topology found in the namespace, its workloads' rollouts (with
// the not-ready pods and why, while a rollout is not done) and the managed objects.
import type { KubeClient } from './client';
import { formatPodProblem, workloadPodProblems, type PodProblem } from './pod-problems';
import { rolloutState, type RolloutState } from './rollout';
import { topology as topologyDef, type TopologyId } from './topologies';
import { describeObject, type KubeObject } from './types';
import { findDeployedTopologies } from './undeploy';

export interface WorkloadStatus {
  target: string;
  rollout: RolloutState;
  image?: string;
  /** Pods that are not ready and why (only read while the rollout is not done). */
  problems: PodProblem[];
}

export interface FluentdStatus {
  namespace: string;
  topologies: TopologyId[];
  workloads: WorkloadStatus[];
  /** The first workload's rollout (the status bar's); undefined when none is deployed. */
  rollout?: RolloutState;
  image?: string;
  objects: string[];
}

async function workloadStatus(client: KubeClient, namespace: string, o: KubeObject): Promise<WorkloadStatus> {
  const spec = o.spec as
    | { selector?: { matchLabels?: Record<string, string> }; template?: { spec?: { containers?: { name: string; image: string }[] } } }
    | undefined;
  const rollout = rolloutState(o);
  return {
    target: describeObject(o),
    rollout,
    image: (spec?.template?.spec?.containers ?? []).find((c) => c.name === 'fluentd')?.image,
    problems: rollout.done ? [] : await workloadPodProblems(client, namespace, spec?.selector?.matchLabels ?? {}),
  };
}

export async function fluentdStatus(client: KubeClient, namespace: string): Promise<FluentdStatus> {
  const deployed = await findDeployedTopologies(client, namespace);
  const objects = deployed.flatMap((d) => d.objects);
  const workloads = await Promise.all(
    objects.filter((o) => o.kind === 'DaemonSet' || o.kind === 'Deployment').map((o) => workloadStatus(client, namespace, o)),
  );
  return {
    namespace,
    topologies: deployed.map((d) => d.topology),
    workloads,
    rollout: workloads[0]?.rollout,
    image: workloads[0]?.image,
    objects: objects.map(describeObject),
  };
}

/** `Fluentd 2/3 ready` — short enough for the status bar (the least ready workload). */
export function statusBarText(s: FluentdStatus): string {
  if (!s.workloads.length) return 'Fluentd: not deployed';
  const rolling = s.workloads.some((w) => !w.rollout.done);
  const worst = s.workloads.find((w) => !w.rollout.done) ?? s.workloads[0];
  return `Fluentd ${worst.rollout.ready}/${worst.rollout.desired} ready${rolling ? ' (rolling out)' : ''}`;
}

export function formatStatus(s: FluentdStatus): string {
  if (!s.workloads.length) {
    return s.objects.length
      ? `No Fluentd workload in ${s.namespace}, but these managed objects exist:\n${s.objects.join('\n')}`
      : `Fluentd is not deployed in namespace ${s.namespace}.`;
  }
  return [
    `Topologies: ${s.topologies.map((t) => topologyDef(t).label).join('; ')}`,
    ...s.workloads.flatMap((w) => [
      `${w.target}: ${w.rollout.message}${w.rollout.done ? '' : ' (rollout in progress)'}; image ${w.image ?? '?'}`,
      ...(w.problems.length ? ['  Pods not ready:', ...w.problems.map((p) => `    ${formatPodProblem(p)}`)] : []),
    ]),
    'Objects:',
    ...s.objects.map((o) => `  ${o}`),
  ].join('\n');
}
