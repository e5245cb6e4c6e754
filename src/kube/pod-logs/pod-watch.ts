// The pods of a selector, kept current: a list, then a watch from its resourceVersion. A watch that
// ends is resumed from the last version seen (bookmarks keep it fresh); one the server no longer
// can resume (410 Gone) or a lost connection (API server restart) lists again. Each list is
// reported whole (`sync`), so the caller can drop pods that went away meanwhile.
import type { Response } from '../client';
import { KubeError } from '../errors';
import type { LogStreamClient } from './container-stream';
import { LineSplitter } from './log-lines';

export interface PodInfo {
  namespace: string;
  name: string;
  uid: string;
  node?: string;
  phase: string;
  ready: boolean;
  deleting: boolean;
  /** Container names in spec order. */
  containers: string[];
  /** RFC 3339 */
  createdAt: string;
  labels: Record<string, string>;
  /** Read for the config the pod runs (vscode-fluentd/config). */
  annotations?: Record<string, string>;
}

export type PodEvent = { type: 'sync'; pods: PodInfo[] } | { type: 'added' | 'modified' | 'deleted'; pod: PodInfo };

export interface PodSelector {
  /** All namespaces when absent. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Lists go through the same client as the streams (plain GETs). */
export interface PodListClient extends LogStreamClient {
  request(
    method: string,
    path: string,
    opts: { query?: Record<string, string | undefined>; verb: string; target?: string },
  ): Promise<Response>;
}

interface RawPod {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    deletionTimestamp?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: { nodeName?: string; containers?: { name?: string }[] };
  status?: { phase?: string; conditions?: { type?: string; status?: string }[] };
}

export function podInfo(p: RawPod): PodInfo | undefined {
  const m = p.metadata;
  if (!m?.name || !m.namespace) return undefined;
  return {
    namespace: m.namespace,
    name: m.name,
    uid: m.uid ?? '',
    node: p.spec?.nodeName || undefined,
    phase: p.status?.phase ?? 'Pending',
    ready: (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    deleting: !!m.deletionTimestamp,
    containers: (p.spec?.containers ?? []).map((c) => c.name ?? '').filter(Boolean),
    createdAt: m.creationTimestamp ?? '',
    labels: m.labels ?? {},
    annotations: m.annotations ?? {},
  };
}

export interface WatchOptions {
  signal: AbortSignal;
  onEvent(e: PodEvent): void;
  /** A list or watch failed and will be retried (`reason`), or it failed for good (`final`). */
  onTrouble?(reason: string, final: boolean): void;
  /** Called when the pods are being listed again after trouble. */
  onRecovered?(): void;
  minRetryMs?: number;
  maxRetryMs?: number;
}

const FINAL: ReadonlySet<string> = new Set(['forbidden', 'unauthorized', 'kubeconfig-invalid', 'credentials', 'no-kubeconfig']);

/** Runs until the signal aborts or a final error (reported through onTrouble). */
export async function watchPods(client: PodListClient, sel: PodSelector, opts: WatchOptions): Promise<void> {
  const path = sel.namespace ? `/api/v1/namespaces/${encodeURIComponent(sel.namespace)}/pods` : '/api/v1/pods';
  const target = `pods${sel.namespace ? ` in ${sel.namespace}` : ''}${sel.labelSelector ? ` (${sel.labelSelector})` : ''}`;
  const base = { labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector };
  const minMs = opts.minRetryMs ?? 250;
  const maxMs = opts.maxRetryMs ?? 10_000;
  let attempt = 0;
  let troubled = false;
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      opts.signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
    });

  while (!opts.signal.aborted) {
    try {
      const list = await client.request('GET', path, { query: base, verb: 'list', target });
      let version: string = list.body?.metadata?.resourceVersion ?? '';
      const pods = ((list.body?.items ?? []) as RawPod[]).map(podInfo).filter((p): p is PodInfo => !!p);
      if (troubled) opts.onRecovered?.();
      troubled = false;
      opts.onEvent({ type: 'sync', pods });
      // watch until the server can no longer resume from `version`
      for (;;) {
        const res = await client.stream(path, {
          query: { ...base, watch: 'true', resourceVersion: version, allowWatchBookmarks: 'true' },
          verb: 'watch',
          target,
          signal: opts.signal,
        });
        attempt = 0;
        const gone = await new Promise<boolean>((resolve, reject) => {
          const splitter = new LineSplitter(64 << 20);
          let expired = false;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            for (const line of splitter.push(chunk)) {
              if (!line.trim()) continue;
              let ev: { type?: string; object?: RawPod & { code?: number; metadata?: { resourceVersion?: string } } };
              try {
                ev = JSON.parse(line);
              } catch {
                continue;
              }
              const rv = ev.object?.metadata?.resourceVersion;
              if (ev.type === 'ERROR') {
                expired = true; // 410 Gone (or another error): list again
                res.destroy();
                return;
              }
              if (rv) version = rv;
              if (ev.type === 'BOOKMARK') continue;
              const pod = ev.object && podInfo(ev.object);
              if (!pod) continue;
              const type = ev.type === 'ADDED' ? 'added' : ev.type === 'DELETED' ? 'deleted' : 'modified';
              opts.onEvent({ type, pod });
            }
          });
          res.once('end', () => resolve(expired));
          res.once('close', () => resolve(expired));
          res.once('error', (e) => (expired ? resolve(true) : reject(e)));
        });
        if (gone || opts.signal.aborted) break;
      }
    } catch (err) {
      if (opts.signal.aborted) break;
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof KubeError && FINAL.has(err.kind)) {
        opts.onTrouble?.(reason, true);
        return;
      }
      troubled = true;
      const delay = Math.min(maxMs, minMs * 2 ** attempt++);
      opts.onTrouble?.(reason, false);
      await sleep(delay);
    }
  }
}
