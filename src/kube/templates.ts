// Reads the bundled manifest templates and default fluent.conf from media/manifests. The only
// file-system part of rendering; render.ts itself is pure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Apply order: identity and RBAC before what uses them, the ConfigMap before the DaemonSet. */
export const TEMPLATE_FILES = ['serviceaccount.yaml', 'clusterrole.yaml', 'clusterrolebinding.yaml', 'configmap.yaml', 'daemonset.yaml'];
export const DEFAULT_CONFIG_FILE = 'fluent.conf';

export interface ManifestTemplates {
  /** Template name → YAML text, in apply order. */
  objects: { file: string; text: string }[];
  /** The bundled default fluent.conf. */
  defaultConfig: string;
}

/**
 * media/manifests, found from this module's location: src/kube (tests, tsx) or dist (the bundle),
 * or from an explicit extension root.
 */
export function findManifestsDir(extensionRoot?: string): string {
  const starts = extensionRoot ? [extensionRoot] : [__dirname];
  for (const start of starts) {
    for (let dir = start, i = 0; i < 6; i++, dir = dirname(dir)) {
      const candidate = join(dir, 'media', 'manifests');
      if (existsSync(join(candidate, DEFAULT_CONFIG_FILE))) return candidate;
    }
  }
  throw new Error(`media/manifests not found (searched upwards from ${starts.join(', ')})`);
}

export function loadTemplates(dir = findManifestsDir()): ManifestTemplates {
  return {
    objects: TEMPLATE_FILES.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') })),
    defaultConfig: readFileSync(join(dir, DEFAULT_CONFIG_FILE), 'utf8'),
  };
}
