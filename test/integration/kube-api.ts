// The test side's own view of the local kube-apiserver (test/harness/kube.ts, started by
// scripts/vscode/run-integration.mjs): raw HTTPS with the admin token, independent of the
// extension's client, to check what a deploy really wrote.
import { readFileSync } from 'node:fs';
import * as https from 'node:https';

export const KUBE_ENV = 'VSCODE_FLUENTD_TEST_KUBE';
export const KUBE_ERROR_ENV = 'VSCODE_FLUENTD_TEST_KUBE_ERROR';

export interface KubeAccess {
  server: string;
  caFile: string;
  adminToken: string;
  kubeconfig: string;
}

/** The cluster the runner started; throws with the runner's reason when there is none. */
export function kubeAccess(): KubeAccess {
  const raw = process.env[KUBE_ENV];
  if (!raw) {
    throw new Error(
      `no local kube-apiserver for this run: ${process.env[KUBE_ERROR_ENV] ?? `${KUBE_ENV} is not set (run through scripts/vscode/run-integration.mjs)`}`,
    );
  }
  return JSON.parse(raw) as KubeAccess;
}

export function kubeRequest(
  kube: KubeAccess,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/merge-patch+json',
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      `${kube.server}${path}`,
      {
        method,
        ca: readFileSync(kube.caFile),
        timeout: 10_000,
        headers: {
          Authorization: `Bearer ${kube.adminToken}`,
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': contentType } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* keep the text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

const PLURALS: Record<string, string> = {
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  DaemonSet: 'daemonsets',
  Deployment: 'deployments',
  Service: 'services',
  Secret: 'secrets',
  PodDisruptionBudget: 'poddisruptionbudgets',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  Role: 'roles',
  RoleBinding: 'rolebindings',
};

/** REST path of an object from its apiVersion, kind, namespace and name. */
export function objectPath(o: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): string {
  const plural = PLURALS[o.kind];
  if (!plural) throw new Error(`objectPath: unknown kind ${o.kind}`);
  const base = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
  const ns = o.metadata.namespace ? `/namespaces/${o.metadata.namespace}` : '';
  return `${base}${ns}/${plural}/${o.metadata.name}`;
}
