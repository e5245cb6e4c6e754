// Finds and loads the user's kubeconfig the way kubectl does (KUBECONFIG, a path list, else
// ~/.kube/config) and describes its contexts. Never falls back to an in-cluster or
// localhost:8080 config (client-node's loadFromDefault does): no kubeconfig is an error here.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { clientNode, type KubeConfig } from './client-node';
import { KubeError } from './errors';

export interface KubeconfigLocation {
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Defaults to os.homedir(). */
  homeDir?: string;
}

/** What the user is about to deploy to, shown before anything is written. */
export interface ContextInfo {
  context: string;
  cluster: string;
  server: string;
  user: string;
  /** The context's default namespace, if it sets one. */
  namespace?: string;
}

export interface LoadedKubeconfig {
  kc: KubeConfig;
  /** Files that were read, in merge order. */
  files: string[];
  contexts: string[];
  current: ContextInfo;
}

/** The kubeconfig files kubectl would read: every existing entry of KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPaths(loc: KubeconfigLocation = {}): { candidates: string[]; existing: string[] } {
  const env = loc.env ?? process.env;
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p.trim() !== '');
  const candidates = fromEnv.length ? fromEnv : [join(loc.homeDir ?? homedir(), '.kube', 'config')];
  return { candidates, existing: candidates.filter((p) => existsSync(p)) };
}

export function contextInfo(kc: KubeConfig, name = kc.getCurrentContext()): ContextInfo {
  const ctx = kc.getContextObject(name);
  if (!ctx) throw new KubeError('kubeconfig-invalid', `The kubeconfig has no context named "${name}".`);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster) {
    throw new KubeError(
      'kubeconfig-invalid',
      `Context "${name}" refers to cluster "${ctx.cluster}", which the kubeconfig does not define.`,
    );
  }
  return { context: name, cluster: cluster.name, server: cluster.server, user: ctx.user, namespace: ctx.namespace };
}

/**
 * Loads the kubeconfig; with `context`, switches to it in memory (the user's files are never
 * written). Throws KubeError `no-kubeconfig` or `kubeconfig-invalid`.
 */
export async function loadKubeconfig(loc: KubeconfigLocation & { context?: string } = {}): Promise<LoadedKubeconfig> {
  const { candidates, existing } = kubeconfigPaths(loc);
  if (!existing.length) {
    throw new KubeError(
      'no-kubeconfig',
      `No kubeconfig found (looked for ${candidates.join(', ')}). Create one for your cluster, e.g. ` +
        '`aws eks update-kubeconfig --name <cluster>`, or set KUBECONFIG.',
    );
  }
  const k8s = await clientNode();
  const parts = existing.map((file) => {
    const part = new k8s.KubeConfig();
    try {
      part.loadFromFile(file);
    } catch (err) {
      throw new KubeError('kubeconfig-invalid', `The kubeconfig ${file} cannot be read: ${(err as Error).message}`, { cause: err });
    }
    return part;
  });
  // Merged like kubectl: the first file to define a name or set current-context wins.
  const firstByName = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
    return [...seen.values()];
  };
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: firstByName(parts.map((p) => p.getClusters())),
    users: firstByName(parts.map((p) => p.getUsers())),
    contexts: firstByName(parts.map((p) => p.getContexts())),
    currentContext: parts.map((p) => p.getCurrentContext()).find((c) => c) ?? '',
  });
  const contexts = kc.getContexts().map((c) => c.name);
  if (!contexts.length) throw new KubeError('kubeconfig-invalid', `The kubeconfig (${existing.join(', ')}) defines no contexts.`);
  if (loc.context !== undefined) {
    if (!contexts.includes(loc.context)) {
      throw new KubeError('kubeconfig-invalid', `The kubeconfig has no context named "${loc.context}" (it has: ${contexts.join(', ')}).`);
    }
    kc.setCurrentContext(loc.context);
  }
  if (!kc.getCurrentContext()) {
    throw new KubeError('kubeconfig-invalid', `The kubeconfig sets no current context; choose one of: ${contexts.join(', ')}.`);
  }
  return { kc, files: existing, contexts, current: contextInfo(kc) };
}
