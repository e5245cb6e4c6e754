// The CloudWatch Logs view's data provider: the model decides what is shown, tree-items.ts how.
// Relative times ("3 min ago") are redrawn when the first of them shown would read differently.
import * as vscode from 'vscode';
import type { CloudWatchTreeModel, TreeNode } from '../../cloudwatch/tree-model';
import { agoChangesAt, shownTime } from '../../cloudwatch/tree-text';
import { welcomeState } from '../../cloudwatch/welcome';
import { toTreeItem } from './tree-items';

/** Context key the view's welcome content (package.json viewsWelcome) is chosen by. */
export const WELCOME_CONTEXT = 'fluentd.cloudwatch.welcome';

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
    return node ? this.model.children(node) : this.roots();
  }

  /** The top level; empty (so VS Code shows the welcome content) when nothing is set up or there are no log groups. */
  private async roots(): Promise<TreeNode[]> {
    const nodes = await this.model.roots();
    const welcome = welcomeState(nodes);
    void vscode.commands.executeCommand('setContext', WELCOME_CONTEXT, welcome ?? '');
    return welcome ? [] : nodes;
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
