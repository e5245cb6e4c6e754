// Which config a Fluentd pod runs: the annotation a deploy puts on every workload's pods, read
// back into the config's path (a workspace file or a bundled one), the labels of pods deployed
// before it, hostile annotations, and findings of pods of two configs kept apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FluentdConfigLinks } from '../../../src/kube/fluentd-log/config-link';
import { FindingStore } from '../../../src/kube/fluentd-log/findings';
import { CONFIG_ANNOTATION, configAnnotationValue, podConfigRef } from '../../../src/kube/fluentd-log/pod-config';
import { PodConfigLinks, podConfigPath, type PodConfigPlaces } from '../../../src/kube/fluentd-log/pod-config-links';
import { FluentdLogReader, type FluentdProblem } from '../../../src/kube/fluentd-log/recognise';
import { COMPONENT_LABEL, TOPOLOGY_LABEL } from '../../../src/kube/labels';
import { renderDeployment, type RenderInput } from '../../../src/kube/render';
import { withDefaults, type DeploySettings } from '../../../src/kube/settings';
import { findManifestsDir, loadTemplates } from '../../../src/kube/templates';
import { TOPOLOGIES, type TopologyId } from '../../../src/kube/topologies';
import { nodeFileSystem } from '../../../src/language/node-file-system';

const templates = loadTemplates();
const MANIFESTS = findManifestsDir();
const SETTINGS: Record<TopologyId, Partial<DeploySettings>> = {
  'node-agent-cloudwatch': { clusterName: 'demo', region: 'eu-west-1' },
  'forward-aggregator-kinesis': { region: 'eu-west-1', kinesisStream: 'app-logs', namespace: 'logging' },
  'syslog-opensearch': { searchEndpoint: 'https://search-edge.eu-west-1.es.amazonaws.com', searchSecret: 'os-user', namespace: 'edge' },
};
const annotated = (value: string, labels: Record<string, string> = {}) => ({ labels, annotations: { [CONFIG_ANNOTATION]: value } });
const places = (over: Partial<PodConfigPlaces> = {}): PodConfigPlaces => ({
  workspaceFolder: '/ws',
  manifestsDir: '/ext/media/manifests',
  settingPath: (key) => (key === 'configFile' ? '/ws/main.conf' : undefined),
  fallback: '/ws/fluent.conf',
  ...over,
});

/** The pod template metadata of each workload of a rendered topology, by workload name. */
function podsOf(topology: TopologyId, extra: Partial<RenderInput> = {}) {
  const d = renderDeployment({ settings: withDefaults(SETTINGS[topology]), templates, topology, ...extra });
  return Object.fromEntries(d.workloads.map((w) => [w.def.name, (w.object as any).spec.template.metadata]));
}

describe('pod config: the deploy annotates each workload’s pods with the config it ships', () => {
  it('bundled configs: every workload of every topology names its own bundled file, which exists', () => {
    const seen: string[] = [];
    for (const t of TOPOLOGIES) {
      for (const [name, meta] of Object.entries(podsOf(t.id))) {
        const ref = podConfigRef(meta);
        assert.equal(ref.from, 'bundled', `${t.id}/${name}: ${JSON.stringify(meta.annotations)}`);
        const path = podConfigPath(meta, places({ manifestsDir: MANIFESTS }))!;
        assert.ok(readFileSync(path, 'utf8').includes('@type'), path);
        seen.push(`${name}=${meta.annotations[CONFIG_ANNOTATION]}`);
      }
    }
    assert.deepEqual(seen, [
      'fluentd=bundled:fluent.conf',
      'fluentd-aggregator=bundled:forward-aggregator/aggregator-kinesis-streams.conf',
      'fluentd-forwarder=bundled:forward-aggregator/forwarder.conf',
      'fluentd-syslog=bundled:syslog-opensearch/collector-opensearch.conf',
    ]);
  });

  it('workspace configs: the main and the agents’ file by their workspace-relative names', () => {
    const text = templates.files['forward-aggregator/aggregator-kinesis-streams.conf'];
    const agent = templates.files['forward-aggregator/forwarder.conf'];
    const pods = podsOf('forward-aggregator-kinesis', {
      config: [{ path: 'fluent.conf', text }],
      agentConfig: [{ path: 'fluent.conf', text: agent }],
      configNames: { main: 'fluentd/aggregator.conf', agent: 'fluentd/agents/fluent.conf' },
    });
    assert.equal(pods['fluentd-aggregator'].annotations[CONFIG_ANNOTATION], 'workspace:fluentd/aggregator.conf');
    assert.equal(pods['fluentd-forwarder'].annotations[CONFIG_ANNOTATION], 'workspace:fluentd/agents/fluent.conf');
    assert.equal(podConfigPath(pods['fluentd-aggregator'], places()), join('/ws', 'fluentd', 'aggregator.conf'));
    assert.equal(podConfigPath(pods['fluentd-forwarder'], places()), join('/ws', 'fluentd', 'agents', 'fluent.conf'));
    // a workspace config with no relative name (outside the folder): no annotation, the labels decide
    const unnamed = podsOf('node-agent-cloudwatch', { config: [{ path: 'fluent.conf', text: templates.defaultConfig }] });
    assert.equal(unnamed.fluentd.annotations[CONFIG_ANNOTATION], undefined);
    assert.deepEqual(podConfigRef(unnamed.fluentd), { from: 'setting', setting: 'configFile' });
  });

  it('the annotation value is relative and inside its folder', () => {
    assert.equal(configAnnotationValue({ from: 'workspace', path: 'a\\b.conf' }), 'workspace:a/b.conf');
    assert.equal(configAnnotationValue({ from: 'workspace', path: './a.conf' }), 'workspace:a.conf');
    for (const bad of ['../a.conf', '/etc/fluent.conf', 'C:/x.conf', 'a//b.conf', '', undefined])
      assert.equal(configAnnotationValue({ from: 'workspace', path: bad }), undefined, String(bad));
  });
});

describe('pod config: reading a pod', () => {
  const aggregatorLabels = { [TOPOLOGY_LABEL]: 'forward-aggregator-kinesis', [COMPONENT_LABEL]: 'aggregator' };
  const forwarderLabels = { [TOPOLOGY_LABEL]: 'forward-aggregator-kinesis', [COMPONENT_LABEL]: 'forwarder' };

  it('without the annotation: the topology and component labels name the setting its workload deploys from', () => {
    assert.deepEqual(podConfigRef({ labels: aggregatorLabels }), { from: 'setting', setting: 'configFile' });
    assert.deepEqual(podConfigRef({ labels: forwarderLabels }), { from: 'setting', setting: 'agentConfigFile' });
    assert.equal(podConfigPath({ labels: aggregatorLabels }, places()), '/ws/main.conf');
    // the agents' setting unset: the fallback
    assert.equal(podConfigPath({ labels: forwarderLabels }, places()), '/ws/fluent.conf');
    assert.deepEqual(podConfigRef({ labels: { app: 'fluentd' } }), { from: 'unknown' });
    assert.deepEqual(podConfigRef({ labels: { [TOPOLOGY_LABEL]: 'nope', [COMPONENT_LABEL]: 'agent' } }), { from: 'unknown' });
    assert.equal(podConfigPath({}, places()), '/ws/fluent.conf');
  });

  it('a hostile or foreign annotation names nothing outside the workspace or the bundled set', () => {
    for (const v of [
      'workspace:../../etc/passwd',
      'workspace:/etc/passwd',
      'workspace:a/../../b',
      'bundled:../../../etc/passwd',
      'bundled:not-bundled.conf',
      'http://x',
      ':x',
      'fluent.conf',
    ]) {
      assert.deepEqual(podConfigRef(annotated(v, forwarderLabels)), { from: 'setting', setting: 'agentConfigFile' }, v);
      assert.deepEqual(podConfigRef(annotated(v)), { from: 'unknown' }, v);
    }
    // no folder open: a workspace name falls back
    assert.equal(podConfigPath(annotated('workspace:a.conf'), places({ workspaceFolder: undefined })), '/ws/fluent.conf');
  });
});

describe('pod config: findings of pods of two configs stay on their own config', () => {
  const aggregatorConf = join(MANIFESTS, 'forward-aggregator', 'aggregator-kinesis-streams.conf');
  const forwarderConf = join(MANIFESTS, 'forward-aggregator', 'forwarder.conf');
  const line = (id: string) =>
    `2026-12-06 22:13:42 +0000 [warn]: #0 [${id}] failed to flush the buffer. retry_times=0 next_retry_time=2026-12-06 22:13:44 +0000 chunk="661fe6bf42fd9c5edba99ce42ee9c483" error_class=Aws::Kinesis::Errors::AccessDeniedException error="User: arn:aws:iam::123456789012:user/fluentd is not authorized to perform: kinesis:PutRecords"`;
  const problem = (text: string): FluentdProblem => {
    const ev = new FluentdLogReader().read(text);
    assert.equal(ev?.type, 'problem', text);
    return (ev as { problem: FluentdProblem }).problem;
  };

  it('the links of a pod are its config’s, read once and shared; a recovery clears only its config’s findings', () => {
    const links = new PodConfigLinks(places({ manifestsDir: MANIFESTS }), nodeFileSystem);
    const aggregator = annotated('bundled:forward-aggregator/aggregator-kinesis-streams.conf');
    const forwarder = annotated('bundled:forward-aggregator/forwarder.conf');
    const la = links.linksFor(aggregator)!;
    assert.equal(links.linksFor(aggregator), la, 'read once');
    const lf = links.linksFor(forwarder)!;
    assert.deepEqual(links.roots, [aggregatorConf, forwarderConf]);

    const store = new FindingStore(undefined, 60_000);
    const denied = problem(line('out_kinesis_streams'));
    const forwardRetry = problem(line('out_forward_aggregator'));
    store.add({ key: 'logging/agg-1', name: 'agg-1' }, denied, 1, 'a', la);
    store.add({ key: 'logging/fwd-1', name: 'fwd-1' }, forwardRetry, 1, 'f', lf);
    const byPod = Object.fromEntries(store.list().map((f) => [[...f.pods.keys()][0], f]));
    const text = (path: string, l: number) => readFileSync(path, 'utf8').split('\n')[l].trim();
    const [aSpot] = byPod['logging/agg-1'].spots;
    assert.equal(aSpot.uri, FluentdConfigLinks.fromFile(aggregatorConf, nodeFileSystem)!.tree.root.uri);
    assert.match(text(aggregatorConf, aSpot.range.start.line), /^<match /);
    assert.equal(byPod['logging/agg-1'].approximate, undefined);
    const [fSpot] = byPod['logging/fwd-1'].spots;
    assert.match(text(forwarderConf, fSpot.range.start.line), /^<match /);
    assert.notEqual(aSpot.uri, fSpot.uri);

    // an @id both configs had would recover only in the config of the pod that said so
    assert.equal(store.recovered('out_kinesis_streams', lf), false);
    assert.equal(store.recovered('out_kinesis_streams', la), true);
    assert.deepEqual(
      store.list().map((f) => f.pluginId),
      ['out_forward_aggregator'],
    );
    // a saved file of a config read: everything is read again
    assert.equal(links.saved('/elsewhere.conf'), false);
    assert.equal(links.saved(forwarderConf), true);
    assert.notEqual(links.linksFor(forwarder), lf);
  });
});
