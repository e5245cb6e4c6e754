import type { CloudWatchSession } from '../session';
import { nodeOf } from './node-args';

/** Copy the name of a log group, pod (namespace/pod) or stream. */
export async function copyNameCommand(cw: CloudWatchSession, arg?: unknown): Promise<void> {
  const node = nodeOf(cw, arg, 'group', 'pod', 'stream', 'notShippingPod');
  if (!node) return;
  const text =
    node.kind === 'group'
      ? node.group.logGroupName
      : node.kind === 'pod'
        ? node.pod.key
        : node.kind === 'stream'
          ? node.stream.logStreamName
          : `${node.pod.namespace}/${node.pod.name}`;
  await cw.prompts.copy(text);
}
