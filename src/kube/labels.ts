// Labels on everything this extension deploys: how undeploy and status find exactly our objects.

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'vscode-fluentd';
/** Field manager name for server-side apply. */
export const FIELD_MANAGER = 'vscode-fluentd';
export const APP_NAME = 'fluentd';

/** One deployment per namespace; cluster-scoped RBAC objects carry the namespace in their name. */
export function instanceName(namespace: string): string {
  return `fluentd-${namespace}`;
}

/** Selects the pods of the DaemonSet; immutable once created, so it must never change. */
export function selectorLabels(namespace: string): Record<string, string> {
  return { 'app.kubernetes.io/name': APP_NAME, 'app.kubernetes.io/instance': instanceName(namespace) };
}

export function commonLabels(namespace: string): Record<string, string> {
  return { ...selectorLabels(namespace), [MANAGED_BY_LABEL]: MANAGED_BY };
}

/** Label selector matching every object of the deployment in `namespace` (namespaced and cluster-scoped). */
export function managedSelector(namespace: string): string {
  return Object.entries(commonLabels(namespace))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
