// The lines of `GET …/pods/NAME/log?timestamps=true`: each is the kubelet's RFC 3339 time (with
// up to 9 fraction digits, trailing zeros trimmed), one space, and the text. Pure.

export interface TimedLine {
  /** The timestamp as the server wrote it. */
  ts: string;
  /** A string that sorts like the instant (epoch seconds, then nanoseconds, fixed width). */
  key: string;
  text: string;
}

const TS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** The sort key of an RFC 3339 timestamp, or undefined when it is not one. */
export function timestampKey(ts: string): string | undefined {
  const m = TS.exec(ts);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  let epoch = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) / 1000;
  if (Number.isNaN(epoch)) return undefined;
  if (zone !== 'Z') epoch -= (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 3600 + +zone.slice(4, 6) * 60);
  return `${String(epoch).padStart(12, '0')}.${frac.padEnd(9, '0')}`;
}

/** Splits a timestamped line; a line without a valid timestamp keeps its whole text and sorts first. */
export function splitTimestamp(line: string): TimedLine {
  const space = line.indexOf(' ');
  const ts = space > 0 ? line.slice(0, space) : line;
  const key = timestampKey(ts);
  if (key === undefined) return { ts: '', key: '', text: line };
  return { ts, key, text: line.slice(space + 1) };
}

/**
 * `sinceTime` for resuming after `ts`: the API passes it to the kubelet in whole seconds, so
 * the second that holds `ts` (the lines already seen in it are skipped by the ResumeCursor).
 */
export function resumeSinceTime(ts: string): string | undefined {
  const key = timestampKey(ts);
  if (key === undefined) return undefined;
  return new Date(Number(key.slice(0, 12)) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Cuts a byte stream into lines. A line longer than `maxChars` is cut there (the rest follows as
 * its own line), so one endless line cannot hold memory.
 */
export class LineSplitter {
  private partial = '';
  constructor(private readonly maxChars = 1 << 20) {}

  push(chunk: string): string[] {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    while (this.partial.length > this.maxChars) {
      lines.push(this.partial.slice(0, this.maxChars));
      this.partial = this.partial.slice(this.maxChars);
    }
    return lines;
  }
}
