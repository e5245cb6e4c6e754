// Reads fluentd.deploy.* into the pure DeploySettings, and the workspace config files to deploy.
import { isAbsolute, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { collectConfigFiles, withDefaults, type ConfigFile, type DeploySettings, type TopologyId } from '../../kube';
import { nodeFileSystem } from '../../language/node-file-system';

export function readDeploySettings(): DeploySettings {
  const c = vscode.workspace.getConfiguration('fluentd.deploy');
  return withDefaults({
    namespace: c.get<string>('namespace'),
    clusterName: c.get<string>('clusterName'),
    region: c.get<string>('region'),
    logGroupPrefix: c.get<string>('logGroupPrefix'),
    image: c.get<string>('image'),
    agentImage: c.get<string>('agentImage'),
    roleArn: c.get<string>('roleArn'),
    credentials: c.get<DeploySettings['credentials']>('credentials'),
    awsKeysSecret: c.get<string>('awsKeysSecret'),
    replicas: c.get<number>('replicas'),
    kinesisOutput: c.get<DeploySettings['kinesisOutput']>('kinesis.output'),
    kinesisStream: c.get<string>('kinesis.streamName'),
    sharedKeySecret: c.get<string>('forward.sharedKeySecret'),
    tlsSecret: c.get<string>('forward.tlsSecret'),
    searchOutput: c.get<DeploySettings['searchOutput']>('opensearch.output'),
    searchEndpoint: c.get<string>('opensearch.endpoint'),
    searchSecret: c.get<string>('opensearch.credentialsSecret'),
    syslogServiceType: c.get<DeploySettings['syslogServiceType']>('syslog.serviceType'),
  });
}

export function rolloutTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('fluentd.deploy').get<number>('rolloutTimeoutSeconds') ?? 300;
  return Math.max(10, seconds) * 1000;
}

/** A file setting (relative to the first workspace folder), or undefined for the bundled config. */
function settingPath(key: 'configFile' | 'agentConfigFile'): string | undefined {
  const setting = vscode.workspace.getConfiguration('fluentd.deploy').get<string>(key)?.trim();
  if (!setting) return undefined;
  if (isAbsolute(setting)) return setting;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error(`fluentd.deploy.${key} "${setting}" is relative, but no folder is open.`);
  return join(folder.uri.fsPath, setting);
}

/** The file fluentd.deploy.configFile names, or undefined for the bundled default. */
export function configFilePath(): string | undefined {
  return settingPath('configFile');
}

/** The file fluentd.deploy.configFile or agentConfigFile names, or undefined (bundled, or a relative path with no folder). */
export function configSettingPath(key: 'configFile' | 'agentConfigFile'): string | undefined {
  try {
    return settingPath(key);
  } catch {
    return undefined;
  }
}

export interface DeployConfigs {
  /** The main workload's config (fluentd.deploy.configFile); undefined = bundled. */
  files?: ConfigFile[];
  /** The forward topology's agents' config (fluentd.deploy.agentConfigFile); undefined = bundled. */
  agentFiles?: ConfigFile[];
  /** Absolute paths of the main files, for the summary. */
  sources: { main?: string; agent?: string };
  /** The same relative to the workspace folder, as the pods' config annotation names them. */
  names: { main?: string; agent?: string };
  /** One line for messages. */
  source: string;
}

/** The workspace configs to deploy (every @include collected), or the bundled ones. */
export function readDeployConfig(): DeployConfigs {
  const main = settingPath('configFile');
  const agent = settingPath('agentConfigFile');
  const files = main ? collectConfigFiles(main, nodeFileSystem) : undefined;
  const agentFiles = agent ? collectConfigFiles(agent, nodeFileSystem) : undefined;
  const describe = (path: string, f: ConfigFile[]) =>
    f.length > 1
      ? `${path} (+ ${f
          .slice(1)
          .map((x) => x.path)
          .join(', ')})`
      : path;
  const parts = [
    main && files ? describe(main, files) : 'the bundled config',
    ...(agent && agentFiles ? [`agents: ${describe(agent, agentFiles)}`] : []),
  ];
  return {
    files,
    agentFiles,
    sources: { main, agent },
    names: { main: workspaceName(main), agent: workspaceName(agent) },
    source: parts.join('; '),
  };
}

/** What a topology is rendered from now: the settings and the workspace configs (Deploy, Preview, Export, IAM policy). */
export function readDeployInput<Templates>(templates: Templates, topology: TopologyId) {
  const configs = readDeployConfig();
  const input = {
    settings: readDeploySettings(),
    templates,
    topology,
    config: configs.files,
    agentConfig: configs.agentFiles,
    configNames: configs.names,
  };
  return { configs, input };
}

/** A path relative to the first workspace folder ('/'-separated); undefined outside it. */
function workspaceName(path: string | undefined): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!path || !folder) return undefined;
  const rel = relative(folder, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
}
