// Running tails: each writes into its own output channel ("Fluentd: <pod>") through a 100 ms
// batching sink, reports engine notices as lines in that channel, and fatal errors once.
import * as vscode from 'vscode';
import { BatchingSink } from '../../cloudwatch/batch-sink';
import { EventFormatter } from '../../cloudwatch/format';
import { noticeText } from '../../cloudwatch/tail-notices';
import { filterPageFetcher, liveTailOpener } from '../../cloudwatch/sdk-adapters';
import { startTail, type TailSession } from '../../cloudwatch/tail';
import type { TailNotice } from '../../cloudwatch/tail-listener';
import type { TailEvent, TailTarget } from '../../cloudwatch/types';
import type { CloudWatchSession } from './session';
import { TailStatusBar } from './tail-status-bar';

/** How far back a new polling tail starts, so the channel does not open empty. */
const LOOKBACK_MS = 60_000;

export interface RunningTail {
  id: number;
  title: string;
  target: TailTarget;
  channel: vscode.OutputChannel;
  session: TailSession;
  formatter: EventFormatter;
  lines: number;
}

/** Context key for the menus: true while a tail runs ("Stop Tail" shows only then). */
export const TAILING_CONTEXT = 'fluentd.cloudwatch.tailing';

export class TailManager implements vscode.Disposable {
  private nextId = 1;
  private readonly tails = new Map<number, RunningTail>();
  private readonly idleChannels = new Map<string, vscode.OutputChannel>();
  readonly statusBar = new TailStatusBar(() =>
    [...this.tails.values()].map((t) => ({ title: t.title, rate: () => t.session.rate.rate(), mode: () => t.session.mode })),
  );

  constructor(private readonly cw: CloudWatchSession) {}

  get running(): RunningTail[] {
    return [...this.tails.values()];
  }

  start(title: string, target: TailTarget): RunningTail {
    // one channel per title: tailing the same thing again stops the old tail and reuses its channel
    const name = `Fluentd: ${title}`;
    let channel = this.idleChannels.get(name);
    this.idleChannels.delete(name);
    for (const t of [...this.tails.values()]) {
      if (t.title !== title) continue;
      this.tails.delete(t.id); // its end no longer parks the channel
      void t.session.stop();
      channel ??= t.channel;
    }
    channel ??= vscode.window.createOutputChannel(name);
    channel.show(true);
    const { cloudwatch } = this.cw.config;
    const formatter = new EventFormatter({ json: cloudwatch.jsonMessages });
    const sink = new BatchingSink<TailEvent>((events) => out.append(formatter.formatAll(events)), 100);
    const id = this.nextId++;
    const client = this.cw.client();
    const out = channel;
    const tail: RunningTail = { id, title, target, channel: out, formatter, lines: 0, session: undefined as unknown as TailSession };
    const describe = [
      target.logGroupName,
      target.logStreamNames?.length === 1
        ? target.logStreamNames[0]
        : target.logStreamNames
          ? `${target.logStreamNames.length} streams`
          : target.logStreamNamePrefix
            ? `${target.logStreamNamePrefix}*`
            : 'all streams',
      target.filterPattern ? `filter ${JSON.stringify(target.filterPattern)}` : '',
    ]
      .filter(Boolean)
      .join(' › ');
    channel.appendLine(`[fluentd] tailing ${describe}`);
    tail.session = startTail(
      // requests go through the client's shared account+region limiter
      { fetchFilterPage: filterPageFetcher(client), openLiveTail: liveTailOpener(client) },
      target,
      {
        onEvents: (events) => {
          tail.lines += events.length;
          sink.push(events);
        },
        onNotice: (n) => this.notice(tail, sink, n),
      },
      { mode: cloudwatch.tailMode, pollIntervalMs: cloudwatch.pollIntervalMs, startTime: Date.now() - LOOKBACK_MS },
    );
    this.tails.set(id, tail);
    void tail.session.done.then(() => {
      sink.close();
      if (this.tails.get(id) === tail) {
        this.tails.delete(id);
        this.idleChannels.set(name, out);
        out.appendLine(`[fluentd] tail stopped (${tail.lines} events)`);
        this.changed();
      }
    });
    this.changed();
    return tail;
  }

  /** Settings changed: running tails format their next lines the new way. */
  applySettings(): void {
    const { jsonMessages } = this.cw.config.cloudwatch;
    for (const t of this.tails.values()) t.formatter.setOptions({ json: jsonMessages });
  }

  private changed(): void {
    this.statusBar.update();
    void vscode.commands.executeCommand('setContext', TAILING_CONTEXT, this.tails.size > 0);
  }

  private notice(tail: RunningTail, sink: BatchingSink<TailEvent>, n: TailNotice): void {
    sink.flushNow(); // keep notices in order with the events around them
    tail.channel.appendLine(`[fluentd] ${noticeText(n, this.cw.config.cloudwatch.pollIntervalMs)}`);
    if (n.kind === 'recovered') this.cw.notifyOnce.clear(`tail:${tail.id}`);
    if (n.kind === 'error' && (n.fatal || n.error.kind === 'network')) this.cw.report(n.error, `tail:${tail.id}`);
  }

  async stop(id: number): Promise<void> {
    const t = this.tails.get(id);
    if (!t) return;
    await t.session.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.tails.keys()].map((id) => this.stop(id)));
  }

  dispose(): void {
    void this.stopAll();
    this.statusBar.dispose();
    for (const t of this.tails.values()) t.channel.dispose();
    for (const c of this.idleChannels.values()) c.dispose();
  }
}
