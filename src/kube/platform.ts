// What kind of cluster a deploy goes to, from API discovery. OpenShift serves the
// `security.openshift.io` group (SecurityContextConstraints); there a pod that mounts the node's
// log folders is refused unless its ServiceAccount may use the privileged SCC, and a dedicated
// namespace keeps that privilege away from everything else.
import type { KubeClient } from './client';

export interface Platform {
  openshift: boolean;
}

export const PLAIN_KUBERNETES: Platform = { openshift: false };
export const OPENSHIFT_SECURITY_GROUP = 'security.openshift.io';
export const OPENSHIFT_PRIVILEGED_ROLE = 'system:openshift:scc:privileged';

export async function detectPlatform(client: KubeClient): Promise<Platform> {
  return { openshift: (await client.apiGroups()).includes(OPENSHIFT_SECURITY_GROUP) };
}

/** Namespaces shared with the platform itself, where OpenShift node agents must not run. */
export function sharedNamespace(namespace: string): boolean {
  return namespace === 'default' || namespace.startsWith('kube-') || namespace.startsWith('openshift');
}
