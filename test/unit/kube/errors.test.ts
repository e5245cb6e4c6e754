// Error classification: client-node's own ApiException carrying Status bodies exactly as
// kube-apiserver v1.34.4 sent them (captured from the kube tier's server), and real network
// failures raised by client-node and by our client.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import { KubeClient } from '../../../src/kube/client';
import { classifyKubeError, KubeError, type KubeErrorKind } from '../../../src/kube/errors';
import { clientNode } from '../../../src/kube/client-node';

const STATUS = {
  forbiddenPatch: {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      'daemonsets.apps "fluentd" is forbidden: User "restricted" cannot patch resource "daemonsets" in API group "apps" in the namespace "kube-system"',
    reason: 'Forbidden',
    details: { name: 'fluentd', group: 'apps', kind: 'daemonsets' },
    code: 403,
  },
  forbiddenCluster: {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      'clusterroles.rbac.authorization.k8s.io "x" is forbidden: User "restricted" cannot get resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    reason: 'Forbidden',
    details: { name: 'x', group: 'rbac.authorization.k8s.io', kind: 'clusterroles' },
    code: 403,
  },
  unauthorized: {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Unauthorized',
    reason: 'Unauthorized',
    code: 401,
  },
  conflict: {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Apply failed with 1 conflict: conflict with "one": .data.a',
    reason: 'Conflict',
    details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "one"', field: '.data.a' }] },
    code: 409,
  },
  invalid: {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      'DaemonSet.apps "d" is invalid: [spec.template.metadata.labels: Invalid value: {"a":"c"}: `selector` does not match template `labels`, spec.template.spec.containers[0].image: Required value]',
    reason: 'Invalid',
    details: {
      name: 'd',
      group: 'apps',
      kind: 'DaemonSet',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: {"a":"c"}: `selector` does not match template `labels`',
          field: 'spec.template.metadata.labels',
        },
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[0].image' },
      ],
    },
    code: 422,
  },
} as const;

async function apiException(status: { code: number }, asText = false) {
  const { ApiException } = await clientNode();
  return new ApiException(status.code, 'Unsuccessful HTTP Request', asText ? JSON.stringify(status) : status, {});
}

const op = { verb: 'patch', target: 'DaemonSet kube-system/fluentd', server: 'https://127.0.0.1:6443' };

function closedPort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function kubeconfigFor(server: string, token = 't') {
  const { KubeConfig } = await clientNode();
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: false }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

describe('kube error classification', () => {
  it('Forbidden names the verb and the resource the user lacks', async () => {
    for (const asText of [false, true]) {
      const e = classifyKubeError(await apiException(STATUS.forbiddenPatch, asText), op);
      assert.equal(e.kind, 'forbidden');
      assert.equal(e.details.verb, 'patch');
      assert.equal(e.details.resource, 'daemonsets.apps');
      assert.match(e.message, /user "restricted" may not "patch" on daemonsets\.apps in namespace "kube-system"/);
      assert.match(e.message, /RBAC permission to patch daemonsets\.apps/);
    }
    const c = classifyKubeError(await apiException(STATUS.forbiddenCluster), { verb: 'get' });
    assert.equal(c.details.resource, 'clusterroles.rbac.authorization.k8s.io');
    assert.match(c.message, /"get" on clusterroles\.rbac\.authorization\.k8s\.io at cluster scope/);
  });

  it('401 says the credentials are invalid or expired', async () => {
    const e = classifyKubeError(await apiException(STATUS.unauthorized), op);
    assert.equal(e.kind, 'unauthorized');
    assert.match(e.message, /invalid or has expired/);
  });

  it('an apply conflict explains who owns which field and offers force', async () => {
    const e = classifyKubeError(await apiException(STATUS.conflict), op);
    assert.equal(e.kind, 'conflict');
    assert.equal(e.canForce, true);
    assert.deepEqual(e.details.managers, ['one']);
    assert.match(e.message, /\.data\.a is owned by "one"/);
    assert.match(e.message, /force/);
  });

  it('422 keeps every cause the server gave', async () => {
    const e = classifyKubeError(await apiException(STATUS.invalid), op);
    assert.equal(e.kind, 'invalid');
    assert.deepEqual(
      e.details.causes?.map((c) => c.field),
      ['spec.template.metadata.labels', 'spec.template.spec.containers[0].image'],
    );
    assert.match(e.message, /selector` does not match template `labels`/);
    assert.match(e.message, /containers\[0\]\.image: Required value/);
    assert.equal(e.canForce, false);
  });

  it('passes already-classified errors through unchanged', () => {
    const k = new KubeError('timeout', 'x');
    assert.equal(classifyKubeError(k, op), k);
  });

  it("classifies client-node's own connection-refused error as unreachable", async () => {
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: `https://127.0.0.1:${await closedPort()}` }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const err = await api.listNamespace().then(
      () => assert.fail('a closed port answered'),
      (e: unknown) => e,
    );
    const e = classifyKubeError(err, { verb: 'list', server: 'https://127.0.0.1' });
    assert.equal(e.kind, 'unreachable' satisfies KubeErrorKind);
    assert.match(e.message, /Cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1 \(ECONNREFUSED\)/);
  });

  it('our client reports a refused connection and a silent server as such', async () => {
    const refused = await KubeClient.create(await kubeconfigFor(`https://127.0.0.1:${await closedPort()}`));
    await assert.rejects(
      refused.list('v1', 'ConfigMap', { namespace: 'x' }),
      (e: unknown) => e instanceof KubeError && e.kind === 'unreachable',
    );

    // A TCP listener that accepts and never answers: the request must time out, not hang.
    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as { port: number }).port;
      const client = await KubeClient.create(await kubeconfigFor(`https://127.0.0.1:${port}`), { timeoutMs: 300 });
      const started = Date.now();
      await assert.rejects(
        client.get({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'fluentd', namespace: 'kube-system' } }),
        (e: unknown) =>
          e instanceof KubeError && e.kind === 'timeout' && /did not answer in time \(get DaemonSet kube-system\/fluentd\)/.test(e.message),
      );
      assert.ok(Date.now() - started < 5000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    }
  });

  it('an unsupported kind is a clear error, not a request', async () => {
    const client = await KubeClient.create(await kubeconfigFor('https://127.0.0.1:1'));
    await assert.rejects(
      client.get({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 's', namespace: 'n' } }),
      /Unsupported object kind batch\/v1 CronJob/,
    );
  });
});
