// Listing the cluster's running pods for the CloudWatch view, against the local cluster (the
// scheduler binds the pods to a kwok node, kwok runs them; one pod can go nowhere and stays
// Pending): a page at a time with the apiserver's continue tokens, stopping at the pod cap (the view then
// asks the user) and refusing an answer larger than the byte cap.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeClient } from '../../src/kube/client';
import { listRunningPods } from '../../src/kube/pod-list';
import { runningPodsFrom, type PodLike } from '../../src/cloudwatch/pod-shipping';
import { startCluster, type LocalCluster } from '../harness/cluster';
import type { KubeCluster } from '../harness/kube';
import { clientFor, createNamespace, eventually, kubeRequest } from './cluster';

let cluster: LocalCluster;
let kube: KubeCluster;
let admin: KubeClient;
const NS = 'shop';
const RUNNING = ['api-0', 'api-1', 'api-2', 'cart-0', 'cart-1', 'web-0', 'web-1'];

async function pod(name: string, running: boolean): Promise<void> {
  // a node selector no node has keeps a pod Pending (Unschedulable), as on a real cluster
  const nodeSelector = running ? undefined : { 'example.com/no-such-node': 'true' };
  const created = await kubeRequest(
    kube,
    'POST',
    `/api/v1/namespaces/${NS}/pods`,
    { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeSelector, containers: [{ name: 'app', image: 'example/app:1' }] } },
    'application/json',
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
}

describe('running pods for the CloudWatch view (real control plane, a kwok node)', { timeout: 240_000 }, () => {
  before(async () => {
    cluster = await startCluster({ nodes: ['node-a'] });
    kube = cluster.kube;
    admin = await clientFor(kube);
    // the controller manager gives the namespace the default ServiceAccount pods need
    await createNamespace(kube, NS, { waitForServiceAccount: true });
    for (const name of RUNNING) await pod(name, true);
    await pod('pending-0', false);
    await eventually(
      'the pods to run',
      async () => {
        const r = await kubeRequest(kube, 'GET', `/api/v1/namespaces/${NS}/pods`);
        const phases = (r.body.items as { metadata: { name: string }; status?: { phase?: string } }[]).map(
          (p) => `${p.metadata.name}=${p.status?.phase}`,
        );
        return phases.filter((p) => p.endsWith('=Running')).length === RUNNING.length && phases.includes('pending-0=Pending');
      },
      120_000,
    );
  });
  after(async () => cluster?.stop());

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
