/// <reference types="mocha" />
// Fluentd: Deploy… against the local cluster the runner started (KUBECONFIG in the extension
// host's environment points at it: kube-apiserver, the real controller manager and scheduler, and
// 2 kwok nodes, so every rollout is the controllers' own), one topology after another. Questions are answered
// through the test seam `fluentd.deploy.testing.answer` (registered only outside production
// mode). VS Code refuses modal dialogs under a test runner, so each summary's screenshot is of the
// Fluentd Deploy output, where the summary is also written, from a first run cancelled at the
// question. What was written is checked with the test's own HTTPS requests, not the extension's
// client. Nothing here writes a status.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { outputChannelText, waitFor, workspaceFile } from './helpers';
import { kubeAccess, kubeRequest, objectPath } from './kube-api';
import { screenshot } from './screenshot';

const ANSWER = 'fluentd.deploy.testing.answer';
const DEPLOY = 'fluentd.deploy.deploy';
const PREVIEW = 'fluentd.deploy.preview';
const STATUS = 'fluentd.deploy.status';
const UNDEPLOY = 'fluentd.deploy.undeploy';
const EXPORT = 'fluentd.deploy.exportManifests';
const NAMESPACE = 'kube-system';
const APPS = `/apis/apps/v1/namespaces/${NAMESPACE}`;

interface PromptRecord {
  kind: string;
  message: string;
  detail?: string;
  options?: string[];
}
interface SeamState {
  log: PromptRecord[];
  statusBar: string;
  statusBarVisible: boolean;
}
interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}
interface RolloutState {
  target?: string;
  ready: number;
  desired: number;
  done: boolean;
  message: string;
}
interface DeployResult {
  ok: boolean;
  stage: string;
  objects?: KubeObject[];
  apply?: { results: { target: string; outcome: string }[] };
  rollout?: RolloutState;
  rollouts?: RolloutState[];
  refusal?: string[];
}

const seam = (answers: unknown[] = []) => vscode.commands.executeCommand<SeamState>(ANSWER, answers) as Thenable<SeamState>;
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const setting = (key: string, value: unknown) =>
  vscode.workspace.getConfiguration('fluentd.deploy').update(key, value, vscode.ConfigurationTarget.Workspace);

/** The Fluentd Deploy output in an editor, scrolled to the last summary, for its screenshot. */
async function showSummary(shot: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const text = await outputChannelText('Fluentd Deploy');
  await waitFor('the summary in the output', () => text().includes('=== Deploy summary'));
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText() === text())!;
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  const lines = doc.getText().split('\n');
  let line = lines.length - 1;
  while (line > 0 && !lines[line].startsWith('=== Deploy summary')) line--;
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('notifications.clearAll');
  await new Promise((r) => setTimeout(r, 800));
  await screenshot(shot);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Runs Fluentd: Deploy… for `topology` twice: first cancelled at the summary, which then stands in
 * the Fluentd Deploy output for its screenshot; then answered "Deploy". Returns the second run's
 * result and what it asked.
 */
async function deployWithSummary(topology: string, shot: string): Promise<{ result?: DeployResult; log: PromptRecord[] }> {
  await seam([topology]);
  assert.equal(await vscode.commands.executeCommand(DEPLOY), undefined, 'a deploy cancelled at the summary returns nothing');
  await showSummary(shot);
  const before = (await seam([topology, true])).log.length;
  // the controllers make the pods and kwok runs them: the rollout the deploy waits for is real
  const result = await vscode.commands.executeCommand<DeployResult | undefined>(DEPLOY);
  const log = (await seam([])).log.slice(before);
  return { result, log };
}

describe('deploy to the local cluster (real controllers, 2 kwok nodes)', function () {
  this.timeout(300_000);

  it('node agent → CloudWatch: asks the topology, shows every shipped file, the image and the credentials, applies, follows the rollout', async () => {
    const kube = kubeAccess();
    // the fixture's fluent.conf is what gets deployed (fluentd.deploy.configFile)
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('fluent.conf')));
    const { result, log } = await deployWithSummary('node-agent-cloudwatch', 'deploy-summary-node-agent');
    const pick = log.find((p) => p.kind === 'pick');
    assert.deepEqual(pick?.options, [
      'Node agent → CloudWatch Logs',
      'Node agents → aggregator → Kinesis',
      'Syslog collector → OpenSearch',
    ]);
    const confirm = log.find((p) => p.kind === 'choose');
    assert.ok(confirm, `no confirmation was asked: ${JSON.stringify(log)}`);
    assert.equal(confirm.message, 'Deploy Fluentd (Node agent → CloudWatch Logs) to "admin"?');
    assert.deepEqual(confirm.options, ['Deploy', 'Show Diff']);
    const detail = confirm.detail ?? '';
    assert.match(detail, new RegExp(`Cluster: local \\(${kube.server.replace(/\./g, '\\.')}\\)`));
    assert.match(detail, /Namespace: kube-system/);
    assert.match(detail, /Image: fluent\/fluentd-kubernetes-daemonset:v1\.16-debian-cloudwatch-1/);
    assert.match(detail, /Config: .*fluent\.conf; files shipped in the ConfigMap:\n {4}fluent\.conf/);
    assert.match(detail, /AWS credentials: the node's instance role/);
    assert.match(detail, /IAM policy to attach .*\n {2}logs:DescribeLogGroups on arn:aws:logs:us-east-1/);
    assert.match(detail, /new {7}DaemonSet kube-system\/fluentd/);

    assert.ok(result, 'the deploy command returned nothing');
    assert.equal(result.ok, true, `deploy failed at ${result.stage}: ${JSON.stringify(result.apply ?? result)}`);
    assert.deepEqual(result.rollout && [result.rollout.ready, result.rollout.desired, result.rollout.done], [2, 2, true]);
    const info = log.find((p) => p.kind === 'info');
    assert.ok(info, `no summary notification: ${JSON.stringify(log)}`);
    assert.match(info.message, /^Fluentd deployed to admin: .*\d+ (created|configured|unchanged).*; 2 of 2 pods ready\.$/);
    assert.deepEqual(info.options, ['Show Output']);

    // every object the deploy reports is on the server, written by the extension's field manager
    const objects = result.objects ?? [];
    assert.deepEqual(objects.map((o) => o.kind).sort(), ['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet', 'ServiceAccount']);
    for (const o of objects) {
      const r = await kubeRequest(kube, 'GET', objectPath(o));
      assert.equal(r.status, 200, `${o.kind} ${o.metadata.name}: HTTP ${r.status}`);
      const managers = ((r.body.metadata.managedFields ?? []) as { manager: string }[]).map((m) => m.manager);
      assert.ok(managers.includes('vscode-fluentd'), `${o.kind} ${o.metadata.name} managed by ${managers.join(', ')}`);
    }
    const cm = await kubeRequest(kube, 'GET', `/api/v1/namespaces/${NAMESPACE}/configmaps/fluentd-config`);
    assert.match(
      String(cm.body.data?.['fluent.conf'] ?? ''),
      /log_group_name \/eks\/demo\/containers/,
      'the ConfigMap does not hold the workspace fluent.conf',
    );
    const ds = await kubeRequest(kube, 'GET', `${APPS}/daemonsets/fluentd`);
    const env = (ds.body.spec.template.spec.containers[0].env ?? []) as { name: string; value?: string }[];
    assert.equal(env.find((e) => e.name === 'CLUSTER_NAME')?.value, 'integration');

    const pods = await kubeRequest(
      kube,
      'GET',
      `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${encodeURIComponent('app.kubernetes.io/instance=fluentd-kube-system')}`,
    );
    assert.deepEqual(
      (pods.body.items as { spec: { nodeName: string } }[]).map((p) => p.spec.nodeName).sort(),
      ['node-a', 'node-b'],
      'one Fluentd pod per kwok node, made by the DaemonSet controller',
    );
  });

  it('the result stays: the status item until dismissed, Show Output opens the summary and the result', async () => {
    const kept = await seam([]);
    assert.equal(kept.statusBarVisible, true, 'the final state is still in the status bar');
    assert.match(kept.statusBar, /Fluentd: 2\/2 ready/);
    // a no-op re-deploy, answering the result notification with Show Output
    const before = (await seam(['node-agent-cloudwatch', true, 'Show Output'])).log.length;
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(DEPLOY);
    assert.equal(result?.ok, true, JSON.stringify(result));
    assert.ok(
      result.apply?.results.every((r) => r.outcome === 'unchanged'),
      JSON.stringify(result.apply),
    );
    const state = await waitFor('Show Output to dismiss the status item', async () => {
      const s = await seam([]);
      return !s.statusBarVisible && s;
    });
    assert.ok(state.log.slice(before).some((p) => p.kind === 'info' && p.options?.includes('Show Output')));
    const text = await outputChannelText('Fluentd Deploy');
    // the channel's document fills in asynchronously
    await waitFor('the summary and the result in the output', () =>
      /=== Deploy summary: Node agent → CloudWatch Logs ===[\s\S]*unchanged +DaemonSet kube-system\/fluentd/.test(text()),
    );
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('deploy-result-show-output');
  });

  it('a failed deploy opens the output itself: a plugin the image lacks, refused before the cluster', async () => {
    await setting('configFile', '');
    await setting('kinesis.streamName', 'integration-logs');
    await setting('image', 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1');
    try {
      // refused before the summary: no confirmation is asked
      const before = (await seam(['forward-aggregator-kinesis'])).log.length;
      const result = await vscode.commands.executeCommand<DeployResult | undefined>(DEPLOY);
      assert.equal(result?.stage, 'refused', JSON.stringify(result));
      const log = (await seam([])).log.slice(before);
      const error = log.find((p) => p.kind === 'error');
      assert.ok(error, JSON.stringify(log));
      assert.match(error.message, /^Deploy refused: The config has 1 error\(s\)/);
      assert.deepEqual(error.options, ['Show Output']);
      assert.ok(!log.some((p) => p.kind === 'choose'), 'no summary for a config that cannot be deployed');
      const text = await outputChannelText('Fluentd Deploy');
      await waitFor('the refusal in the output', () =>
        /fluentd-aggregator\/fluent\.conf:\d+:\d+: The output plugin 'kinesis_streams' is not in the image .*\[plugin-not-in-image\]/.test(
          text(),
        ),
      );
      assert.equal((await kubeRequest(kubeAccess(), 'GET', `${APPS}/deployments/fluentd-aggregator`)).status, 404, 'nothing was applied');
    } finally {
      await setting('image', undefined);
    }
  });

  it('with fluentd.deploy.image set, the editor reports a plugin the image lacks on its @type', async () => {
    const uri = workspaceFile('kinesis-aggregator', 'fluent.conf');
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from(
        '<source>\n  @type forward\n</source>\n<match **>\n  @type kinesis_streams\n  region us-east-1\n  stream_name app\n</match>\n',
      ),
    );
    await setting('image', 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1');
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const found = await waitFor(
        'the plugin-not-in-image diagnostic',
        () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'plugin-not-in-image'),
        60_000,
      );
      assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(found.range.start.line, 4);
      assert.match(found.message, /'kinesis_streams' is not in the image .*the variants that have it: debian-kinesis/);
    } finally {
      await setting('image', undefined);
    }
    await waitFor(
      'the diagnostic to go with the setting',
      () => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'plugin-not-in-image'),
      60_000,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Preview Deploy opens a read-only diff and says new, changed or unchanged per object', async () => {
    const before = (await seam(['forward-aggregator-kinesis'])).log.length;
    const entries = await vscode.commands.executeCommand<{ target: string; change: string }[] | undefined>(PREVIEW);
    assert.ok(entries, 'the preview returned nothing');
    assert.deepEqual([...new Set(entries.map((e) => e.change))], ['new']);
    assert.ok(entries.some((e) => e.target === 'Secret kube-system/fluentd-forward-tls'));
    const log = (await seam([])).log.slice(before);
    assert.ok(
      log.some((p) => p.kind === 'info' && /^Deploy preview: 12 new, 0 changed, 0 unchanged\.$/.test(p.message)),
      JSON.stringify(log),
    );
    const tab = await waitFor('the preview diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input;
    });
    assert.equal(tab.modified.scheme, 'fluentd-preview');
    assert.equal(tab.original.scheme, 'fluentd-preview');
    const after = await vscode.workspace.openTextDocument(tab.modified);
    assert.match(after.getText(), /^# new +Deployment kube-system\/fluentd-aggregator$/m);
    assert.doesNotMatch(after.getText(), /BEGIN (RSA )?PRIVATE KEY|shared_key: /, 'no Secret value in the preview');
    // read-only: typing into the diff editor changes nothing
    const editor = await waitFor(
      'the diff editor to be active',
      () => vscode.window.activeTextEditor?.document.uri.toString() === tab.modified.toString() && vscode.window.activeTextEditor,
    );
    const shown = editor.document.getText();
    await vscode.commands.executeCommand('type', { text: 'typed into the preview' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(editor.document.getText(), shown);
    assert.equal(editor.document.isDirty, false);
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('deploy-preview-diff');
  });

  it('node agents → aggregator → Kinesis: both workloads, the Secrets generated once', async () => {
    const kube = kubeAccess();
    const { result, log } = await deployWithSummary('forward-aggregator-kinesis', 'deploy-summary-forward-aggregator');
    assert.equal(result?.ok, true, JSON.stringify(result));
    assert.deepEqual(
      result.rollouts?.map((r) => r.target),
      ['Deployment kube-system/fluentd-aggregator', 'DaemonSet kube-system/fluentd-forwarder'],
    );
    const detail = log.find((p) => p.kind === 'choose')?.detail ?? '';
    assert.match(detail, /Image: fluent\/fluentd-kubernetes-daemonset:v1\.19-debian-kinesis-1/);
    assert.match(detail, /Image: fluent\/fluentd-kubernetes-daemonset:v1\.19-debian-forward-1/);
    assert.match(
      detail,
      /Secret kube-system\/fluentd-forward-tls: the aggregator's TLS key pair; generated locally on the first deploy, then kept/,
    );
    assert.match(detail, /kinesis:PutRecords on arn:aws:kinesis:us-east-1:\*:stream\/integration-logs/);
    const secret = await kubeRequest(kube, 'GET', `/api/v1/namespaces/${NAMESPACE}/secrets/fluentd-forward-shared-key`);
    assert.equal(secret.status, 200);
    const key = Buffer.from(secret.body.data.shared_key, 'base64').toString();
    const output = (await outputChannelText('Fluentd Deploy'))();
    assert.ok(!output.includes(key), 'the shared key must never reach the output');
  });

  it('syslog collector → OpenSearch: the user’s Secret through the environment', async () => {
    const kube = kubeAccess();
    const created = await kubeRequest(
      kube,
      'POST',
      `/api/v1/namespaces/${NAMESPACE}/secrets`,
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'opensearch-user' },
        stringData: { username: 'edge-writer', password: 'integration-pw-31' },
      },
      'application/json',
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await setting('opensearch.endpoint', 'search-edge-abc123.us-east-1.es.amazonaws.com');
    await setting('opensearch.credentialsSecret', 'opensearch-user');
    const { result, log } = await deployWithSummary('syslog-opensearch', 'deploy-summary-syslog-opensearch');
    assert.equal(result?.ok, true, JSON.stringify(result));
    const detail = log.find((p) => p.kind === 'choose')?.detail ?? '';
    assert.match(detail, /Image: fluent\/fluentd-kubernetes-daemonset:v1\.19-debian-opensearch-1/);
    assert.match(detail, /Secret kube-system\/opensearch-user: the OpenSearch user; yours/);
    const cm = await kubeRequest(kube, 'GET', `/api/v1/namespaces/${NAMESPACE}/configmaps/fluentd-syslog-config`);
    assert.ok(!JSON.stringify(cm.body.data).includes('integration-pw-31'));
  });

  it('status shows each workload’s rollout', async () => {
    const before = (await seam([])).log.length;
    const status = await vscode.commands.executeCommand<
      { workloads: { target: string; rollout: RolloutState }[]; topologies: string[] } | undefined
    >(STATUS);
    assert.ok(status, 'the status command returned nothing');
    assert.deepEqual(status.topologies, ['node-agent-cloudwatch', 'forward-aggregator-kinesis', 'syslog-opensearch']);
    assert.deepEqual(status.workloads.map((w) => [w.target, w.rollout.done]).sort(), [
      ['DaemonSet kube-system/fluentd', true],
      ['DaemonSet kube-system/fluentd-forwarder', true],
      ['Deployment kube-system/fluentd-aggregator', true],
      ['Deployment kube-system/fluentd-syslog', true],
    ]);
    const log = (await seam([])).log.slice(before);
    assert.ok(
      log.some((p) => p.kind === 'info' && /Fluentd 2\/2 ready — admin, namespace kube-system/.test(p.message)),
      JSON.stringify(log),
    );
  });

  it('Export Manifests asks the topology and writes the YAML and a Kustomize base, without Secrets', async () => {
    const target = workspaceFile('exported', 'fluentd-manifests.yaml').fsPath;
    await vscode.workspace.fs.createDirectory(workspaceFile('exported'));
    await seam(['syslog-opensearch', target]);
    const written = await vscode.commands.executeCommand<{ yaml: string; kustomize: string } | undefined>(EXPORT);
    assert.ok(written, 'nothing was exported');
    const read = async (path: string) => Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(path))).toString('utf8');
    assert.match(await read(written.yaml), /kind: Deployment\nmetadata:\n {2}name: fluentd-syslog/);
    const kustomization = await read(`${written.kustomize}/kustomization.yaml`);
    assert.match(kustomization, /^kind: Kustomization$/m);
    assert.match(kustomization, /^ {2}- deployment-fluentd-syslog\.yaml$/m);
    assert.match(kustomization, /# {3}kube-system\/opensearch-user: the OpenSearch user \(keys username, password\)/);
    const files = (await vscode.workspace.fs.readDirectory(vscode.Uri.file(written.kustomize))).map(([name]) => name).sort();
    assert.deepEqual(files, [
      'configmap-fluentd-syslog-config.yaml',
      'deployment-fluentd-syslog.yaml',
      'kustomization.yaml',
      'service-fluentd-syslog.yaml',
      'serviceaccount-fluentd-syslog.yaml',
    ]);
  });

  it('undeploy asks which topology and removes exactly its objects', async () => {
    const kube = kubeAccess();
    const before = (await seam(['syslog-opensearch', true])).log.length;
    const results = await vscode.commands.executeCommand<{ target: string; outcome: string }[] | undefined>(UNDEPLOY);
    assert.ok(results, 'undeploy returned nothing');
    assert.deepEqual(results.map((r) => r.target).sort(), [
      'ConfigMap kube-system/fluentd-syslog-config',
      'Deployment kube-system/fluentd-syslog',
      'Service kube-system/fluentd-syslog',
      'ServiceAccount kube-system/fluentd-syslog',
    ]);
    assert.ok(results.every((r) => r.outcome === 'deleted'));
    const log = (await seam([])).log.slice(before);
    assert.deepEqual(log.find((p) => p.kind === 'pick')?.options?.length, 3);
    assert.equal((await kubeRequest(kube, 'GET', `${APPS}/deployments/fluentd-syslog`)).status, 404);
    assert.equal((await kubeRequest(kube, 'GET', `${APPS}/deployments/fluentd-aggregator`)).status, 200, 'other topologies stay');
    assert.equal(
      (await kubeRequest(kube, 'GET', `/api/v1/namespaces/${NAMESPACE}/secrets/opensearch-user`)).status,
      200,
      'the user’s Secret stays',
    );
  });
});
