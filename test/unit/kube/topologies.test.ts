// The three topologies, rendered (pure): objects in apply order, labels that undeploy and status
// select by, each workload's image, env, mounts and Secrets, the credentials modes, OpenShift,
// the forward pair checked together, the image ↔ plugin check, and the IAM policy per output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { IRSA_ANNOTATION, KUBE2IAM_ANNOTATION } from '../../../src/kube/credentials';
import { forwardPairProblems } from '../../../src/kube/forward-pair';
import { policyForDeployment } from '../../../src/kube/iam';
import { MANAGED_BY, MANAGED_BY_LABEL, NAMESPACE_LABEL, TOPOLOGY_LABEL, topologySelector } from '../../../src/kube/labels';
import { languageValidator } from '../../../src/kube/language-validate';
import { OPENSHIFT_PRIVILEGED_ROLE } from '../../../src/kube/platform';
import { renderDeployment, type RenderInput } from '../../../src/kube/render';
import { SettingsError, settingsProblems, withDefaults, type DeploySettings } from '../../../src/kube/settings';
import { loadTemplates } from '../../../src/kube/templates';
import { DEFAULT_TOPOLOGY, TOPOLOGIES, type TopologyId } from '../../../src/kube/topologies';
import type { KubeObject } from '../../../src/kube/types';
import { checkConfigs } from '../../../src/kube/deploy';

const templates = loadTemplates();
const BASE: Record<TopologyId, Partial<DeploySettings>> = {
  'node-agent-cloudwatch': { clusterName: 'demo', region: 'eu-west-1' },
  'forward-aggregator-kinesis': { region: 'eu-west-1', kinesisStream: 'app-logs', namespace: 'logging' },
  'syslog-opensearch': {
    searchEndpoint: 'https://search-edge-logs-abc123xyz.eu-west-1.es.amazonaws.com',
    searchSecret: 'opensearch-user',
    namespace: 'edge',
  },
};
const render = (topology: TopologyId, s: Partial<DeploySettings> = {}, extra: Partial<RenderInput> = {}) =>
  renderDeployment({ settings: withDefaults({ ...BASE[topology], ...s }), templates, topology, ...extra });
const kinds = (objs: KubeObject[]) => objs.map((o) => `${o.kind} ${o.metadata.name}`);
const find = (objs: KubeObject[], kind: string, name?: string) => {
  const o = objs.find((x) => x.kind === kind && (!name || x.metadata.name === name));
  assert.ok(o, `no ${kind} ${name ?? ''}`);
  return o as any;
};
const envOf = (workload: any) =>
  Object.fromEntries(workload.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
const allStrings = (v: unknown, out: string[] = []): string[] => {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => allStrings(x, out));
  else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => (out.push(k), allStrings(x, out)));
  return out;
};

describe('topologies: rendering', () => {
  it('renders each topology’s objects in apply order (receivers before senders)', () => {
    assert.deepEqual(kinds(render('node-agent-cloudwatch').objects), [
      'ServiceAccount fluentd',
      'ClusterRole fluentd-kube-system',
      'ClusterRoleBinding fluentd-kube-system',
      'ConfigMap fluentd-config',
      'DaemonSet fluentd',
    ]);
    assert.deepEqual(kinds(render('forward-aggregator-kinesis').objects), [
      'ServiceAccount fluentd-aggregator',
      'ConfigMap fluentd-aggregator-config',
      'Service fluentd-aggregator',
      'PodDisruptionBudget fluentd-aggregator',
      'Deployment fluentd-aggregator',
      'ServiceAccount fluentd-forwarder',
      'ClusterRole fluentd-forwarder-logging',
      'ClusterRoleBinding fluentd-forwarder-logging',
      'ConfigMap fluentd-forwarder-config',
      'DaemonSet fluentd-forwarder',
    ]);
    assert.deepEqual(kinds(render('syslog-opensearch').objects), [
      'ServiceAccount fluentd-syslog',
      'ConfigMap fluentd-syslog-config',
      'Service fluentd-syslog',
      'Deployment fluentd-syslog',
    ]);
  });

  it('labels every object with its topology and namespace, fills every placeholder, uses current API versions', () => {
    for (const t of TOPOLOGIES) {
      const d = render(t.id);
      for (const o of d.objects) {
        assert.equal(o.metadata.labels?.[MANAGED_BY_LABEL], MANAGED_BY, `${t.id} ${o.kind}`);
        assert.equal(o.metadata.labels?.[TOPOLOGY_LABEL], t.id, `${t.id} ${o.kind}`);
        assert.equal(o.metadata.labels?.[NAMESPACE_LABEL], d.namespace, `${t.id} ${o.kind}`);
        assert.ok(!allStrings(o).some((s) => s.includes('{{')), `${t.id} ${o.kind} has an unfilled placeholder`);
        assert.doesNotMatch(o.apiVersion, /beta|alpha|^extensions/);
      }
      // every workload's selector matches its pods, and the Services and PDBs select exactly them
      for (const w of d.workloads) {
        const spec = (w.object as any).spec;
        for (const [k, v] of Object.entries(spec.selector.matchLabels)) assert.equal(spec.template.metadata.labels[k], v);
      }
      for (const o of d.objects.filter((x) => x.kind === 'Service' || x.kind === 'PodDisruptionBudget')) {
        const sel = (o as any).spec.selector.matchLabels ?? (o as any).spec.selector;
        const target = d.workloads.find((w) => w.def.name === o.metadata.name)!.object as any;
        assert.deepEqual(sel, target.spec.selector.matchLabels, `${o.kind} ${o.metadata.name}`);
      }
    }
  });

  it('selects each topology’s objects apart; the node agent keeps the selector of earlier deploys', () => {
    assert.equal(
      topologySelector(DEFAULT_TOPOLOGY, 'kube-system'),
      'app.kubernetes.io/name=fluentd,app.kubernetes.io/instance=fluentd-kube-system,app.kubernetes.io/managed-by=vscode-fluentd',
    );
    assert.equal(
      topologySelector('forward-aggregator-kinesis', 'logging'),
      'app.kubernetes.io/managed-by=vscode-fluentd,vscode-fluentd/topology=forward-aggregator-kinesis,vscode-fluentd/namespace=logging',
    );
    // the node agent's pod selector is unchanged, so an existing DaemonSet can be applied over
    assert.deepEqual((render('node-agent-cloudwatch').workloads[0].object as any).spec.selector.matchLabels, {
      'app.kubernetes.io/name': 'fluentd',
      'app.kubernetes.io/instance': 'fluentd-kube-system',
    });
  });

  it('the aggregator: replicas, readiness on the forward port, a buffer volume, its key pair; a Service and a PDB', () => {
    const d = render('forward-aggregator-kinesis', { replicas: 3 });
    const dep = find(d.objects, 'Deployment', 'fluentd-aggregator');
    assert.equal(dep.spec.replicas, 3);
    assert.equal(dep.spec.strategy.rollingUpdate.maxUnavailable, 0);
    const c = dep.spec.template.spec.containers[0];
    assert.equal(c.image, 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1');
    assert.deepEqual(c.ports, [{ name: 'forward', containerPort: 24224, protocol: 'TCP' }]);
    assert.deepEqual(c.readinessProbe.tcpSocket, { port: 'forward' });
    assert.ok(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.memory);
    const volumes = Object.fromEntries(dep.spec.template.spec.volumes.map((v: any) => [v.name, v]));
    assert.deepEqual(volumes.buffer, { name: 'buffer', emptyDir: {} });
    assert.deepEqual(
      volumes.tls.secret.items.map((i: any) => i.key),
      ['tls.crt', 'tls.key'],
    );
    assert.equal(volumes.tls.secret.secretName, 'fluentd-forward-tls');
    assert.deepEqual(Object.fromEntries(c.volumeMounts.map((m: any) => [m.name, m.mountPath])), {
      config: '/fluentd/etc',
      tls: '/fluentd/tls',
      buffer: '/fluentd/buffer',
    });
    const env = envOf(dep);
    assert.equal(env.KINESIS_STREAM_NAME, 'app-logs');
    assert.equal(env.AWS_REGION, 'eu-west-1');
    assert.deepEqual(env.FLUENTD_SHARED_KEY, { secretKeyRef: { name: 'fluentd-forward-shared-key', key: 'shared_key' } });
    assert.deepEqual(env.POD_NAME, { fieldRef: { fieldPath: 'metadata.name' } });
    const svc = find(d.objects, 'Service', 'fluentd-aggregator');
    assert.deepEqual(svc.spec.ports, [{ name: 'forward', port: 24224, targetPort: 'forward', protocol: 'TCP' }]);
    assert.equal(find(d.objects, 'PodDisruptionBudget').spec.maxUnavailable, 1);
    // the aggregator reads no node and needs no Kubernetes API access
    assert.ok(!d.objects.some((o) => o.kind === 'ClusterRole' && o.metadata.name.startsWith('fluentd-aggregator')));
  });

  it('the agents: the forward image, the aggregator’s host, the same shared key Secret, only the CA of the TLS Secret', () => {
    const d = render('forward-aggregator-kinesis');
    const ds = find(d.objects, 'DaemonSet', 'fluentd-forwarder');
    const c = ds.spec.template.spec.containers[0];
    assert.equal(c.image, 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-forward-1');
    const env = envOf(ds);
    assert.equal(env.FLUENTD_AGGREGATOR_HOST, 'fluentd-aggregator.logging.svc');
    assert.deepEqual(env.FLUENTD_SHARED_KEY, envOf(find(d.objects, 'Deployment')).FLUENTD_SHARED_KEY);
    const tls = ds.spec.template.spec.volumes.find((v: any) => v.name === 'tls');
    assert.deepEqual(tls.secret.items, [{ key: 'ca.crt', path: 'ca.crt' }], 'agents never mount the private key');
    assert.equal(ds.spec.template.spec.serviceAccountName, 'fluentd-forwarder');
    assert.deepEqual(
      d.secrets.map((s) => [s.name, s.origin, s.keys]),
      [
        ['fluentd-forward-shared-key', 'generated', ['shared_key']],
        ['fluentd-forward-tls', 'generated', ['tls.crt', 'tls.key', 'ca.crt']],
      ],
    );
    // named Secrets replace the generated ones everywhere
    const named = render('forward-aggregator-kinesis', { sharedKeySecret: 'my-key', tlsSecret: 'my-tls' });
    assert.deepEqual(
      named.secrets.map((s) => [s.name, s.origin]),
      [
        ['my-key', 'user'],
        ['my-tls', 'user'],
      ],
    );
    assert.deepEqual(envOf(find(named.objects, 'DaemonSet')).FLUENTD_SHARED_KEY, { secretKeyRef: { name: 'my-key', key: 'shared_key' } });
    assert.equal(
      find(named.objects, 'Deployment').spec.template.spec.volumes.find((v: any) => v.name === 'tls').secret.secretName,
      'my-tls',
    );
  });

  it('Firehose: the Firehose config, the delivery stream in the environment', () => {
    const d = render('forward-aggregator-kinesis', { kinesisOutput: 'kinesis_firehose', kinesisStream: 'to-s3' });
    const agg = d.workloads.find((w) => w.def.role === 'aggregator')!;
    assert.match(agg.config[0].text, /@type kinesis_firehose/);
    assert.equal(agg.env.KINESIS_DELIVERY_STREAM_NAME, 'to-s3');
    assert.deepEqual(policyForDeployment(d).Statement, [
      {
        Sid: 'FirehoseToS3',
        Effect: 'Allow',
        Action: ['firehose:PutRecordBatch'],
        Resource: ['arn:aws:firehose:eu-west-1:*:deliverystream/to-s3'],
      },
    ]);
  });

  it('the syslog collector: TCP and UDP 5140, the domain from the settings, the user from a Secret through env only', () => {
    const d = render('syslog-opensearch', { syslogServiceType: 'LoadBalancer' });
    const svc = find(d.objects, 'Service', 'fluentd-syslog');
    assert.equal(svc.spec.type, 'LoadBalancer');
    assert.deepEqual(
      svc.spec.ports.map((p: any) => `${p.protocol}/${p.port}`),
      ['UDP/5140', 'TCP/5140'],
    );
    const dep = find(d.objects, 'Deployment', 'fluentd-syslog');
    assert.equal(dep.spec.template.spec.containers[0].image, 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-opensearch-1');
    const env = envOf(dep);
    assert.equal(env.OPENSEARCH_HOST, 'search-edge-logs-abc123xyz.eu-west-1.es.amazonaws.com');
    assert.deepEqual(env.OPENSEARCH_PASSWORD, { secretKeyRef: { name: 'opensearch-user', key: 'password' } });
    assert.deepEqual(
      d.secrets.map((s) => [s.name, s.origin, s.keys]),
      [['opensearch-user', 'user', ['username', 'password']]],
    );
    const cm = find(d.objects, 'ConfigMap');
    assert.match(cm.data['fluent.conf'], /password "#\{ENV\['OPENSEARCH_PASSWORD'\]\}"/);
    const es = render('syslog-opensearch', { searchOutput: 'elasticsearch' });
    assert.match(es.workloads[0].config[0].text, /@type elasticsearch/);
    assert.equal(es.workloads[0].image, 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-elasticsearch8-1');
    // basic auth is the domain's business: no IAM policy
    assert.deepEqual(policyForDeployment(d).Statement, []);
  });

  it('asks each topology for its own settings, naming each', () => {
    assert.deepEqual(settingsProblems({ ...withDefaults({}) }, 'forward-aggregator-kinesis'), [
      'fluentd.deploy.region is not set (e.g. us-east-1).',
      'fluentd.deploy.kinesis.streamName is not set: it names the Kinesis data stream the aggregator writes to.',
    ]);
    const syslog = settingsProblems(withDefaults({ searchEndpoint: 'http://x', searchSecret: 'Bad_Name' }), 'syslog-opensearch');
    assert.equal(syslog.length, 2);
    assert.match(syslog.join('\n'), /opensearch\.endpoint "http:\/\/x" is not a host name or an https:\/\/ URL/);
    assert.match(syslog.join('\n'), /credentialsSecret "Bad_Name" is not a valid Secret name/);
    assert.deepEqual(
      settingsProblems(withDefaults(BASE['syslog-opensearch']), 'syslog-opensearch'),
      [],
      'the syslog collector needs no region nor cluster name',
    );
    assert.throws(() => render('forward-aggregator-kinesis', { kinesisStream: 'bad name!' }), SettingsError);
  });
});

describe('topologies: credentials', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/fluentd';
  const sa = (d: ReturnType<typeof render>, name: string) => find(d.objects, 'ServiceAccount', name).metadata.annotations;
  const podAnnotations = (d: ReturnType<typeof render>, kind: string) => find(d.objects, kind).spec.template.metadata.annotations;

  it('IRSA annotates only the ServiceAccounts of workloads that write to AWS', () => {
    const d = render('forward-aggregator-kinesis', { credentials: 'irsa', roleArn: ROLE });
    assert.deepEqual(sa(d, 'fluentd-aggregator'), { [IRSA_ANNOTATION]: ROLE });
    assert.equal(sa(d, 'fluentd-forwarder'), undefined, 'the agents only forward');
    assert.equal(render('node-agent-cloudwatch', { roleArn: ROLE }).workloads[0].credentials?.mode, 'irsa', 'auto + a role = IRSA');
  });

  it('EKS Pod Identity: nothing on the ServiceAccount, the association to create in the summary', () => {
    const d = render('node-agent-cloudwatch', { credentials: 'pod-identity', roleArn: ROLE });
    assert.equal(sa(d, 'fluentd'), undefined);
    assert.match(
      d.workloads[0].credentials!.todo!,
      /aws eks create-pod-identity-association --cluster-name demo --namespace kube-system --service-account fluentd --role-arn arn:aws:iam::123456789012:role\/fluentd/,
    );
  });

  it('kube2iam annotates the pods (the kops setup)', () => {
    const d = render('node-agent-cloudwatch', { credentials: 'kube2iam', roleArn: ROLE });
    assert.equal(podAnnotations(d, 'DaemonSet')[KUBE2IAM_ANNOTATION], ROLE);
    assert.match(podAnnotations(d, 'DaemonSet')['checksum/config'], /^[0-9a-f]{64}$/);
    assert.equal(sa(d, 'fluentd'), undefined);
  });

  it('the node role: nothing anywhere; keys from a Secret: secretKeyRef env and the Secret must exist', () => {
    const node = render('node-agent-cloudwatch', { credentials: 'node-role' });
    assert.doesNotMatch(stringify(node.objects), /AWS_ACCESS_KEY_ID|role-arn|iam\.amazonaws\.com/);
    const keys = render('forward-aggregator-kinesis', { credentials: 'secret', awsKeysSecret: 'kinesis-writer' });
    const env = envOf(find(keys.objects, 'Deployment'));
    assert.deepEqual(env.AWS_ACCESS_KEY_ID, { secretKeyRef: { name: 'kinesis-writer', key: 'AWS_ACCESS_KEY_ID' } });
    assert.deepEqual(env.AWS_SECRET_ACCESS_KEY, { secretKeyRef: { name: 'kinesis-writer', key: 'AWS_SECRET_ACCESS_KEY' } });
    assert.equal(envOf(find(keys.objects, 'DaemonSet')).AWS_ACCESS_KEY_ID, undefined, 'only the aggregator gets the keys');
    assert.deepEqual(keys.secrets.find((s) => s.name === 'kinesis-writer')?.keys, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  });

  it('refuses a mode without what it needs', () => {
    for (const [mode, fix] of [
      ['irsa', 'roleArn'],
      ['kube2iam', 'roleArn'],
      ['pod-identity', 'roleArn'],
      ['secret', 'awsKeysSecret'],
    ] as const) {
      const p = settingsProblems(withDefaults({ ...BASE['node-agent-cloudwatch'], credentials: mode }), 'node-agent-cloudwatch');
      assert.equal(p.length, 1, `${mode}: ${p.join('; ')}`);
      assert.match(p[0], new RegExp(`fluentd\\.deploy\\.${fix}`));
    }
  });
});

describe('topologies: OpenShift', () => {
  const openshift = { platform: { openshift: true } };

  it('binds the node agents’ ServiceAccount to the privileged SCC and runs them privileged', () => {
    const d = render('forward-aggregator-kinesis', {}, openshift);
    const binding = find(d.objects, 'RoleBinding');
    assert.equal(binding.metadata.name, 'fluentd-forwarder-scc-privileged');
    assert.equal(binding.metadata.namespace, 'logging');
    assert.deepEqual(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: OPENSHIFT_PRIVILEGED_ROLE });
    assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'fluentd-forwarder', namespace: 'logging' }]);
    assert.deepEqual(find(d.objects, 'DaemonSet').spec.template.spec.containers[0].securityContext, { privileged: true });
    assert.equal(
      find(d.objects, 'Deployment').spec.template.spec.containers[0].securityContext,
      undefined,
      'the aggregator reads no host files',
    );
    assert.ok(!render('forward-aggregator-kinesis').objects.some((o) => o.kind === 'RoleBinding'), 'only on OpenShift');
    assert.ok(!render('syslog-opensearch', {}, openshift).objects.some((o) => o.kind === 'RoleBinding'), 'no host logs, no SCC');
  });

  it('wants a namespace of the node agents’ own', () => {
    assert.throws(
      () => render('node-agent-cloudwatch', { namespace: 'kube-system' }, openshift),
      (e: unknown) => e instanceof SettingsError && /OpenShift.*namespace of their own, not "kube-system"/.test(e.message),
    );
    assert.equal(render('node-agent-cloudwatch', { namespace: 'logging' }, openshift).namespace, 'logging');
  });
});

describe('topologies: the forward pair checked together', () => {
  const pair = (aggregator?: string, agents?: string) =>
    forwardPairProblems(
      render(
        'forward-aggregator-kinesis',
        {},
        {
          config: aggregator ? [{ path: 'fluent.conf', text: aggregator }] : undefined,
          agentConfig: agents ? [{ path: 'fluent.conf', text: agents }] : undefined,
        },
      ),
    );
  const bundledAggregator = templates.files['forward-aggregator/aggregator-kinesis-streams.conf'];
  const bundledAgents = templates.files['forward-aggregator/forwarder.conf'];

  it('the bundled pair agrees', () => {
    assert.deepEqual(pair(), []);
    assert.deepEqual(forwardPairProblems(render('forward-aggregator-kinesis', { kinesisOutput: 'kinesis_firehose' })), []);
  });

  it('refuses an aggregator on another port, without TLS, or reading the key from elsewhere', () => {
    assert.match(
      pair(bundledAggregator.replace('port 24224', 'port 24225')).join('\n'),
      /listens on 24225, but the Service sends to 24224/,
    );
    const plain = bundledAggregator.replace(/ {2}<transport tls>[\s\S]*?<\/transport>\n/, '');
    assert.match(pair(plain).join('\n'), /does not use <transport tls>/);
    assert.match(
      pair(bundledAggregator.replace("ENV['FLUENTD_SHARED_KEY']", "ENV['OTHER_KEY']")).join('\n'),
      /reads its shared_key from ENV\['OTHER_KEY'\], which the fluentd-aggregator pods do not get from a Secret/,
    );
    assert.match(
      pair(bundledAggregator.replace('/fluentd/tls/tls.key', '/etc/key.pem')).join('\n'),
      /private_key_path must be \/fluentd\/tls\/tls\.key/,
    );
  });

  it('refuses agents that send elsewhere, skip TLS or its check, or have no forward output', () => {
    assert.match(
      pair(undefined, bundledAgents.replace(`host "#{ENV['FLUENTD_AGGREGATOR_HOST']}"`, 'host fluentd.other.svc')).join('\n'),
      /<server> host fluentd\.other\.svc is not the aggregator's Service \(fluentd-aggregator\.logging\.svc\)/,
    );
    assert.match(pair(undefined, bundledAgents.replace('  transport tls\n', '')).join('\n'), /does not use transport tls/);
    assert.match(
      pair(undefined, bundledAgents.replace('tls_verify_hostname true', 'tls_insecure_mode true')).join('\n'),
      /tls_insecure_mode/,
    );
    assert.match(
      pair(undefined, '<match **>\n  @type stdout\n</match>\n').join('\n'),
      /no forward output: nothing would reach the aggregator/,
    );
    // the service's other DNS names are the same aggregator
    assert.deepEqual(
      pair(
        undefined,
        bundledAgents.replace(`host "#{ENV['FLUENTD_AGGREGATOR_HOST']}"`, 'host fluentd-aggregator.logging.svc.cluster.local'),
      ),
      [],
    );
  });
});

describe('topologies: checks before deploy', () => {
  const validate = languageValidator();

  it('every bundled config passes the language checks and its image’s plugin check', async () => {
    for (const t of TOPOLOGIES) {
      for (const s of [{}, { kinesisOutput: 'kinesis_firehose' as const }, { searchOutput: 'elasticsearch' as const }]) {
        const { errors } = await checkConfigs(render(t.id, s), validate);
        assert.deepEqual(errors, [], `${t.id} ${JSON.stringify(s)}`);
      }
    }
  });

  it('a plugin the image lacks is an error naming the plugin and the variants that have it', async () => {
    const d = render('forward-aggregator-kinesis', { image: 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1' });
    const { errors } = await checkConfigs(d, validate);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, 'fluentd-aggregator/fluent.conf');
    assert.equal(errors[0].diagnostic.code, 'plugin-not-in-image');
    assert.match(errors[0].diagnostic.message, /'kinesis_streams' is not in the image .*debian-cloudwatch.*debian-kinesis/);
  });

  it('reads only environment variables its workload sets (from values, fields or Secrets)', () => {
    for (const t of TOPOLOGIES) {
      for (const s of [{}, { kinesisOutput: 'kinesis_firehose' as const }, { searchOutput: 'elasticsearch' as const }]) {
        for (const w of render(t.id, s).workloads) {
          const set = new Set((w.object as any).spec.template.spec.containers[0].env.map((e: any) => e.name));
          for (const m of w.config[0].text.matchAll(/ENV\['([A-Z0-9_]+)'\]/g))
            assert.ok(set.has(m[1]), `${w.def.name} reads ${m[1]}, which it is not given`);
        }
      }
    }
  });
});

describe('topologies: IAM policy per output', () => {
  it('Kinesis Data Streams: PutRecords on the stream (the only call the plugin makes)', () => {
    assert.deepEqual(policyForDeployment(render('forward-aggregator-kinesis')).Statement, [
      { Sid: 'KinesisAppLogs', Effect: 'Allow', Action: ['kinesis:PutRecords'], Resource: ['arn:aws:kinesis:eu-west-1:*:stream/app-logs'] },
    ]);
  });
});
