// Commands get the tree node they were invoked on; from the palette they get nothing.
import type { NodeOf, TreeNode } from '../../../cloudwatch/tree-model';
import type { CloudWatchSession } from '../session';

export type { NodeOf };

/** `arg` when it is a tree node of one of `kinds`. */
export function asNode<K extends TreeNode['kind']>(arg: unknown, ...kinds: K[]): NodeOf<K> | undefined {
  const node = arg as TreeNode | undefined;
  return node && typeof node === 'object' && (kinds as string[]).includes(node.kind) ? (node as NodeOf<K>) : undefined;
}

/** For commands that only make sense on a tree item: the node, or a hint where to find the command. */
export function nodeOf<K extends TreeNode['kind']>(cw: CloudWatchSession, arg: unknown, ...kinds: K[]): NodeOf<K> | undefined {
  const node = asNode(arg, ...kinds);
  if (!node) void cw.prompts.notify('info', 'Choose an item in the Fluentd › CloudWatch Logs view and use its context menu.');
  return node;
}
