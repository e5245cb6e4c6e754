// Streams of one group, newest activity first, one DescribeLogStreams page (≤ 50) at a time.
import { paginateDescribeLogStreams, type CloudWatchLogsClient, type LogStream } from '@aws-sdk/client-cloudwatch-logs';
import { Pager, type PageSource } from './pager';
import type { StreamInfo } from './types';

export function toStreamInfo(s: LogStream): StreamInfo {
  return {
    logStreamName: s.logStreamName ?? '',
    arn: s.arn,
    creationTime: s.creationTime,
    firstEventTimestamp: s.firstEventTimestamp,
    lastEventTimestamp: s.lastEventTimestamp,
    lastIngestionTime: s.lastIngestionTime,
    storedBytes: s.storedBytes,
  };
}

export interface StreamPagerOptions {
  pageSize?: number;
  /** names starting with this (the API cannot combine it with newest-first ordering) */
  prefix?: string;
}

export function logStreamPager(client: CloudWatchLogsClient, logGroupName: string, opts: StreamPagerOptions = {}): PageSource<StreamInfo> {
  const input = opts.prefix
    ? { logGroupName, logStreamNamePrefix: opts.prefix }
    : { logGroupName, orderBy: 'LastEventTime' as const, descending: true };
  return new Pager(
    () => paginateDescribeLogStreams({ client, pageSize: Math.min(opts.pageSize ?? 50, 50) }, input),
    (page) => ({ items: (page.logStreams ?? []).map(toStreamInfo), nextToken: page.nextToken }),
    'DescribeLogStreams',
  );
}

/** Pulls pages until the pager is exhausted or `maxItems` are collected. */
export async function drainPager<T>(
  pager: { next(): Promise<{ items: T[]; hasMore: boolean }> },
  maxItems = Infinity,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  for (;;) {
    const page = await pager.next();
    items.push(...page.items);
    if (!page.hasMore) return { items, complete: true };
    if (items.length >= maxItems) return { items, complete: false };
  }
}
