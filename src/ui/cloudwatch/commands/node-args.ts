// Commands get the tree node they were invoked on; from the palette they get nothing.
import type { TreeNode } from '../../../cloudwatch/tree-model';
import type { CloudWatchSession } from '../session';

export type NodeOf<K extends TreeNode['kind']> = Extract<TreeNode, { kind: K }>;

export function nodeOf<K extends TreeNode['kind']>(cw: CloudWatchSession, arg: unknown, ...kinds: K[]): NodeOf<K> | undefined {
  const node = arg as TreeNode | undefined;
  if (node && typeof node === 'object' && (kinds as string[]).includes(node.kind)) return node as NodeOf<K>;
  void cw.prompts.notify('info', 'Choose an item in the Fluentd › CloudWatch Logs view and use its context menu.');
  return undefined;
}
