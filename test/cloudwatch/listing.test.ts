// Listing against moto: groups by prefix and streams newest-first, one page per request, and the
// grouping of streams named the way the reference Fluentd setups name them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogsClient } from '../../src/cloudwatch/client';
import { logGroupPager } from '../../src/cloudwatch/log-groups';
import { drainPager, logStreamPager } from '../../src/cloudwatch/log-streams';
import { groupStreams } from '../../src/cloudwatch/pod-grouping';
import { compareWithRunningPods } from '../../src/cloudwatch/pod-shipping';
import { RequestLimiter } from '../../src/cloudwatch/rate-limiter';
import { FIXTURE_PODS, eksFixture, seedGroups, startMoto, type EksFixture, type MotoServer, type SeedGroup } from '../harness/moto';
import { recordCommands } from './helpers/request-log';

let moto: MotoServer;
let demo: EksFixture;
const PAGING_GROUP = '/eks/paging/containers';
const now = Date.now();
const paging: SeedGroup = {
  name: PAGING_GROUP,
  streams: Array.from({ length: 120 }, (_, i) => ({
    name: `p${String(i).padStart(3, '0')}_default_app-${i.toString(16).padStart(64, '0')}`,
    // stream i's last event is i minutes old, so newest-first is p000, p001, …
    events: [{ timestamp: now - i * 60_000, message: `x${i}` }],
  })),
};

before(async () => {
  moto = await startMoto();
  demo = eksFixture('demo', 3, now);
  await seedGroups(moto.client(), [...demo.groups, ...eksFixture('prod', 1, now).groups, paging]);
});
after(async () => moto?.stop());

function client() {
  return createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
}

test('log groups filtered by prefix, one DescribeLogGroups request per page', async () => {
  const c = client();
  const calls = recordCommands(c);
  const pager = logGroupPager(c, { prefix: '/eks/demo/', pageSize: 1 });
  const first = await pager.next();
  assert.deepEqual(
    first.items.map((g) => g.logGroupName),
    ['/eks/demo/containers'],
  );
  assert.equal(first.hasMore, true);
  assert.deepEqual(calls, ['DescribeLogGroups'], 'nothing fetched ahead of the first page');
  assert.equal(first.items[0].logGroupArn, `arn:aws:logs:us-east-1:123456789012:log-group:/eks/demo/containers`);
  const second = await pager.next();
  assert.deepEqual(
    second.items.map((g) => g.logGroupName),
    ['/eks/demo/systemd'],
  );
  assert.equal(second.hasMore, false);
  assert.equal(pager.done, true);
  assert.equal(calls.length, 2);
  const all = await drainPager(logGroupPager(c, { prefix: '/eks/' }));
  assert.deepEqual(all.items.map((g) => g.logGroupName).sort(), [
    '/eks/demo/containers',
    '/eks/demo/systemd',
    '/eks/paging/containers',
    '/eks/prod/containers',
    '/eks/prod/systemd',
  ]);
});

test('streams newest first, 50 per page, "load more" until the last page', async () => {
  const c = client();
  const calls = recordCommands(c);
  const pager = logStreamPager(c, PAGING_GROUP);
  const sizes: number[] = [];
  const names: string[] = [];
  let page = await pager.next();
  assert.equal(calls.length, 1);
  for (;;) {
    sizes.push(page.items.length);
    names.push(...page.items.map((s) => s.logStreamName));
    if (!page.hasMore) break;
    page = await pager.next();
  }
  assert.deepEqual(sizes, [50, 50, 20]);
  assert.equal(calls.length, 3);
  assert.deepEqual(
    names,
    paging.streams.map((s) => s.name),
  );
});

test('the demo cluster groups into its pods, containers, node services and other streams', async () => {
  const c = client();
  const containers = await drainPager(logStreamPager(c, demo.containersGroup));
  const g = groupStreams(containers.items);
  const expectedPods = FIXTURE_PODS.map((p) => `${p.namespace}/${p.pod}`).sort();
  assert.deepEqual(g.pods.map((p) => p.key).sort(), expectedPods);
  for (const p of FIXTURE_PODS) {
    const pod = g.pods.find((x) => x.key === `${p.namespace}/${p.pod}`)!;
    assert.deepEqual(pod.containers, [...p.containers].sort());
    // moto counts stored bytes as the message lengths
    const seeded = demo.groups[0].streams.filter((s) => s.name.includes(`${p.pod}_${p.namespace}_`));
    assert.equal(
      pod.storedBytes,
      seeded.reduce((n, s) => n + s.events.reduce((m, e) => m + e.message.length, 0), 0),
    );
    assert.equal(pod.lastEventTimestamp, Math.max(...seeded.flatMap((s) => s.events.map((e) => e.timestamp))));
  }
  // the fixture's first pod has the newest stream
  assert.equal(g.pods[0].key, `${FIXTURE_PODS[0].namespace}/${FIXTURE_PODS[0].pod}`);
  assert.deepEqual(g.other.map((s) => s.logStreamName).sort(), [...demo.otherStreams].sort());

  const systemd = groupStreams((await drainPager(logStreamPager(c, demo.systemdGroup))).items);
  assert.deepEqual(
    systemd.nodeServices.map((n) => `${n.unit}@${n.host}`).sort(),
    demo.systemdStreams.map((s) => `${s.unit}@${s.host}`).sort(),
  );
  assert.equal(systemd.pods.length + systemd.other.length, 0);
});

test('running pods compared with the streams moto holds: gone pods and pods not shipping', async () => {
  const g = groupStreams((await drainPager(logStreamPager(client(), demo.containersGroup))).items);
  const [first, ...rest] = FIXTURE_PODS;
  const running = [
    ...rest.map((p) => ({ namespace: p.namespace, name: p.pod, containers: p.containers })),
    { namespace: 'shop', name: 'search-5b7d-zz9', containers: ['app'] },
  ];
  const r = compareWithRunningPods(g, running, { complete: true });
  assert.equal(r.states.get(`${first.namespace}/${first.pod}`), 'gone');
  assert.equal([...r.states.values()].filter((s) => s === 'running').length, rest.length);
  assert.deepEqual(
    r.notShipping.map((p) => p.name),
    ['search-5b7d-zz9'],
  );
  assert.deepEqual(r.missingContainers, []);
});

test('a rate-limited client spaces its requests (paginators included) at the limiter rate', async () => {
  const c = createLogsClient({
    region: moto.region,
    endpoint: moto.endpoint,
    credentials: moto.credentials,
    rateLimit: new RequestLimiter(4, 1),
  });
  const started = Date.now();
  const all = await drainPager(logStreamPager(c, PAGING_GROUP)); // 3 requests
  await drainPager(logGroupPager(c, { prefix: '/eks/', pageSize: 2 })); // 3 requests
  const elapsed = Date.now() - started;
  assert.equal(all.items.length, 120);
  // 6 requests at 4/s with no burst: the last one waits ≥ 1.25 s
  assert.ok(elapsed >= 1200, `took ${elapsed} ms`);
});
