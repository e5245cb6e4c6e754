import { COMMON_REGIONS, listProfiles } from '../../../cloudwatch/aws-profiles';
import type { CloudWatchSession } from '../session';
import { updateSetting } from '../settings';

const DEFAULT_CHAIN = '(default credential chain)';
const OTHER_REGION = 'Other region…';

/** Pick the AWS profile and region the explorer uses (fluentd.aws.profile / fluentd.aws.region). */
export async function chooseRegionProfileCommand(cw: CloudWatchSession): Promise<void> {
  const current = cw.config.aws;
  const profiles = await listProfiles();
  const profile = await cw.prompts.pick(
    [
      { label: DEFAULT_CHAIN, description: 'environment, AWS_PROFILE, SSO, web identity (IRSA), instance metadata' },
      ...profiles.map((p) => ({ label: p, description: p === current.profile ? 'current' : undefined })),
    ],
    `AWS profile (now: ${current.profile ?? DEFAULT_CHAIN})`,
  );
  if (!profile) return;
  const regionNow = current.region ?? (await cw.region());
  const regions = [...new Set([...(regionNow ? [regionNow] : []), ...COMMON_REGIONS])];
  const picked = await cw.prompts.pick(
    [...regions.map((r) => ({ label: r, description: r === regionNow ? 'current' : undefined })), { label: OTHER_REGION }],
    `AWS region (now: ${regionNow ?? 'none'})`,
  );
  if (!picked) return;
  let region = picked.label;
  if (region === OTHER_REGION) {
    const typed = await cw.prompts.input('AWS region, e.g. eu-south-2', regionNow ?? '');
    if (!typed?.trim()) return;
    region = typed.trim();
  }
  await updateSetting('aws.profile', profile.label === DEFAULT_CHAIN ? undefined : profile.label);
  await updateSetting('aws.region', region);
}
