// What the user sees before and after saying yes: the deploy summary (every shipped file, each
// image, the role, the IAM policy, the Secrets — issue 13 item 7), the preview as two read-only
// sides of a diff (issue 17 item 8), the Kustomize base of Export Manifests, and the rollout
// states of both workload kinds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { kustomizeBase } from '../../../src/kube/kustomize';
import { previewSides, previewSummary, type PreviewEntry } from '../../../src/kube/preview';
import { renderDeployment } from '../../../src/kube/render';
import { rolloutState } from '../../../src/kube/rollout';
import { withDefaults } from '../../../src/kube/settings';
import { deploySummary } from '../../../src/kube/summary';
import { loadTemplates } from '../../../src/kube/templates';
import type { KubeObject } from '../../../src/kube/types';

const templates = loadTemplates();
const ROLE = 'arn:aws:iam::123456789012:role/fluentd-logs';
const ctx = { context: 'prod', cluster: 'eks-prod', server: 'https://k8s.example.com' };

describe('deploy summary', () => {
  it('names every shipped file, each workload’s image, the role, the IAM policy and what happens to each object', () => {
    const config = [
      { path: 'main.conf', text: '@include conf.d/*.conf\n' },
      { path: 'conf.d/in.conf', text: '<source>\n  @type forward\n</source>\n' },
      {
        path: 'conf.d/out.conf',
        text: '<match **>\n  @type cloudwatch_logs\n  log_group_name /apps\n  use_tag_as_stream true\n</match>\n',
      },
    ];
    const d = renderDeployment({
      settings: withDefaults({ clusterName: 'demo', region: 'us-east-1', roleArn: ROLE, image: 'registry.example.com/fluentd:cw-7' }),
      templates,
      config,
    });
    const preview = d.objects.map((o, i) => ({
      target: `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`,
      change: i === 4 ? 'changed' : 'unchanged',
    })) as PreviewEntry[];
    const text = deploySummary(d, { ...ctx, sources: { main: '/ws/fluent/main.conf' } }, preview);
    assert.match(text, /^Topology: Node agent → CloudWatch Logs$/m);
    assert.match(text, /^Cluster: eks-prod \(https:\/\/k8s\.example\.com\)$/m);
    assert.match(text, /^ {2}Image: registry\.example\.com\/fluentd:cw-7$/m);
    assert.match(text, /^ {2}Config: \/ws\/fluent\/main\.conf; files shipped in the ConfigMap:$/m);
    assert.match(text, /^ {4}fluent\.conf \(from main\.conf\)\n {4}conf\.d\/in\.conf\n {4}conf\.d\/out\.conf$/m);
    assert.match(
      text,
      new RegExp(`AWS credentials: IRSA: role ${ROLE.replace(/[/.]/g, '\\$&')} annotated on ServiceAccount kube-system/fluentd`),
    );
    assert.match(text, /logs:PutLogEvents on arn:aws:logs:us-east-1:\*:log-group:\/apps:log-stream:\*/);
    assert.match(text, /^ {2}changed {3}DaemonSet kube-system\/fluentd$/m);
    assert.match(text, /^ {2}unchanged ConfigMap kube-system\/fluentd-config$/m);
  });

  it('the forward topology: both workloads, the Secrets without their values, the agents’ image', () => {
    const d = renderDeployment({
      settings: withDefaults({
        region: 'eu-west-1',
        kinesisStream: 'app',
        namespace: 'logging',
        credentials: 'secret',
        awsKeysSecret: 'kinesis-user',
      }),
      templates,
      topology: 'forward-aggregator-kinesis',
      platform: { openshift: true },
    });
    const text = deploySummary(d, ctx);
    assert.match(text, /^Deployment fluentd-aggregator\n {2}Image: fluent\/fluentd-kubernetes-daemonset:v1\.19-debian-kinesis-1$/m);
    assert.match(text, /^DaemonSet fluentd-forwarder\n {2}Image: fluent\/fluentd-kubernetes-daemonset:v1\.19-debian-forward-1$/m);
    assert.match(text, /Config: the bundled config; files shipped in the ConfigMap:/);
    assert.match(
      text,
      /Secret logging\/fluentd-forward-shared-key: the forward shared key; generated locally on the first deploy, then kept/,
    );
    assert.match(text, /Secret logging\/kinesis-user: the IAM user's AWS keys; yours \(fluentd\.deploy\.awsKeysSecret\), must exist/);
    assert.match(text, /AWS credentials: IAM user keys from Secret logging\/kinesis-user/);
    assert.match(
      text,
      /^OpenShift: fluentd-forwarder read the nodes' logs, so they run privileged: .*system:openshift:scc:privileged.*namespace logging\.$/m,
    );
    assert.match(text, /kinesis:PutRecords on arn:aws:kinesis:eu-west-1:\*:stream\/app/);
  });
});

describe('deploy preview', () => {
  const entries: PreviewEntry[] = [
    {
      target: 'Secret logging/fluentd-forward-tls',
      change: 'new',
      diff: '',
      before: '',
      after: '',
      note: "the aggregator's TLS key pair; generated locally, value not shown",
    },
    { target: 'ConfigMap logging/a', change: 'unchanged', diff: '', before: 'data: 1\n', after: 'data: 1\n' },
    { target: 'Service logging/b', change: 'new', diff: '+x', before: '', after: 'kind: Service\n' },
    { target: 'Deployment logging/c', change: 'changed', diff: '-a\n+b', before: 'replicas: 1\n', after: 'replicas: 2\n' },
  ];

  it('says new, changed or unchanged for each object', () => {
    assert.deepEqual(previewSummary(entries), [
      "# new        Secret logging/fluentd-forward-tls (the aggregator's TLS key pair; generated locally, value not shown)",
      '# unchanged  ConfigMap logging/a',
      '# new        Service logging/b',
      '# changed    Deployment logging/c',
    ]);
  });

  it('makes two sides that differ exactly where the deploy changes something', () => {
    const { before, after } = previewSides(entries, 'Preview of a deploy');
    const b = before.split('\n');
    const a = after.split('\n');
    assert.equal(b.length, a.length);
    const differing = b.map((l, i) => (l === a[i] ? undefined : [l, a[i]])).filter(Boolean);
    assert.deepEqual(differing, [
      ['# (none)', 'kind: Service'],
      ['replicas: 1', 'replicas: 2'],
    ]);
    assert.equal(b[0], '# Preview of a deploy');
    assert.ok(!before.includes('BEGIN') && !after.includes('BEGIN'), 'no key material on either side');
  });
});

describe('Kustomize base', () => {
  it('one file per object in apply order, a kustomization listing them, no Secret, the Secrets to create named', () => {
    const d = renderDeployment({
      settings: withDefaults({ region: 'eu-west-1', kinesisStream: 'app', namespace: 'logging' }),
      templates,
      topology: 'forward-aggregator-kinesis',
    });
    const files = kustomizeBase(d, 'Fluentd for logging');
    const kustomization = parse(files[0].text) as { kind: string; resources: string[] };
    assert.equal(files[0].name, 'kustomization.yaml');
    assert.equal(kustomization.kind, 'Kustomization');
    assert.deepEqual(
      kustomization.resources,
      files.slice(1).map((f) => f.name),
    );
    assert.deepEqual(
      files.slice(1).map((f) => parse(f.text) as KubeObject),
      d.objects,
    );
    assert.ok(!files.some((f) => /kind: Secret/.test(f.text)));
    assert.match(files[0].text, /^# {3}logging\/fluentd-forward-tls: the aggregator's TLS key pair \(keys tls\.crt, tls\.key, ca\.crt\)$/m);
    assert.equal(new Set(files.map((f) => f.name)).size, files.length, 'file names are unique');
  });
});

describe('rollout states', () => {
  const deployment = (generation: number, replicas: number, status: Record<string, number>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'agg', namespace: 'logging', generation },
    spec: { replicas },
    status,
  });

  it('a Deployment is rolled out when the controller saw it and every replica is new and available', () => {
    const states = [
      deployment(2, 2, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
      deployment(2, 2, { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 2 }),
      deployment(2, 2, { observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }),
      deployment(2, 2, { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 1 }),
      deployment(2, 2, { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
    ].map(rolloutState);
    assert.deepEqual(
      states.map((s) => [s.done, s.message]),
      [
        [false, 'waiting for the Deployment controller to pick up generation 2'],
        [false, '1 of 2 replicas run the new pod template'],
        [false, '1 old replica(s) still terminating'],
        [false, '1 of 2 replicas available'],
        [true, '2 of 2 replicas available'],
      ],
    );
    assert.equal(states[4].target, 'Deployment logging/agg');
  });

  it('a DaemonSet as before', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'f', namespace: 'n', generation: 3 },
      status: { observedGeneration: 3, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 2 },
    };
    assert.deepEqual([rolloutState(ds).done, rolloutState(ds).message], [false, '2 of 3 pods ready']);
  });
});
