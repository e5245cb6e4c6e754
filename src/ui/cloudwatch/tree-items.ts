// How each tree node looks: label, description (namespace, container, last event, size),
// tooltip, icon, and the contextValue the menus in package.json match on.
import * as vscode from 'vscode';
import type { TreeNode } from '../../cloudwatch/tree-model';
import { lastActivity } from '../../cloudwatch/pod-grouping';

export const CONTEXT = {
  group: 'fluentd.cw.group',
  pod: 'fluentd.cw.pod',
  stream: 'fluentd.cw.stream',
  notShippingPod: 'fluentd.cw.notShippingPod',
} as const;

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

/** "5 s ago", "3 min ago", "2 h ago", "4 d ago" */
export function ago(ts: number | undefined, now = Date.now()): string {
  if (ts === undefined) return 'no events';
  const s = Math.max(0, Math.round((now - ts) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

const join = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' · ');

export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'group':
      item = new vscode.TreeItem(node.group.logGroupName, C.Collapsed);
      item.description = formatBytes(node.group.storedBytes);
      item.tooltip = join(
        node.group.logGroupArn,
        node.group.retentionInDays ? `retention ${node.group.retentionInDays} d` : 'never expires',
      );
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = CONTEXT.group;
      break;
    case 'pod':
      item = new vscode.TreeItem(node.pod.pod, C.Collapsed);
      item.description = join(node.pod.namespace, node.state, ago(node.pod.lastEventTimestamp), formatBytes(node.pod.storedBytes));
      item.tooltip = `${node.pod.key}\ncontainers: ${node.pod.containers.join(', ')}\n${node.pod.streams.length} stream(s)${node.state ? `\n${node.state === 'running' ? 'running in the current kube context' : 'not running in the current kube context'}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(node.state === 'gone' ? 'debug-stackframe-dot' : 'package');
      item.contextValue = CONTEXT.pod;
      break;
    case 'stream': {
      item = new vscode.TreeItem(node.label, C.None);
      item.description = join(node.detail, ago(lastActivity(node.stream)), formatBytes(node.stream.storedBytes));
      item.tooltip = node.stream.logStreamName;
      item.iconPath = new vscode.ThemeIcon('output');
      item.contextValue = CONTEXT.stream;
      item.command = { command: 'fluentd.cloudwatch.openHistory', title: 'Open Stream History', arguments: [node] };
      break;
    }
    case 'nodeServices':
      item = new vscode.TreeItem('node services', C.Collapsed);
      item.description = `${node.items.length} stream(s)`;
      item.iconPath = new vscode.ThemeIcon('server');
      break;
    case 'otherStreams':
      item = new vscode.TreeItem('other streams', C.Collapsed);
      item.description = `${node.items.length} stream(s)`;
      item.iconPath = new vscode.ThemeIcon('list-unordered');
      break;
    case 'notShipping':
      item = new vscode.TreeItem('not shipping logs', C.Collapsed);
      item.tooltip = 'Running pods of the current kube context with no stream in this group';
      item.iconPath = new vscode.ThemeIcon('warning');
      break;
    case 'notShippingPod':
      item = new vscode.TreeItem(node.pod.name, C.None);
      item.description = join(
        node.pod.namespace,
        node.missingContainers ? `missing: ${node.missingContainers.join(', ')}` : 'no stream',
        node.pod.nodeName,
      );
      item.iconPath = new vscode.ThemeIcon('circle-slash');
      item.contextValue = CONTEXT.notShippingPod;
      break;
    case 'loadMore':
      item = new vscode.TreeItem('Load more…', C.None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: 'fluentd.cloudwatch.loadMore', title: 'Load more', arguments: [node] };
      break;
    case 'message':
      item = new vscode.TreeItem(node.text, C.None);
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : node.severity === 'loading' ? 'loading~spin' : 'info');
      break;
  }
  item.id = node.id;
  return item;
}
