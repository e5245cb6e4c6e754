import { streamLabel } from '../../../cloudwatch/stream-names';
import type { CloudWatchSession } from '../session';
import type { TailManager } from '../tail-manager';
import { nodeOf } from './node-args';

/** Tail one stream into its own output channel. */
export function tailStreamCommand(cw: CloudWatchSession, tails: TailManager, arg?: unknown): void {
  const node = nodeOf(cw, arg, 'stream');
  if (!node) return;
  tails.start(streamLabel(node.stream.logStreamName), {
    logGroupName: node.group.logGroupName,
    logGroupArn: node.group.logGroupArn,
    logStreamNames: [node.stream.logStreamName],
  });
}
