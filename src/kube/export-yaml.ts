// Rendered objects as one multi-document YAML, for GitOps or `kubectl apply -f`.
import { stringify } from 'yaml';
import type { KubeObject } from './types';

export function manifestsToYaml(objects: readonly KubeObject[], header?: string): string {
  const docs = objects.map((o) => stringify(o, { lineWidth: 0 }).trimEnd());
  const head = header
    ? header
        .split('\n')
        .map((l) => `# ${l}`.trimEnd())
        .join('\n') + '\n'
    : '';
  return head + docs.map((d) => `---\n${d}\n`).join('');
}
