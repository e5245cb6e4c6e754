// Deploy lifecycle against a real control plane (kube-apiserver + etcd, the controller manager
// and the scheduler) with 3 kwok nodes: preview, first deploy and its rollout, idempotent
// re-deploy, a config change that rolls every pod, the validation gate, a node added later, a pod
// that never becomes ready, status and undeploy. Nothing writes a status here: the DaemonSet
// controller creates the pods, kwok runs them. The tests run in order and build on each other.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeClient } from '../../src/kube/client';
import { collectConfigFiles } from '../../src/kube/config-collect';
import { configChecksum, type ConfigFile } from '../../src/kube/config-files';
import { deploy, formatDeployResult } from '../../src/kube/deploy';
import { loadKubeconfig } from '../../src/kube/kubeconfig';
import { FIELD_MANAGER, MANAGED_BY, MANAGED_BY_LABEL } from '../../src/kube/labels';
import { formatPreview, previewObjects } from '../../src/kube/preview';
import { CHECKSUM_ANNOTATION, renderManifests } from '../../src/kube/render';
import { waitForRollout, type RolloutState } from '../../src/kube/rollout';
import { withDefaults } from '../../src/kube/settings';
import { fluentdStatus, statusBarText } from '../../src/kube/status';
import type { KubeObject } from '../../src/kube/types';
import { deleteObjects, findManagedObjects } from '../../src/kube/undeploy';
import { nodeFileSystem } from '../../src/language/node-file-system';
import { startCluster, type LocalCluster } from '../harness/cluster';
import type { KubeCluster } from '../harness/kube';
import { clientFor, eventually, fluentdPods, isReady, kubeRequest, settings, templates, validate } from './cluster';

const NODES = ['node-a', 'node-b', 'node-c'];
/** kwok keeps pods of this image waiting in ImagePullBackOff, as a kubelet does for an image it cannot pull. */
const UNPULLABLE = 'registry.invalid/fluentd:does-not-exist';

let cluster: LocalCluster;
let kube: KubeCluster;
let admin: KubeClient;
let workDir: string;
const NS = settings.namespace; // kube-system
const ds = () => admin.get({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'fluentd', namespace: NS } }) as Promise<any>;
const cm = () => admin.get({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fluentd-config', namespace: NS } }) as Promise<any>;
const outcomes = (r: Awaited<ReturnType<typeof deploy>>) =>
  Object.fromEntries(r.apply?.results.map((x) => [x.target.split(' ')[0], x.outcome]) ?? []);

/** A workspace config: fluent.conf that @includes conf.d/*.conf, read from disk like the extension does. */
function workspaceConfig(extra: string): ConfigFile[] {
  const dir = join(workDir, `ws-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, 'conf.d'), { recursive: true });
  writeFileSync(join(dir, 'fluent.conf'), `${templates.defaultConfig}\n@include conf.d/*.conf\n`);
  writeFileSync(join(dir, 'conf.d', 'app.conf'), `# app pipeline\n<match app.**>\n  @type null\n</match>\n${extra}`);
  return collectConfigFiles(join(dir, 'fluent.conf'), nodeFileSystem);
}

describe('kube deploy lifecycle (real control plane, 3 kwok nodes)', () => {
  before(async () => {
    cluster = await startCluster({ nodes: NODES, unpullableImages: [UNPULLABLE] });
    kube = cluster.kube;
    admin = await clientFor(kube);
    workDir = mkdtempSync(join(tmpdir(), 'kube-deploy-test-'));
  });
  after(async () => {
    await cluster?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('reads the harness kubeconfig: admin and restricted contexts, admin current', async () => {
    const k = await loadKubeconfig({ env: { KUBECONFIG: kube.kubeconfig } });
    assert.deepEqual(k.contexts, ['admin', 'restricted']);
    assert.equal(k.current.context, 'admin');
    assert.equal(k.current.server, kube.server);
    assert.match(kube.version, /^v1\.3\d\.\d+$/);
  });

  it('previews every object as new before the first deploy', async () => {
    const entries = await previewObjects(admin, renderManifests({ settings, templates }));
    assert.deepEqual(
      entries.map((e) => e.change),
      ['new', 'new', 'new', 'new', 'new'],
    );
    const dsEntry = entries.find((e) => e.target.startsWith('DaemonSet'))!;
    assert.match(dsEntry.diff, /^\+\+\+ deployed DaemonSet kube-system\/fluentd$/m);
    // the "after" side is the server's dry run: it includes defaults the server fills in
    assert.match(dsEntry.diff, /^\+ {2}revisionHistoryLimit: 10$/m);
    assert.equal(await ds(), undefined, 'preview must not create anything');
  });

  it('first deploy creates every object, labelled, owned by the vscode-fluentd field manager, and rolls out on 3 nodes', async () => {
    const progress: string[] = [];
    const seen: RolloutState[] = [];
    const r = await deploy({
      client: admin,
      settings,
      templates,
      validate,
      rollout: { timeoutMs: 120_000, intervalMs: 100 },
      onRollout: (s) => void seen.push(s),
      onProgress: (m) => void progress.push(m),
    });
    assert.equal(r.ok, true, formatDeployResult(r));
    assert.equal(r.rollout?.done, true);
    assert.equal(r.rollout?.message, '3 of 3 pods ready');
    assert.equal(seen.at(-1)?.message, '3 of 3 pods ready');
    assert.match(formatDeployResult(r), /Rollout complete: DaemonSet kube-system\/fluentd: 3 of 3 pods ready/);
    assert.equal(r.stage, 'done');
    assert.deepEqual(outcomes(r), {
      ServiceAccount: 'created',
      ClusterRole: 'created',
      ClusterRoleBinding: 'created',
      ConfigMap: 'created',
      DaemonSet: 'created',
    });
    assert.ok(progress.some((m) => m.includes('(dry run)')) && progress.some((m) => m.startsWith('Applying')));
    assert.ok(
      progress.findIndex((m) => m.startsWith('Applying')) > progress.map((m) => m.includes('dry run')).lastIndexOf(true),
      'dry run of all objects comes first',
    );
    for (const obj of r.objects!) {
      const live = (await admin.get(obj))!;
      assert.ok(live, `${obj.kind} missing`);
      assert.equal(live.metadata.labels?.[MANAGED_BY_LABEL], MANAGED_BY);
      const managers = (live.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}/${m.operation}`);
      assert.ok(managers.includes(`${FIELD_MANAGER}/Apply`), `${obj.kind} managers: ${managers}`);
    }
    const live = await ds();
    assert.equal(live.spec.template.spec.containers[0].image, 'fluent/fluentd-kubernetes-daemonset:v1.16-debian-cloudwatch-1');
    assert.equal(live.metadata.generation, 1);
    assert.equal((await cm()).data['fluent.conf'], templates.defaultConfig);
    assert.match(formatDeployResult(r), /^created +DaemonSet kube-system\/fluentd$/m);
  });

  it('the DaemonSet controller made one ready pod per node; status reports them', async () => {
    const pods = await fluentdPods(kube, NS);
    assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), NODES);
    for (const p of pods) {
      assert.ok(isReady(p), `${p.metadata.name} is not ready: ${JSON.stringify(p.status)}`);
      assert.equal(p.metadata.ownerReferences?.[0]?.kind, 'DaemonSet');
      assert.equal(p.spec.serviceAccountName, 'fluentd');
      assert.equal(p.spec.containers[0].image, 'fluent/fluentd-kubernetes-daemonset:v1.16-debian-cloudwatch-1');
    }
    const s = await fluentdStatus(admin, NS);
    assert.equal(s.objects.length, 5);
    assert.equal(s.rollout?.done, true);
    assert.deepEqual(s.workloads[0].problems, []);
    assert.equal(statusBarText(s), 'Fluentd 3/3 ready');
    assert.equal(statusBarText(await fluentdStatus(admin, 'default')), 'Fluentd: not deployed');
  });

  it('re-deploying the same thing changes nothing', async () => {
    const before = await ds();
    const r = await deploy({ client: admin, settings, templates, validate });
    assert.equal(r.ok, true, formatDeployResult(r));
    assert.deepEqual(new Set(Object.values(outcomes(r))), new Set(['unchanged']));
    const after = await ds();
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    assert.equal(after.metadata.generation, 1);
    const preview = await previewObjects(admin, renderManifests({ settings, templates }));
    assert.deepEqual(
      preview.map((e) => e.change),
      ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged'],
      formatPreview(preview),
    );
  });

  it('a config change (with @include files) reconfigures the ConfigMap and rolls the DaemonSet', async () => {
    const config = workspaceConfig('');
    assert.deepEqual(
      config.map((f) => f.path),
      ['fluent.conf', 'conf.d/app.conf'],
    );
    const before = await ds();
    const preview = await previewObjects(admin, renderManifests({ settings, templates, config }));
    const byTarget = Object.fromEntries(preview.map((e) => [e.target.split(' ')[0], e]));
    assert.equal(byTarget.ConfigMap.change, 'changed');
    assert.equal(byTarget.DaemonSet.change, 'changed');
    assert.equal(byTarget.ServiceAccount.change, 'unchanged');
    assert.match(byTarget.DaemonSet.diff, /^- +checksum\/config: [0-9a-f]{64}$/m);
    assert.match(byTarget.DaemonSet.diff, /^\+ +checksum\/config: [0-9a-f]{64}$/m);

    const oldPods = new Set((await fluentdPods(kube, NS)).map((p) => p.metadata.uid));
    assert.equal(oldPods.size, 3);
    const r = await deploy({ client: admin, settings, templates, validate, config, rollout: { timeoutMs: 120_000, intervalMs: 100 } });
    assert.equal(r.ok, true, formatDeployResult(r));
    assert.deepEqual(outcomes(r), {
      ServiceAccount: 'unchanged',
      ClusterRole: 'unchanged',
      ClusterRoleBinding: 'unchanged',
      ConfigMap: 'configured',
      DaemonSet: 'configured',
    });
    assert.equal(r.rollout?.message, '3 of 3 pods ready');
    const live = await ds();
    const liveCm = await cm();
    assert.deepEqual(Object.keys(liveCm.data).sort(), ['conf.d_app.conf', 'fluent.conf']);
    assert.equal(live.metadata.generation, before.metadata.generation + 1, 'the pod template changed: a new generation to roll out');
    assert.notEqual(
      live.spec.template.metadata.annotations[CHECKSUM_ANNOTATION],
      before.spec.template.metadata.annotations[CHECKSUM_ANNOTATION],
    );
    assert.equal(live.spec.template.metadata.annotations[CHECKSUM_ANNOTATION], configChecksum(liveCm.data));
    assert.deepEqual(
      live.spec.template.spec.volumes.find((v: any) => v.name === 'config').configMap.items.map((i: any) => i.path),
      ['fluent.conf', 'conf.d/app.conf'],
    );
    // every pod was replaced by one of the new template (the old ones go once kwok sees them terminate)
    const pods = await eventually('only new pods', async () => {
      const now = await fluentdPods(kube, NS);
      return now.length === 3 && now.every((p) => !oldPods.has(p.metadata.uid)) && now;
    });
    assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), NODES);
    for (const p of pods) {
      assert.ok(isReady(p), `${p.metadata.name} is not ready`);
      assert.equal(p.metadata.annotations[CHECKSUM_ANNOTATION], configChecksum(liveCm.data));
    }
  });

  it('refuses an invalid config before anything reaches the cluster', async () => {
    const before = await cm();
    const config = workspaceConfig('<match broken.**>\n  @type nul\n</match>\n<source>\n');
    let touched = false;
    const r = await deploy({
      client: admin,
      settings,
      templates,
      validate,
      config,
      onProgress: (m) => void (m.startsWith('Checking the Fluentd') || (touched = true)),
    });
    assert.equal(r.ok, false);
    assert.equal(r.stage, 'refused');
    assert.equal(touched, false, 'no request after the gate refused');
    const text = formatDeployResult(r);
    assert.match(text, /Deploy refused/);
    assert.match(text, /conf\.d\/app\.conf:\d+:\d+: .*nul.*\[unknown-plugin\]/);
    assert.match(text, /conf\.d\/app\.conf:\d+:\d+: .*never closed.*\[unclosed-element\]/);
    assert.equal((await cm()).metadata.resourceVersion, before.metadata.resourceVersion);
  });

  it('returns the server’s 422 with its causes', async () => {
    const broken: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'broken', namespace: 'default' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'c' } }, spec: { containers: [{ name: 'c', image: '' }] } },
      },
    };
    await assert.rejects(admin.apply(broken, { dryRun: true }), (e: any) => {
      assert.equal(e.kind, 'invalid');
      assert.deepEqual(e.details.causes.map((c: any) => c.field).sort(), [
        'spec.template.metadata.labels',
        'spec.template.spec.containers[0].image',
      ]);
      assert.match(e.message, /patch \(dry run\) DaemonSet default\/broken/);
      return true;
    });
  });

  it('a node added later gets its pod', async () => {
    await cluster.kwok.addNodes(['node-d']);
    const pod = await eventually('a ready pod on node-d', async () =>
      (await fluentdPods(kube, NS)).find((p) => p.spec.nodeName === 'node-d' && isReady(p)),
    );
    assert.equal(pod.metadata.ownerReferences?.[0]?.name, 'fluentd');
    const state = await waitForRollout(admin, (await ds())!, { timeoutMs: 60_000, intervalMs: 100 });
    assert.equal(state.message, '4 of 4 pods ready');
    assert.equal(statusBarText(await fluentdStatus(admin, NS)), 'Fluentd 4/4 ready');
  });

  it('a pod that never becomes ready is reported with the reason the API gives', async () => {
    const broken = withDefaults({ ...settings, image: UNPULLABLE });
    const r = await deploy({
      client: admin,
      settings: broken,
      templates,
      validate,
      config: workspaceConfig('# unpullable image\n'),
      rollout: { timeoutMs: 8_000, intervalMs: 200 },
    });
    assert.equal(r.ok, false);
    assert.equal(r.stage, 'rollout');
    assert.equal(r.apply?.ok, true);
    assert.equal(r.rolloutError?.kind, 'timeout');
    const text = formatDeployResult(r);
    assert.match(
      text,
      /Objects applied, but the rollout did not complete: The rollout of DaemonSet kube-system\/fluentd did not finish within 8 s: /,
    );
    // the rolling update replaces one pod at a time: the first new one is stuck, the old ones keep running
    assert.match(
      text,
      /Pods not ready:\n {2}node-[a-d]\/fluentd-[a-z0-9]+: fluentd: ImagePullBackOff: Back-off pulling image "registry\.invalid\/fluentd:does-not-exist"/,
    );
    const s = await fluentdStatus(admin, NS);
    assert.equal(s.rollout?.done, false);
    const problems = s.workloads[0].problems;
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0].reason, /^fluentd: ImagePullBackOff: Back-off pulling image "registry\.invalid\/fluentd:does-not-exist"$/);
    assert.match(statusBarText(s), /^Fluentd [0-4]\/4 ready \(rolling out\)$/);
  });

  it('undeploy deletes exactly the managed objects and leaves nothing behind', async () => {
    // Neighbours that must survive: an unlabelled ConfigMap, and one managed for another namespace.
    const neighbour = (name: string, labels?: Record<string, string>) =>
      kubeRequest(
        kube,
        'POST',
        `/api/v1/namespaces/${NS}/configmaps`,
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } },
        'application/json',
      );
    assert.equal((await neighbour('keep-me')).status, 201);
    assert.equal(
      (await neighbour('other-instance', { [MANAGED_BY_LABEL]: MANAGED_BY, 'app.kubernetes.io/instance': 'fluentd-other' })).status,
      201,
    );

    const found = await findManagedObjects(admin, NS);
    assert.deepEqual(
      found.map((o) => o.kind),
      ['DaemonSet', 'ConfigMap', 'ServiceAccount', 'ClusterRoleBinding', 'ClusterRole'],
    );
    const results = await deleteObjects(admin, found);
    assert.deepEqual(
      results.map((r) => r.outcome),
      ['deleted', 'deleted', 'deleted', 'deleted', 'deleted'],
    );
    assert.deepEqual(await findManagedObjects(admin, NS), []);
    for (const obj of renderManifests({ settings, templates })) assert.equal(await admin.get(obj), undefined, `${obj.kind} still exists`);
    // the garbage collector removes the DaemonSet's pods after it
    await eventually('the pods to be gone', async () => (await fluentdPods(kube, NS)).length === 0);
    for (const name of ['keep-me', 'other-instance']) {
      assert.ok(await admin.get({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS } }), `${name} was deleted`);
    }
    // deleting again is harmless and says so
    assert.deepEqual(
      (await deleteObjects(admin, found)).map((r) => r.outcome),
      ['already-gone', 'already-gone', 'already-gone', 'already-gone', 'already-gone'],
    );
  });
});
