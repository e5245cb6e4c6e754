import { MAX_STREAM_NAMES } from '../../../cloudwatch/poll-tail';
import { pickGroup, pickPod } from '../pickers';
import type { CloudWatchSession } from '../session';
import type { TailManager } from '../tail-manager';
import { asNode } from './node-args';

/** Tail every stream of a pod (all its containers, restarts included) into one channel; from the palette, pick it. */
export async function tailPodCommand(cw: CloudWatchSession, tails: TailManager, arg?: unknown): Promise<void> {
  let node = asNode(arg, 'pod');
  if (!node) {
    const group = await pickGroup(cw, 'of the pod');
    node = group && (await pickPod(cw, group));
  }
  if (!node) return;
  // newest streams first: a pod restarted more than 100 times keeps its current ones
  const names = node.pod.streams.slice(0, MAX_STREAM_NAMES).map((s) => s.stream.logStreamName);
  tails.start(node.pod.pod, { logGroupName: node.group.logGroupName, logGroupArn: node.group.logGroupArn, logStreamNames: names });
}
