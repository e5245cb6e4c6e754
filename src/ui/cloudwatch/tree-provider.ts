// The CloudWatch Logs view's data provider: the model decides what is shown, tree-items.ts how.
// Relative times ("3 min ago") are redrawn when the first of them shown would read differently.
import * as vscode from 'vscode';
import type { CloudWatchTreeModel, TreeNode } from '../../cloudwatch/tree-model';
import { agoChangesAt, shownTime } from '../../cloudwatch/tree-text';
import { toTreeItem } from './tree-items';

export class CloudWatchTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly unsubscribe: () => void;
  private timer: NodeJS.Timeout | undefined;
  /** when the scheduled redraw happens (undefined: none scheduled) */
  redrawAt: number | undefined;
  /** redraws done only because a relative time changed (for tests) */
  timeRedraws = 0;

  constructor(private readonly model: CloudWatchTreeModel) {
    // redraw from the root: the model answers from what it already loaded (no requests), and
    // the model's node objects are rebuilt on each call, so firing one node would not match
    this.unsubscribe = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const now = Date.now();
    const changesAt = agoChangesAt(shownTime(node), now);
    if (changesAt !== undefined) this.redrawBy(changesAt);
    return toTreeItem(node, now);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return node ? this.model.children(node) : this.model.roots();
  }

  private redrawBy(at: number): void {
    if (this.redrawAt !== undefined && this.redrawAt <= at) return;
    clearTimeout(this.timer);
    this.redrawAt = at;
    // a little late rather than early (timers may fire early by a millisecond); never a busy loop
    this.timer = setTimeout(() => this.redraw(), Math.max(1000, at - Date.now() + 50));
  }

  private redraw(): void {
    this.timer = undefined;
    this.redrawAt = undefined;
    this.timeRedraws++;
    // the view asks for the items it shows again, which schedules the next redraw
    this.emitter.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.emitter.dispose();
  }
}
