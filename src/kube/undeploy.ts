// Finds and deletes exactly the objects a deploy of a topology to a namespace created: by its
// labels, in that namespace (namespaced kinds) and cluster-wide (the RBAC objects named after the
// namespace). Secrets the user named carry no labels of ours and are never deleted.
import type { KubeClient } from './client';
import { asKubeError, KubeError } from './errors';
import { TOPOLOGY_LABEL } from './labels';
import { topologySelector } from './labels';
import { DEFAULT_TOPOLOGY, TOPOLOGIES, type TopologyId } from './topologies';
import { describeObject, type KubeObject } from './types';

/** Kinds a deploy creates, in delete order (the workloads first, RBAC last). */
export const MANAGED_KINDS: { apiVersion: string; kind: string; namespaced: boolean }[] = [
  { apiVersion: 'apps/v1', kind: 'DaemonSet', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespaced: true },
  { apiVersion: 'v1', kind: 'Service', namespaced: true },
  { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true },
  { apiVersion: 'v1', kind: 'Secret', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespaced: true },
  { apiVersion: 'v1', kind: 'ServiceAccount', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', namespaced: false },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespaced: false },
];

/** The managed objects of one topology's deploy to `namespace`, in delete order. */
export async function findManagedObjects(
  client: KubeClient,
  namespace: string,
  topology: TopologyId = DEFAULT_TOPOLOGY,
): Promise<KubeObject[]> {
  const labelSelector = topologySelector(topology, namespace);
  const found: KubeObject[] = [];
  for (const k of MANAGED_KINDS) {
    const items = await client.list(k.apiVersion, k.kind, { namespace: k.namespaced ? namespace : undefined, labelSelector });
    // the node agent's selector predates the topology label: skip what another topology labelled
    found.push(...items.filter((o) => (o.metadata.labels?.[TOPOLOGY_LABEL] ?? DEFAULT_TOPOLOGY) === topology));
  }
  return found;
}

/** Every topology deployed to `namespace`, with its objects. */
export async function findDeployedTopologies(
  client: KubeClient,
  namespace: string,
): Promise<{ topology: TopologyId; objects: KubeObject[] }[]> {
  const out: { topology: TopologyId; objects: KubeObject[] }[] = [];
  for (const t of TOPOLOGIES) {
    const objects = await findManagedObjects(client, namespace, t.id);
    if (objects.length) out.push({ topology: t.id, objects });
  }
  return out;
}

export interface UndeployResult {
  target: string;
  outcome: 'deleted' | 'already-gone' | 'failed';
  error?: KubeError;
}

/** Deletes the given objects (from findManagedObjects, after the user confirmed them). Never stops half-way silently. */
export async function deleteObjects(client: KubeClient, objects: readonly KubeObject[]): Promise<UndeployResult[]> {
  const results: UndeployResult[] = [];
  for (const o of objects) {
    const target = describeObject(o);
    try {
      results.push({ target, outcome: (await client.delete(o)) ? 'deleted' : 'already-gone' });
    } catch (err) {
      results.push({ target, outcome: 'failed', error: asKubeError(err) });
    }
  }
  return results;
}

export function formatUndeployResults(results: readonly UndeployResult[]): string {
  if (!results.length) return 'Nothing to undeploy: no objects managed by vscode-fluentd were found.';
  return results.map((r) => `${r.outcome.padEnd(12)}  ${r.target}${r.error ? `: ${r.error.message}` : ''}`).join('\n');
}
