// The status bar item of a deploy: the step while it runs, then the workloads' ready counts, then
// the final word — which stays until the user clicks it (that shows the deploy's output and
// dismisses it) or the next deploy replaces it, so a result is never lost to a timeout.
import * as vscode from 'vscode';
import type { RolloutState } from '../../kube';

export const SHOW_RESULT_COMMAND = 'fluentd.deploy.showResult';

export class DeployStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fluentd.deploy.status', vscode.StatusBarAlignment.Left, 10);
  private shown = false;

  constructor() {
    this.item.name = 'Fluentd Deploy';
    this.item.command = SHOW_RESULT_COMMAND;
  }

  busy(text: string): void {
    this.show(`$(sync~spin) Fluentd: ${text}`, 'Fluentd deploy in progress — click for its output');
  }

  rollout(state: RolloutState): void {
    const what = state.target ? `${state.target}: ` : '';
    this.show(`${state.done ? '$(check)' : '$(sync~spin)'} Fluentd ${state.ready}/${state.desired} ready`, `${what}${state.message}`);
  }

  /** The final word: stays until dismissed (a click) or replaced by the next deploy. */
  done(text: string, ok: boolean, detail?: string): void {
    this.show(
      `${ok ? '$(check)' : '$(error)'} Fluentd: ${text}`,
      `${detail ? `${detail}\n` : ''}Click to show the deploy output and dismiss.`,
    );
    this.item.backgroundColor = ok ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  dismiss(): void {
    this.shown = false;
    this.item.hide();
  }

  private show(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = undefined;
    this.shown = true;
    this.item.show();
  }

  /** Current text and whether it is shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  get visible(): boolean {
    return this.shown;
  }

  dispose(): void {
    this.item.dispose();
  }
}
