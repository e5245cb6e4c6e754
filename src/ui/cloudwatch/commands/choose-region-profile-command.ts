import { COMMON_REGIONS, listProfiles } from '../../../cloudwatch/aws-profiles';
import type { CloudWatchSession } from '../session';
import { targetText, updateUserSetting } from '../settings';

const DEFAULT_CHAIN = '(default credential chain)';
const OTHER_REGION = 'Other region…';

/**
 * Pick the AWS profile and region the explorer uses (fluentd.aws.profile / fluentd.aws.region).
 * They are the user's, not the project's: written to the user settings (where a Restricted Mode
 * workspace cannot override the profile), and the message says where they went.
 */
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
  const profileName = profile.label === DEFAULT_CHAIN ? undefined : profile.label;
  const profileAt = await updateUserSetting(cw.context, 'aws.profile', profileName);
  const regionAt = await updateUserSetting(cw.context, 'aws.region', region);
  const what = `AWS profile ${profileName ? `"${profileName}"` : DEFAULT_CHAIN}`;
  const message =
    profileAt === regionAt
      ? `Fluentd: ${what} and region ${region} saved in ${targetText(profileAt)}.`
      : `Fluentd: ${what} saved in ${targetText(profileAt)}; region ${region} in ${targetText(regionAt)}.`;
  void cw.prompts.notify('info', message);
}
