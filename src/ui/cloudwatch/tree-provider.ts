// The CloudWatch Logs view's data provider: the model decides what is shown, tree-items.ts how.
import * as vscode from 'vscode';
import type { CloudWatchTreeModel, TreeNode } from '../../cloudwatch/tree-model';
import { toTreeItem } from './tree-items';

export class CloudWatchTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly unsubscribe: () => void;

  constructor(private readonly model: CloudWatchTreeModel) {
    // redraw from the root: the model answers from what it already loaded (no requests), and
    // the model's node objects are rebuilt on each call, so firing one node would not match
    this.unsubscribe = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return node ? this.model.children(node) : this.model.roots();
  }

  dispose(): void {
    this.unsubscribe();
    this.emitter.dispose();
  }
}
