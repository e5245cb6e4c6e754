// Fluentd: Copy IAM Policy — the least-privilege policy for the AWS outputs (CloudWatch Logs,
// Kinesis, Firehose, signed OpenSearch, S3) of a topology's configs (asked, the last used first).
import * as vscode from 'vscode';
import { policyForDeployment, renderDeployment, type IamPolicy } from '../../kube';
import type { KubeSession } from './session';
import { readDeployInput } from './settings';

export async function copyIamPolicyCommand(session: KubeSession): Promise<IamPolicy | undefined> {
  if (!(await session.requireTrust())) return undefined;
  const topology = await session.pickTopology('copy the IAM policy of');
  if (!topology) return undefined;
  try {
    const { input } = readDeployInput(session.templates, topology);
    const deployment = renderDeployment(input);
    const policy = policyForDeployment(deployment);
    if (!policy.Statement.length) {
      void session.prompts.notify('warning', 'The config has no output that signs AWS requests, so it needs no IAM permissions.');
      return policy;
    }
    const json = JSON.stringify(policy, null, 2);
    await vscode.env.clipboard.writeText(json);
    const who = deployment.workloads.find((w) => w.credentials)?.credentials?.summary ?? 'the role Fluentd runs as';
    session.log(`\n=== IAM policy (${deployment.topology.label}; credentials: ${who}) ===\n${json}`);
    const actions = policy.Statement.flatMap((s) => s.Action);
    void session.prompts.notify('info', `IAM policy copied: ${[...new Set(actions)].join(', ')}.`);
    return policy;
  } catch (err) {
    session.reportError('Copy IAM Policy', err);
    return undefined;
  }
}
