import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupStreams } from '../../../src/cloudwatch/pod-grouping';
import type { StreamInfo } from '../../../src/cloudwatch/types';
import { eksFixture, bigGroup } from '../../harness/moto';

const hex = (n: number) => n.toString(16).padStart(64, '0');

test('streams group into pods with their containers, node services and other streams', () => {
  const streams: StreamInfo[] = [
    { logStreamName: `kubernetes.var.log.containers.api-1_shop_app-${hex(1)}.log`, lastEventTimestamp: 100, storedBytes: 10 },
    { logStreamName: `api-1_shop_istio-proxy-${hex(2)}`, lastEventTimestamp: 300, storedBytes: 5 },
    { logStreamName: `api-1_shop_app-${hex(3)}`, lastEventTimestamp: 200, storedBytes: 1 }, // restarted container
    { logStreamName: `db-0_data_postgres-${hex(4)}`, lastEventTimestamp: 250 },
    { logStreamName: 'kubelet.service-node-a', lastEventTimestamp: 50 },
    { logStreamName: 'containerd.service-node-b', lastEventTimestamp: 60 },
    { logStreamName: 'misc', creationTime: 10 },
    { logStreamName: 'misc-newer', lastEventTimestamp: 20 },
  ];
  const g = groupStreams(streams);
  assert.deepEqual(
    g.pods.map((p) => [p.key, p.lastEventTimestamp, p.storedBytes, p.containers]),
    [
      ['shop/api-1', 300, 16, ['app', 'istio-proxy']],
      ['data/db-0', 250, 0, ['postgres']],
    ],
  );
  // newest stream first inside the pod
  assert.deepEqual(
    g.pods[0].streams.map((s) => s.containerId),
    [hex(2), hex(3), hex(1)],
  );
  assert.deepEqual(
    g.nodeServices.map((n) => `${n.unit}@${n.host}`),
    ['containerd.service@node-b', 'kubelet.service@node-a'],
  );
  assert.deepEqual(
    g.other.map((s) => s.logStreamName),
    ['misc-newer', 'misc'],
  );
});

test('streams without timestamps sort after dated ones, ties by name', () => {
  const g = groupStreams([
    { logStreamName: `b-0_ns_c-${hex(5)}` },
    { logStreamName: `a-0_ns_c-${hex(6)}` },
    { logStreamName: `z-0_ns_c-${hex(7)}`, lastEventTimestamp: 1 },
  ]);
  assert.deepEqual(
    g.pods.map((p) => p.pod),
    ['z-0', 'a-0', 'b-0'],
  );
});

test('the EKS fixture groups into its pods, every container accounted for', () => {
  const fx = eksFixture('demo', 1, 1_700_000_000_000);
  const containers = fx.groups[0].streams.map((s) => ({ logStreamName: s.name, lastEventTimestamp: s.events.at(-1)?.timestamp }));
  const g = groupStreams(containers);
  const expected = new Map<string, Set<string>>();
  for (const s of fx.containerStreams) {
    const k = `${s.namespace}/${s.pod}`;
    if (!expected.has(k)) expected.set(k, new Set());
    expected.get(k)!.add(s.container);
  }
  assert.equal(g.pods.length, expected.size);
  for (const p of g.pods) assert.deepEqual(p.containers, [...expected.get(p.key)!].sort());
  assert.deepEqual(g.other.map((s) => s.logStreamName).sort(), [...fx.otherStreams].sort());
  // fixture streams get older one minute at a time, so pod order follows the fixture's order
  for (let i = 1; i < g.pods.length; i++) assert.ok(g.pods[i - 1].lastEventTimestamp! >= g.pods[i].lastEventTimestamp!);
});

test('10,000 streams: every stream lands in exactly one pod', () => {
  const big = bigGroup('/eks/big/containers', 10_000, 1_700_000_000_000);
  const g = groupStreams(big.streams.map((s) => ({ logStreamName: s.name, lastEventTimestamp: s.events[0].timestamp })));
  const total = g.pods.reduce((n, p) => n + p.streams.length, 0);
  assert.equal(total, 10_000);
  assert.equal(g.other.length + g.nodeServices.length, 0);
  assert.equal(new Set(g.pods.map((p) => p.key)).size, g.pods.length);
});
