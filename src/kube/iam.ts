// Copy IAM Policy: the policy for the config that a deploy with these settings would ship.
import { type ConfigFile } from './config-files';
import { iamPolicy, type IamPolicy } from './iam-policy';
import { cloudWatchOutputs } from './iam-scan';
import { deployEnv, type DeploySettings } from './settings';

export function policyForDeploy(config: readonly ConfigFile[], settings: DeploySettings, opts: { account?: string } = {}): IamPolicy {
  const outputs = cloudWatchOutputs(config, deployEnv(settings));
  return iamPolicy(outputs, { region: settings.region || undefined, account: opts.account });
}
