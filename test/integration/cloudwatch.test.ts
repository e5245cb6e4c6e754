/// <reference types="mocha" />
// The CloudWatch Logs explorer against moto, seeded by the runner with EKS-shaped log groups
// (test/harness/moto.ts eksFixture): the tree's children are the seeded groups, pods, node
// services and other streams; tailing a pod writes its events into the pod's output channel.
// The tree is read through the extension's test seam (fluentd.cloudwatch.testing.state, only
// outside production mode); the tail's output is read as VS Code shows it.
import * as assert from 'node:assert/strict';
import { CloudWatchLogsClient, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as vscode from 'vscode';
import { extension, outputChannelText, waitFor } from './helpers';
import { pageTexts, screenshot } from './screenshot';

const STATE = 'fluentd.cloudwatch.testing.state';
const TAIL_POD = 'fluentd.cloudwatch.tailPod';
const STOP_TAIL = 'fluentd.cloudwatch.stopTail';

interface Seeded {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  containersGroup: string;
  systemdGroup: string;
  containerStreams: { group: string; stream: string; namespace: string; pod: string; container: string; id: string }[];
  systemdStreams: { stream: string; unit: string; host: string }[];
  otherStreams: string[];
}

function seeded(): Seeded {
  const raw = process.env.VSCODE_FLUENTD_TEST_MOTO;
  if (!raw)
    throw new Error(
      `no moto for this run: ${process.env.VSCODE_FLUENTD_TEST_MOTO_ERROR ?? 'VSCODE_FLUENTD_TEST_MOTO is not set (run through scripts/vscode/run-integration.mjs)'}`,
    );
  return JSON.parse(raw) as Seeded;
}

// The tree's nodes are the extension's own objects; the test only reads them and hands them back.
type Node = { kind: string };
interface TreeAccess {
  roots(): Promise<Node[]>;
  children(node: Node): Promise<Node[]>;
  item(node: Node): vscode.TreeItem;
}
interface State {
  prompts: { kind: string; message: string }[];
  statusBar: string;
  tails: { title: string; mode?: string; lines: number }[];
  tree?: TreeAccess;
}

async function tree(): Promise<TreeAccess> {
  await extension().activate(); // the CloudWatch commands exist once the extension is active
  const state = await vscode.commands.executeCommand<State | undefined>(STATE, []);
  assert.ok(state, `${STATE} is not registered (is registerCloudWatch wired, outside production mode?)`);
  assert.ok(state.tree, `${STATE} does not expose the tree`);
  return state.tree;
}

const label = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : (i.label?.label ?? ''));
const sorted = (xs: string[]) => [...xs].sort();

describe('CloudWatch Logs explorer (moto)', function () {
  this.timeout(90_000);

  it('shows the seeded log groups, their pods with namespaces, node services and other streams', async () => {
    const s = seeded();
    const t = await tree();
    const roots = await waitFor(
      'log groups in the tree',
      async () => {
        const r = await t.roots();
        return r.some((n) => n.kind === 'group') && r;
      },
      30_000,
    );
    assert.deepEqual(sorted(roots.map((n) => label(t.item(n)))), sorted([s.containersGroup, s.systemdGroup]));

    const containers = roots.find((n) => label(t.item(n)) === s.containersGroup)!;
    const kids = await t.children(containers);
    const pods = kids.filter((n) => n.kind === 'pod');
    const expectedPods = [...new Set(s.containerStreams.map((c) => c.pod))];
    assert.deepEqual(sorted(pods.map((n) => label(t.item(n)))), sorted(expectedPods));
    for (const p of pods) {
      const item = t.item(p);
      const mine = s.containerStreams.filter((c) => c.pod === label(item));
      assert.match(String(item.description), new RegExp(`^${mine[0].namespace}\\b`), `${label(item)}: ${item.description}`);
      const streams = await t.children(p);
      assert.deepEqual(sorted(streams.map((n) => label(t.item(n)))), sorted(mine.map((c) => c.container)), `containers of ${label(item)}`);
    }
    const other = kids.find((n) => n.kind === 'otherStreams');
    assert.ok(other, `no "other streams" node among ${kids.map((n) => label(t.item(n))).join(', ')}`);
    assert.deepEqual(sorted((await t.children(other)).map((n) => label(t.item(n)))), sorted(s.otherStreams));

    const systemd = roots.find((n) => label(t.item(n)) === s.systemdGroup)!;
    const services = (await t.children(systemd)).find((n) => n.kind === 'nodeServices');
    assert.ok(services, 'no "node services" node in the systemd group');
    const units = (await t.children(services)).map((n) => {
      const i = t.item(n);
      return `${label(i)} @ ${String(i.description).split(' · ')[0]}`;
    });
    assert.deepEqual(sorted(units), sorted(s.systemdStreams.map((x) => `${x.unit} @ ${x.host}`)));

    // what a user sees: the view with the containers group and the checkout pod expanded,
    // driven like a keyboard user; each step waits until the workbench shows its result
    const rows = async (selector = '.part.sidebar .monaco-list-row') => (await pageTexts('cloudwatch-rows', selector)) ?? [];
    const showsRow = (text: string, selector?: string) =>
      waitFor(`the view to show "${text}"`, async () => (await rows(selector)).some((r) => r.includes(text)));
    await vscode.commands.executeCommand('fluentd.cloudwatch.focus');
    await showsRow(s.containersGroup);
    await vscode.commands.executeCommand('list.focusFirst');
    await vscode.commands.executeCommand('list.expand');
    await showsRow('checkout-6c9f8d7b5-abcde');
    for (let i = 0; i < 10 && !(await rows('.part.sidebar .monaco-list-row.focused')).some((r) => r.includes('checkout-')); i++) {
      await vscode.commands.executeCommand('list.focusDown');
    }
    await showsRow('checkout-', '.part.sidebar .monaco-list-row.focused');
    await vscode.commands.executeCommand('list.expand');
    await showsRow('istio-proxy');
    await screenshot('cloudwatch-tree');
  });

  it("tails a pod: its events, earlier and new, appear in the pod's output channel", async () => {
    const s = seeded();
    const t = await tree();
    const containers = (await t.roots()).find((n) => label(t.item(n)) === s.containersGroup)!;
    const podName = 'checkout-6c9f8d7b5-abcde';
    const pod = (await t.children(containers)).find((n) => n.kind === 'pod' && label(t.item(n)) === podName);
    assert.ok(pod, `pod ${podName} not in the tree`);
    const streams = s.containerStreams.filter((c) => c.pod === podName);
    assert.ok(streams.length >= 2, 'the fixture pod should have two containers');

    const client = new CloudWatchLogsClient({ region: s.region, endpoint: s.endpoint, credentials: s.credentials });
    const run = Date.now().toString(36);
    const put = async (when: string) => {
      const markers = streams.map((c) => `${when}-${run}-${c.container}`);
      for (const [i, c] of streams.entries()) {
        await client.send(
          new PutLogEventsCommand({
            logGroupName: c.group,
            logStreamName: c.stream,
            logEvents: [
              {
                timestamp: Date.now(),
                message: JSON.stringify({
                  log: `${markers[i]}\n`,
                  stream: 'stdout',
                  kubernetes: { pod_name: podName, container_name: c.container },
                }),
              },
            ],
          }),
        );
      }
      return markers;
    };
    try {
      const before = await put('before');
      await vscode.commands.executeCommand(TAIL_POD, pod);
      const text = await outputChannelText(`Fluentd: ${podName}`);
      await waitFor('the events written before the tail started', () => before.every((m) => text().includes(m)), 30_000);
      const after = await put('after');
      await waitFor('the events written while tailing', () => after.every((m) => text().includes(m)), 30_000);
      assert.match(text(), /\[fluentd\] tailing /);

      const state = await vscode.commands.executeCommand<State>(STATE, []);
      const tail = state.tails.find((x) => x.title === podName);
      assert.ok(tail && tail.lines >= 4, `tail state: ${JSON.stringify(state.tails)}`);
      await screenshot('cloudwatch-tail-output');
    } finally {
      client.destroy();
      await vscode.commands.executeCommand(STOP_TAIL);
    }
  });
});
