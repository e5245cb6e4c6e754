// Real CloudWatch Logs emulator for tests and the bench: moto's server, installed with pip into a
// venv cached outside the repo, started on 127.0.0.1 with a free port and stopped by the caller.
//
//   const moto = await startMoto();        // installs moto on first use (~1.5 min cold)
//   const client = moto.client();           // CloudWatchLogsClient pointed at it
//   await seedGroups(client, eksFixture('demo').groups);
//   await moto.stop();
//
// The install is idempotent and safe when several processes race for it: an atomic mkdir lock
// (stale locks from dead processes are broken) and a `.ready` marker written only after pip
// succeeded, so a half-finished venv is rebuilt rather than trusted.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { freePort, httpGet } from './net';
import { spawnProcess, startWithRetry, waitReady } from './process';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';

/** Latest 5.2 patch on PyPI when this was written (StartLiveTail snapshot exists since 5.2.2). */
export const MOTO_VERSION = '5.2.5';
export const MOTO_REGION = 'us-east-1';
/** moto's default account; every access key maps to it. */
export const MOTO_ACCOUNT = '123456789012';
export const MOTO_CREDENTIALS = { accessKeyId: 'AKIAMOTOTESTKEY00001', secretAccessKey: 'moto-test-secret' };

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'vscode-fluentd');
}

export interface MotoInstall {
  venv: string;
  python: string;
  motoServer: string;
  /** true when this call had to create the venv and pip-install moto */
  installed: boolean;
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cross-process lock: mkdir is atomic. The holder's pid is written inside; a lock whose holder
 * is dead is removed. Returns the release function.
 */
export async function acquireDirLock(lockDir: string, timeoutMs = 20 * 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    } catch {
      // the holder created the dir but has not written its pid yet; give it a moment
    }
    if (Number.isFinite(holder) && holder > 0 && !pidAlive(holder)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockDir} (held by pid ${holder})`);
    await sleep(300);
  }
}

function run(cmd: string, args: string[], logFile?: string): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
  if (logFile) writeFileSync(logFile, `$ ${cmd} ${args.join(' ')}\n${out}\n`, { flag: 'a' });
  return { ok: r.status === 0, out };
}

function tail(text: string, lines = 25): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** python3 with a working venv module; installs Debian's packages only when they are missing. */
function ensurePython(logFile: string): string {
  const probe = run('python3', ['-c', 'import venv, ensurepip']);
  if (probe.ok) return 'python3';
  const canApt = process.getuid?.() === 0 && run('sh', ['-c', 'command -v apt-get']).ok;
  if (!canApt) {
    throw new Error('python3 with the venv module is required (Debian: apt-get install python3 python3-venv).\n' + tail(probe.out));
  }
  run('apt-get', ['update'], logFile);
  const inst = run('apt-get', ['install', '-y', '--no-install-recommends', 'python3', 'python3-venv', 'python3-pip'], logFile);
  if (!inst.ok || !run('python3', ['-c', 'import venv, ensurepip']).ok) {
    throw new Error(`could not install python3-venv with apt-get:\n${tail(inst.out)}`);
  }
  return 'python3';
}

export interface VenvTool {
  /** folder name under the cache root, e.g. moto-5.2.5 */
  dirName: string;
  /** pip requirement, e.g. moto[server]==5.2.5 */
  requirement: string;
  /** executable the venv must end up with, e.g. moto_server */
  bin: string;
}

/**
 * A pip-installed tool in its own venv under the cache root, installed once: concurrent callers
 * wait on the lock, a crashed install (no `.ready`) is redone.
 */
export async function ensureVenvTool(
  tool: VenvTool,
): Promise<{ venv: string; python: string; bin: string; installed: boolean; elapsedMs: number }> {
  const started = Date.now();
  const venv = join(cacheRoot(), tool.dirName);
  const python = join(venv, 'bin', 'python');
  const bin = join(venv, 'bin', tool.bin);
  const marker = join(venv, '.ready');
  const result = (installed: boolean) => ({ venv, python, bin, installed, elapsedMs: Date.now() - started });
  if (existsSync(marker) && existsSync(bin)) return result(false);

  mkdirSync(cacheRoot(), { recursive: true });
  const release = await acquireDirLock(`${venv}.lock`);
  try {
    // another process may have finished while we waited for the lock
    if (existsSync(marker) && existsSync(bin)) return result(false);
    rmSync(venv, { recursive: true, force: true });
    const logFile = join(cacheRoot(), `${tool.dirName}-install.log`);
    writeFileSync(logFile, `install started ${new Date().toISOString()}\n`);
    const py = ensurePython(logFile);
    const mk = run(py, ['-m', 'venv', venv], logFile);
    if (!mk.ok) throw new Error(`python3 -m venv ${venv} failed:\n${tail(mk.out)}`);
    const pip = run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', tool.requirement], logFile);
    if (!pip.ok || !existsSync(bin)) {
      throw new Error(`pip install ${tool.requirement} failed (log: ${logFile}):\n${tail(pip.out)}`);
    }
    writeFileSync(marker, `${tool.requirement} installed ${new Date().toISOString()}\n`);
    return result(true);
  } finally {
    release();
  }
}

/** Installs moto[server]==MOTO_VERSION into its cached venv unless it is already there. */
export async function ensureMoto(version = MOTO_VERSION): Promise<MotoInstall> {
  const r = await ensureVenvTool({ dirName: `moto-${version}`, requirement: `moto[server]==${version}`, bin: 'moto_server' });
  return { venv: r.venv, python: r.python, motoServer: r.bin, installed: r.installed, elapsedMs: r.elapsedMs };
}

// ---------------------------------------------------------------------------------------------
// Seeding data: the same shape is loaded either through the API or, for big groups, in-process.

export interface SeedEvent {
  timestamp: number;
  message: string;
}
export interface SeedStream {
  name: string;
  events: SeedEvent[];
}
export interface SeedGroup {
  name: string;
  streams: SeedStream[];
}

export interface StartMotoOptions {
  /**
   * Groups loaded into moto's own backend objects before it starts serving (moto's models, the
   * code its CreateLogStream/PutLogEvents handlers call, in the server process). moto answers an
   * API request in ~5 ms, so 10,000 streams through the API take ~50 s; this takes well under a second.
   */
  preload?: SeedGroup[];
  /** extra environment for the server process (e.g. INITIAL_NO_AUTH_ACTION_COUNT) */
  env?: Record<string, string>;
  /** How long moto may take to answer, from its own start (default 120 s: a loaded 2-core machine). */
  startTimeoutMs?: number;
}

export interface MotoServer {
  endpoint: string;
  port: number;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  install: MotoInstall;
  /** milliseconds from spawn until moto answered */
  startMs: number;
  client(extra?: Partial<ConstructorParameters<typeof CloudWatchLogsClient>[0]>): CloudWatchLogsClient;
  /** POST /moto-api/reset: forget every resource */
  reset(): Promise<void>;
  /** stderr/stdout of the server so far (for failure messages) */
  output(): string;
  stop(): Promise<void>;
}

// Runs moto's own `moto_server` main() after loading the preload file into its backend.
const PRELOAD_LAUNCHER = `
import json, sys
from moto.core import DEFAULT_ACCOUNT_ID
from moto.logs.models import logs_backends
spec_path, region = sys.argv[1], sys.argv[2]
with open(spec_path) as f:
    groups = json.load(f)
backend = logs_backends[DEFAULT_ACCOUNT_ID][region]
for g in groups:
    backend.create_log_group(g["name"], {})
    group = backend.groups[g["name"]]
    for s in g["streams"]:
        group.create_log_stream(s["name"])
        if s["events"]:
            group.put_log_events(s["name"], s["events"])
print("preloaded", len(groups), "groups", flush=True)
from moto.server import main
main(sys.argv[3:])
`;

export async function startMoto(opts: StartMotoOptions = {}): Promise<MotoServer> {
  const install = await ensureMoto();
  let specDir: string | undefined;
  if (opts.preload?.length) {
    specDir = mkdtempSync(join(tmpdir(), 'moto-preload-'));
    writeFileSync(join(specDir, 'groups.json'), JSON.stringify(opts.preload));
  }
  try {
    // a retry gets a new port: losing the race for a free port is one way a start fails
    return await startWithRetry('moto_server', () => startMotoOnce(install, specDir, opts));
  } catch (e) {
    if (specDir) rmSync(specDir, { recursive: true, force: true });
    throw e;
  }
}

async function startMotoOnce(install: MotoInstall, specDir: string | undefined, opts: StartMotoOptions): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const serverArgs = ['-H', '127.0.0.1', '-p', String(port)];
  const [command, args] = specDir
    ? [install.python, ['-c', PRELOAD_LAUNCHER, join(specDir, 'groups.json'), MOTO_REGION, ...serverArgs]]
    : [install.motoServer, serverArgs];
  const proc = spawnProcess({ name: 'moto_server', command, args, env: { ...process.env, ...opts.env, PYTHONUNBUFFERED: '1' } });
  let startMs: number;
  try {
    // any HTTP answer means werkzeug is serving (GET / is cheap; /moto-api/data.json is not)
    startMs = await waitReady(proc, {
      probe: async () => (await httpGet(`${endpoint}/`)) !== undefined,
      timeoutMs: opts.startTimeoutMs ?? 120_000,
    });
  } catch (e) {
    await proc.stop();
    throw e;
  }
  let stopped = false;
  return {
    endpoint,
    port,
    region: MOTO_REGION,
    credentials: MOTO_CREDENTIALS,
    install,
    startMs,
    client: (extra = {}) =>
      new CloudWatchLogsClient({
        region: MOTO_REGION,
        endpoint,
        disableHostPrefix: true,
        credentials: MOTO_CREDENTIALS,
        ...extra,
      }),
    async reset() {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`moto reset failed: HTTP ${r.status}`);
    },
    output: () => proc.output(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await proc.stop(3000);
      if (specDir) rmSync(specDir, { recursive: true, force: true });
    },
  };
}

/** Creates groups, streams and events through the CloudWatch Logs API (the way Fluentd does). */
export async function seedGroups(client: CloudWatchLogsClient, groups: SeedGroup[], concurrency = 4): Promise<void> {
  for (const g of groups) {
    await client.send(new CreateLogGroupCommand({ logGroupName: g.name }));
    let next = 0;
    const worker = async () => {
      while (next < g.streams.length) {
        const s = g.streams[next++];
        await client.send(new CreateLogStreamCommand({ logGroupName: g.name, logStreamName: s.name }));
        // PutLogEvents takes at most 10,000 events per call
        for (let i = 0; i < s.events.length; i += 10_000) {
          await client.send(
            new PutLogEventsCommand({ logGroupName: g.name, logStreamName: s.name, logEvents: s.events.slice(i, i + 10_000) }),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, g.streams.length) }, worker));
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures shaped like the reference EKS setups (fluentd-kubernetes-daemonset cloudwatch image with
// `use_tag_as_stream`, Container Insights' `stream_name ${tag_parts[3]}`, systemd inputs).

/** Deterministic 64-hex container id, like the suffix kubelet puts on container log file names. */
export function containerId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export interface FixturePod {
  namespace: string;
  pod: string;
  containers: string[];
}

export const FIXTURE_PODS: FixturePod[] = [
  { namespace: 'kube-system', pod: 'coredns-5d78c9869d-8xk2p', containers: ['coredns'] },
  { namespace: 'kube-system', pod: 'aws-node-7hq4z', containers: ['aws-node', 'aws-eks-nodeagent'] },
  { namespace: 'kube-system', pod: 'kube-proxy-2lwnf', containers: ['kube-proxy'] },
  { namespace: 'logging', pod: 'fluentd-cloudwatch-x7k9m', containers: ['fluentd'] },
  { namespace: 'shop', pod: 'checkout-6c9f8d7b5-abcde', containers: ['app', 'istio-proxy'] },
  { namespace: 'shop', pod: 'cart-7f9c6b8d4-q2w3e', containers: ['app'] },
  { namespace: 'payments', pod: 'ledger-0', containers: ['ledger', 'metrics-exporter'] },
];

export const FIXTURE_NODES = ['ip-10-0-1-23.ec2.internal', 'ip-10-0-2-71.ec2.internal'];
export const FIXTURE_UNITS = ['kubelet.service', 'containerd.service', 'docker.service'];

export interface EksFixture {
  cluster: string;
  containersGroup: string;
  systemdGroup: string;
  groups: SeedGroup[];
  /** every container stream with what a parser should find in its name */
  containerStreams: { group: string; stream: string; namespace: string; pod: string; container: string; id: string }[];
  systemdStreams: { stream: string; unit: string; host: string }[];
  otherStreams: string[];
}

/**
 * Two groups for one cluster: `/eks/<cluster>/containers` holding both stream-name shapes
 * (`kubernetes.var.log.containers.<pod>_<ns>_<container>-<64hex>.log` and
 * `<pod>_<ns>_<container>-<64hex>`), plus a couple of unrelated streams; `/eks/<cluster>/systemd`
 * with `<unit>-<hostname>` streams. Each stream has `eventsPerStream` JSON records in the
 * Docker/kubernetes_metadata shape, newest stream first by a minute per stream.
 */
export function eksFixture(cluster: string, eventsPerStream = 3, now = Date.now()): EksFixture {
  const containersGroup = `/eks/${cluster}/containers`;
  const systemdGroup = `/eks/${cluster}/systemd`;
  const containerStreams: EksFixture['containerStreams'] = [];
  const streams: SeedStream[] = [];
  let age = 0;
  const events = (record: (i: number) => string): SeedEvent[] => {
    const base = now - 60_000 * ++age;
    return Array.from({ length: eventsPerStream }, (_, i) => ({ timestamp: base + i, message: record(i) }));
  };
  FIXTURE_PODS.forEach((p, pi) => {
    p.containers.forEach((c, ci) => {
      const id = containerId(`${cluster}/${p.namespace}/${p.pod}/${c}`);
      // alternate the two naming conventions the reference configs produce
      const name =
        (pi + ci) % 2 === 0 ? `kubernetes.var.log.containers.${p.pod}_${p.namespace}_${c}-${id}.log` : `${p.pod}_${p.namespace}_${c}-${id}`;
      containerStreams.push({ group: containersGroup, stream: name, namespace: p.namespace, pod: p.pod, container: c, id });
      streams.push({
        name,
        events: events((i) =>
          JSON.stringify({
            log: `${c} line ${i}\n`,
            stream: 'stdout',
            kubernetes: { namespace_name: p.namespace, pod_name: p.pod, container_name: c },
          }),
        ),
      });
    });
  });
  const otherStreams = ['fluentd-cloudwatch-test', 'kubelet'];
  for (const name of otherStreams) streams.push({ name, events: events((i) => `plain line ${i}`) });

  const systemdStreams: EksFixture['systemdStreams'] = [];
  const sysStreams: SeedStream[] = [];
  for (const host of FIXTURE_NODES) {
    for (const unit of FIXTURE_UNITS) {
      const name = `${unit}-${host}`;
      systemdStreams.push({ stream: name, unit, host });
      sysStreams.push({
        name,
        events: events((i) => JSON.stringify({ MESSAGE: `${unit} message ${i}`, _HOSTNAME: host })),
      });
    }
  }
  return {
    cluster,
    containersGroup,
    systemdGroup,
    groups: [
      { name: containersGroup, streams },
      { name: systemdGroup, streams: sysStreams },
    ],
    containerStreams,
    systemdStreams,
    otherStreams,
  };
}

/**
 * One `/eks/<cluster>/containers`-style group with `count` container streams spread over
 * namespaces/pods/containers (one event each, distinct last-event times), for the 10k bench.
 */
export function bigGroup(name: string, count = 10_000, now = Date.now()): SeedGroup {
  const namespaces = ['default', 'kube-system', 'shop', 'payments', 'search', 'batch', 'ml', 'web'];
  const containers = ['app', 'sidecar', 'istio-proxy'];
  const streams: SeedStream[] = [];
  for (let i = 0; i < count; i++) {
    // three consecutive streams are the three containers of one pod
    const ns = namespaces[Math.floor(i / 3) % namespaces.length];
    const pod = `svc${Math.floor(i / 24) % 400}-7f9c6b8d4-${(Math.floor(i / 3) % 100_000).toString(36).padStart(5, '0')}`;
    const c = containers[i % containers.length];
    const id = containerId(`${name}/${i}`);
    const streamName = i % 2 === 0 ? `kubernetes.var.log.containers.${pod}_${ns}_${c}-${id}.log` : `${pod}_${ns}_${c}-${id}`;
    // spread last-event times over the last ~10 days (moto refuses events older than 14 days)
    streams.push({ name: streamName, events: [{ timestamp: now - i * 60_000, message: `{"log":"hello ${i}\\n"}` }] });
  }
  return { name, streams };
}
