// stern-style lines for an output channel: `node/pod text`, or `node/pod/container text` when a
// pod has several containers, prefixes padded to the widest seen so the texts line up. Pure.
import type { LogEntry } from './container-stream';

export interface PrefixOptions {
  /** Show the kubelet's timestamp before the text. */
  timestamps?: boolean;
  /** Containers per pod (ns/name → count), to decide whether to name the container. */
  containersOf?: (namespace: string, pod: string) => number;
  /** Widest prefix padded to (default 60); longer ones are not cut. */
  maxPad?: number;
}

export class LinePrefixer {
  private width = 0;
  constructor(private readonly opts: PrefixOptions = {}) {}

  prefix(e: LogEntry): string {
    const { ref } = e;
    const many = (this.opts.containersOf?.(ref.namespace, ref.pod) ?? 1) > 1;
    return `${ref.node ?? '?'}/${ref.pod}${many ? `/${ref.container}` : ''}`;
  }

  format(e: LogEntry): string {
    const p = this.prefix(e);
    if (p.length > this.width) this.width = Math.min(p.length, this.opts.maxPad ?? 60);
    const ts = this.opts.timestamps && e.ts ? `${e.ts} ` : '';
    return `${p.padEnd(this.width)} ${ts}${e.text}`;
  }

  /** Many entries as one text to append (each line ends with a newline). */
  formatAll(entries: readonly LogEntry[]): string {
    let out = '';
    for (const e of entries) out += `${this.format(e)}\n`;
    return out;
  }
}
