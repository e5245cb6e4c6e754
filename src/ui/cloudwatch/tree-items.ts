// How each tree node looks: label, icon, the contextValue the menus in package.json match on;
// the words (description, tooltip) come from cloudwatch/tree-text.ts.
import * as vscode from 'vscode';
import type { TreeNode } from '../../cloudwatch/tree-model';
import { nodeText } from '../../cloudwatch/tree-text';

export const CONTEXT = {
  group: 'fluentd.cw.group',
  pod: 'fluentd.cw.pod',
  stream: 'fluentd.cw.stream',
  notShippingPod: 'fluentd.cw.notShippingPod',
} as const;

export function toTreeItem(node: TreeNode, now = Date.now()): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'group':
      item = new vscode.TreeItem(node.group.logGroupName, C.Collapsed);
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = CONTEXT.group;
      break;
    case 'pod':
      item = new vscode.TreeItem(node.pod.pod, C.Collapsed);
      item.iconPath = new vscode.ThemeIcon(node.state === 'gone' ? 'debug-stackframe-dot' : 'package');
      item.contextValue = CONTEXT.pod;
      break;
    case 'stream': {
      item = new vscode.TreeItem(node.label, C.None);
      item.iconPath = new vscode.ThemeIcon('output');
      item.contextValue = CONTEXT.stream;
      item.command = { command: 'fluentd.cloudwatch.openHistory', title: 'Open Stream History', arguments: [node] };
      break;
    }
    case 'nodeServices':
      item = new vscode.TreeItem('node services', C.Collapsed);
      item.iconPath = new vscode.ThemeIcon('server');
      break;
    case 'otherStreams':
      item = new vscode.TreeItem('other streams', C.Collapsed);
      item.iconPath = new vscode.ThemeIcon('list-unordered');
      break;
    case 'notShipping':
      item = new vscode.TreeItem('not shipping logs', C.Collapsed);
      item.iconPath = new vscode.ThemeIcon('warning');
      break;
    case 'notShippingPod':
      item = new vscode.TreeItem(node.pod.name, C.None);
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
      item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : node.severity === 'loading' ? 'loading~spin' : 'info');
      break;
  }
  const text = nodeText(node, now);
  item.description = text.description;
  item.tooltip = text.tooltip;
  item.id = node.id;
  return item;
}
