// Reads the fluentd.aws.* and fluentd.cloudwatch.* settings through the pure validators.
import * as vscode from 'vscode';
import {
  settingTarget,
  validateAwsSettings,
  validateCloudWatchSettings,
  type AwsSettings,
  type CloudWatchSettings,
  type SettingTarget,
} from '../../cloudwatch/settings';

export interface CloudWatchConfig {
  aws: AwsSettings;
  cloudwatch: CloudWatchSettings;
  problems: string[];
}

export function readCloudWatchConfig(): CloudWatchConfig {
  const c = vscode.workspace.getConfiguration('fluentd');
  const aws = validateAwsSettings({ region: c.get('aws.region'), profile: c.get('aws.profile'), endpoint: c.get('aws.endpoint') });
  const cw = validateCloudWatchSettings({
    logGroupPrefix: c.get('cloudwatch.logGroupPrefix'),
    tailMode: c.get('cloudwatch.tailMode'),
    pollIntervalMs: c.get('cloudwatch.pollIntervalMs'),
    jsonMessages: c.get('cloudwatch.jsonMessages'),
  });
  return { aws: aws.value, cloudwatch: cw.value, problems: [...aws.problems, ...cw.problems] };
}

/** Writes a setting that belongs to the project (the log group prefix): the workspace when one is open. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('fluentd').update(key, value, target);
}

export function affectsCloudWatch(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('fluentd.aws') || e.affectsConfiguration('fluentd.cloudwatch');
}

/** Settings package.json lists as restricted: in Restricted Mode VS Code ignores the workspace's value. */
function isRestricted(context: vscode.ExtensionContext, key: string): boolean {
  const restricted: unknown = context.extension.packageJSON?.capabilities?.untrustedWorkspaces?.restrictedConfigurations;
  return Array.isArray(restricted) && restricted.includes(`fluentd.${key}`);
}

/**
 * Writes a setting that belongs to the user (AWS region and profile, how tails look) into the
 * user settings, unless the workspace sets it and would override them (see settingTarget).
 * Returns where it went, so the caller can say so.
 */
export async function updateUserSetting(context: vscode.ExtensionContext, key: string, value: unknown): Promise<SettingTarget> {
  const config = vscode.workspace.getConfiguration('fluentd');
  const target = settingTarget(config.inspect(key)?.workspaceValue, {
    trusted: vscode.workspace.isTrusted,
    restricted: isRestricted(context, key),
  });
  await config.update(key, value, target === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
  return target;
}

export function targetText(target: SettingTarget): string {
  return target === 'user' ? 'your user settings' : "this workspace's settings (.vscode/settings.json), which set it already";
}
