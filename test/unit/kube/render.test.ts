// Rendering the bundled manifests: pure, current API versions only, labels, selector, the
// DaemonSet's environment and mounts, and the config checksum that rolls the pods.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { ConfigFilesError, configMapLayout } from '../../../src/kube/config-files';
import { manifestsToYaml } from '../../../src/kube/export-yaml';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../../../src/kube/labels';
import { IRSA_ANNOTATION } from '../../../src/kube/credentials';
import { CHECKSUM_ANNOTATION, renderManifests } from '../../../src/kube/render';
import { DEFAULT_IMAGE, SettingsError, withDefaults, type DeploySettings } from '../../../src/kube/settings';
import { loadTemplates } from '../../../src/kube/templates';
import type { KubeObject } from '../../../src/kube/types';
import { fillTemplate, TemplateError } from '../../../src/kube/template-fill';

const templates = loadTemplates();
const settings: DeploySettings = withDefaults({ clusterName: 'demo', region: 'eu-west-1' });
const render = (s: Partial<DeploySettings> = {}, config?: { path: string; text: string }[]) =>
  renderManifests({ settings: { ...settings, ...s }, templates, config });
const byKind = (objs: KubeObject[], kind: string) => {
  const o = objs.find((x) => x.kind === kind);
  assert.ok(o, `no ${kind} rendered`);
  return o as any;
};
const allStrings = (v: unknown, out: string[] = []): string[] => {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => allStrings(x, out));
  else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => (out.push(k), allStrings(x, out)));
  return out;
};

describe('kube render', () => {
  it('renders the five objects in apply order with current API versions only', () => {
    const objs = render();
    assert.deepEqual(
      objs.map((o) => `${o.apiVersion} ${o.kind}`),
      [
        'v1 ServiceAccount',
        'rbac.authorization.k8s.io/v1 ClusterRole',
        'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
        'v1 ConfigMap',
        'apps/v1 DaemonSet',
      ],
    );
    for (const o of objs) {
      assert.doesNotMatch(o.apiVersion, /v1beta1|v1alpha1|^extensions\//, `${o.kind} uses ${o.apiVersion}`);
    }
    const yaml = manifestsToYaml(objs);
    assert.doesNotMatch(yaml, /extensions\/v1beta1|rbac\.authorization\.k8s\.io\/v1beta1/);
  });

  it('labels every object as managed by vscode-fluentd and leaves no placeholder behind', () => {
    for (const o of render({ roleArn: 'arn:aws:iam::123456789012:role/fluentd' })) {
      assert.equal(o.metadata.labels?.[MANAGED_BY_LABEL], MANAGED_BY, `${o.kind} lacks the managed-by label`);
      assert.ok(!allStrings(o).some((s) => s.includes('{{')), `${o.kind} has an unfilled placeholder`);
    }
  });

  it('namespaces the namespaced objects and names cluster-scoped RBAC after the namespace', () => {
    const objs = render({ namespace: 'logging' });
    for (const kind of ['ServiceAccount', 'ConfigMap', 'DaemonSet']) assert.equal(byKind(objs, kind).metadata.namespace, 'logging');
    const role = byKind(objs, 'ClusterRole');
    const binding = byKind(objs, 'ClusterRoleBinding');
    assert.equal(role.metadata.namespace, undefined);
    assert.equal(binding.roleRef.name, role.metadata.name);
    assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'fluentd', namespace: 'logging' }]);
    assert.notEqual(role.metadata.name, byKind(render({ namespace: 'other' }), 'ClusterRole').metadata.name);
  });

  it('grants read-only access to namespaces, pods and nodes', () => {
    const role = byKind(render(), 'ClusterRole');
    assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['namespaces', 'pods', 'nodes'], verbs: ['get', 'list', 'watch'] }]);
  });

  it('annotates the ServiceAccount for IRSA only when a role is set', () => {
    assert.equal(byKind(render(), 'ServiceAccount').metadata.annotations, undefined);
    const arn = 'arn:aws:iam::123456789012:role/fluentd-logs';
    assert.deepEqual(byKind(render({ roleArn: arn }), 'ServiceAccount').metadata.annotations, { [IRSA_ANNOTATION]: arn });
  });

  it('builds the DaemonSet: selector = template labels, env, mounts, resources, tolerations', () => {
    const ds = byKind(render(), 'DaemonSet');
    const podLabels = ds.spec.template.metadata.labels;
    for (const [k, v] of Object.entries(ds.spec.selector.matchLabels)) assert.equal(podLabels[k], v, `selector ${k} not on pods`);
    const c = ds.spec.template.spec.containers[0];
    assert.equal(c.image, DEFAULT_IMAGE);
    assert.equal(DEFAULT_IMAGE, 'fluent/fluentd-kubernetes-daemonset:v1.16-debian-cloudwatch-1');
    const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    assert.equal(env.AWS_REGION, 'eu-west-1');
    assert.equal(env.REGION, 'eu-west-1');
    assert.equal(env.CLUSTER_NAME, 'demo');
    assert.equal(env.LOG_GROUP_NAME, '/eks/demo');
    assert.deepEqual(env.K8S_NODE_NAME, { fieldRef: { fieldPath: 'spec.nodeName' } });
    const mounts = Object.fromEntries(c.volumeMounts.map((m: any) => [m.mountPath, m]));
    assert.equal(mounts['/var/log'].readOnly, undefined);
    assert.equal(mounts['/var/lib/docker/containers'].readOnly, true);
    assert.equal(mounts['/run/log/journal'].readOnly, true);
    const volumes = Object.fromEntries(ds.spec.template.spec.volumes.map((v: any) => [v.name, v]));
    for (const m of c.volumeMounts) assert.ok(volumes[m.name], `mount ${m.name} has no volume`);
    assert.equal(volumes.varlog.hostPath.path, '/var/log');
    assert.equal(volumes.runlogjournal.hostPath.path, '/run/log/journal');
    assert.ok(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.memory);
    assert.deepEqual(ds.spec.template.spec.tolerations, [{ operator: 'Exists' }]);
    assert.equal(ds.spec.template.spec.serviceAccountName, byKind(render(), 'ServiceAccount').metadata.name);
    assert.equal(ds.spec.template.spec.volumes.find((v: any) => v.configMap).configMap.name, byKind(render(), 'ConfigMap').metadata.name);
  });

  it('never writes AWS credentials into the manifests', () => {
    const yaml = manifestsToYaml(render({ roleArn: 'arn:aws:iam::123456789012:role/x' }));
    assert.doesNotMatch(yaml, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws_key_id|aws_sec_key/);
    assert.throws(
      () =>
        render({}, [{ path: 'fluent.conf', text: '<match **>\n  @type cloudwatch_logs\n  aws_key_id AKIAABCDEFGHIJKLMNOP\n</match>\n' }]),
      (e: unknown) => e instanceof ConfigFilesError && /aws_key_id in fluent.conf:3/.test(e.message),
    );
    // an environment reference is not a key
    render({}, [{ path: 'fluent.conf', text: `<match **>\n  @type null\n  aws_key_id "#{ENV['K']}"\n</match>\n` }]);
  });

  it('changes the checksum annotation exactly when the config changes', () => {
    const checksum = (objs: KubeObject[]) => byKind(objs, 'DaemonSet').spec.template.metadata.annotations[CHECKSUM_ANNOTATION];
    const a = checksum(render());
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.equal(checksum(render()), a, 'same config, same checksum');
    assert.equal(checksum(render({ image: 'example.com/fluentd:2' })), a, 'image is not config');
    const changed = checksum(render({}, [{ path: 'fluent.conf', text: templates.defaultConfig + '\n# changed\n' }]));
    assert.notEqual(changed, a);
    assert.equal(byKind(render(), 'ConfigMap').data['fluent.conf'], templates.defaultConfig);
  });

  it('packs included files into the ConfigMap and mounts them at their paths', () => {
    const objs = render({}, [
      { path: 'main.conf', text: '@include conf.d/*.conf\n' },
      { path: 'conf.d/a.conf', text: '<match a>\n  @type null\n</match>\n' },
    ]);
    const cm = byKind(objs, 'ConfigMap');
    assert.deepEqual(Object.keys(cm.data), ['fluent.conf', 'conf.d_a.conf']);
    const items = byKind(objs, 'DaemonSet').spec.template.spec.volumes.find((v: any) => v.configMap).configMap.items;
    assert.deepEqual(items, [
      { key: 'fluent.conf', path: 'fluent.conf' },
      { key: 'conf.d_a.conf', path: 'conf.d/a.conf' },
    ]);
    assert.throws(
      () =>
        configMapLayout([
          { path: 'f', text: '' },
          { path: '../x.conf', text: '' },
        ]),
      /outside/,
    );
    assert.throws(() => configMapLayout([{ path: 'f', text: 'x'.repeat(1024 * 1024 + 1) }]), /at most/);
  });

  it('refuses invalid settings, naming each setting', () => {
    assert.throws(
      () => render({ namespace: 'Kube_System', clusterName: '', region: 'mars', roleArn: 'role/x' }),
      (e: unknown) =>
        e instanceof SettingsError &&
        e.problems.length === 4 &&
        ['namespace', 'clusterName', 'region', 'roleArn'].every((k) => e.message.includes(`fluentd.deploy.${k}`)),
    );
  });

  it('is pure: same input, same output, input untouched', () => {
    const config = [{ path: 'fluent.conf', text: '<match **>\n  @type null\n</match>\n' }];
    const frozen = JSON.stringify({ settings, config });
    assert.deepEqual(render({}, config), render({}, config));
    assert.equal(JSON.stringify({ settings, config }), frozen);
  });

  it('exports YAML that parses back to the same objects', () => {
    const objs = render({ roleArn: 'arn:aws:iam::123456789012:role/x' });
    const docs = parseAllDocuments(manifestsToYaml(objs, 'generated by a test'));
    assert.deepEqual(
      docs.map((d) => d.toJS()),
      objs,
    );
    assert.ok(docs.every((d) => d.errors.length === 0));
  });
});

describe('kube template fill', () => {
  it('replaces whole placeholders structurally and drops undefined ones', () => {
    const out = fillTemplate(
      { a: '{{x}}', b: '{{gone}}', c: ['{{gone}}', 'k-{{n}}'], d: { e: '{{obj}}' } },
      { x: 1, gone: undefined, n: 'v', obj: { k: ': not yaml' } },
      't',
    );
    assert.deepEqual(out, { a: 1, c: ['k-v'], d: { e: { k: ': not yaml' } } });
  });
  it('rejects unknown placeholders', () => {
    assert.throws(
      () => fillTemplate({ a: '{{nope}}' }, {}, 'x.yaml'),
      (e: unknown) => e instanceof TemplateError && /x\.yaml: unknown placeholder \{\{nope\}\}/.test(e.message),
    );
  });
});
