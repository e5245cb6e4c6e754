import type { CloudWatchSession } from '../session';
import { nodeOf } from './node-args';

/** Copy the ARN of a log group or stream (what IAM policies and other tools want). */
export async function copyArnCommand(cw: CloudWatchSession, arg?: unknown): Promise<void> {
  const node = nodeOf(cw, arg, 'group', 'stream');
  if (!node) return;
  const groupArn = node.group.logGroupArn;
  const arn =
    node.kind === 'group' ? groupArn : (node.stream.arn ?? (groupArn ? `${groupArn}:log-stream:${node.stream.logStreamName}` : undefined));
  if (!arn) {
    await cw.prompts.notify('warning', 'CloudWatch did not return an ARN for this item.');
    return;
  }
  await cw.prompts.copy(arn);
}
