// One status bar item while tails run: their event rate (per second when busy, per minute when
// quiet); a click shows the running tails and what can be done with them.
import * as vscode from 'vscode';
import { formatRate, sumRates, type Rate } from '../../cloudwatch/rate-meter';

export interface RateSource {
  title: string;
  rate(): Rate;
  mode(): string | undefined;
}

export const SHOW_TAILS_COMMAND = 'fluentd.cloudwatch.showTails';

export function modeText(mode: string | undefined): string {
  return mode === 'liveTail' ? 'Live Tail' : mode === 'poll' ? 'polling' : 'starting';
}

export class TailStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fluentd.cloudwatch.tails', vscode.StatusBarAlignment.Left, 9);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sources: () => RateSource[]) {
    this.item.name = 'Fluentd Tail';
    this.item.command = SHOW_TAILS_COMMAND;
  }

  /** Call when tails start or stop; refreshes every second while any runs. */
  update(): void {
    const tails = this.sources();
    if (!tails.length) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.item.hide();
      return;
    }
    this.timer ??= setInterval(() => this.render(), 1000);
    this.render();
    this.item.show();
  }

  private render(): void {
    const tails = this.sources();
    const rate = formatRate(sumRates(tails.map((t) => t.rate())));
    this.item.text = `$(pulse) ${rate}${tails.length > 1 ? ` · ${tails.length} tails` : ''}`;
    this.item.tooltip = `Fluentd tails (click to show or stop them)\n${tails.map((t) => `${t.title}: ${formatRate(t.rate())} (${modeText(t.mode())})`).join('\n')}`;
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.item.dispose();
  }
}
