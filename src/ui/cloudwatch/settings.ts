// Reads the fluentd.aws.* and fluentd.cloudwatch.* settings through the pure validators.
import * as vscode from 'vscode';
import { validateAwsSettings, validateCloudWatchSettings, type AwsSettings, type CloudWatchSettings } from '../../cloudwatch/settings';

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
  });
  return { aws: aws.value, cloudwatch: cw.value, problems: [...aws.problems, ...cw.problems] };
}

/** Writes a setting where the user most likely keeps it: the workspace when one is open. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('fluentd').update(key, value, target);
}

export function affectsCloudWatch(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('fluentd.aws') || e.affectsConfiguration('fluentd.cloudwatch');
}
