// "Which running pods ship no logs?" — compares the pods found in a group's stream names with
// the pods a cluster reports as running. Pure: the kube side supplies the running pods.
import type { PodGroup, StreamGrouping } from './pod-grouping';

export interface RunningPod {
  namespace: string;
  name: string;
  containers: string[];
  /** 64-hex container ids (runtime prefix like containerd:// removed) of the current containers */
  containerIds?: string[];
  nodeName?: string;
}

export type PodState = 'running' | 'gone';

export interface PodShippingReport {
  /** state of every pod that has streams, keyed by `<namespace>/<pod>` */
  states: Map<string, PodState>;
  /** running pods with no stream at all in the group */
  notShipping: RunningPod[];
  /** running pods that ship some containers but not these */
  missingContainers: { pod: RunningPod; containers: string[] }[];
  /**
   * false when only part of the group's streams were looked at: a pod may then ship into a
   * stream that was not loaded, so "not shipping" is a guess the UI must label as such
   */
  complete: boolean;
}

export interface ShippingOptions {
  complete: boolean;
  /** only judge running pods in these namespaces (e.g. the ones the Fluentd config tails) */
  namespaces?: string[];
  /** pods whose logs are deliberately excluded (e.g. Fluentd's own pods), as `ns/name` globs-free prefixes */
  ignorePodPrefixes?: string[];
}

export function compareWithRunningPods(grouping: StreamGrouping, running: RunningPod[], opts: ShippingOptions): PodShippingReport {
  const running_ = new Map<string, RunningPod>();
  for (const p of running) running_.set(`${p.namespace}/${p.name}`, p);
  const byKey = new Map<string, PodGroup>();
  for (const g of grouping.pods) byKey.set(g.key, g);

  const states = new Map<string, PodState>();
  for (const g of grouping.pods) states.set(g.key, running_.has(g.key) ? 'running' : 'gone');

  const inScope = (p: RunningPod) =>
    (!opts.namespaces || opts.namespaces.includes(p.namespace)) &&
    !(opts.ignorePodPrefixes ?? []).some((pre) => `${p.namespace}/${p.name}`.startsWith(pre));

  const notShipping: RunningPod[] = [];
  const missingContainers: { pod: RunningPod; containers: string[] }[] = [];
  for (const [key, pod] of running_) {
    if (!inScope(pod)) continue;
    const g = byKey.get(key);
    if (!g) {
      notShipping.push(pod);
      continue;
    }
    const missing = pod.containers.filter((c) => !g.containers.includes(c));
    if (missing.length) missingContainers.push({ pod, containers: missing });
  }
  const byName = (a: RunningPod, b: RunningPod) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1);
  notShipping.sort(byName);
  missingContainers.sort((a, b) => byName(a.pod, b.pod));
  return { states, notShipping, missingContainers, complete: opts.complete };
}

/** Minimal shape of a Kubernetes V1Pod, so this file does not depend on a client library. */
export interface PodLike {
  metadata?: { name?: string; namespace?: string; deletionTimestamp?: unknown };
  spec?: { containers?: { name?: string }[]; nodeName?: string };
  status?: { phase?: string; containerStatuses?: { name?: string; containerID?: string }[] };
}

/** Running pods from a pod list (e.g. CoreV1Api.listPodForAllNamespaces().items). */
export function runningPodsFrom(items: PodLike[]): RunningPod[] {
  const out: RunningPod[] = [];
  for (const p of items) {
    const name = p.metadata?.name;
    const namespace = p.metadata?.namespace;
    if (!name || !namespace || p.status?.phase !== 'Running' || p.metadata?.deletionTimestamp) continue;
    const containers = (p.spec?.containers ?? []).map((c) => c.name).filter((n): n is string => !!n);
    const containerIds = (p.status?.containerStatuses ?? [])
      .map((s) => /([0-9a-f]{64})$/.exec(s.containerID ?? '')?.[1])
      .filter((id): id is string => !!id);
    out.push({ namespace, name, containers, containerIds, nodeName: p.spec?.nodeName });
  }
  return out;
}
