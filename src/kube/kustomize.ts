// Export Manifests as a Kustomize base for GitOps: one file per object and a kustomization.yaml
// listing them in apply order. Secrets are not exported: generated ones would put keys in git;
// the kustomization says which Secrets the workloads expect and how to make them.
import { stringify } from 'yaml';
import type { RenderedDeployment } from './render';
import type { KubeObject } from './types';

export interface KustomizeFile {
  /** File name inside the base folder. */
  name: string;
  text: string;
}

const fileName = (o: KubeObject) => `${o.kind.toLowerCase()}-${o.metadata.name.replace(/[^a-z0-9.-]+/gi, '-')}.yaml`;

export function kustomizeBase(d: RenderedDeployment, header: string): KustomizeFile[] {
  const files = d.objects.map((o) => ({ name: fileName(o), text: stringify(o, { lineWidth: 0 }) }));
  const comment = header.split('\n').map((l) => `# ${l}`.trimEnd());
  if (d.secrets.length) {
    comment.push('#', '# Secrets the workloads read (not exported: keys do not belong in git). Create them before applying:');
    for (const s of d.secrets) comment.push(`#   ${s.namespace}/${s.name}: ${s.purpose} (keys ${s.keys.join(', ')})`);
  }
  const kustomization = [
    ...comment,
    stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: files.map((f) => f.name) }).trimEnd(),
  ].join('\n');
  return [{ name: 'kustomization.yaml', text: kustomization + '\n' }, ...files];
}
