import { streamLabel } from '../../../cloudwatch/stream-names';
import { pickGroup, pickStream } from '../pickers';
import type { CloudWatchSession } from '../session';
import type { TailManager } from '../tail-manager';
import { asNode } from './node-args';

/** Tail one stream into its own output channel; from the palette, pick it. */
export async function tailStreamCommand(cw: CloudWatchSession, tails: TailManager, arg?: unknown): Promise<void> {
  let node = asNode(arg, 'stream');
  if (!node) {
    const group = await pickGroup(cw, 'of the stream');
    node = group && (await pickStream(cw, group));
  }
  if (!node) return;
  tails.start(streamLabel(node.stream.logStreamName), {
    logGroupName: node.group.logGroupName,
    logGroupArn: node.group.logGroupArn,
    logStreamNames: [node.stream.logStreamName],
  });
}
