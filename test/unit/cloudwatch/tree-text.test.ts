import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodGroup } from '../../../src/cloudwatch/pod-grouping';
import type { TreeNode } from '../../../src/cloudwatch/tree-model';
import { ago, agoChangesAt, nodeText } from '../../../src/cloudwatch/tree-text';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const group = { logGroupName: '/eks/demo/containers' };

test('relative times are coarse and say exactly when they next read differently', () => {
  const cases: [number, string][] = [
    [3_000, 'just now'],
    [10_000, '10 s ago'],
    [59_999, '50 s ago'],
    [60_000, '1 min ago'],
    [59 * 60_000, '59 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [50 * 3_600_000, '2 d ago'],
  ];
  for (const [age, text] of cases) {
    const ts = NOW - age;
    assert.equal(ago(ts, NOW), text, `age ${age}`);
    const at = agoChangesAt(ts, NOW)!;
    assert.ok(at > NOW, `age ${age}: changes in the future`);
    assert.equal(ago(ts, at - 1), text, `age ${age}: unchanged until ${at - NOW} ms from now`);
    assert.notEqual(ago(ts, at), text, `age ${age}: changed at ${at - NOW} ms from now`);
  }
  assert.equal(ago(undefined, NOW), 'no events');
  assert.equal(agoChangesAt(undefined, NOW), undefined);
});

test('pod and stream descriptions lead with the state and the last event, so a narrow sidebar keeps them', () => {
  const pod: PodGroup = {
    key: 'shop/checkout-6c9f8d7b5-abcde',
    namespace: 'shop',
    pod: 'checkout-6c9f8d7b5-abcde',
    streams: [],
    containers: ['app', 'istio-proxy'],
    lastEventTimestamp: NOW - 4 * 60_000,
    storedBytes: 2048,
  };
  const podNode: TreeNode = { kind: 'pod', id: 'p', group, pod, state: 'running' };
  assert.equal(nodeText(podNode, NOW).description, 'running · 4 min ago · shop · 2.0 KiB');
  assert.equal(nodeText({ ...podNode, state: undefined }, NOW).description, '4 min ago · shop · 2.0 KiB', 'no cluster to compare');
  assert.match(nodeText(podNode, NOW).tooltip!, /^shop\/checkout-6c9f8d7b5-abcde\nlast event /);
  const stream: TreeNode = {
    kind: 'stream',
    id: 's',
    group,
    label: 'kubelet.service',
    detail: 'ip-10-0-1-23',
    stream: { logStreamName: 'kubelet.service-ip-10-0-1-23', lastEventTimestamp: NOW - 20_000, storedBytes: 10 },
  };
  assert.equal(nodeText(stream, NOW).description, '20 s ago · ip-10-0-1-23 · 10 B');
  const notShipping: TreeNode = {
    kind: 'notShippingPod',
    id: 'n',
    group,
    pod: { namespace: 'shop', name: 'cart-1', containers: ['app'], nodeName: 'node-1' },
    missingContainers: ['sidecar'],
  };
  assert.equal(nodeText(notShipping, NOW).description, 'missing: sidecar · shop · node-1');
});
