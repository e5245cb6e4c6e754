// One container's log, followed through the API server (`pods/NAME/log?follow=true&timestamps=true`)
// for as long as the caller wants it: when the connection ends or fails (API server restart,
// kubelet gone, container restarted) it reconnects with backoff and resumes from the last line's
// time, so no line is lost or repeated (ResumeCursor). Pure of vscode: the client is an interface.
import type { Readable } from 'node:stream';
import { KubeError } from '../errors';
import { LineSplitter, resumeSinceTime, splitTimestamp } from './log-lines';
import { ResumeCursor } from './resume-cursor';

export interface ContainerRef {
  namespace: string;
  pod: string;
  container: string;
  node?: string;
}

export interface LogEntry {
  ref: ContainerRef;
  /** RFC 3339 time the kubelet gave the line ('' when it had none). */
  ts: string;
  text: string;
}

/** Where a new stream starts; a resumed one starts at its last line instead. */
export interface StreamStart {
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 */
  sinceTime?: string;
}

export interface LogStreamClient {
  stream(
    path: string,
    opts: { query?: Record<string, string | undefined>; verb: string; target?: string; signal: AbortSignal; connectTimeoutMs?: number },
  ): Promise<Readable>;
}

export type StreamNotice =
  | { kind: 'reconnecting'; ref: ContainerRef; attempt: number; delayMs: number; reason: string }
  | { kind: 'resumed'; ref: ContainerRef; since: string }
  | { kind: 'failed'; ref: ContainerRef; reason: string };

export interface StreamHandlers {
  onLines(entries: LogEntry[]): void;
  onNotice(n: StreamNotice): void;
  /** Asked before each reconnect: false when the pod is gone (the stream then ends quietly). */
  stillWanted(): boolean;
}

export interface StreamOptions {
  /** First reconnect delay (default 250 ms), doubled each failure up to maxRetryMs (default 10 s). */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** Bound on the wait for the response head (default none: it comes with the first line). */
  connectTimeoutMs?: number;
  maxLineChars?: number;
}

/** Errors after which reconnecting cannot help. */
const FINAL: ReadonlySet<string> = new Set([
  'forbidden',
  'unauthorized',
  'not-found',
  'kubeconfig-invalid',
  'credentials',
  'no-kubeconfig',
]);

export class ContainerLogStream {
  private readonly cursor = new ResumeCursor();
  private readonly abort = new AbortController();
  private response: Readable | undefined;
  private paused = false;
  private stopped = false;
  /** When the first request went out: a stream that failed before its first line resumes from there. */
  private firstAttempt = '';
  /** Lines delivered so far. */
  lines = 0;
  readonly done: Promise<void>;

  constructor(
    private readonly client: LogStreamClient,
    readonly ref: ContainerRef,
    private readonly start: StreamStart,
    private readonly handlers: StreamHandlers,
    private readonly opts: StreamOptions = {},
  ) {
    this.done = this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  /** Stops reading (TCP backpressure reaches the server) until resume(). */
  pause(): void {
    this.paused = true;
    this.response?.pause();
  }

  resume(): void {
    this.paused = false;
    this.response?.resume();
  }

  private query(): Record<string, string | undefined> {
    const base = { container: this.ref.container, follow: 'true', timestamps: 'true' };
    const since = this.cursor.last ? resumeSinceTime(this.cursor.last) : this.firstAttempt;
    if (since) return { ...base, sinceTime: since };
    return {
      ...base,
      tailLines: this.start.tailLines === undefined ? undefined : String(this.start.tailLines),
      sinceSeconds: this.start.sinceSeconds === undefined ? undefined : String(this.start.sinceSeconds),
      sinceTime: this.start.sinceTime,
    };
  }

  private async run(): Promise<void> {
    const { namespace, pod, container } = this.ref;
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    const minMs = this.opts.minRetryMs ?? 250;
    const maxMs = this.opts.maxRetryMs ?? 10_000;
    let attempt = 0;
    let reconnecting = false;
    while (!this.stopped) {
      let reason = 'the stream ended';
      try {
        const query = this.query();
        // lines written while a first attempt fails must not be lost: a retry starts where it did
        this.firstAttempt ||= resumeSinceTime(new Date().toISOString()) ?? '';
        const res = await this.client.stream(path, {
          query,
          verb: 'get logs of',
          target: `${namespace}/${pod} (${container})`,
          signal: this.abort.signal,
          connectTimeoutMs: this.opts.connectTimeoutMs ?? 0,
        });
        if (reconnecting) this.handlers.onNotice({ kind: 'resumed', ref: this.ref, since: query.sinceTime ?? 'the start' });
        this.cursor.beginReplay();
        const before = this.lines;
        await this.consume(res);
        // a stream that gave lines was healthy: the next failure starts the backoff over
        if (this.lines > before) attempt = 0;
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof KubeError && FINAL.has(err.kind)) {
          if (err.kind !== 'not-found') this.handlers.onNotice({ kind: 'failed', ref: this.ref, reason: err.message });
          break;
        }
        reason = err instanceof Error ? err.message : String(err);
      }
      if (this.stopped || !this.handlers.stillWanted()) break;
      const delayMs = Math.min(maxMs, minMs * 2 ** attempt++);
      this.handlers.onNotice({ kind: 'reconnecting', ref: this.ref, attempt, delayMs, reason });
      reconnecting = true;
      await new Promise<void>((r) => {
        const t = setTimeout(r, delayMs);
        this.abort.signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
      });
    }
  }

  private consume(res: Readable): Promise<void> {
    this.response = res;
    if (this.paused) res.pause();
    const splitter = new LineSplitter(this.opts.maxLineChars);
    res.setEncoding('utf8');
    const deliver = (lines: string[]) => {
      const out: LogEntry[] = [];
      for (const line of lines) {
        const timed = splitTimestamp(line);
        if (this.cursor.accept(timed)) out.push({ ref: this.ref, ts: timed.ts, text: timed.text });
      }
      if (out.length) {
        this.lines += out.length;
        this.handlers.onLines(out);
      }
    };
    return new Promise<void>((resolve, reject) => {
      res.on('data', (chunk: string) => deliver(splitter.push(chunk)));
      // a line cut off by the end is not delivered: the resumed stream reads it whole
      res.once('end', () => resolve());
      res.once('error', reject);
      res.once('close', () => resolve());
    }).finally(() => {
      this.response = undefined;
    });
  }
}
