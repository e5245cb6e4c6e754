import type { TreeNode } from '../../../cloudwatch/tree-model';
import type { CloudWatchSession } from '../session';

/** The "Load more…" node: next page of groups, or of the streams of its group. */
export async function loadMoreCommand(cw: CloudWatchSession, node?: TreeNode): Promise<void> {
  await cw.model.loadMore(node?.kind === 'loadMore' ? node.group : undefined);
}
