import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupStreams } from '../../../src/cloudwatch/pod-grouping';
import { compareWithRunningPods, runningPodsFrom, type PodLike } from '../../../src/cloudwatch/pod-shipping';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const grouping = groupStreams([
  { logStreamName: `api-1_shop_app-${hex(1)}` },
  { logStreamName: `old-1_shop_app-${hex(2)}` },
  { logStreamName: `db-0_data_postgres-${hex(3)}` },
]);

test('pods are marked running/gone and running pods without streams are listed', () => {
  const r = compareWithRunningPods(
    grouping,
    [
      { namespace: 'shop', name: 'api-1', containers: ['app', 'istio-proxy'] },
      { namespace: 'data', name: 'db-0', containers: ['postgres'] },
      { namespace: 'shop', name: 'new-2', containers: ['app'] },
      { namespace: 'kube-system', name: 'coredns-x', containers: ['coredns'] },
    ],
    { complete: true },
  );
  assert.deepEqual(Object.fromEntries(r.states), { 'shop/api-1': 'running', 'shop/old-1': 'gone', 'data/db-0': 'running' });
  assert.deepEqual(
    r.notShipping.map((p) => `${p.namespace}/${p.name}`),
    ['kube-system/coredns-x', 'shop/new-2'],
  );
  assert.deepEqual(
    r.missingContainers.map((m) => [m.pod.name, m.containers]),
    [['api-1', ['istio-proxy']]],
  );
  assert.equal(r.complete, true);
});

test('namespace scope, ignored pods, and the completeness flag', () => {
  const r = compareWithRunningPods(
    grouping,
    [
      { namespace: 'shop', name: 'new-2', containers: ['app'] },
      { namespace: 'logging', name: 'fluentd-abc', containers: ['fluentd'] },
      { namespace: 'kube-system', name: 'coredns-x', containers: ['coredns'] },
    ],
    { complete: false, namespaces: ['shop', 'logging'], ignorePodPrefixes: ['logging/fluentd-'] },
  );
  assert.deepEqual(
    r.notShipping.map((p) => p.name),
    ['new-2'],
  );
  assert.equal(r.complete, false);
});

test('no cluster: every pod with streams is "gone", nothing is "not shipping"', () => {
  const r = compareWithRunningPods(grouping, [], { complete: true });
  assert.ok([...r.states.values()].every((s) => s === 'gone'));
  assert.deepEqual(r.notShipping, []);
});

test('running pods come from V1Pod-shaped objects; pending/terminating pods are skipped', () => {
  const pods: PodLike[] = [
    {
      metadata: { name: 'api-1', namespace: 'shop' },
      spec: { containers: [{ name: 'app' }], nodeName: 'n1' },
      status: { phase: 'Running', containerStatuses: [{ name: 'app', containerID: `containerd://${hex(9)}` }] },
    },
    { metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Pending' } },
    { metadata: { name: 't', namespace: 'shop', deletionTimestamp: '2024-01-01T00:00:00Z' }, status: { phase: 'Running' } },
    { metadata: {}, status: { phase: 'Running' } },
  ];
  assert.deepEqual(runningPodsFrom(pods), [
    { namespace: 'shop', name: 'api-1', containers: ['app'], containerIds: [hex(9)], nodeName: 'n1' },
  ]);
});
