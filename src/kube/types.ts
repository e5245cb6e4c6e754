// The small slice of a Kubernetes object this extension reads and writes. Kept structural so
// objects from YAML, from the renderer and from the API server all fit.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  generation?: number;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** `ConfigMap kube-system/fluentd-config`, `ClusterRole fluentd-kube-system`. */
export function describeObject(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const ns = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind} ${ns}${o.metadata.name}`;
}
