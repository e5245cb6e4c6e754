// Choosing what to tail without the tree (the command palette): a log group, then a pod or a
// stream of it, from the same model the view shows; "More…" loads the next page.
import type { QuickPickItem } from 'vscode';
import { streamLabel } from '../../cloudwatch/stream-names';
import type { NodeOf, TreeNode } from '../../cloudwatch/tree-model';
import { nodeText } from '../../cloudwatch/tree-text';
import type { CloudWatchSession } from './session';

export const MORE_GROUPS = 'More log groups…';
export const MORE_STREAMS = 'More streams…';

interface NodeItem<N> extends QuickPickItem {
  node?: N;
}

/** Picks one of `nodes()`; "More…" (when `more()` says there is more) loads a page and asks again. */
async function pickFrom<N extends TreeNode>(
  cw: CloudWatchSession,
  nodes: () => Promise<{ nodes: N[]; more: boolean; problem?: string }>,
  toItem: (n: N) => QuickPickItem,
  placeHolder: string,
  moreLabel: string,
  loadMore: () => Promise<void>,
  none: string,
): Promise<N | undefined> {
  for (;;) {
    const found = await nodes();
    if (!found.nodes.length && !found.more) {
      void cw.prompts.notify(found.problem ? 'error' : 'info', found.problem ?? none);
      return undefined;
    }
    const items: NodeItem<N>[] = found.nodes.map((node) => ({ ...toItem(node), node }));
    if (found.more) items.push({ label: moreLabel });
    const picked = await cw.prompts.pick(items, placeHolder);
    if (!picked) return undefined;
    if (picked.node) return picked.node;
    await loadMore();
  }
}

const problemOf = (nodes: TreeNode[]) => nodes.find((n): n is NodeOf<'message'> => n.kind === 'message' && n.severity === 'error')?.text;

export function pickGroup(cw: CloudWatchSession, purpose: string): Promise<NodeOf<'group'> | undefined> {
  return pickFrom(
    cw,
    async () => {
      const roots = await cw.model.roots();
      return {
        nodes: roots.filter((n): n is NodeOf<'group'> => n.kind === 'group'),
        more: roots.some((n) => n.kind === 'loadMore'),
        problem: problemOf(roots),
      };
    },
    (n) => ({ label: n.group.logGroupName, description: nodeText(n, Date.now()).description }),
    `Log group ${purpose}`,
    MORE_GROUPS,
    () => cw.model.loadMore(),
    'No log groups here: check the region, profile and group filter of the Fluentd › CloudWatch Logs view.',
  );
}

/** The group's children, and whether it has more pages. */
async function groupChildren(cw: CloudWatchSession, group: NodeOf<'group'>) {
  const kids = await cw.model.children(group);
  return { kids, more: kids.some((n) => n.kind === 'loadMore'), problem: problemOf(kids) };
}

export function pickPod(cw: CloudWatchSession, group: NodeOf<'group'>): Promise<NodeOf<'pod'> | undefined> {
  return pickFrom(
    cw,
    async () => {
      const { kids, more, problem } = await groupChildren(cw, group);
      return { nodes: kids.filter((n): n is NodeOf<'pod'> => n.kind === 'pod'), more, problem };
    },
    (n) => ({ label: n.pod.pod, description: nodeText(n, Date.now()).description }),
    `Pod to tail (all its containers) in ${group.group.logGroupName}`,
    MORE_STREAMS,
    () => cw.model.loadMore(group.group),
    `No pod streams in ${group.group.logGroupName}.`,
  );
}

export function pickStream(cw: CloudWatchSession, group: NodeOf<'group'>): Promise<NodeOf<'stream'> | undefined> {
  return pickFrom(
    cw,
    async () => {
      const { kids, more, problem } = await groupChildren(cw, group);
      // every stream the tree shows under the group, one level down (pods, node services, others)
      const nested = await Promise.all(kids.filter((n) => n.kind !== 'notShipping').map((n) => cw.model.children(n)));
      return { nodes: nested.flat().filter((n): n is NodeOf<'stream'> => n.kind === 'stream'), more, problem };
    },
    (n) => ({
      label: streamLabel(n.stream.logStreamName),
      description: nodeText(n, Date.now()).description,
      detail: n.stream.logStreamName,
    }),
    `Stream to tail in ${group.group.logGroupName}`,
    MORE_STREAMS,
    () => cw.model.loadMore(group.group),
    `No streams in ${group.group.logGroupName}.`,
  );
}
