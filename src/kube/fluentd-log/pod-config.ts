// Which config a Fluentd pod runs, read from the pod itself so it holds after a reload: deploys
// annotate each workload's pods with the config they ship (`vscode-fluentd/config`:
// `workspace:<path relative to the workspace folder>` or `bundled:<file under media/manifests>`).
// Pods deployed before that annotation existed are known by their topology and component labels
// (the main config setting, or the agents' one); any other pod is unknown (the caller falls back
// to fluentd.deploy.configFile). Pure; a hostile annotation can name nothing outside the workspace.
import { COMPONENT_LABEL, TOPOLOGY_LABEL } from '../labels';
import { BUNDLED_CONFIGS, type BundledConfig } from '../templates';
import { isTopologyId, topology } from '../topologies';

/** On each deployed pod (its template): the config that workload runs. */
export const CONFIG_ANNOTATION = 'vscode-fluentd/config';

export type PodConfigRef =
  /** A workspace file, '/'-separated, relative to the (first) workspace folder. */
  | { from: 'workspace'; path: string }
  /** A config bundled with the extension (under media/manifests). */
  | { from: 'bundled'; file: BundledConfig }
  /** Known only by its labels: the config setting its workload deploys from. */
  | { from: 'setting'; setting: 'configFile' | 'agentConfigFile' }
  | { from: 'unknown' };

/** The annotation's value for a workload's config; undefined when the workspace file has no relative name. */
export function configAnnotationValue(
  config: { from: 'workspace'; path?: string } | { from: 'bundled'; file: BundledConfig },
): string | undefined {
  if (config.from === 'bundled') return `bundled:${config.file}`;
  const path = config.path && safeRelative(config.path);
  return path ? `workspace:${path}` : undefined;
}

/** '/'-separated and inside its folder (no '..', not absolute), else undefined. */
function safeRelative(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  if (!p || p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.includes('\0')) return undefined;
  const segments = p.split('/');
  if (segments.some((s) => s === '..' || s === '')) return undefined;
  return segments.filter((s) => s !== '.').join('/') || undefined;
}

export interface PodMetadataView {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function podConfigRef(pod: PodMetadataView): PodConfigRef {
  const value = pod.annotations?.[CONFIG_ANNOTATION];
  const colon = value ? value.indexOf(':') : -1;
  if (value && colon > 0) {
    const kind = value.slice(0, colon);
    const rest = value.slice(colon + 1);
    if (kind === 'workspace') {
      const path = safeRelative(rest);
      if (path) return { from: 'workspace', path };
    }
    if (kind === 'bundled' && (BUNDLED_CONFIGS as readonly string[]).includes(rest))
      return { from: 'bundled', file: rest as BundledConfig };
  }
  const t = pod.labels?.[TOPOLOGY_LABEL];
  const role = pod.labels?.[COMPONENT_LABEL];
  if (isTopologyId(t)) {
    const w = topology(t).workloads.find((x) => x.role === role);
    if (w) return { from: 'setting', setting: w.config === 'agent' ? 'agentConfigFile' : 'configFile' };
  }
  return { from: 'unknown' };
}

/** A stable key per config, to share what is read of it between pods. */
export function podConfigKey(ref: PodConfigRef): string {
  switch (ref.from) {
    case 'workspace':
      return `workspace:${ref.path}`;
    case 'bundled':
      return `bundled:${ref.file}`;
    case 'setting':
      return `setting:${ref.setting}`;
    case 'unknown':
      return 'unknown';
  }
}
