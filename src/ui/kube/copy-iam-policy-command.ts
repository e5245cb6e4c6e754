// Fluentd: Copy IAM Policy — the least-privilege policy for the config's CloudWatch outputs.
import * as vscode from 'vscode';
import { effectiveConfig, policyForDeploy, type IamPolicy } from '../../kube';
import type { KubeSession } from './session';
import { readDeployConfig, readDeploySettings } from './settings';

export async function copyIamPolicyCommand(session: KubeSession): Promise<IamPolicy | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const settings = readDeploySettings();
    const config = effectiveConfig({ templates: session.templates, config: readDeployConfig().files });
    const policy = policyForDeploy(config, settings);
    if (!policy.Statement.length) {
      void session.prompts.notify('warning', 'The config has no cloudwatch_logs output, so it needs no CloudWatch Logs permissions.');
      return policy;
    }
    const json = JSON.stringify(policy, null, 2);
    await vscode.env.clipboard.writeText(json);
    session.log(`\n=== IAM policy (${settings.roleArn ? `for ${settings.roleArn}` : 'attach to the role Fluentd runs as'}) ===\n${json}`);
    const actions = policy.Statement.flatMap((s) => s.Action);
    void session.prompts.notify('info', `IAM policy copied: ${[...new Set(actions)].join(', ')}.`);
    return policy;
  } catch (err) {
    session.reportError('Copy IAM Policy', err);
    return undefined;
  }
}
