// The workloads whose pods can be tailed: DaemonSets, Deployments and StatefulSets, with the label
// selector of their pods written the way the API takes it (`app=web,tier in (a,b),!legacy`).
import type { KubeClient } from '../client';

export type WorkloadKind = 'DaemonSet' | 'Deployment' | 'StatefulSet';

export interface Workload {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** The pods' label selector, as a query string. */
  selector: string;
  ready: number;
  desired: number;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A LabelSelector object as the `labelSelector` query parameter. */
export function labelSelectorString(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

const PLURAL: Record<WorkloadKind, string> = { DaemonSet: 'daemonsets', Deployment: 'deployments', StatefulSet: 'statefulsets' };

interface RawWorkload {
  metadata?: { name?: string; namespace?: string };
  spec?: { selector?: LabelSelector; replicas?: number };
  status?: { numberReady?: number; desiredNumberScheduled?: number; readyReplicas?: number; replicas?: number };
}

/** Every workload of the three kinds (in `namespace`, or in all namespaces), sorted by namespace, kind and name. */
export async function listWorkloads(client: KubeClient, namespace?: string): Promise<Workload[]> {
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const lists = await Promise.all(
    (Object.keys(PLURAL) as WorkloadKind[]).map(async (kind) => {
      const res = await client.request('GET', `/apis/apps/v1${ns}/${PLURAL[kind]}`, { verb: 'list', target: PLURAL[kind] });
      return ((res.body?.items ?? []) as RawWorkload[]).map((w): Workload | undefined => {
        if (!w.metadata?.name || !w.metadata.namespace) return undefined;
        const st = w.status ?? {};
        return {
          kind,
          namespace: w.metadata.namespace,
          name: w.metadata.name,
          selector: labelSelectorString(w.spec?.selector),
          ready: (kind === 'DaemonSet' ? st.numberReady : st.readyReplicas) ?? 0,
          desired: (kind === 'DaemonSet' ? st.desiredNumberScheduled : (w.spec?.replicas ?? st.replicas)) ?? 0,
        };
      });
    }),
  );
  return lists
    .flat()
    .filter((w): w is Workload => !!w && w.selector !== '')
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
