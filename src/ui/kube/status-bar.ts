// The status bar item a deploy shows while it runs: the step, then the DaemonSet's ready count.
import * as vscode from 'vscode';
import type { RolloutState } from '../../kube';

export class DeployStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fluentd.deploy.status', vscode.StatusBarAlignment.Left, 10);
  private hideTimer: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'Fluentd Deploy';
    this.item.command = 'fluentd.deploy.status';
  }

  busy(text: string): void {
    this.show(`$(sync~spin) Fluentd: ${text}`);
  }

  rollout(state: RolloutState): void {
    this.show(`${state.done ? '$(check)' : '$(sync~spin)'} Fluentd ${state.ready}/${state.desired} ready`, state.message);
  }

  /** The final word, left visible for a while. */
  done(text: string, ok: boolean): void {
    this.show(`${ok ? '$(check)' : '$(error)'} Fluentd: ${text}`);
    this.hideTimer = setTimeout(() => this.item.hide(), 15_000);
  }

  private show(text: string, tooltip?: string): void {
    clearTimeout(this.hideTimer);
    this.item.text = text;
    this.item.tooltip = tooltip ?? 'Fluentd deploy — click for status';
    this.item.show();
  }

  /** Current text, for tests. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    clearTimeout(this.hideTimer);
    this.item.dispose();
  }
}
