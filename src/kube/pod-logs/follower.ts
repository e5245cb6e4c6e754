// Follows the logs of every pod of a selector, like `stern`: pods that appear (a rollout, a new
// node) are picked up, pods that go away are dropped, at most `maxStreams` container streams run
// at once (the rest wait their turn), and the consumer can pause everything while it catches up.
// Pods present at the start begin at the tail/since limits; pods that appear later from their
// first line. Pure of vscode.
import { ContainerLogStream, type ContainerRef, type LogEntry, type StreamNotice, type StreamStart } from './container-stream';
import { watchPods, type PodEvent, type PodInfo, type PodListClient, type PodSelector } from './pod-watch';

export interface FollowOptions extends PodSelector {
  /** Lines per container to start from (always set: a 100 MB log starts here, not at its beginning). */
  tailLines: number;
  /** Only lines newer than this many seconds (besides tailLines). */
  sinceSeconds?: number;
  /** Cap on concurrent container streams. */
  maxStreams: number;
  /** Only these containers (all when absent). */
  containers?: string[];
  /** Reconnect tuning (tests use short delays). */
  minRetryMs?: number;
  maxRetryMs?: number;
}

export type FollowNotice =
  /** The pods were listed (`first`: the start of the session). */
  | { kind: 'synced'; pods: number; first: boolean }
  | { kind: 'pod-added'; pod: PodInfo; containers: string[] }
  | { kind: 'pod-removed'; pod: PodInfo }
  | { kind: 'waiting'; waiting: number; maxStreams: number }
  | { kind: 'stream'; notice: StreamNotice }
  | { kind: 'watch-trouble'; reason: string; final: boolean }
  | { kind: 'watch-recovered' };

export interface FollowHandlers {
  onEntries(entries: LogEntry[]): void;
  onNotice(n: FollowNotice): void;
}

const keyOf = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;
/** Pods that have (or had) running containers: their logs can be read. */
const loggable = (p: PodInfo) => !!p.node && (p.phase === 'Running' || p.phase === 'Succeeded' || p.phase === 'Failed');

export class PodLogFollower {
  private readonly abort = new AbortController();
  /** Known pods by ns/name. */
  private readonly pods = new Map<string, PodInfo>();
  /** Running streams by ns/name. */
  private readonly streams = new Map<string, ContainerLogStream[]>();
  /** Loggable pods waiting for a free stream, in arrival order. */
  private readonly queue: string[] = [];
  /** Pods seen in the first list start at the limits; later ones from their creation. */
  private readonly initial = new Set<string>();
  private synced = false;
  private paused = false;
  private lastWaiting = 0;
  readonly done: Promise<void>;

  constructor(
    private readonly client: PodListClient,
    private readonly opts: FollowOptions,
    private readonly handlers: FollowHandlers,
  ) {
    this.done = watchPods(client, opts, {
      signal: this.abort.signal,
      onEvent: (e) => this.onPodEvent(e),
      onTrouble: (reason, final) => handlers.onNotice({ kind: 'watch-trouble', reason, final }),
      onRecovered: () => handlers.onNotice({ kind: 'watch-recovered' }),
      minRetryMs: opts.minRetryMs,
      maxRetryMs: opts.maxRetryMs,
    }).then(() => this.stopStreams());
  }

  /** The containers streaming now. */
  get streaming(): ContainerRef[] {
    return [...this.streams.values()].flat().map((s) => s.ref);
  }

  /** Pods waiting for a free stream. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Every pod currently known (loggable or not). */
  get known(): PodInfo[] {
    return [...this.pods.values()];
  }

  stop(): Promise<void> {
    this.abort.abort();
    this.stopStreams();
    return this.done;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    for (const list of this.streams.values()) for (const s of list) s.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const list of this.streams.values()) for (const s of list) s.resume();
  }

  private stopStreams(): void {
    for (const list of this.streams.values()) for (const s of list) s.stop();
    this.streams.clear();
    this.queue.length = 0;
  }

  private onPodEvent(e: PodEvent): void {
    if (this.abort.signal.aborted) return;
    if (e.type === 'sync') {
      const present = new Set(e.pods.map(keyOf));
      for (const [key, pod] of this.pods) if (!present.has(key)) this.remove(pod);
      for (const pod of e.pods) {
        if (!this.synced) this.initial.add(keyOf(pod));
        this.upsert(pod);
      }
      this.handlers.onNotice({ kind: 'synced', pods: e.pods.length, first: !this.synced });
      this.synced = true;
    } else if (e.type === 'deleted') this.remove(e.pod);
    else this.upsert(e.pod);
    this.fill();
  }

  private upsert(pod: PodInfo): void {
    const key = keyOf(pod);
    const before = this.pods.get(key);
    if (before && before.uid !== pod.uid) this.remove(before); // same name, new pod (StatefulSet)
    this.pods.set(key, pod);
    if (!this.streams.has(key) && !this.queue.includes(key) && loggable(pod) && !pod.deleting) this.queue.push(key);
  }

  private remove(pod: PodInfo): void {
    const key = keyOf(pod);
    const known = this.pods.get(key);
    if (!known || known.uid !== pod.uid) return;
    this.pods.delete(key);
    this.initial.delete(key);
    const q = this.queue.indexOf(key);
    if (q >= 0) this.queue.splice(q, 1);
    const list = this.streams.get(key);
    if (list) {
      for (const s of list) s.stop();
      this.streams.delete(key);
      this.handlers.onNotice({ kind: 'pod-removed', pod: known });
    }
  }

  private running(): number {
    let n = 0;
    for (const list of this.streams.values()) n += list.length;
    return n;
  }

  /** Starts waiting pods while streams are free. */
  private fill(): void {
    while (this.queue.length) {
      const key = this.queue[0];
      const pod = this.pods.get(key);
      if (!pod) {
        this.queue.shift();
        continue;
      }
      const containers = pod.containers.filter((c) => !this.opts.containers || this.opts.containers.includes(c));
      if (this.running() + containers.length > this.opts.maxStreams && this.running() > 0) break;
      this.queue.shift();
      this.startPod(pod, containers);
    }
    if (this.queue.length !== this.lastWaiting) {
      this.lastWaiting = this.queue.length;
      this.handlers.onNotice({ kind: 'waiting', waiting: this.queue.length, maxStreams: this.opts.maxStreams });
    }
  }

  private startPod(pod: PodInfo, containers: string[]): void {
    const key = keyOf(pod);
    const start: StreamStart = this.initial.has(key)
      ? { tailLines: this.opts.tailLines, sinceSeconds: this.opts.sinceSeconds }
      : // it appeared while following: everything it wrote (the API takes whole seconds)
        { sinceTime: pod.createdAt || undefined, tailLines: pod.createdAt ? undefined : this.opts.tailLines };
    const streams = containers.map(
      (container) =>
        new ContainerLogStream(
          this.client,
          { namespace: pod.namespace, pod: pod.name, container, node: pod.node },
          start,
          {
            onLines: (entries) => this.handlers.onEntries(entries),
            onNotice: (notice) => this.handlers.onNotice({ kind: 'stream', notice }),
            stillWanted: () => this.pods.get(key)?.uid === pod.uid && !this.abort.signal.aborted,
          },
          { minRetryMs: this.opts.minRetryMs, maxRetryMs: this.opts.maxRetryMs },
        ),
    );
    if (this.paused) for (const s of streams) s.pause();
    this.streams.set(key, streams);
    this.handlers.onNotice({ kind: 'pod-added', pod, containers });
    // a stream that gives up (forbidden, pod gone) frees its place
    void Promise.all(streams.map((s) => s.done)).then(() => {
      if (this.streams.get(key) === streams) {
        this.streams.delete(key);
        this.fill();
      }
    });
  }
}
