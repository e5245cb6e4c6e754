// What goes wrong, against a real kube-apiserver: Forbidden for a user without rights, a deploy
// that fails half-way (reported object by object), a conflict with another field manager (and
// force), bad credentials, a wrong CA, and a server that is not there.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeClient, type KubeClient as Client } from '../../src/kube/client';
import { deploy, formatDeployResult } from '../../src/kube/deploy';
import { loadKubeconfig } from '../../src/kube/kubeconfig';
import { renderManifests } from '../../src/kube/render';
import { DEFAULT_IMAGE, withDefaults } from '../../src/kube/settings';
import { deleteObjects, findManagedObjects } from '../../src/kube/undeploy';
import { freePort } from '../harness/net';
import { startKube, type KubeCluster } from '../harness/kube';
import {
  clientFor,
  createNamespace,
  grantRestricted,
  kubeRequest,
  settings,
  templates,
  validate,
  waitUntilRestricted,
  writeKubeconfig,
} from './cluster';

let kube: KubeCluster;
let admin: Client;

/** Everything a deploy needs, minus DaemonSets (granted separately so a test can revoke it). */
const DEPLOYER_RULES = [
  { apiGroups: [''], resources: ['serviceaccounts', 'configmaps'], verbs: ['get', 'list', 'patch', 'create'] },
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['clusterroles', 'clusterrolebindings'],
    verbs: ['get', 'list', 'patch', 'create'],
  },
  // what the fluentd ClusterRole grants: RBAC lets a user create a role only with rights it holds
  { apiGroups: [''], resources: ['namespaces', 'pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
];
const DAEMONSET_RULES = [{ apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get', 'list', 'patch', 'create'] }];

async function restrictedClient(): Promise<Client> {
  return clientFor(kube, 'restricted');
}

describe('kube deploy errors (real kube-apiserver)', () => {
  before(async () => {
    kube = await startKube();
    admin = await clientFor(kube);
  });
  after(async () => {
    await kube?.stop();
  });

  it('Forbidden for the restricted user names the verb and resource, and writes nothing', async () => {
    // Without any grant the very first read is refused.
    const none = await deploy({ client: await restrictedClient(), settings, templates, validate });
    assert.equal(none.stage, 'dry-run');
    const first = none.apply!.results[0].error!;
    assert.equal(first.kind, 'forbidden');
    assert.equal(first.details.verb, 'get');
    assert.equal(first.details.resource, 'serviceaccounts');

    // With read-only rights the dry-run apply (a patch) is refused for every object.
    const revoke = await grantRestricted(kube, 'test-reader', [
      { apiGroups: [''], resources: ['serviceaccounts', 'configmaps'], verbs: ['get'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles', 'clusterrolebindings'], verbs: ['get'] },
      { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get'] },
    ]);
    try {
      await waitUntilRestricted(kube, { verb: 'get', group: 'apps', resource: 'daemonsets', namespace: 'kube-system' }, true);
      const r = await deploy({ client: await restrictedClient(), settings, templates, validate });
      assert.equal(r.ok, false);
      assert.equal(r.stage, 'dry-run');
      assert.deepEqual(
        r.apply!.results.map((x) => [x.outcome, x.error?.kind, x.error?.details.verb, x.error?.details.resource]),
        [
          ['failed', 'forbidden', 'patch', 'serviceaccounts'],
          ['failed', 'forbidden', 'patch', 'clusterroles.rbac.authorization.k8s.io'],
          ['failed', 'forbidden', 'patch', 'clusterrolebindings.rbac.authorization.k8s.io'],
          ['failed', 'forbidden', 'patch', 'configmaps'],
          ['failed', 'forbidden', 'patch', 'daemonsets.apps'],
        ],
      );
      const text = formatDeployResult(r);
      assert.match(text, /user "restricted" may not "patch" on daemonsets\.apps in namespace "kube-system"/);
      assert.match(text, /nothing was changed in the cluster/);
      assert.deepEqual(await findManagedObjects(admin, 'kube-system'), []);
    } finally {
      await revoke();
    }
  });

  it('a deploy that fails half-way says which objects were applied and which were not', async () => {
    await createNamespace(kube, 'partial');
    const s = withDefaults({ ...settings, namespace: 'partial' });
    const revokeBase = await grantRestricted(kube, 'test-deployer', DEPLOYER_RULES);
    const revokeDs = await grantRestricted(kube, 'test-deployer-ds', DAEMONSET_RULES);
    const dsAttrs = { verb: 'patch', group: 'apps', resource: 'daemonsets', namespace: 'partial' };
    try {
      await waitUntilRestricted(kube, dsAttrs, true);
      await waitUntilRestricted(kube, { verb: 'get', group: '', resource: 'nodes' }, true);
      const r = await deploy({
        client: await restrictedClient(),
        settings: s,
        templates,
        validate,
        // The dry run passed; take the DaemonSet right away just before it is applied.
        onProgress: async (m) => {
          if (!m.startsWith('Applying DaemonSet')) return;
          await revokeDs();
          await waitUntilRestricted(kube, dsAttrs, false);
        },
      });
      assert.equal(r.ok, false);
      assert.equal(r.stage, 'apply', formatDeployResult(r));
      assert.deepEqual(
        r.apply!.results.map((x) => `${x.outcome} ${x.target}`),
        [
          'created ServiceAccount partial/fluentd',
          'created ClusterRole fluentd-partial',
          'created ClusterRoleBinding fluentd-partial',
          'created ConfigMap partial/fluentd-config',
          'failed DaemonSet partial/fluentd',
        ],
      );
      assert.match(
        formatDeployResult(r),
        /PARTIAL DEPLOY: applied ServiceAccount partial\/fluentd, ClusterRole fluentd-partial, ClusterRoleBinding fluentd-partial, ConfigMap partial\/fluentd-config; not applied DaemonSet partial\/fluentd/,
      );
      assert.equal((await findManagedObjects(admin, 'partial')).length, 4, 'exactly what the report says is in the cluster');
    } finally {
      await revokeDs();
      await revokeBase();
      await deleteObjects(admin, await findManagedObjects(admin, 'partial'));
    }
  });

  it('a conflict with another field manager is explained, and force takes the field over', async () => {
    const first = await deploy({ client: admin, settings, templates, validate });
    assert.equal(first.ok, true, formatDeployResult(first));
    // Someone else (here "gitops") takes ownership of the image with their own apply.
    const theirs = await kubeRequest(
      kube,
      'PATCH',
      '/apis/apps/v1/namespaces/kube-system/daemonsets/fluentd?fieldManager=gitops&force=true',
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'fluentd', namespace: 'kube-system' },
        spec: { template: { spec: { containers: [{ name: 'fluentd', image: 'registry.example/fluentd:pinned' }] } } },
      },
      'application/apply-patch+yaml',
    );
    assert.equal(theirs.status, 200, JSON.stringify(theirs.body));

    const r = await deploy({ client: admin, settings, templates, validate });
    assert.equal(r.ok, false);
    assert.equal(r.stage, 'dry-run', 'the dry run already sees the conflict: nothing is written');
    const failed = r.apply!.results.find((x) => x.outcome === 'failed')!;
    assert.equal(failed.target, 'DaemonSet kube-system/fluentd');
    assert.equal(failed.error?.kind, 'conflict');
    assert.equal(failed.error?.canForce, true);
    assert.deepEqual(failed.error?.details.managers, ['gitops']);
    assert.match(failed.error!.message, /\.spec\.template\.spec\.containers\[name="fluentd"\]\.image is owned by "gitops"/);
    assert.match(failed.error!.message, /Deploy with force/);

    const forced = await deploy({ client: admin, settings, templates, validate, force: true });
    assert.equal(forced.ok, true, formatDeployResult(forced));
    const live: any = await admin.get(renderManifests({ settings, templates }).find((o) => o.kind === 'DaemonSet')!);
    assert.equal(live.spec.template.spec.containers[0].image, DEFAULT_IMAGE);
    const gitops = (live.metadata.managedFields as { manager: string; fieldsV1: unknown }[]).find((m) => m.manager === 'gitops');
    assert.ok(!JSON.stringify(gitops?.fieldsV1 ?? {}).includes('f:image'), 'gitops no longer owns the image');
  });

  it('a namespace that does not exist is named, and nothing is created', async () => {
    const r = await deploy({ client: admin, settings: withDefaults({ ...settings, namespace: 'no-such-ns' }), templates, validate });
    assert.equal(r.stage, 'dry-run');
    const failed = r.apply!.results.filter((x) => x.outcome === 'failed').map((x) => x.target.split(' ')[0]);
    assert.deepEqual(failed, ['ServiceAccount', 'ConfigMap', 'DaemonSet']);
    assert.match(formatDeployResult(r), /Namespace "no-such-ns" does not exist in this cluster/);
    assert.deepEqual(await findManagedObjects(admin, 'no-such-ns'), []);
  });

  it('an invalid token is a 401 with a clear message', async () => {
    const path = writeKubeconfig(kube, 'bad-token', { server: kube.server, 'certificate-authority': kube.caFile }, 'not-a-valid-token');
    const client = await KubeClient.create((await loadKubeconfig({ env: { KUBECONFIG: path } })).kc);
    const r = await deploy({ client, settings, templates, validate });
    assert.equal(r.stage, 'dry-run');
    assert.equal(r.apply!.results[0].error?.kind, 'unauthorized');
    assert.match(formatDeployResult(r), /rejected the credentials of this kube context \(401 Unauthorized\)/);
  });

  it('a kubeconfig without the cluster CA fails TLS verification, clearly', async () => {
    const path = writeKubeconfig(kube, 'no-ca', { server: kube.server }, kube.adminToken);
    const client = await KubeClient.create((await loadKubeconfig({ env: { KUBECONFIG: path } })).kc);
    await assert.rejects(client.list('v1', 'ConfigMap', { namespace: 'default' }), (e: any) => {
      assert.equal(e.kind, 'tls');
      assert.match(e.message, /TLS to the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ failed/);
      return true;
    });
  });

  it('an unreachable API server is reported as such, with nothing deployed', async () => {
    const path = writeKubeconfig(
      kube,
      'gone',
      { server: `https://127.0.0.1:${await freePort()}`, 'certificate-authority': kube.caFile },
      kube.adminToken,
    );
    const client = await KubeClient.create((await loadKubeconfig({ env: { KUBECONFIG: path } })).kc, { timeoutMs: 5000 });
    const started = Date.now();
    const r = await deploy({ client, settings, templates, validate });
    assert.ok(Date.now() - started < 10_000);
    assert.equal(r.ok, false);
    assert.equal(r.stage, 'dry-run');
    assert.ok(r.apply!.results.every((x) => x.error?.kind === 'unreachable'));
    assert.match(formatDeployResult(r), /Cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });
});
