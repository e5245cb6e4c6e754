// Labels on everything this extension deploys: how undeploy and status find exactly our objects,
// per topology and namespace.
import { DEFAULT_TOPOLOGY, type TopologyId, type WorkloadDef } from './topologies';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'vscode-fluentd';
/** Field manager name for server-side apply. */
export const FIELD_MANAGER = 'vscode-fluentd';
export const APP_NAME = 'fluentd';
/** Which topology an object belongs to, and the namespace of its deploy (cluster-scoped objects have none). */
export const TOPOLOGY_LABEL = 'vscode-fluentd/topology';
export const NAMESPACE_LABEL = 'vscode-fluentd/namespace';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';

/** One deployment per namespace; cluster-scoped RBAC objects carry the namespace in their name. */
export function instanceName(namespace: string, workload = APP_NAME): string {
  return `${workload}-${namespace}`;
}

/**
 * Selects the pods of a workload; immutable once created, so it must never change. The node
 * agent's (workload `fluentd`) is the one deploys have always used.
 */
export function selectorLabels(namespace: string, workload = APP_NAME): Record<string, string> {
  return { 'app.kubernetes.io/name': APP_NAME, 'app.kubernetes.io/instance': instanceName(namespace, workload) };
}

/** The node agent's labels as deploys before topologies wrote them (undeploy still finds those by them). */
export function commonLabels(namespace: string): Record<string, string> {
  return { ...selectorLabels(namespace), [MANAGED_BY_LABEL]: MANAGED_BY };
}

/** Every object of a topology's deploy carries these. */
export function topologyLabels(topology: TopologyId, namespace: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': APP_NAME,
    [MANAGED_BY_LABEL]: MANAGED_BY,
    [TOPOLOGY_LABEL]: topology,
    [NAMESPACE_LABEL]: namespace,
  };
}

/** The labels of one workload's objects (and its pods). */
export function workloadLabels(topology: TopologyId, namespace: string, w: Pick<WorkloadDef, 'name' | 'role'>): Record<string, string> {
  return { ...topologyLabels(topology, namespace), ...selectorLabels(namespace, w.name), [COMPONENT_LABEL]: w.role };
}

const asSelector = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** Label selector matching every object of the node agent deploy to `namespace` (namespaced and cluster-scoped). */
export function managedSelector(namespace: string): string {
  return asSelector(commonLabels(namespace));
}

/**
 * The selector of a topology's objects. The node agent keeps the selector of the deploys made
 * before topologies existed (their objects carry no topology label); the others select by topology.
 */
export function topologySelector(topology: TopologyId, namespace: string): string {
  if (topology === DEFAULT_TOPOLOGY) return managedSelector(namespace);
  return asSelector({ [MANAGED_BY_LABEL]: MANAGED_BY, [TOPOLOGY_LABEL]: topology, [NAMESPACE_LABEL]: namespace });
}
