// Reads the bundled manifest templates and fluent.conf files from media/manifests. The only
// file-system part of rendering; render.ts itself is pure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allTemplateFiles } from './topologies';

/** The node agent's templates in apply order: identity and RBAC before what uses them, the ConfigMap before the DaemonSet. */
export const TEMPLATE_FILES = ['serviceaccount.yaml', 'clusterrole.yaml', 'clusterrolebinding.yaml', 'configmap.yaml', 'daemonset.yaml'];
export const DEFAULT_CONFIG_FILE = 'fluent.conf';

/** The bundled fluent.conf of each workload (paths under media/manifests). */
export const BUNDLED_CONFIGS = [
  DEFAULT_CONFIG_FILE,
  'forward-aggregator/forwarder.conf',
  'forward-aggregator/aggregator-kinesis-streams.conf',
  'forward-aggregator/aggregator-kinesis-firehose.conf',
  'syslog-opensearch/collector-opensearch.conf',
  'syslog-opensearch/collector-elasticsearch.conf',
] as const;
export type BundledConfig = (typeof BUNDLED_CONFIGS)[number];

export interface ManifestTemplates {
  /** The node agent's templates, name → YAML text, in apply order. */
  objects: { file: string; text: string }[];
  /** The bundled node agent fluent.conf. */
  defaultConfig: string;
  /** Every template and bundled config, by path under media/manifests. */
  files: Record<string, string>;
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
  const files: Record<string, string> = {};
  for (const file of [...allTemplateFiles(), ...BUNDLED_CONFIGS]) files[file] = readFileSync(join(dir, file), 'utf8');
  return {
    objects: TEMPLATE_FILES.map((file) => ({ file, text: files[file] })),
    defaultConfig: files[DEFAULT_CONFIG_FILE],
    files,
  };
}
