// Each topology against a real control plane (kube-apiserver + etcd, the controller manager and
// the scheduler) with 2 kwok nodes: render → server-side dry run → apply →
// re-apply is a no-op → a config change rolls the workload → undeploy removes exactly that
// topology's objects. Also: the forward pair's Secrets are generated once and agree (shared key,
// TLS pair for the Service's name), no Secret value appears in a ConfigMap, a log or an error,
// a missing user Secret stops the dry run, a plugin the image lacks is refused before any
// request, and OpenShift (a SecurityContextConstraints CRD written for the test, as OpenShift
// defines the group and kind) gets the privileged SCC binding. Nothing writes a status here: the
// DaemonSet and Deployment controllers make the pods, kwok runs them to Ready.
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { KubeClient } from '../../src/kube/client';
import { deploy, formatDeployResult, type DeployRequest } from '../../src/kube/deploy';
import { detectPlatform } from '../../src/kube/platform';
import { formatPreview, previewObjects } from '../../src/kube/preview';
import { renderDeployment } from '../../src/kube/render';
import { withDefaults, type DeploySettings } from '../../src/kube/settings';
import { fluentdStatus } from '../../src/kube/status';
import { deploySummary } from '../../src/kube/summary';
import type { TopologyId } from '../../src/kube/topologies';
import { describeObject } from '../../src/kube/types';
import { deleteObjects, findDeployedTopologies, findManagedObjects } from '../../src/kube/undeploy';
import { startCluster, type LocalCluster } from '../harness/cluster';
import type { KubeCluster } from '../harness/kube';
import { clientFor, createNamespace, kubeRequest, templates, validate } from './cluster';

let cluster: LocalCluster;
let kube: KubeCluster;
let admin: KubeClient;
/** Every line a deploy logged, every result and error message: where no Secret value may appear. */
const transcript: string[] = [];
/** The generated forward Secrets' values, read from the cluster after the first deploy. */
const forwardValues: string[] = [];

const SETTINGS: Record<TopologyId, DeploySettings> = {
  'node-agent-cloudwatch': withDefaults({ clusterName: 'kube-tier', region: 'us-east-1', namespace: 'logging' }),
  'forward-aggregator-kinesis': withDefaults({ region: 'us-east-1', kinesisStream: 'app-logs', namespace: 'logging', replicas: 2 }),
  'syslog-opensearch': withDefaults({
    searchEndpoint: 'search-edge-abc123.us-east-1.es.amazonaws.com',
    searchSecret: 'opensearch-user',
    namespace: 'edge',
  }),
};

async function ok(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

function run(topology: TopologyId, extra: Partial<DeployRequest> = {}) {
  return deploy({
    client: admin,
    settings: SETTINGS[topology],
    templates,
    topology,
    validate,
    rollout: { timeoutMs: 60_000, intervalMs: 100 },
    onProgress: (m) => void transcript.push(m),
    onRollout: (s) => void transcript.push(`${s.target}: ${s.message}`),
    ...extra,
  }).then((r) => {
    transcript.push(formatDeployResult(r));
    return r;
  });
}

const outcomes = (r: Awaited<ReturnType<typeof run>>) => Object.fromEntries(r.apply?.results.map((x) => [x.target, x.outcome]) ?? []);
const secretValues = async (namespace: string, name: string): Promise<Record<string, string>> => {
  const s = await ok(kubeRequest(kube, 'GET', `/api/v1/namespaces/${namespace}/secrets/${name}`), `get Secret ${name}`);
  return Object.fromEntries(
    Object.entries(s.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
};

describe('deploy topologies (real control plane, 2 kwok nodes)', () => {
  before(async () => {
    cluster = await startCluster({ nodes: ['node-a', 'node-b'] });
    kube = cluster.kube;
    admin = await clientFor(kube);
    await createNamespace(kube, 'logging');
    await createNamespace(kube, 'edge');
  });
  after(async () => {
    await cluster?.stop();
  });

  describe('node agents → aggregator → Kinesis', () => {
    const T: TopologyId = 'forward-aggregator-kinesis';
    let firstSecrets: Record<string, Record<string, string>>;

    it('previews every Secret and object as new, writes nothing', async () => {
      const d = renderDeployment({ settings: SETTINGS[T], templates, topology: T });
      const entries = await previewObjects(admin, d.objects, { secrets: d.secrets });
      transcript.push(formatPreview(entries));
      assert.deepEqual(
        entries.map((e) => `${e.change} ${e.target}`),
        [
          'new Secret logging/fluentd-forward-shared-key',
          'new Secret logging/fluentd-forward-tls',
          ...d.objects.map((o) => `new ${describeObject(o)}`),
        ],
      );
      assert.deepEqual(await findManagedObjects(admin, 'logging', T), []);
    });

    it('first deploy: Secrets generated and created, every object applied, both rollouts followed', async () => {
      const r = await run(T);
      assert.equal(r.ok, true, formatDeployResult(r));
      assert.deepEqual(new Set(Object.values(outcomes(r))), new Set(['created']));
      assert.deepEqual(
        r.rollouts?.map((s) => `${s.target}: ${s.message}`),
        ['Deployment logging/fluentd-aggregator: 2 of 2 replicas available', 'DaemonSet logging/fluentd-forwarder: 2 of 2 pods ready'],
      );
      firstSecrets = {
        key: await secretValues('logging', 'fluentd-forward-shared-key'),
        tls: await secretValues('logging', 'fluentd-forward-tls'),
      };
      forwardValues.push(...Object.values(firstSecrets.key), ...Object.values(firstSecrets.tls));
      const status = await fluentdStatus(admin, 'logging');
      assert.deepEqual(status.topologies, [T]);
      assert.deepEqual(
        status.workloads.map((w) => `${w.target} ${w.rollout.done}`),
        ['DaemonSet logging/fluentd-forwarder true', 'Deployment logging/fluentd-aggregator true'],
      );
    });

    it('the pair agrees: one shared key for both sides, a key pair for the Service’s name that the agents trust', async () => {
      const { key, tls } = firstSecrets;
      assert.match(key.shared_key, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
      const cert = new X509Certificate(tls['tls.crt']);
      assert.equal(cert.checkHost('fluentd-aggregator.logging.svc'), 'fluentd-aggregator.logging.svc');
      assert.ok(cert.checkPrivateKey(createPrivateKey(tls['tls.key'])));
      assert.equal(tls['ca.crt'], tls['tls.crt'], 'the agents trust exactly the aggregator’s certificate');
      const secretType = (await ok(kubeRequest(kube, 'GET', '/api/v1/namespaces/logging/secrets/fluentd-forward-tls'), 'tls')).type;
      assert.equal(secretType, 'kubernetes.io/tls');
      const env = async (path: string) =>
        Object.fromEntries(
          (
            (await ok(kubeRequest(kube, 'GET', path), path)).spec.template.spec.containers[0].env as { name: string; valueFrom?: unknown }[]
          ).map((e) => [e.name, e.valueFrom]),
        );
      const agg = await env('/apis/apps/v1/namespaces/logging/deployments/fluentd-aggregator');
      const fwd = await env('/apis/apps/v1/namespaces/logging/daemonsets/fluentd-forwarder');
      assert.deepEqual(agg.FLUENTD_SHARED_KEY, { secretKeyRef: { name: 'fluentd-forward-shared-key', key: 'shared_key' } });
      assert.deepEqual(fwd.FLUENTD_SHARED_KEY, agg.FLUENTD_SHARED_KEY);
    });

    it('re-deploying changes nothing and keeps the Secrets (created once)', async () => {
      const before = await ok(kubeRequest(kube, 'GET', '/apis/apps/v1/namespaces/logging/deployments/fluentd-aggregator'), 'get');
      const r = await run(T);
      assert.equal(r.ok, true, formatDeployResult(r));
      assert.deepEqual(new Set(Object.values(outcomes(r))), new Set(['unchanged']));
      assert.deepEqual(await secretValues('logging', 'fluentd-forward-shared-key'), firstSecrets.key);
      assert.deepEqual(await secretValues('logging', 'fluentd-forward-tls'), firstSecrets.tls);
      const after = await ok(kubeRequest(kube, 'GET', '/apis/apps/v1/namespaces/logging/deployments/fluentd-aggregator'), 'get');
      assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    });

    it('a change to the aggregator’s config rolls the aggregator only', async () => {
      const before = await ok(kubeRequest(kube, 'GET', '/apis/apps/v1/namespaces/logging/deployments/fluentd-aggregator'), 'get');
      const text = `${templates.files['forward-aggregator/aggregator-kinesis-streams.conf']}\n# tuned\n`;
      const r = await run(T, { config: [{ path: 'fluent.conf', text }] });
      assert.equal(r.ok, true, formatDeployResult(r));
      const o = outcomes(r);
      assert.equal(o['ConfigMap logging/fluentd-aggregator-config'], 'configured');
      assert.equal(o['Deployment logging/fluentd-aggregator'], 'configured');
      assert.equal(o['DaemonSet logging/fluentd-forwarder'], 'unchanged');
      const after = await ok(kubeRequest(kube, 'GET', '/apis/apps/v1/namespaces/logging/deployments/fluentd-aggregator'), 'get');
      assert.equal(after.metadata.generation, before.metadata.generation + 1);
      assert.notEqual(
        after.spec.template.metadata.annotations['checksum/config'],
        before.spec.template.metadata.annotations['checksum/config'],
      );
    });

    it('a plugin the image lacks is refused before any request reaches the cluster', async () => {
      const counting = await clientFor(kube);
      let requests = 0;
      const request = counting.request.bind(counting);
      counting.request = (...args: Parameters<KubeClient['request']>) => {
        requests++;
        return request(...args);
      };
      const r = await deploy({
        client: counting,
        settings: { ...SETTINGS[T], image: 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1' },
        templates,
        topology: T,
        validate,
      });
      transcript.push(formatDeployResult(r));
      assert.equal(r.stage, 'refused');
      assert.match(
        formatDeployResult(r),
        /fluentd-aggregator\/fluent\.conf:\d+:\d+: The output plugin 'kinesis_streams' is not in the image .* \[plugin-not-in-image\]/,
      );
      assert.equal(requests, 0);
    });
  });

  describe('syslog collector → OpenSearch', () => {
    const T: TopologyId = 'syslog-opensearch';

    it('stops in the dry run while the credentials Secret is missing, naming it; nothing is written', async () => {
      const r = await run(T);
      assert.equal(r.ok, false);
      assert.equal(r.stage, 'dry-run');
      assert.match(
        formatDeployResult(r),
        /Secret edge\/opensearch-user \(the OpenSearch user, named in fluentd\.deploy\.opensearch\.credentialsSecret\) does not exist/,
      );
      assert.match(formatDeployResult(r), /The server-side dry run failed, so nothing was changed in the cluster/);
      assert.deepEqual(await findManagedObjects(admin, 'edge', T), []);
    });

    it('with the Secret: deploys, re-deploys unchanged, rolls on a config change, the password only in the Secret', async () => {
      await ok(
        kubeRequest(
          kube,
          'POST',
          '/api/v1/namespaces/edge/secrets',
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'opensearch-user' },
            stringData: { username: 'edge-writer-5173', password: 'edge-password-7' },
          },
          'application/json',
        ),
        'create the user Secret',
      );
      const first = await run(T);
      assert.equal(first.ok, true, formatDeployResult(first));
      assert.equal(outcomes(first)['Secret edge/opensearch-user'], 'unchanged', 'a user Secret is only checked');
      const svc = await ok(kubeRequest(kube, 'GET', '/api/v1/namespaces/edge/services/fluentd-syslog'), 'service');
      assert.deepEqual(
        svc.spec.ports.map((p: any) => `${p.protocol}/${p.port}`),
        ['UDP/5140', 'TCP/5140'],
      );
      const again = await run(T);
      assert.deepEqual(new Set(Object.values(outcomes(again))), new Set(['unchanged']));
      const text = `${templates.files['syslog-opensearch/collector-opensearch.conf']}\n# more\n`;
      const changed = await run(T, { config: [{ path: 'fluent.conf', text }] });
      assert.equal(outcomes(changed)['Deployment edge/fluentd-syslog'], 'configured');
    });
  });

  describe('undeploy', () => {
    it('removes exactly one topology’s objects, its generated Secrets included, and leaves the user’s Secret and the others', async () => {
      const node = await run('node-agent-cloudwatch');
      assert.equal(node.ok, true, formatDeployResult(node));
      assert.deepEqual(
        (await findDeployedTopologies(admin, 'logging')).map((d) => d.topology),
        ['node-agent-cloudwatch', 'forward-aggregator-kinesis'],
      );
      const forward = await findManagedObjects(admin, 'logging', 'forward-aggregator-kinesis');
      assert.ok(forward.some((o) => o.kind === 'Secret' && o.metadata.name === 'fluentd-forward-tls'));
      assert.ok(!forward.some((o) => o.metadata.name === 'fluentd'), 'nothing of the node agent');
      const results = await deleteObjects(admin, forward);
      assert.ok(results.every((r) => r.outcome === 'deleted'));
      assert.deepEqual(
        (await findDeployedTopologies(admin, 'logging')).map((d) => d.topology),
        ['node-agent-cloudwatch'],
      );
      assert.equal((await findManagedObjects(admin, 'logging', 'node-agent-cloudwatch')).length, 5);
      const syslog = await findManagedObjects(admin, 'edge', 'syslog-opensearch');
      assert.ok(!syslog.some((o) => o.kind === 'Secret'), 'the user’s Secret is not ours to delete');
      await deleteObjects(admin, syslog);
      assert.ok(await admin.get({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'opensearch-user', namespace: 'edge' } }));
      await deleteObjects(admin, await findManagedObjects(admin, 'logging', 'node-agent-cloudwatch'));
    });
  });

  describe('no Secret value anywhere but in its Secret', () => {
    it('not in a ConfigMap, a progress message, a result, a preview or an error', async () => {
      const values = Object.values(await secretValues('edge', 'opensearch-user'));
      const cms = await ok(kubeRequest(kube, 'GET', '/api/v1/configmaps'), 'list ConfigMaps');
      const haystack = [...transcript, JSON.stringify(cms.items.map((c: any) => c.data))].join('\n');
      assert.ok(transcript.length > 50 && haystack.includes('fluentd-forward-shared-key'), 'the transcript holds the deploys');
      for (const v of values) assert.ok(!haystack.includes(v), 'a user Secret value leaked');
      for (const v of forwardValues) {
        assert.ok(!haystack.includes(v), 'a generated Secret value leaked');
        assert.ok(!haystack.includes(Buffer.from(v).toString('base64')), 'a generated Secret value leaked (base64)');
      }
      assert.ok(forwardValues.length >= 4);
    });
  });

  describe('OpenShift', () => {
    it('is detected from API discovery once SecurityContextConstraints are served; the node agents get the privileged SCC', async () => {
      assert.deepEqual(await detectPlatform(admin), { openshift: false });
      // as OpenShift defines it: group security.openshift.io, kind SecurityContextConstraints, cluster-scoped
      await ok(
        kubeRequest(
          kube,
          'POST',
          '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
          {
            apiVersion: 'apiextensions.k8s.io/v1',
            kind: 'CustomResourceDefinition',
            metadata: { name: 'securitycontextconstraints.security.openshift.io' },
            spec: {
              group: 'security.openshift.io',
              scope: 'Cluster',
              names: {
                plural: 'securitycontextconstraints',
                singular: 'securitycontextconstraints',
                kind: 'SecurityContextConstraints',
                shortNames: ['scc'],
              },
              versions: [
                {
                  name: 'v1',
                  served: true,
                  storage: true,
                  schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
                },
              ],
            },
          },
          'application/json',
        ),
        'create the SCC CRD',
      );
      // the role OpenShift ships for the privileged SCC
      await ok(
        kubeRequest(
          kube,
          'POST',
          '/apis/rbac.authorization.k8s.io/v1/clusterroles',
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            metadata: { name: 'system:openshift:scc:privileged' },
            rules: [
              {
                apiGroups: ['security.openshift.io'],
                resources: ['securitycontextconstraints'],
                resourceNames: ['privileged'],
                verbs: ['use'],
              },
            ],
          },
          'application/json',
        ),
        'create the SCC role',
      );
      const deadline = Date.now() + 60_000;
      while (!(await detectPlatform(admin)).openshift) {
        assert.ok(Date.now() < deadline, 'the CRD never showed in discovery');
        await new Promise((r) => setTimeout(r, 200));
      }

      const refused = await run('node-agent-cloudwatch', { settings: { ...SETTINGS['node-agent-cloudwatch'], namespace: 'kube-system' } });
      assert.equal(refused.stage, 'refused');
      assert.match(
        formatDeployResult(refused),
        /OpenShift: node agents run privileged .* need a namespace of their own, not "kube-system"/,
      );

      const r = await run('forward-aggregator-kinesis');
      assert.equal(r.ok, true, formatDeployResult(r));
      assert.equal(r.deployment?.platform.openshift, true);
      const binding = await ok(
        kubeRequest(kube, 'GET', '/apis/rbac.authorization.k8s.io/v1/namespaces/logging/rolebindings/fluentd-forwarder-scc-privileged'),
        'binding',
      );
      assert.equal(binding.roleRef.name, 'system:openshift:scc:privileged');
      assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'fluentd-forwarder', namespace: 'logging' }]);
      const ds = await ok(kubeRequest(kube, 'GET', '/apis/apps/v1/namespaces/logging/daemonsets/fluentd-forwarder'), 'ds');
      assert.deepEqual(ds.spec.template.spec.containers[0].securityContext, { privileged: true });
      const summary = deploySummary(r.deployment!, { context: 'admin', cluster: 'local', server: kube.server });
      assert.match(summary, /^OpenShift: fluentd-forwarder read the nodes' logs, so they run privileged/m);
      const objects = await findManagedObjects(admin, 'logging', 'forward-aggregator-kinesis');
      assert.ok(
        objects.some((o) => o.kind === 'RoleBinding'),
        'undeploy finds the binding',
      );
      await deleteObjects(admin, objects);
      assert.deepEqual(await findManagedObjects(admin, 'logging', 'forward-aggregator-kinesis'), []);
    });
  });
});
