// Reads fluentd.deploy.* into the pure DeploySettings, and the workspace config files to deploy.
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { collectConfigFiles, withDefaults, type ConfigFile, type DeploySettings } from '../../kube';
import { nodeFileSystem } from '../../language/node-file-system';

export function readDeploySettings(): DeploySettings {
  const c = vscode.workspace.getConfiguration('fluentd.deploy');
  return withDefaults({
    namespace: c.get<string>('namespace'),
    clusterName: c.get<string>('clusterName'),
    region: c.get<string>('region'),
    logGroupPrefix: c.get<string>('logGroupPrefix'),
    image: c.get<string>('image'),
    roleArn: c.get<string>('roleArn'),
  });
}

export function rolloutTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('fluentd.deploy').get<number>('rolloutTimeoutSeconds') ?? 300;
  return Math.max(10, seconds) * 1000;
}

/** The file fluentd.deploy.configFile names (relative to the first workspace folder), or undefined for the bundled default. */
export function configFilePath(): string | undefined {
  const setting = vscode.workspace.getConfiguration('fluentd.deploy').get<string>('configFile')?.trim();
  if (!setting) return undefined;
  if (isAbsolute(setting)) return setting;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error(`fluentd.deploy.configFile "${setting}" is relative, but no folder is open.`);
  return join(folder.uri.fsPath, setting);
}

/** The config to deploy and where it comes from (for the confirmation). */
export function readDeployConfig(): { files?: ConfigFile[]; source: string } {
  const path = configFilePath();
  if (!path) return { source: 'the bundled default fluent.conf' };
  const files = collectConfigFiles(path, nodeFileSystem);
  return { files, source: files.length > 1 ? `${path} (+${files.length - 1} included file(s))` : path };
}
