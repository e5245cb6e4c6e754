// The words of the CloudWatch Logs tree, without VS Code: descriptions lead with what matters
// (a pod's state and its last event) so they survive a narrow sidebar, and relative times say
// when they next change, so the view can redraw them then instead of showing "1 s ago" forever.
import { lastActivity } from './pod-grouping';
import type { TreeNode } from './tree-model';

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "40 s ago", "3 min ago", "2 h ago", "4 d ago": coarse, so it changes seldom */
export function ago(ts: number | undefined, now: number): string {
  if (ts === undefined) return 'no events';
  const age = Math.max(0, now - ts);
  if (age < 10_000) return 'just now';
  if (age < MINUTE) return `${Math.floor(age / 10_000) * 10} s ago`;
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`;
  return `${Math.floor(age / DAY)} d ago`;
}

/** When `ago(ts, ·)` reads differently from what it reads at `now` (undefined: never). */
export function agoChangesAt(ts: number | undefined, now: number): number | undefined {
  if (ts === undefined) return undefined;
  const age = Math.max(0, now - ts);
  const step = age < MINUTE ? 10_000 : age < HOUR ? MINUTE : age < DAY ? HOUR : DAY;
  return ts + (Math.floor(age / step) + 1) * step;
}

export interface NodeText {
  description?: string;
  tooltip?: string;
}

/** The time a node shows as a relative time, if any. */
export function shownTime(node: TreeNode): number | undefined {
  return node.kind === 'pod' ? node.pod.lastEventTimestamp : node.kind === 'stream' ? lastActivity(node.stream) : undefined;
}

const join = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' · ');
const absolute = (ts: number | undefined) => (ts === undefined ? 'no events yet' : `last event ${new Date(ts).toLocaleString()}`);

/** Description and tooltip of a node, for the view at time `now`. */
export function nodeText(node: TreeNode, now: number): NodeText {
  switch (node.kind) {
    case 'group':
      return {
        description: formatBytes(node.group.storedBytes),
        tooltip: join(node.group.logGroupArn, node.group.retentionInDays ? `retention ${node.group.retentionInDays} d` : 'never expires'),
      };
    case 'pod': {
      const last = shownTime(node);
      const state =
        node.state === undefined
          ? ''
          : node.state === 'running'
            ? 'running in the current kube context'
            : 'not running in the current kube context';
      return {
        description: join(node.state, ago(last, now), node.pod.namespace, formatBytes(node.pod.storedBytes)),
        tooltip: [
          node.pod.key,
          absolute(last),
          `containers: ${node.pod.containers.join(', ')}`,
          `${node.pod.streams.length} stream(s)`,
          state,
        ]
          .filter(Boolean)
          .join('\n'),
      };
    }
    case 'stream': {
      const last = shownTime(node);
      return {
        description: join(ago(last, now), node.detail, formatBytes(node.stream.storedBytes)),
        tooltip: `${node.stream.logStreamName}\n${absolute(last)}`,
      };
    }
    case 'nodeServices':
    case 'otherStreams':
      return { description: `${node.items.length} stream(s)` };
    case 'notShipping':
      return { tooltip: 'Running pods of the current kube context with no stream in this group' };
    case 'notShippingPod':
      return {
        description: join(
          node.missingContainers ? `missing: ${node.missingContainers.join(', ')}` : 'no stream',
          node.pod.namespace,
          node.pod.nodeName,
        ),
        tooltip: `${node.pod.namespace}/${node.pod.name}${node.pod.nodeName ? ` on ${node.pod.nodeName}` : ''}`,
      };
    case 'message':
      return { tooltip: node.tooltip };
    default:
      return {};
  }
}
