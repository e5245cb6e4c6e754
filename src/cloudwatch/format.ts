// Output lines for a tail: `<ISO timestamp> <stream> <message>`. Records in the Docker JSON /
// kubernetes_metadata shape show their `log` text (CRI-parsed records their `message`, systemd
// records their MESSAGE) instead of the JSON; the stream is shown as `pod/container` (or
// `unit@host`) rather than the long name. JSON text can be shown readable (readable-json.ts).
import { readableJson } from './readable-json';
import { parseStreamName, streamLabel } from './stream-names';
import type { TailEvent } from './types';

export interface FormatOptions {
  /** show the stream label (default true); a single-stream channel may leave it out */
  showStream?: boolean;
  /** JSON messages as they are (default) or readable: level, message, then the other fields */
  json?: JsonMessages;
}

export type JsonMessages = 'raw' | 'readable';

/** The human text of a message: `log` of a Docker/Kubernetes JSON record, else the message. */
export function messageText(message: string): { text: string; record?: Record<string, unknown> } {
  if (message.length > 1 && message.charCodeAt(0) === 123 /* { */) {
    let record: unknown;
    try {
      record = JSON.parse(message);
    } catch {
      return { text: trimNewline(message) };
    }
    if (record && typeof record === 'object' && !Array.isArray(record)) {
      const r = record as Record<string, unknown>;
      const text = typeof r.log === 'string' ? r.log : isCriRecord(r) ? r.message : typeof r.MESSAGE === 'string' ? r.MESSAGE : undefined;
      if (text !== undefined) return { text: trimNewline(text), record: r };
      return { text: trimNewline(message), record: r };
    }
  }
  return { text: trimNewline(message) };
}

/**
 * Fluentd's `cri` parser (containerd, e.g. EKS) gives `stream`, `logtag` and `message`. Only such a
 * record shows its `message` alone: an application's own JSON with a `message` keeps its fields.
 */
function isCriRecord(r: Record<string, unknown>): r is Record<string, unknown> & { message: string } {
  return typeof r.message === 'string' && (typeof r.logtag === 'string' || r.stream === 'stdout' || r.stream === 'stderr');
}

const LOG_FIRST = '{"log":"';

/**
 * Fast path for the common Docker/containerd record `{"log":"…",…}`: decode only the first
 * string instead of building the whole record (tails move tens of thousands of these a second).
 * Returns undefined when the message does not start that way.
 */
export function leadingLogText(message: string): string | undefined {
  if (!message.startsWith(LOG_FIRST)) return undefined;
  let i = LOG_FIRST.length;
  for (;;) {
    i = message.indexOf('"', i);
    if (i < 0) return undefined;
    let backslashes = 0;
    for (let j = i - 1; j >= LOG_FIRST.length && message.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 0) break;
    i++;
  }
  try {
    return trimNewline(JSON.parse(message.slice(LOG_FIRST.length - 1, i + 1)) as string);
  } catch {
    return undefined;
  }
}

function trimNewline(s: string): string {
  let end = s.length;
  if (end && s.charCodeAt(end - 1) === 10) end--;
  if (end && s.charCodeAt(end - 1) === 13) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Formats events; remembers the label of each stream (a tail sees few distinct streams). */
export class EventFormatter {
  // label per stream name; null marks names that say nothing (then the record may)
  private readonly labels = new Map<string, string | null>();

  constructor(private opts: FormatOptions = {}) {}

  /** New options for the lines formatted from now on (a setting changed while tailing). */
  setOptions(opts: FormatOptions): void {
    this.opts = opts;
  }

  private text(t: string): string {
    return this.opts.json === 'readable' && t.charCodeAt(0) === 123 /* { */ ? (readableJson(t) ?? t) : t;
  }

  label(stream: string, record?: Record<string, unknown>): string {
    let l = this.labels.get(stream);
    if (l === undefined) l = this.learn(stream);
    if (l !== null) return l;
    // not a kubelet file name: the kubernetes_metadata fields of the record name the pod
    const k = record?.kubernetes as { pod_name?: unknown; container_name?: unknown } | undefined;
    if (k && typeof k.pod_name === 'string') {
      return typeof k.container_name === 'string' ? `${k.pod_name}/${k.container_name}` : k.pod_name;
    }
    return stream;
  }

  private lastTs = NaN;
  private lastIso = '';

  private iso(ts: number): string {
    // bursts share milliseconds; toISOString is the costliest step after JSON
    if (ts !== this.lastTs) {
      this.lastTs = ts;
      this.lastIso = Number.isFinite(ts) ? new Date(ts).toISOString() : '????-??-??T??:??:??.???Z';
    }
    return this.lastIso;
  }

  format(ev: TailEvent): string {
    const ts = this.iso(ev.timestamp);
    if (this.opts.showStream === false) return `${ts} ${this.text(leadingLogText(ev.message) ?? messageText(ev.message).text)}`;
    let label = this.labels.get(ev.logStreamName);
    if (label === undefined) label = this.learn(ev.logStreamName);
    if (label !== null) return `${ts} ${label} ${this.text(leadingLogText(ev.message) ?? messageText(ev.message).text)}`;
    // the stream name says nothing: the record's metadata may name the pod
    const { text, record } = messageText(ev.message);
    return `${ts} ${this.label(ev.logStreamName, record)} ${this.text(text)}`;
  }

  private learn(stream: string): string | null {
    const parsed = parseStreamName(stream);
    const l = parsed.kind === 'other' ? null : streamLabel(stream, parsed);
    if (this.labels.size > 10_000) this.labels.clear();
    this.labels.set(stream, l);
    return l;
  }

  formatAll(events: readonly TailEvent[]): string {
    let out = '';
    for (let i = 0; i < events.length; i++) out += this.format(events[i]) + '\n';
    return out;
  }
}
