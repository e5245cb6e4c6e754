// The config each Fluentd pod runs, as the places its problems go on: what the pod's deploy
// annotation names (a workspace file, or a config bundled with the extension), else the setting
// its workload deploys from (by its topology labels), else `fallback` (fluentd.deploy.configFile
// or the workspace's first fluent.conf). Each config is read once and shared by its pods. Pure:
// files come through a FileSystem, the settings through a function.
import { join } from 'node:path';
import type { FileSystem } from '../../language/file-system';
import { FluentdConfigLinks } from './config-link';
import { podConfigRef, type PodMetadataView } from './pod-config';

export interface PodConfigPlaces {
  /** The workspace folder the annotation's relative paths start from. */
  workspaceFolder?: string;
  /** media/manifests of the extension: where the bundled configs are. */
  manifestsDir?: string;
  /** The absolute path a config setting names, if set. */
  settingPath(key: 'configFile' | 'agentConfigFile'): string | undefined;
  /** The config when a pod names none. */
  fallback?: string;
}

/** The absolute path of the config a pod runs, if any. */
export function podConfigPath(pod: PodMetadataView, places: PodConfigPlaces): string | undefined {
  const ref = podConfigRef(pod);
  switch (ref.from) {
    case 'workspace':
      return places.workspaceFolder ? join(places.workspaceFolder, ...ref.path.split('/')) : places.fallback;
    case 'bundled':
      return places.manifestsDir ? join(places.manifestsDir, ...ref.file.split('/')) : places.fallback;
    case 'setting':
      return places.settingPath(ref.setting) ?? places.fallback;
    case 'unknown':
      return places.fallback;
  }
}

export class PodConfigLinks {
  private readonly read = new Map<string, FluentdConfigLinks | undefined>();

  constructor(
    readonly places: PodConfigPlaces,
    private readonly fs: FileSystem,
  ) {}

  linksFor(pod: PodMetadataView): FluentdConfigLinks | undefined {
    const path = podConfigPath(pod, this.places);
    if (!path) return undefined;
    if (!this.read.has(path)) this.read.set(path, FluentdConfigLinks.fromFile(path, this.fs));
    return this.read.get(path);
  }

  /** The configs read so far (their root files). */
  get roots(): string[] {
    return [...this.read.entries()].filter(([, l]) => l).map(([p]) => p);
  }

  /** True when `path` is one of the files of a config read so far; they are all read again on next use. */
  saved(path: string): boolean {
    const hit = [...this.read.values()].some((l) => l?.paths.includes(path));
    if (hit) this.read.clear();
    return hit;
  }
}
