// Why a pod is not ready, in the words the API gives: a container's waiting or terminated
// reason and message (ImagePullBackOff, CrashLoopBackOff, …), else the scheduler's (Unschedulable:
// 0/3 nodes are available…), else the Ready condition's. Pure: reads pod objects as listed.
import type { KubeClient } from './client';
import type { KubeObject } from './types';

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number };
}
interface ContainerStatus {
  name?: string;
  ready?: boolean;
  state?: ContainerState;
}
interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}
/** The pod fields read here. */
export interface PodStatusView {
  metadata: { name: string; namespace?: string; deletionTimestamp?: unknown };
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface PodProblem {
  pod: string;
  node?: string;
  /** `ImagePullBackOff: Back-off pulling image "x"` */
  reason: string;
}

const said = (reason?: string, message?: string) => [reason, message].filter(Boolean).join(': ');

function containerProblem(statuses: ContainerStatus[] | undefined, init: boolean): string | undefined {
  for (const c of statuses ?? []) {
    if (c.ready) continue;
    const w = c.state?.waiting;
    if (w && (w.reason || w.message)) return `${init ? 'init container ' : ''}${c.name}: ${said(w.reason, w.message)}`;
    const t = c.state?.terminated;
    if (t && t.reason !== 'Completed')
      return `${init ? 'init container ' : ''}${c.name}: ${said(t.reason ?? `exited with ${t.exitCode}`, t.message)}`;
  }
  return undefined;
}

/** Undefined for a ready pod; otherwise the most specific reason its status gives. */
export function podProblem(pod: PodStatusView): string | undefined {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const st = pod.status ?? {};
  const cond = (type: string) => st.conditions?.find((c) => c.type === type);
  if (cond('Ready')?.status === 'True') return undefined;
  const fromContainers = containerProblem(st.initContainerStatuses, true) ?? containerProblem(st.containerStatuses, false);
  if (fromContainers) return fromContainers;
  const scheduled = cond('PodScheduled');
  if (scheduled?.status === 'False') return said(scheduled.reason ?? 'NotScheduled', scheduled.message);
  const ready = cond('Ready');
  if (ready?.reason || ready?.message) return said(ready.reason, ready.message);
  return st.phase ?? 'Pending';
}

export function podProblems(pods: readonly PodStatusView[]): PodProblem[] {
  const out: PodProblem[] = [];
  for (const p of pods) {
    const reason = podProblem(p);
    if (reason) out.push({ pod: p.metadata.name, node: p.spec?.nodeName, reason });
  }
  return out.sort((a, b) => (a.pod < b.pod ? -1 : 1));
}

/** `node-c/fluentd-x2k9q: fluentd: ImagePullBackOff: Back-off pulling image "…"` (or `(unscheduled)/…`). */
export function formatPodProblem(p: PodProblem): string {
  return `${p.node ?? '(unscheduled)'}/${p.pod}: ${p.reason}`;
}

/** The not-ready pods of a workload's selector; an empty list when they cannot be read (the caller's report stays useful). */
export async function workloadPodProblems(
  client: KubeClient,
  namespace: string,
  matchLabels: Record<string, string>,
): Promise<PodProblem[]> {
  // no selector would list every pod of the namespace
  if (!Object.keys(matchLabels).length) return [];
  const labelSelector = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  try {
    const res = await client.request('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, {
      verb: 'list',
      target: `pods in ${namespace}`,
      query: { labelSelector },
    });
    return podProblems((res.body?.items ?? []) as KubeObject[] as unknown as PodStatusView[]);
  } catch {
    return [];
  }
}
