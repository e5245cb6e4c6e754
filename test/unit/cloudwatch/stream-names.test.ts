import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStreamName, streamLabel } from '../../../src/cloudwatch/stream-names';
import { eksFixture } from '../../harness/moto';

const ID = 'a'.repeat(40) + '0123456789abcdef01234567';

test('use_tag_as_stream names: kubernetes.var.log.containers.<pod>_<ns>_<container>-<64hex>.log', () => {
  assert.deepEqual(parseStreamName(`kubernetes.var.log.containers.coredns-5d78c9869d-8xk2p_kube-system_coredns-${ID}.log`), {
    kind: 'container',
    pod: 'coredns-5d78c9869d-8xk2p',
    namespace: 'kube-system',
    container: 'coredns',
    containerId: ID,
  });
});

test('tag_parts names: <pod>_<ns>_<container>-<64hex>, with dots in the pod and dashes in the container', () => {
  assert.deepEqual(parseStreamName(`web.v2-0_shop_istio-proxy-${ID}`), {
    kind: 'container',
    pod: 'web.v2-0',
    namespace: 'shop',
    container: 'istio-proxy',
    containerId: ID,
  });
});

test('host-prefixed Fluent Bit names still find the pod', () => {
  const p = parseStreamName(`ip-10-0-1-23.ec2.internal-application.var.log.containers.cart-1_shop_app-${ID}.log`);
  assert.equal(p.kind, 'container');
  assert.equal(p.kind === 'container' && `${p.namespace}/${p.pod}/${p.container}`, 'shop/cart-1/app');
});

test('systemd streams <unit>-<hostname> are node services', () => {
  assert.deepEqual(parseStreamName('kubelet.service-ip-10-0-1-23.ec2.internal'), {
    kind: 'node',
    unit: 'kubelet.service',
    host: 'ip-10-0-1-23.ec2.internal',
  });
  assert.deepEqual(parseStreamName('systemd-journald.service-node-a'), { kind: 'node', unit: 'systemd-journald.service', host: 'node-a' });
  assert.deepEqual(parseStreamName('ip-10-0-2-71.ec2.internal-dataplane.systemd.containerd.service'), {
    kind: 'node',
    unit: 'containerd.service',
    host: 'ip-10-0-2-71.ec2.internal',
  });
});

test('near misses are "other" streams', () => {
  for (const name of [
    `pod_ns_c-${ID.slice(1)}`, // 63 hex
    `pod_ns_c-${ID.toUpperCase()}`, // kubelet ids are lowercase
    `Pod_ns_c-${ID}`, // not a DNS name
    `pod_ns-${ID}`, // no container part
    `pod_ns_c-${ID}.log.1`,
    'kubelet', // a bare tag carries no host
    'fluentd-cloudwatch-test',
    '',
    'kubelet.service-', // no host
  ]) {
    assert.equal(parseStreamName(name).kind, 'other', name);
  }
});

test('labels: pod/container, unit@host, else the name', () => {
  assert.equal(streamLabel(`a_b_c-${ID}`), 'a/c');
  assert.equal(streamLabel('docker.service-n1'), 'docker.service@n1');
  assert.equal(streamLabel('whatever'), 'whatever');
});

test('every stream of the EKS fixture parses to what it was built from', () => {
  const fx = eksFixture('demo', 1, 1_700_000_000_000);
  for (const s of fx.containerStreams) {
    assert.deepEqual(parseStreamName(s.stream), {
      kind: 'container',
      pod: s.pod,
      namespace: s.namespace,
      container: s.container,
      containerId: s.id,
    });
  }
  for (const s of fx.systemdStreams) assert.deepEqual(parseStreamName(s.stream), { kind: 'node', unit: s.unit, host: s.host });
  for (const s of fx.otherStreams) assert.equal(parseStreamName(s).kind, 'other');
});
