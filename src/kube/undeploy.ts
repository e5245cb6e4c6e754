// Finds and deletes exactly the objects a deploy to a namespace created: by our labels, in that
// namespace (namespaced kinds) and cluster-wide (the RBAC objects named after the namespace).
import type { KubeClient } from './client';
import { asKubeError, KubeError } from './errors';
import { managedSelector } from './labels';
import { describeObject, type KubeObject } from './types';

/** Kinds a deploy creates, in delete order (the workload first, RBAC last). */
export const MANAGED_KINDS: { apiVersion: string; kind: string; namespaced: boolean }[] = [
  { apiVersion: 'apps/v1', kind: 'DaemonSet', namespaced: true },
  { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true },
  { apiVersion: 'v1', kind: 'ServiceAccount', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', namespaced: false },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespaced: false },
];

export async function findManagedObjects(client: KubeClient, namespace: string): Promise<KubeObject[]> {
  const labelSelector = managedSelector(namespace);
  const found: KubeObject[] = [];
  for (const k of MANAGED_KINDS) {
    found.push(...(await client.list(k.apiVersion, k.kind, { namespace: k.namespaced ? namespace : undefined, labelSelector })));
  }
  return found;
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
