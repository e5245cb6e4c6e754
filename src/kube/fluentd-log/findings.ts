// Fluentd's problems from its pods, gathered per config place: how often, on which pods, the last
// line that said it. A finding ends when it stops: its pods go away (a rollout replaced them),
// the output recovered ("retry succeeded"), or nothing repeated it for `ttlMs`. Pure.
import type { ConfigSpot, FluentdConfigLinks } from './config-link';
import type { FluentdProblem, FluentdProblemKind } from './recognise';

export interface PodRef {
  /** `namespace/name` */
  key: string;
  node?: string;
  name: string;
}

export interface Finding {
  key: string;
  kind: FluentdProblemKind;
  severity: 'error' | 'warning';
  summary: string;
  spots: ConfigSpot[];
  approximate?: string;
  pluginId?: string;
  count: number;
  /** Occurrences per pod key. */
  pods: Map<string, number>;
  lastSeen: number;
  /** The last line that said it, with its pod. */
  lastLine: string;
  lastPod: PodRef;
  /** The config its places are in. */
  links: FluentdConfigLinks;
}

/** What a diagnostic needs, free of any editor API. */
export interface FindingDiagnostic {
  uri: string;
  range: ConfigSpot['range'];
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

const RECOVERABLE: ReadonlySet<FluentdProblemKind> = new Set(['buffer-retry', 'access-denied', 'resource-not-found', 'buffer-overflow']);

export class FindingStore {
  private readonly findings = new Map<string, Finding>();

  constructor(
    private links: FluentdConfigLinks | undefined,
    private readonly ttlMs: number,
  ) {}

  /** A new config (edited, or another file): places are found again for what comes next. */
  setLinks(links: FluentdConfigLinks | undefined): void {
    this.links = links;
    this.findings.clear();
  }

  /**
   * Records one occurrence, on the places of `links` (the config the pod runs; the store's own by
   * default); undefined when there is no config to put it on.
   */
  add(pod: PodRef, problem: FluentdProblem, at: number, line: string, links = this.links): Finding | undefined {
    if (!links) return undefined;
    const where = links.locate(problem);
    const spotsKey = where.spots.map((s) => `${s.uri}#${s.range.start.line}`).join(',');
    const key = [problem.kind, problem.pluginId ?? '', problem.tag ?? '', problem.errorClass ?? '', spotsKey].join('|');
    let f = this.findings.get(key);
    if (!f) {
      f = {
        key,
        kind: problem.kind,
        severity: problem.severity,
        summary: problem.summary,
        spots: where.spots,
        approximate: where.approximate,
        pluginId: problem.pluginId,
        count: 0,
        pods: new Map(),
        lastSeen: at,
        lastLine: line,
        lastPod: pod,
        links,
      };
      this.findings.set(key, f);
    }
    f.count++;
    f.pods.set(pod.key, (f.pods.get(pod.key) ?? 0) + 1);
    if (problem.severity === 'error') f.severity = 'error';
    f.summary = problem.summary;
    f.lastSeen = at;
    f.lastLine = line;
    f.lastPod = pod;
    return f;
  }

  /** An output flushed again: its retry, access and overflow findings (in that pod's config, when given) are over. */
  recovered(pluginId: string, links?: FluentdConfigLinks): boolean {
    let changed = false;
    for (const [k, f] of this.findings) {
      if (f.pluginId === pluginId && RECOVERABLE.has(f.kind) && (!links || f.links === links)) changed = this.findings.delete(k) || changed;
    }
    return changed;
  }

  /** A pod went away: what only it said goes too; counts of others drop its share. */
  removePod(podKey: string): boolean {
    let changed = false;
    for (const [k, f] of this.findings) {
      const n = f.pods.get(podKey);
      if (n === undefined) continue;
      changed = true;
      f.pods.delete(podKey);
      f.count -= n;
      if (!f.pods.size) this.findings.delete(k);
    }
    return changed;
  }

  /** Drops findings nothing repeated for ttlMs. */
  expire(now: number): boolean {
    let changed = false;
    for (const [k, f] of this.findings) if (now - f.lastSeen > this.ttlMs) changed = this.findings.delete(k) || changed;
    return changed;
  }

  list(): Finding[] {
    return [...this.findings.values()];
  }

  /** One diagnostic per finding and spot, with its count and last sample. */
  diagnostics(formatTime: (ms: number) => string = (ms) => new Date(ms).toISOString()): FindingDiagnostic[] {
    const out: FindingDiagnostic[] = [];
    for (const f of this.findings.values()) {
      const pods = f.pods.size === 1 ? '1 pod' : `${f.pods.size} pods`;
      const message =
        `Fluentd pods: ${f.summary}\n` +
        `${f.count}× on ${pods}, last at ${formatTime(f.lastSeen)} on ${f.lastPod.node ?? '?'}/${f.lastPod.name}:\n` +
        `${f.lastLine}${f.approximate ? `\n(shown here: ${f.approximate})` : ''}`;
      for (const s of f.spots) out.push({ uri: s.uri, range: s.range, severity: f.severity, code: `fluentd-log/${f.kind}`, message });
    }
    return out;
  }
}
