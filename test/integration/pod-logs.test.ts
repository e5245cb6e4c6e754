/// <reference types="mocha" />
// Fluentd: Show Pod Logs in a real VS Code against the runner's local cluster: the Fluentd pods
// (deployed by the deploy suite, or here) run on 2 kwok nodes, and their container logs — what
// Fluentd says about the fixture config: a line its parser rejects, AccessDenied retries on
// node-b — come through the API server's log proxy (test/harness/fluentd-pod-logs.ts). The
// channel's lines and findings are read through the seam `fluentd.podLogs.testing.state`; the
// diagnostics through VS Code's own API.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extension, showOutputChannel, waitFor, workspaceFile } from './helpers';
import { kubeAccess, kubeRequest } from './kube-api';
import { screenshot } from './screenshot';

const ANSWER = 'fluentd.deploy.testing.answer';
const STATE = 'fluentd.podLogs.testing.state';
const DAEMONSET = '/apis/apps/v1/namespaces/kube-system/daemonsets/fluentd';
const FORWARDERS = '/apis/apps/v1/namespaces/kube-system/daemonsets/fluentd-forwarder';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';

interface SessionState {
  title: string;
  configRoot?: string;
  configRoots?: string[];
  lines: number;
  recent: string[];
  streaming: { pod: string; node?: string }[];
  findings?: { kind: string; count: number; pods: number; summary: string }[];
}

const sessions = () => vscode.commands.executeCommand<SessionState[]>(STATE);
const session = async (title: string) => (await sessions()).find((s) => s.title === title);
const podDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'fluentd pods');

describe('pod logs from the local cluster', function () {
  this.timeout(180_000);
  const conf = () => workspaceFile('fluent.conf');

  const podLogsSetting = (key: string, value: unknown) =>
    vscode.workspace.getConfiguration('fluentd').update(key, value, vscode.ConfigurationTarget.Workspace);

  before(async () => {
    const kube = kubeAccess();
    // the deploy suite leaves other topologies' Fluentd pods in kube-system (the forwarders, the
    // aggregator) and changes the config setting: this suite reads the node agent's pods, whose
    // config is the workspace fluent.conf
    await podLogsSetting('podLogs.selector', `${INSTANCE_LABEL}=fluentd-kube-system`);
    await podLogsSetting('deploy.configFile', 'fluent.conf');
    // the deploy suite normally deployed Fluentd already; alone, this suite deploys it
    if ((await kubeRequest(kube, 'GET', DAEMONSET)).status !== 200) {
      // the topology first (Deploy asks it since topologies exist), then the summary's confirmation
      await vscode.commands.executeCommand(ANSWER, ['node-agent-cloudwatch', true]);
      const deployed = await vscode.commands.executeCommand<{ ok?: boolean }>('fluentd.deploy.deploy');
      assert.equal(deployed?.ok, true, JSON.stringify(deployed));
    }
    await waitFor(
      'Fluentd pods running on both nodes',
      async () => {
        const r = await kubeRequest(
          kube,
          'GET',
          `/api/v1/namespaces/kube-system/pods?labelSelector=${encodeURIComponent(`${INSTANCE_LABEL}=fluentd-kube-system`)}`,
        );
        const running = (r.body.items as { status?: { phase?: string }; metadata: { deletionTimestamp?: string } }[]).filter(
          (p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp,
        );
        return running.length === 2;
      },
      120_000,
    );
  });

  after(async () => {
    await podLogsSetting('podLogs.selector', undefined);
  });

  it('streams the Fluentd pods stern-style and puts their warnings on the config lines', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(conf()));
    const result = await vscode.commands.executeCommand<{ title: string; configRoot?: string } | undefined>('fluentd.podLogs.show');
    assert.ok(result, 'Show Pod Logs returned nothing');
    assert.equal(result.title, 'Fluentd Pods');
    assert.equal(result.configRoot, conf().fsPath);

    const s = await waitFor(
      'the banner of both pods, a rejected line and AccessDenied',
      async () => {
        const st = await session('Fluentd Pods');
        const text = st?.recent.join('\n') ?? '';
        return (
          /^node-a\/fluentd-\S+ +.*\[info\]: starting fluentd-1\.16\.5/m.test(text) &&
          /^node-b\/fluentd-\S+ +.*\[info\]: starting fluentd-1\.16\.5/m.test(text) &&
          /^node-a\/fluentd-\S+ +.*\[in_tail_container_logs\] pattern not matched/m.test(text) &&
          /^node-b\/fluentd-\S+ +.*AccessDeniedException/m.test(text) &&
          st
        );
      },
      60_000,
    );
    assert.deepEqual(s.streaming.map((r) => r.node).sort(), ['node-a', 'node-b']);

    // the findings, on the lines of the workspace fluent.conf they concern
    const diags = await waitFor('pod diagnostics on fluent.conf', () => {
      const d = podDiagnostics(conf());
      return d.length >= 2 && d;
    });
    const doc = await vscode.workspace.openTextDocument(conf());
    const parse = diags.find((d) => d.code === 'fluentd-log/pattern-not-matched');
    assert.ok(parse, JSON.stringify(diags.map((d) => d.code)));
    assert.equal(doc.lineAt(parse.range.start.line).text.trim(), '<parse>');
    assert.equal(parse.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(parse.message, /^Fluentd pods: the parser rejected a line: .*\n\d+× on 1 pod, last at .* on node-a\/fluentd-/);
    const denied = diags.find((d) => d.code === 'fluentd-log/access-denied');
    assert.ok(denied, JSON.stringify(diags.map((d) => d.code)));
    assert.equal(doc.lineAt(denied.range.start.line).text.trim(), '<match kubernetes.**>');
    assert.match(
      denied.message,
      /AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role\/eks-demo-node\/.* is not authorized to perform: logs:PutLogEvents/,
    );

    await showOutputChannel('Fluentd Pods');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('pod-logs-output');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc, { selection: parse.range });
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('pod-logs-diagnostic');
  });

  it('the status notification offers the pod logs', async () => {
    const seam = await vscode.commands.executeCommand<{ log: { kind: string; message: string; options?: string[] }[] }>(ANSWER, [null]);
    const before = seam.log.length;
    await vscode.commands.executeCommand('fluentd.deploy.status');
    const log = (
      await vscode.commands.executeCommand<{ log: { kind: string; message: string; options?: string[] }[] }>(ANSWER, [])
    ).log.slice(before);
    const info = log.find((p) => p.kind === 'info');
    assert.ok(info, JSON.stringify(log));
    assert.deepEqual(info.options, ['Show Pod Logs']);
  });

  it('for a pod that ships nothing: the Fluentd pod on its node', async () => {
    // what the CloudWatch tree passes from a "not shipping logs" pod
    const node = { kind: 'notShippingPod', pod: { namespace: 'shop', name: 'search-api-1', containers: ['api'], nodeName: 'node-b' } };
    const result = await vscode.commands.executeCommand<{ title: string; nodeName?: string } | undefined>(
      'fluentd.podLogs.showForNode',
      node,
    );
    assert.equal(result?.title, 'Fluentd Pods: node-b');
    const s = await waitFor('node-b’s Fluentd lines', async () => {
      const st = await session('Fluentd Pods: node-b');
      return st && st.recent.some((l) => /AccessDeniedException/.test(l)) && st;
    });
    assert.deepEqual(
      s.streaming.map((r) => r.node),
      ['node-b'],
    );
    assert.ok(
      s.recent.filter((l) => !l.startsWith('[fluentd]')).every((l) => l.startsWith('node-b/')),
      s.recent.join('\n'),
    );
  });

  it('Tail Pods of a Workload…: pick any DaemonSet, Deployment or StatefulSet', async () => {
    await vscode.commands.executeCommand(ANSWER, ['kube-system/fluentd']);
    const seam = await vscode.commands.executeCommand<{ log: { kind: string; message: string; options?: string[] }[] }>(ANSWER, []);
    const before = seam.log.length;
    const result = await vscode.commands.executeCommand<{ title: string; selector: string } | undefined>('fluentd.podLogs.tailWorkload');
    const log = (await vscode.commands.executeCommand<{ log: { kind: string; options?: string[] }[] }>(ANSWER, [])).log.slice(before);
    assert.ok(
      log.some((p) => p.kind === 'pick' && p.options?.includes('kube-system/fluentd')),
      JSON.stringify(log),
    );
    assert.equal(result?.title, 'Pods: DaemonSet kube-system/fluentd');
    assert.match(result?.selector ?? '', /app\.kubernetes\.io\/name=fluentd/);
    await waitFor('the workload’s lines', async () => ((await session('Pods: DaemonSet kube-system/fluentd'))?.lines ?? 0) > 0);
  });

  it('the diagnostics go when the pods that logged them go', async () => {
    const kube = kubeAccess();
    assert.ok(podDiagnostics(conf()).length > 0);
    const r = await kubeRequest(kube, 'DELETE', `${DAEMONSET}?propagationPolicy=Foreground`);
    assert.ok(r.status === 200 || r.status === 202, `deleting the DaemonSet: HTTP ${r.status}`);
    await waitFor('the pod diagnostics to clear', () => podDiagnostics(conf()).length === 0, 90_000);
    const stopped = await vscode.commands.executeCommand<number>('fluentd.podLogs.stop');
    assert.equal(stopped, 3);
    assert.deepEqual(await sessions(), []);
  });

  it('with the default selector, the forwarders’ problems go on their own (bundled) config, not on fluent.conf', async () => {
    // the node agent is gone (the test before); the forward topology's pods stay from the deploy
    // suite (deployed here when this suite runs alone), annotated with the bundled configs they run
    const kube = kubeAccess();
    if ((await kubeRequest(kube, 'GET', FORWARDERS)).status !== 200) {
      await podLogsSetting('deploy.configFile', '');
      await podLogsSetting('deploy.kinesis.streamName', 'integration-logs');
      await vscode.commands.executeCommand(ANSWER, ['forward-aggregator-kinesis', true]);
      const deployed = await vscode.commands.executeCommand<{ ok?: boolean }>('fluentd.deploy.deploy');
      assert.equal(deployed?.ok, true, JSON.stringify(deployed));
      await podLogsSetting('deploy.configFile', 'fluent.conf');
    }
    await podLogsSetting('podLogs.selector', undefined);
    const forwarderConf = vscode.Uri.file(join(extension().extensionPath, 'media', 'manifests', 'forward-aggregator', 'forwarder.conf'));
    const result = await vscode.commands.executeCommand<{ title: string; selector: string } | undefined>('fluentd.podLogs.show');
    assert.equal(result?.selector, 'app.kubernetes.io/name=fluentd');
    const rejected = await waitFor(
      'a rejected line on the forwarders’ <parse>',
      () => podDiagnostics(forwarderConf).find((d) => d.code === 'fluentd-log/pattern-not-matched'),
      90_000,
    );
    const doc = await vscode.workspace.openTextDocument(forwarderConf);
    assert.equal(doc.lineAt(rejected.range.start.line).text.trim(), '<parse>');
    assert.match(rejected.message, / on node-[ab]\/fluentd-forwarder-[a-z0-9]+:/);
    const s = await session('Fluentd Pods');
    assert.ok(s?.configRoots?.includes(forwarderConf.fsPath), JSON.stringify(s?.configRoots));
    assert.ok(!s?.configRoots?.includes(conf().fsPath), 'no pod runs the workspace fluent.conf now');
    assert.deepEqual(podDiagnostics(conf()), []);
    assert.equal(await vscode.commands.executeCommand<number>('fluentd.podLogs.stop'), 1);
  });
});
