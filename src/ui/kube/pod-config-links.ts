// The config each Fluentd pod runs, as the places its problems go on: what the pod's deploy
// annotation names (a workspace file, or a config bundled with the extension), else the setting
// its workload deploys from (by its topology labels), else `fallback` (fluentd.deploy.configFile
// or the workspace's first fluent.conf). Each config is read once and shared by its pods.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FluentdConfigLinks, podConfigRef, type PodInfo } from '../../kube';
import { nodeFileSystem } from '../../language/node-file-system';
import { configSettingPath } from './settings';

export class PodConfigLinks {
  private readonly read = new Map<string, FluentdConfigLinks | undefined>();

  constructor(
    /** The config when a pod names none. */
    readonly fallback: string | undefined,
    /** media/manifests of the extension: where the bundled configs are. */
    private readonly manifestsDir: string | undefined,
  ) {}

  /** The absolute path of the config a pod runs, if any. */
  pathFor(pod: Pick<PodInfo, 'labels' | 'annotations'>): string | undefined {
    const ref = podConfigRef(pod);
    switch (ref.from) {
      case 'workspace': {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
        return folder ? join(folder, ...ref.path.split('/')) : this.fallback;
      }
      case 'bundled':
        return this.manifestsDir ? join(this.manifestsDir, ...ref.file.split('/')) : this.fallback;
      case 'setting':
        return configSettingPath(ref.setting) ?? this.fallback;
      case 'unknown':
        return this.fallback;
    }
  }

  linksFor(pod: Pick<PodInfo, 'labels' | 'annotations'>): FluentdConfigLinks | undefined {
    const path = this.pathFor(pod);
    return path ? this.links(path) : undefined;
  }

  links(path: string): FluentdConfigLinks | undefined {
    if (!this.read.has(path)) this.read.set(path, FluentdConfigLinks.fromFile(path, nodeFileSystem));
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
