// Running pods of the whole cluster, read a page at a time with caps, so a cluster with tens of
// thousands of pods (or a hostile answer) cannot make the editor read without end: at most
// `maxPods` pods, at most `maxResponseBytes` per page. Past the pod cap the caller is told how
// far it got and decides (the CloudWatch view asks the user).
import type { KubeClient } from './client';

export interface PodListOptions {
  /** pods per request (the apiserver's `limit`; default 500) */
  pageSize?: number;
  /** stop once this many pods were read and more remain (default 5,000; Infinity: no cap) */
  maxPods?: number;
  /** largest single page accepted (default 32 MiB) */
  maxResponseBytes?: number;
}

export type PodListResult =
  /** every running pod */
  | { complete: true; items: unknown[]; requests: number }
  /** stopped at the cap: `items` are the first pods only, more remain */
  | { complete: false; items: unknown[]; requests: number };

export const DEFAULT_MAX_PODS = 5000;

/** Running pods in all namespaces (`status.phase=Running`), following the apiserver's continue tokens. */
export async function listRunningPods(client: KubeClient, opts: PodListOptions = {}): Promise<PodListResult> {
  const pageSize = opts.pageSize ?? 500;
  const maxPods = opts.maxPods ?? DEFAULT_MAX_PODS;
  const items: unknown[] = [];
  let token: string | undefined;
  let requests = 0;
  for (;;) {
    const res = await client.request('GET', '/api/v1/pods', {
      verb: 'list',
      target: 'pods in all namespaces',
      query: { fieldSelector: 'status.phase=Running', limit: String(pageSize), continue: token },
      maxResponseBytes: opts.maxResponseBytes ?? 32 * 1024 * 1024,
    });
    requests++;
    const body = res.body as { items?: unknown[]; metadata?: { continue?: string } } | undefined;
    for (const item of body?.items ?? []) items.push(item);
    token = body?.metadata?.continue || undefined;
    if (!token) return { complete: true, items, requests };
    if (items.length >= maxPods) return { complete: false, items, requests };
  }
}
