// Listing the cluster's running pods for the CloudWatch view, against a real kube-apiserver: a
// page at a time with the apiserver's continue tokens, stopping at the pod cap (the view then
// asks the user) and refusing an answer larger than the byte cap.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeClient } from '../../src/kube/client';
import { listRunningPods } from '../../src/kube/pod-list';
import { runningPodsFrom, type PodLike } from '../../src/cloudwatch/pod-shipping';
import { startKube, type KubeCluster } from '../harness/kube';
import { clientFor, createNamespace, kubeRequest } from './cluster';

let kube: KubeCluster;
let admin: KubeClient;
const NS = 'shop';
const RUNNING = ['api-0', 'api-1', 'api-2', 'cart-0', 'cart-1', 'web-0', 'web-1'];

async function pod(name: string, running: boolean): Promise<void> {
  const created = await kubeRequest(
    kube,
    'POST',
    `/api/v1/namespaces/${NS}/pods`,
    { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'example/app:1' }] } },
    'application/json',
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  // no scheduler or kubelet here: write the status a kubelet would
  if (running) {
    const patched = await kubeRequest(kube, 'PATCH', `/api/v1/namespaces/${NS}/pods/${name}/status`, { status: { phase: 'Running' } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
  }
}

describe('running pods for the CloudWatch view (real kube-apiserver)', { timeout: 240_000 }, () => {
  before(async () => {
    kube = await startKube();
    admin = await clientFor(kube);
    await createNamespace(kube, NS);
    // no controller-manager here to create the namespace's default ServiceAccount, which pods need
    const sa = await kubeRequest(
      kube,
      'POST',
      `/api/v1/namespaces/${NS}/serviceaccounts`,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } },
      'application/json',
    );
    assert.equal(sa.status, 201, JSON.stringify(sa.body));
    for (const name of RUNNING) await pod(name, true);
    await pod('pending-0', false);
  });
  after(async () => kube?.stop());

  it('reads every running pod a page at a time (continue tokens), pending ones left out', async () => {
    const r = await listRunningPods(admin, { pageSize: 3 });
    assert.equal(r.complete, true);
    assert.equal(r.requests, 3);
    const pods = runningPodsFrom(r.items as PodLike[]);
    assert.deepEqual(pods.map((p) => p.name).sort(), RUNNING);
    assert.deepEqual(pods[0].containers, ['app']);
  });

  it('stops at the pod cap and says more remain', async () => {
    const r = await listRunningPods(admin, { pageSize: 3, maxPods: 5 });
    assert.equal(r.complete, false);
    assert.equal(r.items.length, 6, 'two pages read');
    assert.equal(r.requests, 2);
    const all = await listRunningPods(admin, { pageSize: 3, maxPods: Infinity });
    assert.equal(all.complete, true);
    assert.equal(all.items.length, RUNNING.length);
  });

  it('refuses a page larger than the byte cap instead of reading it', async () => {
    await assert.rejects(listRunningPods(admin, { maxResponseBytes: 2048 }), (e: Error) => {
      assert.match(e.message, /The answer to list pods in all namespaces is larger than 2 KiB; not read\./);
      return true;
    });
  });
});
