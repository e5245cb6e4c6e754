// Log groups, one DescribeLogGroups page at a time, filtered by the prefix setting.
import { paginateDescribeLogGroups, type CloudWatchLogsClient, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { Pager, type PageSource } from './pager';
import type { GroupInfo } from './types';

export function toGroupInfo(g: LogGroup): GroupInfo {
  return {
    logGroupName: g.logGroupName ?? '',
    // older responses only carry `arn`, which ends in ":*"
    logGroupArn: g.logGroupArn ?? g.arn?.replace(/:\*$/, ''),
    creationTime: g.creationTime,
    storedBytes: g.storedBytes,
    retentionInDays: g.retentionInDays,
  };
}

export function logGroupPager(client: CloudWatchLogsClient, opts: { prefix?: string; pageSize?: number } = {}): PageSource<GroupInfo> {
  return new Pager(
    () => paginateDescribeLogGroups({ client, pageSize: opts.pageSize ?? 50 }, opts.prefix ? { logGroupNamePrefix: opts.prefix } : {}),
    (page) => ({ items: (page.logGroups ?? []).map(toGroupInfo), nextToken: page.nextToken }),
    'DescribeLogGroups',
  );
}
