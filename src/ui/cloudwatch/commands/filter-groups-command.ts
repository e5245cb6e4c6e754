import type { CloudWatchSession } from '../session';
import { updateSetting } from '../settings';

/** Ask for the log group prefix (e.g. /eks/<cluster>/) and store it in fluentd.cloudwatch.logGroupPrefix. */
export async function filterGroupsCommand(cw: CloudWatchSession): Promise<void> {
  const value = await cw.prompts.input(
    'Show log groups whose name starts with (empty: all groups)',
    cw.config.cloudwatch.logGroupPrefix,
    '/eks/my-cluster/',
  );
  if (value === undefined) return;
  // the configuration listener rebuilds the tree with the new prefix
  await updateSetting('cloudwatch.logGroupPrefix', value.trim());
}
