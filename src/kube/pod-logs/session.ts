// A pod-log session as an output channel shows it: the follower's entries as stern-style lines,
// handed over in batches (at most every ~100 ms, as the CloudWatch tail does), its notices as
// `[fluentd] …` lines, and — for Fluentd's own pods — each line read for Fluentd's problems,
// gathered per config place (FindingStore). Bounded: when the consumer falls behind by
// `maxPendingLines`, the streams pause (TCP backpressure reaches the API server) until it catches
// up. Pure of vscode; src/ui wires it to a channel and a diagnostic collection.
import { BatchingSink, timerScheduler, type Scheduler } from '../../cloudwatch/batch-sink';
import { FindingStore, type Finding } from '../fluentd-log/findings';
import type { FluentdConfigLinks } from '../fluentd-log/config-link';
import { FluentdLogReader } from '../fluentd-log/recognise';
import type { LogEntry } from './container-stream';
import { PodLogFollower, type FollowNotice, type FollowOptions } from './follower';
import { LinePrefixer } from './format';
import type { PodInfo, PodListClient } from './pod-watch';

export interface PodLogSessionOptions extends FollowOptions {
  /**
   * Read the lines as Fluentd's own log and gather its problems, on the places of `links`, or of
   * the config `linksFor` says a pod runs (asked once per pod; undefined: none to put them on).
   */
  fluentd?: { links?: FluentdConfigLinks; linksFor?: (pod: PodInfo) => FluentdConfigLinks | undefined; ttlMs: number };
  /** Show the kubelet's timestamps. */
  timestamps?: boolean;
  flushMs?: number;
  maxPendingLines?: number;
  scheduler?: Scheduler;
  now?: () => number;
}

export interface PodLogSessionHandlers {
  /** Text to append (whole lines, each ending with a newline). */
  append(text: string): void;
  findingsChanged?(findings: Finding[]): void;
}

export function noticeText(n: FollowNotice, selector?: string): string | undefined {
  const who = (p: { node?: string; name?: string; pod?: string }) => `${p.node ?? '?'}/${p.name ?? p.pod}`;
  switch (n.kind) {
    case 'synced':
      return n.first && n.pods === 0 ? `no pods match ${selector ?? 'the selector'} yet; waiting for them` : undefined;
    case 'pod-added':
      return `following ${who(n.pod)}${n.containers.length > 1 ? ` (${n.containers.join(', ')})` : ''}`;
    case 'pod-removed':
      return `${who(n.pod)} is gone`;
    case 'waiting':
      return n.waiting
        ? `${n.waiting} more pod(s) wait: at most ${n.maxStreams} streams at once (setting fluentd.podLogs.maxStreams)`
        : undefined;
    case 'watch-trouble':
      return n.final ? `stopped: ${n.reason}` : `lost the pod list (${n.reason}); retrying`;
    case 'watch-recovered':
      return 'pod list back';
    case 'stream': {
      const s = n.notice;
      if (s.kind === 'failed') return `${who(s.ref)}: ${s.reason}`;
      if (s.kind === 'resumed') return `${who(s.ref)}: resumed from ${s.since}`;
      // the first failure of a run is said once; the retries that follow are quiet
      return s.attempt === 1 ? `${who(s.ref)}: stream interrupted (${s.reason}); reconnecting` : undefined;
    }
  }
}

export class PodLogSession {
  readonly follower: PodLogFollower;
  readonly findings: FindingStore | undefined;
  private readonly sink: BatchingSink<string>;
  /** Per pod (ns/name): its reader and the config its problems go on. */
  private readonly readers = new Map<string, { reader: FluentdLogReader; links: FluentdConfigLinks | undefined }>();
  private readonly linksFor: ((pod: PodInfo) => FluentdConfigLinks | undefined) | undefined;
  private readonly prefixer: LinePrefixer;
  private readonly now: () => number;
  private readonly maxPending: number;
  private readonly expiry: ReturnType<typeof setInterval> | undefined;
  /** Log lines shown so far. */
  lines = 0;
  /** Lines handed to the sink and not yet flushed. */
  private pendingLines = 0;
  private readonly selectorText: string;

  constructor(
    client: PodListClient,
    opts: PodLogSessionOptions,
    private readonly handlers: PodLogSessionHandlers,
  ) {
    this.now = opts.now ?? Date.now;
    this.selectorText =
      [opts.labelSelector, opts.fieldSelector].filter(Boolean).join(', ') + (opts.namespace ? ` in ${opts.namespace}` : '');
    this.maxPending = opts.maxPendingLines ?? 20_000;
    this.findings = opts.fluentd ? new FindingStore(opts.fluentd.links, opts.fluentd.ttlMs) : undefined;
    this.linksFor = opts.fluentd?.linksFor;
    this.prefixer = new LinePrefixer({
      timestamps: opts.timestamps,
      containersOf: (ns, pod) => this.follower.known.find((p) => p.namespace === ns && p.name === pod)?.containers.length ?? 1,
    });
    this.sink = new BatchingSink<string>(
      (texts) => {
        this.pendingLines = 0;
        handlers.append(texts.join(''));
        this.follower.resume();
      },
      opts.flushMs ?? 100,
      opts.scheduler ?? timerScheduler,
    );
    this.follower = new PodLogFollower(client, opts, {
      onEntries: (entries) => this.onEntries(entries),
      onNotice: (n) => this.onNotice(n),
    });
    if (this.findings) {
      const every = Math.max(1000, Math.min(30_000, opts.fluentd!.ttlMs / 4));
      this.expiry = setInterval(() => this.findings!.expire(this.now()) && this.changed(), every);
      this.expiry.unref?.();
    }
  }

  say(text: string): void {
    this.sink.push([`[fluentd] ${text}\n`]);
  }

  async stop(): Promise<void> {
    clearInterval(this.expiry);
    await this.follower.stop();
    this.sink.close();
  }

  /** The configs were read again (a file saved): findings start over, each pod's config is asked again. */
  relink(links?: FluentdConfigLinks): void {
    this.findings?.setLinks(links);
    this.readers.clear();
    this.changed();
  }

  private podConfig(ns: string, pod: string): { reader: FluentdLogReader; links: FluentdConfigLinks | undefined } {
    const key = `${ns}/${pod}`;
    let p = this.readers.get(key);
    if (!p) {
      const info = this.linksFor && this.follower.known.find((k) => k.namespace === ns && k.name === pod);
      const links = this.linksFor ? info && this.linksFor(info) : undefined;
      this.readers.set(key, (p = { reader: new FluentdLogReader(), links }));
    }
    return p;
  }

  private changed(): void {
    this.handlers.findingsChanged?.(this.findings?.list() ?? []);
  }

  private onEntries(entries: LogEntry[]): void {
    this.lines += entries.length;
    this.sink.push([this.prefixer.formatAll(entries)]);
    this.pendingLines += entries.length;
    if (this.pendingLines >= this.maxPending) this.follower.pause();
    if (!this.findings) return;
    let changed = false;
    const at = this.now();
    for (const e of entries) {
      const podKey = `${e.ref.namespace}/${e.ref.pod}`;
      const { reader, links } = this.podConfig(e.ref.namespace, e.ref.pod);
      const ev = reader.read(e.text);
      if (!ev) continue;
      // without linksFor, every pod's problems go on the store's one config
      const on = this.linksFor ? links : undefined;
      if (ev.type === 'problem') {
        if (this.linksFor && !links) continue;
        changed = !!this.findings.add({ key: podKey, node: e.ref.node, name: e.ref.pod }, ev.problem, at, e.text, on) || changed;
      } else if (ev.type === 'recovered') changed = this.findings.recovered(ev.pluginId, on) || changed;
    }
    if (changed) this.changed();
  }

  private onNotice(n: FollowNotice): void {
    if (n.kind === 'pod-removed') {
      const key = `${n.pod.namespace}/${n.pod.name}`;
      this.readers.delete(key);
      if (this.findings?.removePod(key)) this.changed();
    }
    const text = noticeText(n, this.selectorText);
    if (text) this.say(text);
  }
}
