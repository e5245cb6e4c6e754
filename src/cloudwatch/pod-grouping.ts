// Streams of a log group arranged the way users think about them: pods (with their container
// streams), node services (systemd units per host), and everything else. Newest activity first.
import { parseStreamName } from './stream-names';
import type { StreamInfo } from './types';

export interface ContainerStream {
  stream: StreamInfo;
  container: string;
  containerId: string;
}

export interface PodGroup {
  /** `<namespace>/<pod>` */
  key: string;
  namespace: string;
  pod: string;
  /** newest first; a restarted container has one stream per container id */
  streams: ContainerStream[];
  /** distinct container names, sorted */
  containers: string[];
  lastEventTimestamp?: number;
  storedBytes: number;
}

export interface NodeServiceStream {
  stream: StreamInfo;
  unit: string;
  host: string;
}

export interface StreamGrouping {
  pods: PodGroup[];
  nodeServices: NodeServiceStream[];
  other: StreamInfo[];
}

/** When the stream last saw activity; the API fills lastEventTimestamp lazily. */
export function lastActivity(s: StreamInfo): number | undefined {
  return s.lastEventTimestamp ?? s.lastIngestionTime ?? s.creationTime;
}

export function groupStreams(streams: Iterable<StreamInfo>): StreamGrouping {
  const pods = new Map<string, PodGroup>();
  const nodeServices: NodeServiceStream[] = [];
  const other: StreamInfo[] = [];
  // activity of each stream, computed once for the sorts below
  const activity = new Map<StreamInfo, number>();
  const act = (s: StreamInfo) => activity.get(s) ?? -Infinity;
  for (const stream of streams) {
    const t = lastActivity(stream);
    if (t !== undefined) activity.set(stream, t);
    const p = parseStreamName(stream.logStreamName);
    if (p.kind === 'container') {
      const key = `${p.namespace}/${p.pod}`;
      let g = pods.get(key);
      if (!g) {
        g = { key, namespace: p.namespace, pod: p.pod, streams: [], containers: [], storedBytes: 0 };
        pods.set(key, g);
      }
      g.streams.push({ stream, container: p.container, containerId: p.containerId });
      g.storedBytes += stream.storedBytes ?? 0;
      if (t !== undefined && (g.lastEventTimestamp === undefined || t > g.lastEventTimestamp)) g.lastEventTimestamp = t;
      if (!g.containers.includes(p.container)) g.containers.push(p.container);
    } else if (p.kind === 'node') {
      nodeServices.push({ stream, unit: p.unit, host: p.host });
    } else {
      other.push(stream);
    }
  }
  const out = [...pods.values()];
  for (const g of out) {
    if (g.streams.length > 1) g.streams.sort((a, b) => act(b.stream) - act(a.stream) || cmp(a.container, b.container));
    if (g.containers.length > 1) g.containers.sort();
  }
  out.sort((a, b) => (b.lastEventTimestamp ?? -Infinity) - (a.lastEventTimestamp ?? -Infinity) || cmp(a.key, b.key));
  nodeServices.sort((a, b) => act(b.stream) - act(a.stream) || cmp(a.stream.logStreamName, b.stream.logStreamName));
  other.sort((a, b) => act(b) - act(a) || cmp(a.logStreamName, b.logStreamName));
  return { pods: out, nodeServices, other };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
