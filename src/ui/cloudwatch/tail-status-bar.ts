// One status bar item while tails run: events per second over all of them; click to stop one.
import * as vscode from 'vscode';

export interface RateSource {
  title: string;
  perSecond(): number;
  mode(): string | undefined;
}

export class TailStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fluentd.cloudwatch.tails', vscode.StatusBarAlignment.Left, 9);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sources: () => RateSource[]) {
    this.item.name = 'Fluentd Tail';
    this.item.command = 'fluentd.cloudwatch.stopTail';
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
    const rate = tails.reduce((n, t) => n + t.perSecond(), 0);
    this.item.text = `$(pulse) ${formatRate(rate)} ev/s${tails.length > 1 ? ` · ${tails.length} tails` : ''}`;
    this.item.tooltip = `Fluentd tails (click to stop one)\n${tails.map((t) => `${t.title}: ${formatRate(t.perSecond())} ev/s (${t.mode() ?? 'starting'})`).join('\n')}`;
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.item.dispose();
  }
}

function formatRate(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(Math.round(n));
}
