/// <reference types="mocha" />
// Fluentd: Deploy to Cluster against the local cluster the runner started (KUBECONFIG in the
// extension host's environment points at it): kube-apiserver, the real controller manager and
// scheduler, and 2 kwok nodes, so the rollout is the DaemonSet controller's own. The modal
// confirmation is answered through the test seam `fluentd.deploy.testing.answer` (registered only
// outside production mode); what was written is checked with the test's own HTTPS requests, not
// the extension's client.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { showOutputChannel, workspaceFile } from './helpers';
import { kubeAccess, kubeRequest, objectPath } from './kube-api';
import { screenshot } from './screenshot';

const ANSWER = 'fluentd.deploy.testing.answer';
const DEPLOY = 'fluentd.deploy.deploy';
const STATUS = 'fluentd.deploy.status';
const NAMESPACE = 'kube-system';
const DAEMONSET = `/apis/apps/v1/namespaces/${NAMESPACE}/daemonsets/fluentd`;

interface PromptRecord {
  kind: string;
  message: string;
  detail?: string;
  options?: string[];
}
interface SeamState {
  log: PromptRecord[];
  statusBar: string;
}
interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}
interface DeployResult {
  ok: boolean;
  stage: string;
  objects?: KubeObject[];
  apply?: { results: { target: string; outcome: string }[] };
  rollout?: { ready: number; desired: number; done: boolean; message: string };
}

describe('deploy to the local cluster (real controllers, 2 kwok nodes)', function () {
  this.timeout(120_000);

  it('asks for confirmation, applies every object, follows the rollout and reports it', async () => {
    const kube = kubeAccess();
    // the fixture's fluent.conf is what gets deployed (fluentd.deploy.configFile)
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('fluent.conf')));
    const seam = await vscode.commands.executeCommand<SeamState>(ANSWER, [true]);
    assert.ok(seam, `${ANSWER} is not registered (is the extension in production mode?)`);
    const before = seam.log.length;

    // the DaemonSet controller makes a pod per node and kwok runs them: the rollout is real
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(DEPLOY);

    const log = (await vscode.commands.executeCommand<SeamState>(ANSWER, [])).log.slice(before);
    const confirm = log.find((p) => p.kind === 'confirm');
    assert.ok(confirm, `no confirmation was asked: ${JSON.stringify(log)}`);
    assert.equal(confirm.message, 'Deploy Fluentd to "admin"?');
    assert.match(confirm.detail ?? '', new RegExp(`Cluster: local \\(${kube.server.replace(/\./g, '\\.')}\\)`));
    assert.match(confirm.detail ?? '', /Namespace: kube-system/);
    assert.match(confirm.detail ?? '', /Config: .*fluent\.conf/);
    assert.match(confirm.detail ?? '', /DaemonSet kube-system\/fluentd/);

    assert.ok(result, 'the deploy command returned nothing');
    assert.equal(result.ok, true, `deploy failed at ${result.stage}: ${JSON.stringify(result.apply ?? result)}`);
    assert.deepEqual(result.rollout && [result.rollout.ready, result.rollout.desired, result.rollout.done], [2, 2, true]);
    const info = log.find((p) => p.kind === 'info');
    assert.ok(info, `no summary notification: ${JSON.stringify(log)}`);
    assert.match(info.message, /^Fluentd deployed to admin: .*\d+ (created|configured|unchanged).*; 2 of 2 pods ready\.$/);

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
    const ds = await kubeRequest(kube, 'GET', DAEMONSET);
    const env = (ds.body.spec.template.spec.containers[0].env ?? []) as { name: string; value?: string }[];
    assert.equal(env.find((e) => e.name === 'CLUSTER_NAME')?.value, 'integration');

    const pods = await kubeRequest(kube, 'GET', `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=app.kubernetes.io%2Fname%3Dfluentd`);
    assert.deepEqual(
      (pods.body.items as { spec: { nodeName: string } }[]).map((p) => p.spec.nodeName).sort(),
      ['node-a', 'node-b'],
      'one Fluentd pod per kwok node',
    );

    await showOutputChannel('Fluentd Deploy');
    await new Promise((r) => setTimeout(r, 800));
    // the real rollout as the user sees it: its steps in the output, the ready count in the status bar
    await screenshot('deploy-summary');
  });

  it('reports the deployed DaemonSet through the status command', async () => {
    kubeAccess();
    const seam = await vscode.commands.executeCommand<SeamState>(ANSWER, []);
    const before = seam.log.length;
    const status = await vscode.commands.executeCommand<{ rollout?: { ready: number; desired: number }; objects: string[] } | undefined>(
      STATUS,
    );
    assert.ok(status, 'the status command returned nothing');
    assert.deepEqual(status.rollout && [status.rollout.ready, status.rollout.desired], [2, 2]);
    assert.ok(
      status.objects.some((o) => o.includes('DaemonSet')),
      `objects: ${status.objects.join(', ')}`,
    );
    const log = (await vscode.commands.executeCommand<SeamState>(ANSWER, [])).log.slice(before);
    assert.ok(
      log.some((p) => p.kind === 'info' && /Fluentd 2\/2 ready — admin, namespace kube-system/.test(p.message)),
      JSON.stringify(log),
    );
    assert.match((await vscode.commands.executeCommand<SeamState>(ANSWER, [])).statusBar, /2\/2/);
  });
});
