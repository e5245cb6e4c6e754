// CloudWatch explorer speed numbers (issue 5). `benchCloudwatch()` is called by bench/bench.ts;
// `node --import tsx bench/cloudwatch.ts` runs it alone and prints a table.
//
//   tail_engine_events_per_s     polling engine + formatting + 100 ms batching sink, fed 1,000,000
//                                events by an in-process FilterLogEvents-shaped source (goal ≥ 50,000);
//                                tail_engine_events_per_cpu_s is the same per CPU second of this process
//   tail_rss_growth_mb_per_1m    RSS growth over those 1,000,000 events (goal ≤ 50)
//   pod_grouping_10k_ms          grouping 10,000 stream names into pods (median of 7)
//   tree_first_page_ms           first tree page of a 10,000-stream group in moto: DescribeLogStreams
//                                newest-first + grouping (median of 5; goal ≤ 1,000)
//   tail_moto_events_per_s       end to end from moto while a writer puts batches concurrently
//   tail_put_to_sink_p95_ms      PutLogEvents → line in the sink, 1 s polling (goal ≤ 1,500)
//   tail_latency_vs_peer         ours ÷ awslogs' p95 on the same stream in the same run (≤ 1; goal ≤ 0.7)
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { BatchingSink } from '../src/cloudwatch/batch-sink';
import { createLogsClient } from '../src/cloudwatch/client';
import { EventFormatter } from '../src/cloudwatch/format';
import { logStreamPager } from '../src/cloudwatch/log-streams';
import { groupStreams } from '../src/cloudwatch/pod-grouping';
import type { FetchFilterPage } from '../src/cloudwatch/poll-tail';
import { RequestLimiter } from '../src/cloudwatch/rate-limiter';
import { filterPageFetcher } from '../src/cloudwatch/sdk-adapters';
import { startTail } from '../src/cloudwatch/tail';
import type { TailEvent } from '../src/cloudwatch/types';
import { MOTO_VERSION, bigGroup, containerId, ensureMoto, ensureVenvTool, startMoto, type MotoServer } from '../test/harness/moto';

export const AWSLOGS_VERSION = '0.15.0';
type Metrics = Record<string, number | string>;
type Log = (line: string) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
/** global.gc, or one obtained at run time when node was started without --expose-gc */
const gc: () => void = (() => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
})();
/** Full collections with a pause between, so V8 has returned what it no longer uses. */
async function settleMemory(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// In-process: a growing log group answering FilterLogEvents-shaped requests. Each new poll (a
// request without nextToken) finds `growth` more events, written at `perSecond` events per
// second of timestamps, like a busy cluster; pages hold up to 10,000 events and every page
// yields to the event loop as a network response would.

// re-reads of the overlap window return the events already built (as a response cache would);
// building 200-byte JSON strings is the source's cost, not the engine's. Shared by the warm-up
// and the measured run so its memory is not counted as growth.
const ring: (TailEvent | undefined)[] = new Array(1 << 16);

function syntheticGroup(total: number, t0: number, perSecond: number, growth: number): FetchFilterPage {
  const pods = Array.from({ length: 20 }, (_, i) => `api-${i}-7f9c6b8d4-x${i}`);
  const streams = pods.map((p) => `kubernetes.var.log.containers.${p}_shop_app-${containerId(p)}.log`);
  const pageSize = 10_000;
  let written = 0;
  const tsOf = (i: number) => t0 + Math.floor((i * 1000) / perSecond);
  const event = (i: number): TailEvent => {
    const slot = i & (ring.length - 1);
    const hit = ring[slot];
    if (hit && hit.timestamp === tsOf(i) && hit.eventId === String(i)) return hit;
    return (ring[slot] = build(i));
  };
  const build = (i: number): TailEvent => ({
    logStreamName: streams[i % streams.length],
    timestamp: tsOf(i),
    ingestionTime: tsOf(i) + 5,
    eventId: String(i),
    message: `{"log":"2024-05-01T12:00:00.000Z INFO request id=${i} path=/api/v1/items status=200 duration_ms=${i % 97}\\n","stream":"stdout","kubernetes":{"pod_name":"${pods[i % pods.length]}","namespace_name":"shop","container_name":"app"}}`,
  });
  return async (req) => {
    await new Promise<void>((r) => setImmediate(r));
    if (!req.nextToken) written = Math.min(total, written + growth);
    // first event at or after startTime (timestamps rise with the index)
    let i = req.nextToken ? Number(req.nextToken) : Math.max(0, Math.ceil(((req.startTime - t0) * perSecond) / 1000));
    if (!req.nextToken) while (i > 0 && tsOf(i - 1) >= req.startTime) i--;
    const end = Math.min(written, i + pageSize);
    const events: TailEvent[] = [];
    for (let k = i; k < end; k++) events.push(event(k));
    return { events, nextToken: end < written ? String(end) : undefined };
  };
}

async function benchEngine(
  total: number,
): Promise<{ eventsPerSecond: number; eventsPerCpuSecond: number; rssGrowthMb: number; heapGrowthMb: number; readAmplification: number }> {
  const perSecond = 10_000;
  const run = async (n: number) => {
    const t0 = Date.now() - (n / perSecond) * 1000 - 60_000;
    const formatter = new EventFormatter();
    let lines = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    // the sink stands in for an output channel: it takes the text and keeps nothing
    const sink = new BatchingSink<TailEvent>((events) => {
      formatter.formatAll(events);
      lines += events.length;
      if (lines >= n) resolveDone();
    }, 100);
    let fetched = 0;
    const source = syntheticGroup(n, t0, perSecond, perSecond);
    const session = startTail(
      {
        fetchFilterPage: async (req, signal) => {
          const page = await source(req, signal);
          fetched += page.events.length;
          return page;
        },
      },
      { logGroupName: '/eks/bench/containers' },
      { onEvents: (e) => sink.push(e) },
      // 1 ms between polls: measures what the engine can process, not the polling schedule
      { mode: 'poll', pollIntervalMs: 1, startTime: t0 },
    );
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await done;
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    await session.stop();
    sink.close();
    if (lines !== n) throw new Error(`sink got ${lines} lines for ${n} events`);
    return { ms, fetched, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  await run(200_000); // warm-up: JIT, heap sizing, the source's cache
  await settleMemory();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  const r = await run(total);
  await settleMemory();
  const rss1 = process.memoryUsage().rss;
  const heap1 = process.memoryUsage().heapUsed;
  return {
    eventsPerSecond: Math.round(total / (r.ms / 1000)),
    // the same per second of this process's CPU: steadier on a shared, busy machine
    eventsPerCpuSecond: Math.round(total / (r.cpuMs / 1000)),
    rssGrowthMb: round(((rss1 - rss0) / 2 ** 20) * (1_000_000 / total)),
    heapGrowthMb: round(((heap1 - heap0) / 2 ** 20) * (1_000_000 / total)),
    readAmplification: round(r.fetched / total, 2),
  };
}

function benchGrouping(): number {
  const big = bigGroup('/eks/big/containers', 10_000);
  const infos = big.streams.map((s) => ({ logStreamName: s.name, lastEventTimestamp: s.events[0].timestamp, storedBytes: 40 }));
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const g = groupStreams(infos);
    times.push(performance.now() - t);
    if (g.pods.reduce((n, p) => n + p.streams.length, 0) !== 10_000) throw new Error('grouping lost streams');
  }
  return round(median(times));
}

// ---------------------------------------------------------------------------------------------
// Against moto.

function productClient(moto: MotoServer): CloudWatchLogsClient {
  return createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
}

async function benchTreeFirstPage(moto: MotoServer, group: string): Promise<{ median: number; cold: number }> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const client = productClient(moto); // a fresh client: includes credential/endpoint resolution
    const t = performance.now();
    const page = await logStreamPager(client, group).next();
    const g = groupStreams(page.items);
    times.push(performance.now() - t);
    if (page.items.length !== 50 || g.pods.length === 0) throw new Error(`unexpected first page: ${page.items.length} streams`);
    client.destroy();
  }
  return { median: round(median(times)), cold: round(times[0]) };
}

async function createGroup(client: CloudWatchLogsClient, group: string, streams: string[]) {
  await client.send(new CreateLogGroupCommand({ logGroupName: group }));
  for (const s of streams) await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: s }));
}

async function benchMotoThroughput(
  moto: MotoServer,
  seconds: number,
): Promise<{ eventsPerSecond: number; written: number; putPerSecond: number }> {
  const group = '/eks/throughput/containers';
  const streams = ['a', 'b', 'c', 'd'].map((p) => `${p}-0_shop_app-${containerId(p)}`);
  const writer = moto.client();
  await createGroup(writer, group, streams);
  let received = 0;
  let lastReceivedAt = 0;
  const session = startTail(
    { fetchFilterPage: filterPageFetcher(productClient(moto)), limiter: new RequestLimiter(5, 5) },
    { logGroupName: group },
    {
      onEvents: (e) => {
        received += e.length;
        lastReceivedAt = performance.now();
      },
    },
    { mode: 'poll', pollIntervalMs: 1000, startTime: Date.now() },
  );
  const started = performance.now();
  let written = 0;
  let batch = 0;
  while (performance.now() - started < seconds * 1000) {
    const ts = Date.now();
    const events = Array.from({ length: 1000 }, (_, i) => ({ timestamp: ts, message: `{"log":"event ${written + i}\\n"}` }));
    await writer.send(
      new PutLogEventsCommand({ logGroupName: group, logStreamName: streams[batch++ % streams.length], logEvents: events }),
    );
    written += events.length;
  }
  const writeMs = performance.now() - started;
  const deadline = performance.now() + 60_000;
  while (received < written && performance.now() < deadline) await sleep(50);
  await session.stop();
  if (received !== written) throw new Error(`tail received ${received} of ${written} events`);
  return {
    eventsPerSecond: Math.round(received / ((lastReceivedAt - started) / 1000)),
    written,
    putPerSecond: Math.round(written / (writeMs / 1000)),
  };
}

interface LatencyResult {
  oursP95: number;
  oursP50: number;
  peerP95: number;
  peerP50: number;
  samples: number;
}

/**
 * One writer puts a uniquely numbered event every 50 ms; our tail (1 s polling, 100 ms batching
 * sink) and `awslogs get --watch --watch-interval 1` follow the same stream. Latency = time the
 * line reaches our sink / arrives on awslogs' stdout, minus the time just before PutLogEvents.
 */
async function benchLatency(moto: MotoServer, awslogsBin: string, seconds: number, log: Log): Promise<LatencyResult> {
  const group = '/eks/latency/containers';
  const stream = `latency-0_shop_app-${containerId('latency')}`;
  const writer = moto.client();
  await createGroup(writer, group, [stream]);
  const putAt = new Map<string, number>();
  const ours = new Map<string, number>();
  const peer = new Map<string, number>();
  const marker = /\blat-(\d+)\b/;

  const formatter = new EventFormatter();
  const sink = new BatchingSink<TailEvent>((events) => {
    const now = performance.now();
    for (const line of formatter.formatAll(events).split('\n')) {
      const m = marker.exec(line);
      if (m && !ours.has(m[1])) ours.set(m[1], now);
    }
  }, 100);
  const session = startTail(
    { fetchFilterPage: filterPageFetcher(productClient(moto)), limiter: new RequestLimiter(5, 5) },
    { logGroupName: group, logStreamNames: [stream] },
    { onEvents: (e) => sink.push(e) },
    { mode: 'poll', pollIntervalMs: 1000, startTime: Date.now() },
  );

  const peerProc = spawn(
    awslogsBin,
    [
      'get',
      group,
      stream,
      '--watch',
      '--watch-interval',
      '1',
      '-s',
      '1m',
      '-G',
      '-S',
      '--color',
      'never',
      '--aws-endpoint-url',
      moto.endpoint,
      '--aws-region',
      moto.region,
      '--aws-access-key-id',
      moto.credentials.accessKeyId,
      '--aws-secret-access-key',
      moto.credentials.secretAccessKey,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } },
  );
  let peerErr = '';
  peerProc.stderr!.on('data', (b: Buffer) => (peerErr = (peerErr + b.toString()).slice(-4000)));
  createInterface({ input: peerProc.stdout! }).on('line', (line) => {
    const m = marker.exec(line);
    if (m && !peer.has(m[1])) peer.set(m[1], performance.now());
  });
  try {
    const put = async (id: string) => {
      putAt.set(id, performance.now());
      await writer.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: [{ timestamp: Date.now(), message: `{"log":"lat-${id}\\n"}` }],
        }),
      );
    };
    // warm-up: both tailers must be following before measuring
    await put('0');
    const ready = Date.now() + 30_000;
    while ((!ours.has('0') || !peer.has('0')) && Date.now() < ready) {
      if (peerProc.exitCode !== null) throw new Error(`awslogs exited (${peerProc.exitCode}): ${peerErr}`);
      await sleep(50);
    }
    if (!peer.has('0')) throw new Error(`awslogs did not show the warm-up event within 30 s: ${peerErr}`);
    const n = Math.round((seconds * 1000) / 50);
    const started = performance.now();
    for (let i = 1; i <= n; i++) {
      await put(String(i));
      const next = started + i * 50;
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const deadline = Date.now() + 15_000;
    while ((ours.size < n + 1 || peer.size < n + 1) && Date.now() < deadline) await sleep(100);
    const lat = (m: Map<string, number>) =>
      [...Array(n).keys()]
        .map((i) => String(i + 1))
        .filter((id) => m.has(id))
        .map((id) => m.get(id)! - putAt.get(id)!);
    const o = lat(ours);
    const p = lat(peer);
    if (o.length !== n) throw new Error(`our tail showed ${o.length} of ${n} events`);
    if (p.length !== n) log(`awslogs showed ${p.length} of ${n} events`);
    return {
      oursP95: round(percentile(o, 95)),
      oursP50: round(percentile(o, 50)),
      peerP95: round(percentile(p, 95)),
      peerP50: round(percentile(p, 50)),
      samples: n,
    };
  } finally {
    peerProc.kill('SIGTERM');
    await session.stop();
    sink.close();
  }
}

export interface BenchCloudwatchOptions {
  log?: Log;
  engineEvents?: number;
  latencySeconds?: number;
  /** run only these sections (engine, grouping, provision, moto_start, tree, moto_throughput, latency) */
  only?: string[];
}

export async function benchCloudwatch(opts: BenchCloudwatchOptions = {}): Promise<Metrics> {
  const log: Log = opts.log ?? ((l) => process.stderr.write(`[cloudwatch] ${l}\n`));
  const m: Metrics = {};
  const section = async (name: string, fn: () => Promise<void>) => {
    if (opts.only && !opts.only.includes(name)) return;
    const t = performance.now();
    try {
      await fn();
    } catch (e) {
      m[`error_${name}`] = e instanceof Error ? e.message.split('\n')[0] : String(e);
      log(`${name} failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
    log(`${name}: ${round((performance.now() - t) / 1000)} s`);
  };

  await section('engine', async () => {
    const total = opts.engineEvents ?? 1_000_000;
    const r = await benchEngine(total);
    m.tail_engine_events_per_s = r.eventsPerSecond;
    m.tail_engine_events_per_cpu_s = r.eventsPerCpuSecond;
    m.tail_rss_growth_mb_per_1m = r.rssGrowthMb;
    m.tail_heap_growth_mb_per_1m = r.heapGrowthMb;
    m.tail_engine_events_fetched_per_shown = r.readAmplification;
  });
  await section('grouping', async () => {
    m.pod_grouping_10k_ms = benchGrouping();
  });

  let moto: MotoServer | undefined;
  let awslogsBin: string | undefined;
  await section('provision', async () => {
    const inst = await ensureMoto();
    m.moto_version = MOTO_VERSION;
    m[inst.installed ? 'moto_provision_cold_ms' : 'moto_provision_warm_ms'] = inst.elapsedMs;
    const aw = await ensureVenvTool({ dirName: `awslogs-${AWSLOGS_VERSION}`, requirement: `awslogs==${AWSLOGS_VERSION}`, bin: 'awslogs' });
    awslogsBin = aw.bin;
    m[aw.installed ? 'awslogs_provision_cold_ms' : 'awslogs_provision_warm_ms'] = aw.elapsedMs;
  });
  try {
    await section('moto_start', async () => {
      const t = performance.now();
      // 10,000 streams through the API take ~50 s (moto answers ~5 ms per request); preloaded
      // into moto's backend at start they take a couple of seconds
      moto = await startMoto({ preload: [bigGroup('/eks/big/containers', 10_000)] });
      m.moto_start_with_10k_streams_ms = Math.round(performance.now() - t);
    });
    if (moto) {
      const server = moto;
      await section('tree', async () => {
        const r = await benchTreeFirstPage(server, '/eks/big/containers');
        m.tree_first_page_ms = r.median;
        m.tree_first_page_cold_client_ms = r.cold;
      });
      await section('moto_throughput', async () => {
        const r = await benchMotoThroughput(server, 10);
        m.tail_moto_events_per_s = r.eventsPerSecond;
        m.tail_moto_events_written = r.written;
        m.moto_put_events_per_s = r.putPerSecond;
      });
      if (awslogsBin) {
        const bin = awslogsBin;
        await section('latency', async () => {
          const r = await benchLatency(server, bin, opts.latencySeconds ?? 20, log);
          m.tail_put_to_sink_p95_ms = r.oursP95;
          m.tail_put_to_sink_p50_ms = r.oursP50;
          m.peer_put_to_display_p95_ms = r.peerP95;
          m.peer_put_to_display_p50_ms = r.peerP50;
          m.tail_latency_vs_peer = round(r.oursP95 / r.peerP95, 2);
          m.tail_latency_samples = r.samples;
          m.peer = `awslogs ${AWSLOGS_VERSION} get <group> <stream> --watch --watch-interval 1 --aws-endpoint-url <moto>; ours: poll mode, 1 s interval, 100 ms batching`;
        });
      }
    }
  } finally {
    await moto?.stop();
  }
  return m;
}

if (require.main === module) {
  // e.g. `node --import tsx bench/cloudwatch.ts engine grouping` runs only those sections
  const only = process.argv.slice(2);
  benchCloudwatch(only.length ? { only } : {})
    .then((m) => {
      const width = Math.max(...Object.keys(m).map((k) => k.length));
      for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(width)}  ${v}`);
      process.exit(Object.keys(m).some((k) => k.startsWith('error_')) ? 1 : 0);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
