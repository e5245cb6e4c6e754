// Shared setup of the kube tier: one real control plane per test file, clients for its two
// users, and the few raw requests the product never makes (RBAC grants, listing pods to check).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { KubeClient } from '../../src/kube/client';
import { loadKubeconfig } from '../../src/kube/kubeconfig';
import { selectorLabels } from '../../src/kube/labels';
import { languageValidator } from '../../src/kube/language-validate';
import { withDefaults, type DeploySettings } from '../../src/kube/settings';
import { loadTemplates } from '../../src/kube/templates';
import { kubeRequest, type KubeCluster } from '../harness/kube';

export const templates = loadTemplates();
export const settings: DeploySettings = withDefaults({ clusterName: 'kube-tier', region: 'us-east-1' });
export const validate = languageValidator();

export async function clientFor(kube: KubeCluster, context: 'admin' | 'restricted' = 'admin', timeoutMs = 15_000): Promise<KubeClient> {
  const loaded = await loadKubeconfig({ env: { KUBECONFIG: kube.kubeconfig }, context });
  return KubeClient.create(loaded.kc, { timeoutMs });
}

/** A kubeconfig next to the harness's one, for deliberately broken setups. */
export function writeKubeconfig(kube: KubeCluster, name: string, cluster: Record<string, unknown>, token: string): string {
  const path = join(kube.kubeconfig, '..', `${name}.kubeconfig`);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster }],
      users: [{ name: 'u', user: { token } }],
      contexts: [{ name: name, context: { cluster: 'c', user: 'u' } }],
      'current-context': name,
    }),
  );
  return path;
}

async function ok(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Admin: a ClusterRole with `rules`, bound to the restricted user. Returns a function that revokes it. */
export async function grantRestricted(kube: KubeCluster, name: string, rules: unknown[]): Promise<() => Promise<void>> {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await ok(
    kubeRequest(
      kube,
      'POST',
      `${rbac}/clusterroles`,
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules },
      'application/json',
    ),
    `create role ${name}`,
  );
  await ok(
    kubeRequest(
      kube,
      'POST',
      `${rbac}/clusterrolebindings`,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: kube.restrictedUser }],
      },
      'application/json',
    ),
    `bind role ${name}`,
  );
  return async () => {
    await kubeRequest(kube, 'DELETE', `${rbac}/clusterrolebindings/${name}`);
    await kubeRequest(kube, 'DELETE', `${rbac}/clusterroles/${name}`);
  };
}

/** Asks the server (SubjectAccessReview) whether the restricted user may do something. */
export async function restrictedMay(
  kube: KubeCluster,
  attrs: { verb: string; group: string; resource: string; namespace?: string },
): Promise<boolean> {
  const body = await ok(
    kubeRequest(
      kube,
      'POST',
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: { user: kube.restrictedUser, resourceAttributes: attrs },
      },
      'application/json',
    ),
    'SubjectAccessReview',
  );
  return body.status?.allowed === true;
}

/** RBAC changes reach the authorizer through an informer; wait until it agrees. */
export async function waitUntilRestricted(kube: KubeCluster, attrs: Parameters<typeof restrictedMay>[1], allowed: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await restrictedMay(kube, attrs)) !== allowed) {
    if (Date.now() > deadline) throw new Error(`RBAC did not settle to allowed=${allowed} for ${JSON.stringify(attrs)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Creates a namespace; with a controller manager running, waits for its `default` ServiceAccount (pods need it). */
export async function createNamespace(kube: KubeCluster, name: string, opts: { waitForServiceAccount?: boolean } = {}): Promise<void> {
  await ok(
    kubeRequest(kube, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, 'application/json'),
    `create namespace ${name}`,
  );
  if (opts.waitForServiceAccount) {
    await eventually(`the default ServiceAccount of ${name}`, async () => {
      return (await kubeRequest(kube, 'GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status === 200;
    });
  }
}

/** The pods of the deployed DaemonSet (its selector), as the API lists them. */
export async function fluentdPods(kube: KubeCluster, namespace: string): Promise<any[]> {
  const selector = Object.entries(selectorLabels(namespace))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const body = await ok(
    kubeRequest(kube, 'GET', `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(selector)}`),
    'list pods',
  );
  return body.items;
}

export const isReady = (pod: any): boolean =>
  !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

/** Polls until `check` returns a value (not undefined/false); fails with `what` and the last value seen. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export { kubeRequest };
