// Pod logs through the real API server's log proxy, served by kwok from CRI-format files
// (ClusterLogs: one file per namespace here, so every pod of a namespace shows the same lines).
// The follower (src/kube/pod-logs) is driven against real pods made by real controllers: tail
// limits, following, pods that come and go, an API server restart in the middle of a stream,
// a 100 MB log, and 50 pods at once; and with two topologies' Fluentd pods under one selector,
// each pod's problems on the config its deploy shipped.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeClient } from '../../src/kube/client';
import { deploy, formatDeployResult } from '../../src/kube/deploy';
import { FluentdConfigLinks } from '../../src/kube/fluentd-log/config-link';
import { PodConfigLinks } from '../../src/kube/fluentd-log/pod-config-links';
import { COMPONENT_LABEL } from '../../src/kube/labels';
import type { LogEntry } from '../../src/kube/pod-logs/container-stream';
import { PodLogFollower, type FollowNotice, type FollowOptions } from '../../src/kube/pod-logs/follower';
import { PodLogSession } from '../../src/kube/pod-logs/session';
import { withDefaults } from '../../src/kube/settings';
import { findManifestsDir } from '../../src/kube/templates';
import { nodeFileSystem } from '../../src/language/node-file-system';
import { pathToUri } from '../../src/language/uri';
import { startCluster, type LocalCluster } from '../harness/cluster';
import { clientFor, createNamespace, eventually, kubeRequest, templates, validate } from './cluster';

const dir = mkdtempSync(join(tmpdir(), 'kube-pod-logs-'));
const file = (ns: string) => join(dir, `${ns}.log`);
const NAMESPACES = ['fluentd', 'restart', 'big', 'many', 'recorded', 'topology'];
const FIXTURES = resolve(__dirname, '../fixtures/fluentd-logs');
let cluster: LocalCluster;
let admin: KubeClient;

/** CRI lines (`<time> stdout F <text>`); `at` gives every line the same instant, as a burst has. */
function cri(lines: string[], at = new Date()): string {
  const ts = at.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return lines.map((l) => `${ts} stdout F ${l}\n`).join('');
}

async function daemonSet(ns: string, name: string): Promise<void> {
  await createNamespace(cluster.kube, ns);
  const r = await kubeRequest(
    cluster.kube,
    'POST',
    `/apis/apps/v1/namespaces/${ns}/daemonsets`,
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'fluent/fluentd:v1.16' }] } },
      },
    },
    'application/json',
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

async function readyPods(ns: string, count: number): Promise<any[]> {
  return eventually(`${count} running pods in ${ns}`, async () => {
    const r = await kubeRequest(cluster.kube, 'GET', `/api/v1/namespaces/${ns}/pods`);
    const pods = (r.body.items as any[]).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
    return pods.length === count && pods;
  });
}

/** A follower whose entries and notices are collected. */
function follow(opts: Partial<FollowOptions> & { namespace: string }) {
  const entries: LogEntry[] = [];
  const notices: FollowNotice[] = [];
  const follower = new PodLogFollower(
    admin,
    { tailLines: 10, maxStreams: 50, minRetryMs: 100, maxRetryMs: 1000, ...opts },
    { onEntries: (e) => entries.push(...e), onNotice: (n) => notices.push(n) },
  );
  const linesOf = (pod: string) => entries.filter((e) => e.ref.pod === pod).map((e) => e.text);
  return { follower, entries, notices, linesOf };
}

describe('pod logs through the API server (kwok ClusterLogs)', () => {
  before(async () => {
    for (const ns of NAMESPACES) writeFileSync(file(ns), '');
    cluster = await startCluster({
      nodes: ['node-a', 'node-b', 'node-c'],
      clusterLogs: NAMESPACES.map((ns) => ({ namespaces: [ns], file: file(ns) })),
    });
    admin = await clientFor(cluster.kube);
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams every pod from the tail limit, follows new lines, and follows pods as they come and go', async () => {
    appendFileSync(
      file('fluentd'),
      cri(
        Array.from({ length: 30 }, (_, i) => `old line ${i}`),
        new Date(Date.now() - 60_000),
      ),
    );
    await daemonSet('fluentd', 'fluentd');
    const pods = await readyPods('fluentd', 3);
    const f = follow({ namespace: 'fluentd', labelSelector: 'app=fluentd', tailLines: 5 });
    try {
      await eventually('3 pods streaming the tail', async () => pods.every((p) => f.linesOf(p.metadata.name).length === 5));
      for (const p of pods)
        assert.deepEqual(f.linesOf(p.metadata.name), ['old line 25', 'old line 26', 'old line 27', 'old line 28', 'old line 29']);
      const added = f.notices.filter((n) => n.kind === 'pod-added');
      assert.deepEqual(added.map((n) => n.kind === 'pod-added' && n.pod.node).sort(), ['node-a', 'node-b', 'node-c']);
      for (const e of f.entries) assert.equal(e.ref.node, pods.find((p) => p.metadata.name === e.ref.pod).spec.nodeName);

      appendFileSync(file('fluentd'), cri(['fresh 1', 'fresh 2']));
      await eventually('the new lines on every pod', async () => pods.every((p) => f.linesOf(p.metadata.name).at(-1) === 'fresh 2'));

      // --since: the old lines (a minute old) are left out even though the tail limit would take them
      const recent = follow({ namespace: 'fluentd', labelSelector: 'app=fluentd', tailLines: 100, sinceSeconds: 30 });
      try {
        await eventually('the recent lines', async () => pods.every((p) => recent.linesOf(p.metadata.name).length === 2));
        for (const p of pods) assert.deepEqual(recent.linesOf(p.metadata.name), ['fresh 1', 'fresh 2']);
      } finally {
        await recent.follower.stop();
      }

      // a pod deleted is replaced by the DaemonSet controller: the old one is dropped, the new one followed
      const victim = pods[0];
      await kubeRequest(cluster.kube, 'DELETE', `/api/v1/namespaces/fluentd/pods/${victim.metadata.name}`);
      const replacement = await eventually('a replacement pod streaming', async () =>
        f.follower.streaming.find((r) => r.node === victim.spec.nodeName && r.pod !== victim.metadata.name),
      );
      await eventually('the old pod dropped', async () =>
        f.notices.some((n) => n.kind === 'pod-removed' && n.pod.name === victim.metadata.name),
      );
      appendFileSync(file('fluentd'), cri(['after the restart']));
      await eventually('the replacement shows new lines', async () => f.linesOf(replacement.pod).includes('after the restart'));
      // it appeared while following: it starts at its creation, not at the tail of older lines
      assert.ok(!f.linesOf(replacement.pod).includes('old line 29'), f.linesOf(replacement.pod).join('|'));
      assert.ok(!f.linesOf(victim.metadata.name).includes('after the restart'));

      // a node added later: its pod is followed too
      await cluster.kwok.addNodes(['node-d']);
      const onD = await eventually('a pod on node-d streaming', async () => f.follower.streaming.find((r) => r.node === 'node-d'));
      appendFileSync(file('fluentd'), cri(['hello node-d']));
      await eventually('node-d pod lines', async () => f.linesOf(onD.pod).includes('hello node-d'));
    } finally {
      await f.follower.stop();
    }
  });

  it('resumes after an API server restart without repeating or losing a line', async () => {
    await daemonSet('restart', 'writer');
    const pods = await readyPods('restart', 4);
    const f = follow({ namespace: 'restart', labelSelector: 'app=writer', tailLines: 0 });
    let n = 0;
    // bursts of 3 lines with one timestamp: the resume must count lines within an instant too
    const writer = setInterval(() => {
      const at = new Date();
      appendFileSync(file('restart'), cri([`seq ${n++}`, `seq ${n++}`, `seq ${n++}`], at));
    }, 50);
    try {
      await eventually('all pods streaming', async () => pods.every((p) => f.linesOf(p.metadata.name).length > 10));
      await cluster.kube.restartApiserver({ downMs: 1500 });
      await eventually(
        'reconnects',
        async () => f.notices.filter((x) => x.kind === 'stream' && x.notice.kind === 'resumed').length >= 4,
        120_000,
      );
      const target = n + 30;
      await eventually(
        'lines after the restart',
        async () => pods.every((p) => f.linesOf(p.metadata.name).includes(`seq ${target}`)),
        120_000,
      );
    } finally {
      clearInterval(writer);
      await f.follower.stop();
    }
    for (const p of pods) {
      const seq = f.linesOf(p.metadata.name).map((t) => Number(t.replace('seq ', '')));
      const first = seq[0];
      assert.deepEqual(
        seq,
        seq.map((_, i) => first + i),
        `${p.metadata.name}: lines repeated or missing around the restart`,
      );
    }
  });

  it('a pod with a 100 MB log starts at the tail limit', async () => {
    // 100 MB of old lines, then the last few we expect to see
    const line = `${'x'.repeat(200)}\n`;
    const block = cri(
      Array.from({ length: 5000 }, () => line.trimEnd()),
      new Date(Date.now() - 3_600_000),
    );
    const copies = Math.ceil((100 << 20) / block.length);
    for (let i = 0; i < copies; i++) appendFileSync(file('big'), block);
    appendFileSync(file('big'), cri(Array.from({ length: 20 }, (_, i) => `tail ${i}`)));
    await createNamespace(cluster.kube, 'big', { waitForServiceAccount: true });
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'chatty', labels: { app: 'chatty' } },
      spec: { nodeName: 'node-a', containers: [{ name: 'main', image: 'busybox' }] },
    };
    assert.equal((await kubeRequest(cluster.kube, 'POST', '/api/v1/namespaces/big/pods', pod, 'application/json')).status, 201);
    await readyPods('big', 1);
    const f = follow({ namespace: 'big', labelSelector: 'app=chatty', tailLines: 15 });
    try {
      await eventually('the tail', async () => f.entries.length >= 15);
      appendFileSync(file('big'), cri(['after']));
      await eventually('a followed line', async () => f.linesOf('chatty').includes('after'));
      assert.deepEqual(f.linesOf('chatty'), [...Array.from({ length: 15 }, (_, i) => `tail ${i + 5}`), 'after']);
    } finally {
      await f.follower.stop();
    }

    // a consumer that falls behind (hand-overs 250 ms apart): the session stops reading at
    // maxPendingLines until its batch is handed over, instead of holding the whole log
    let handed = 0;
    let most = 0;
    const session = new PodLogSession(
      admin,
      { namespace: 'big', labelSelector: 'app=chatty', tailLines: 100_000, maxStreams: 1, maxPendingLines: 2000, flushMs: 250 },
      {
        append: (text) => {
          const n = text.split('\n').length - 1;
          most = Math.max(most, n);
          handed += n;
        },
      },
    );
    try {
      await eventually('100,000 lines', async () => handed >= 100_000, 180_000);
      // one chunk read before the pause takes effect may go past the bound, not the rest of the log
      assert.ok(most < 2000 + 1500, `${most} lines held for one hand-over`);
    } finally {
      await session.stop();
    }
  });

  it('follows 50 pods at once, and caps concurrent streams', async () => {
    await createNamespace(cluster.kube, 'many');
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 50,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } },
      },
    };
    assert.equal(
      (await kubeRequest(cluster.kube, 'POST', '/apis/apps/v1/namespaces/many/deployments', deployment, 'application/json')).status,
      201,
    );
    const pods = await readyPods('many', 50);
    // each stream shows this line once it is connected (tailLines 1): then the burst cannot be early
    appendFileSync(file('many'), cri(['connected']));
    const all = follow({ namespace: 'many', labelSelector: 'app=web', tailLines: 1, maxStreams: 50 });
    const capped = follow({ namespace: 'many', labelSelector: 'app=web', tailLines: 1, maxStreams: 20 });
    try {
      await eventually('50 streams connected', async () => all.follower.streaming.length === 50 && all.entries.length === 50);
      await eventually('20 streams, 30 waiting', async () => capped.follower.streaming.length === 20 && capped.follower.waiting === 30);
      await eventually('20 streams connected', async () => capped.entries.length === 20);
      assert.ok(capped.notices.some((n) => n.kind === 'waiting' && n.waiting === 30 && n.maxStreams === 20));
      appendFileSync(file('many'), cri(Array.from({ length: 100 }, (_, i) => `burst ${i}`)));
      await eventually('the burst on all 50 pods', async () => all.entries.length === 50 * 101);
      for (const p of pods)
        assert.deepEqual(all.linesOf(p.metadata.name), ['connected', ...Array.from({ length: 100 }, (_, i) => `burst ${i}`)]);
      await eventually('the burst on the 20 capped streams', async () => capped.entries.length === 20 * 101);
    } finally {
      await Promise.all([all.follower.stop(), capped.follower.stop()]);
    }
  });

  it("Fluentd's own lines from its pods become findings on the config lines, counted per pod, and go with the pods", async () => {
    await daemonSet('recorded', 'fluentd');
    const n = (await kubeRequest(cluster.kube, 'GET', '/api/v1/nodes')).body.items.length; // 3, or 4 after the first test
    const pods = await readyPods('recorded', n);
    const links = FluentdConfigLinks.fromFile(join(FIXTURES, 'configs', 'tail-routing.conf'), nodeFileSystem)!;
    const texts: string[] = [];
    // a marker each stream starts with (tailLines 1): once shown, the stream is surely connected
    appendFileSync(file('recorded'), cri(['connected']));
    const session = new PodLogSession(
      admin,
      {
        namespace: 'recorded',
        labelSelector: 'app=fluentd',
        tailLines: 1,
        maxStreams: 10,
        minRetryMs: 100,
        maxRetryMs: 1000,
        fluentd: { links, ttlMs: 600_000 },
      },
      { append: (t) => void texts.push(t) },
    );
    try {
      await eventually('every pod streaming', async () => session.follower.streaming.length === n);
      await eventually('connected', async () => session.lines === n);
      // what real Fluentd wrote running that config, as its container log
      const recorded = readFileSync(join(FIXTURES, 'tail-routing.log'), 'utf8').trimEnd().split('\n');
      appendFileSync(file('recorded'), cri(recorded));
      await eventually('every line on every pod', async () => session.lines === n * (recorded.length + 1));
      const byKind = () => Object.fromEntries(session.findings!.list().map((f) => [f.kind, f]));
      const f = byKind();
      assert.deepEqual(Object.keys(f).sort(), ['buffer-retry', 'no-patterns-matched', 'pattern-not-matched']);
      assert.equal(f['pattern-not-matched'].count, n);
      assert.equal(f['pattern-not-matched'].pods.size, n);
      assert.equal(f['pattern-not-matched'].spots[0].range.start.line, 9); // <parse>
      assert.equal(f['no-patterns-matched'].spots[0].range.start.line, 2); // <source>
      assert.equal(f['buffer-retry'].count, 4 * n); // 3 retries and the giving up, on each pod
      assert.equal(f['buffer-retry'].severity, 'error');
      const diags = session.findings!.diagnostics();
      assert.ok(
        diags.some(
          (d) =>
            d.code === 'fluentd-log/pattern-not-matched' &&
            new RegExp(`${n}× on ${n} pods, last at .* on node-[a-d]/fluentd-`).test(d.message),
        ),
        JSON.stringify(diags),
      );
      // the channel shows the lines stern-style (handed over in batches)
      const sternLine = /^node-[a-d]\/fluentd-[a-z0-9]+ +.*\[warn\]: #0 \[in_tail_container_logs\] pattern not matched/m;
      await eventually('the lines in the channel', async () => sternLine.test(texts.join('')));
      // a pod that goes away takes its share of the counts (its replacement may read the same lines again: shared file)
      const gone = `recorded/${pods[0].metadata.name}`;
      await kubeRequest(cluster.kube, 'DELETE', `/api/v1/namespaces/recorded/pods/${pods[0].metadata.name}`);
      await eventually('the gone pod’s share to go', async () => !byKind()['pattern-not-matched'].pods.has(gone));
    } finally {
      await session.stop();
    }
  });

  it("two topologies' Fluentd pods under the default selector: each pod's problems go on the config its deploy shipped", async () => {
    // the forward topology: a workspace config for the aggregator, the bundled one for the agents
    await createNamespace(cluster.kube, 'topology');
    const workspace = mkdtempSync(join(tmpdir(), 'kube-pod-config-'));
    const aggregatorConf = join(workspace, 'fluentd', 'aggregator.conf');
    mkdirSync(join(workspace, 'fluentd'));
    const aggregatorText = templates.files['forward-aggregator/aggregator-kinesis-streams.conf'];
    writeFileSync(aggregatorConf, aggregatorText);
    const forwarderConf = join(findManifestsDir(), 'forward-aggregator', 'forwarder.conf');
    const result = await deploy({
      client: admin,
      settings: withDefaults({ region: 'us-east-1', kinesisStream: 'app-logs', namespace: 'topology', replicas: 2 }),
      templates,
      topology: 'forward-aggregator-kinesis',
      config: [{ path: 'fluent.conf', text: aggregatorText }],
      configNames: { main: 'fluentd/aggregator.conf' },
      validate,
      rollout: { timeoutMs: 120_000, intervalMs: 200 },
    });
    assert.ok(result.ok, formatDeployResult(result));
    const n = (await kubeRequest(cluster.kube, 'GET', '/api/v1/nodes')).body.items.length;
    const pods = await readyPods('topology', n + 2); // a forwarder per node, 2 aggregators
    const roleOf = new Map(pods.map((p) => [`topology/${p.metadata.name}`, p.metadata.labels[COMPONENT_LABEL] as string]));
    assert.deepEqual([...new Set(roleOf.values())].sort(), ['aggregator', 'forwarder']);

    // what the UI builds: no setting is set, no fallback config
    const configs = new PodConfigLinks(
      { workspaceFolder: workspace, manifestsDir: findManifestsDir(), settingPath: () => undefined },
      nodeFileSystem,
    );
    appendFileSync(file('topology'), cri(['connected']));
    const session = new PodLogSession(
      admin,
      {
        namespace: 'topology',
        labelSelector: 'app.kubernetes.io/name=fluentd',
        tailLines: 1,
        maxStreams: 20,
        minRetryMs: 100,
        maxRetryMs: 1000,
        fluentd: { linksFor: (pod) => configs.linksFor(pod), ttlMs: 600_000 },
      },
      { append: () => undefined },
    );
    try {
      await eventually('every pod connected', async () => session.lines === pods.length);
      // every pod of the namespace logs these (one file per namespace): the agents' tail rejecting
      // a line, and the aggregator's Kinesis output denied
      appendFileSync(
        file('topology'),
        cri([
          '2026-12-07 01:30:00 +0000 [warn]: #0 [in_tail_container_logs] pattern not matched: "not a CRI line"',
          '2026-12-07 01:30:01 +0000 [warn]: #0 [out_kinesis_streams] failed to flush the buffer. retry_times=0 next_retry_time=2026-12-07 01:30:03 +0000 chunk="661fe6bf42fd9c5edba99ce42ee9c483" error_class=Aws::Kinesis::Errors::AccessDeniedException error="User: arn:aws:iam::123456789012:user/fluentd-aggregator is not authorized to perform: kinesis:PutRecords on resource: arn:aws:kinesis:us-east-1:123456789012:stream/app-logs"',
        ]),
      );
      await eventually('both lines on every pod', async () => session.lines === 3 * pods.length);
      const uriOf = { aggregator: pathToUri(aggregatorConf), forwarder: pathToUri(forwarderConf) };
      const findings = session.findings!.list();
      // each finding stands on the config of the workload of every pod that logged it
      for (const f of findings) {
        const roles = new Set([...f.pods.keys()].map((k) => roleOf.get(k)));
        assert.equal(roles.size, 1, `${f.kind} mixes ${[...roles].join(' and ')}`);
        const [role] = roles as Set<'aggregator' | 'forwarder'>;
        for (const spot of f.spots) assert.equal(spot.uri, uriOf[role], `${f.kind} of the ${role}s`);
      }
      const exact = (kind: string) => findings.filter((f) => f.kind === kind && !f.approximate);
      const [denied] = exact('access-denied');
      assert.ok(denied, JSON.stringify(findings.map((f) => [f.kind, f.approximate])));
      assert.equal(denied.pods.size, 2, 'the two aggregators');
      assert.match(readFileSync(aggregatorConf, 'utf8').split('\n')[denied.spots[0].range.start.line], /^<match /);
      const [rejected] = exact('pattern-not-matched');
      assert.ok(rejected);
      assert.equal(rejected.pods.size, n, 'a forwarder per node');
      assert.equal(readFileSync(forwarderConf, 'utf8').split('\n')[rejected.spots[0].range.start.line].trim(), '<parse>');
    } finally {
      await session.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
