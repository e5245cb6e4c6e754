// Copy IAM Policy and the deploy summary: the policy for the configs a deploy would ship, each
// resolved with the environment its workload gets.
import { type ConfigFile } from './config-files';
import { destinationsPolicy, type IamPolicy } from './iam-policy';
import type { AwsDestinations } from './iam-destinations';
import { awsDestinations } from './iam-scan';
import type { RenderedDeployment } from './render';
import { deployEnv, type DeploySettings } from './settings';

/** The node agent's policy for a config (the CloudWatch topology's environment). */
export function policyForDeploy(config: readonly ConfigFile[], settings: DeploySettings, opts: { account?: string } = {}): IamPolicy {
  return destinationsPolicy(awsDestinations(config, deployEnv(settings)), { region: settings.region || undefined, account: opts.account });
}

/** The policy the AWS-facing workloads of a rendered deploy need (empty Statement: none). */
export function policyForDeployment(d: RenderedDeployment, opts: { account?: string } = {}): IamPolicy {
  const all: AwsDestinations = { cloudwatch: [], kinesis: [], firehose: [], opensearch: [], s3: [] };
  for (const w of d.workloads) {
    if (!w.def.aws) continue;
    const found = awsDestinations(w.config, w.env);
    for (const k of Object.keys(all) as (keyof AwsDestinations)[]) (all[k] as unknown[]).push(...found[k]);
  }
  return destinationsPolicy(all, { region: d.settings.region || undefined, account: opts.account });
}
