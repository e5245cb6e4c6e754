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
const TAIL_STREAM = 'fluentd.cloudwatch.tailStream';
const STOP_TAIL = 'fluentd.cloudwatch.stopTail';
const SHOW_TAILS = 'fluentd.cloudwatch.showTails';
const REFRESH = 'fluentd.cloudwatch.refresh';
const CHOOSE_REGION_PROFILE = 'fluentd.cloudwatch.chooseRegionProfile';

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
  prompts: { kind: string; message: string; options?: string[] }[];
  statusBar: string;
  tailing: boolean;
  tails: { title: string; mode?: string; lines: number }[];
  tree?: TreeAccess;
}

/** Queues answers for the extension's prompts (a pick's label, an input, a notification's action); returns the state. */
const answer = async (...answers: unknown[]) => (await vscode.commands.executeCommand<State>(STATE, answers))!;
const state = () => answer();

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
      // state and last event first (they matter most and survive a narrow sidebar), then the namespace
      assert.match(
        String(item.description),
        new RegExp(`^(?:(?:running|gone) · )?(?:just now|\\d+ s ago|\\d+ min ago) · ${mine[0].namespace} · `),
        `${label(item)}: ${item.description}`,
      );
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
      // "<last event> · <host> · <size>"
      return `${label(i)} @ ${String(i.description).split(' · ')[1]}`;
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

  /** The workbench's rows as a user sees them (the view, the command palette), read in the browser. */
  const rows = async (name: string, selector: string) => (await pageTexts(name, selector)) ?? [];
  const viewRows = () => rows('cloudwatch-rows', '.part.sidebar .monaco-list-row');
  const client = () => {
    const s = seeded();
    return new CloudWatchLogsClient({ region: s.region, endpoint: s.endpoint, credentials: s.credentials });
  };
  const putEvents = async (group: string, stream: string, messages: string[]) => {
    const c = client();
    try {
      await c.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: messages.map((message) => ({ timestamp: Date.now(), message })),
        }),
      );
    } finally {
      c.destroy();
    }
  };
  /** The command palette's entries for `text`, as shown (then closed again). */
  const palette = async (text: string, expect: (entries: string[]) => boolean) => {
    await vscode.commands.executeCommand('workbench.action.quickOpen', `>${text}`);
    try {
      return await waitFor(`the command palette for "${text}"`, async () => {
        const entries = await rows('palette-rows', '.quick-input-widget .monaco-list-row');
        return expect(entries) && entries;
      });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  };

  it('relative times in the tree move on by themselves: "just now" becomes "10 s ago" without a refresh', async function () {
    this.timeout(120_000);
    const s = seeded();
    const cart = s.containerStreams.find((c) => c.pod.startsWith('cart-'))!;
    await putEvents(cart.group, cart.stream, [JSON.stringify({ log: 'fresh\n', stream: 'stdout' })]);
    await vscode.commands.executeCommand(REFRESH);
    await vscode.commands.executeCommand('fluentd.cloudwatch.focus');
    const cartRow = async () => (await viewRows()).find((r) => r.includes(cart.pod));
    await waitFor('the containers group in the view', async () => (await viewRows()).some((r) => r.includes(s.containersGroup)));
    if (!(await cartRow())) {
      await vscode.commands.executeCommand('list.focusFirst');
      await vscode.commands.executeCommand('list.expand');
    }
    const timeOf = (row: string | undefined) => /(just now|\d+ s ago)/.exec(row ?? '')?.[1];
    // the refreshed tree keeps the group expanded; the pod with the newest event comes first
    const first = await waitFor('the cart pod with a last event seconds ago', async () => timeOf(await cartRow()), 30_000);
    const { treeRedraws } = (await state()) as State & { treeRedraws: number };
    const next = await waitFor(
      `the cart pod's "${first}" to move on with no refresh asked for`,
      async () => {
        const row = await cartRow();
        const t = timeOf(row);
        return t && t !== first && row;
      },
      40_000,
    );
    assert.ok(((await state()) as State & { treeRedraws: number }).treeRedraws > treeRedraws, 'the view redrew itself');
    assert.match(next, /\d+ s ago · shop/);
    await screenshot('cloudwatch-tree-times');
  });

  it('Tail Pod… from the command palette picks a group and a pod; Stop Tail is offered only while a tail runs', async () => {
    const s = seeded();
    await tree();
    const podName = 'cart-7f9c6b8d4-q2w3e';
    const withoutTail = await palette('Fluentd: Tail', (e) => e.some((x) => x.includes('Tail Pod')));
    assert.ok(
      withoutTail.some((e) => e.includes('Fluentd: Tail Stream…')) && withoutTail.some((e) => e.includes('Fluentd: Tail Log Group…')),
      withoutTail.join(' | '),
    );
    assert.ok(!withoutTail.some((e) => e.includes('Stop Tail')), `no tail runs, yet: ${withoutTail.join(' | ')}`);

    await answer(s.containersGroup, podName);
    await vscode.commands.executeCommand(TAIL_POD);
    try {
      const st = await state();
      const picks = st.prompts.filter((p) => p.kind === 'pick').slice(-2);
      assert.deepEqual(
        picks.map((p) => p.message),
        ['Log group of the pod', `Pod to tail (all its containers) in ${s.containersGroup}`],
      );
      assert.ok(picks[0].options?.includes(s.containersGroup) && picks[1].options?.includes(podName), JSON.stringify(picks));
      assert.ok(st.tailing && st.tails.some((t) => t.title === podName), JSON.stringify(st.tails));
      const withTail = await palette('Fluentd: Stop', (e) => e.some((x) => x.includes('Stop Tail')));
      assert.ok(
        withTail.some((e) => e.includes('Fluentd: Stop Tail')),
        withTail.join(' | '),
      );
    } finally {
      await vscode.commands.executeCommand(STOP_TAIL);
    }
    await waitFor('the tail to stop', async () => !(await state()).tailing);
  });

  it('the rate item asks what to do (show, stop, readable JSON) and stops nothing by itself; JSON messages read "LEVEL message fields"', async function () {
    this.timeout(120_000);
    const s = seeded();
    const t = await tree();
    const podName = 'checkout-6c9f8d7b5-abcde';
    const app = s.containerStreams.find((c) => c.pod === podName && c.container === 'app')!;
    const containers = (await t.roots()).find((n) => label(t.item(n)) === s.containersGroup)!;
    const pod = (await t.children(containers)).find((n) => n.kind === 'pod' && label(t.item(n)) === podName);
    await vscode.commands.executeCommand(TAIL_POD, pod);
    try {
      const text = await outputChannelText(`Fluentd: ${podName}`);
      await waitFor('the tail to start', () => /following new events by asking CloudWatch every 0\.5 s/.test(text()), 30_000);
      // a quiet tail reads per minute rather than flickering between 0 and 1 ev/s
      const quiet = await waitFor('the status bar rate', async () => {
        const bar = (await state()).statusBar;
        return /ev\//.test(bar) && bar;
      });
      assert.match(quiet, /^\$\(pulse\) \d+ ev\/min$/);

      // the click: a menu, nothing stopped when it is dismissed
      await vscode.commands.executeCommand(SHOW_TAILS);
      let st = await state();
      const menu = st.prompts.at(-1)!;
      assert.equal(menu.message, 'Fluentd tails');
      assert.deepEqual(menu.options, [`$(output) Show ${podName}`, `$(debug-stop) Stop ${podName}`, '$(json) Show JSON messages readable']);
      assert.ok(st.tailing, 'dismissing the menu stops nothing');

      await answer('$(json) Show JSON messages readable');
      await vscode.commands.executeCommand(SHOW_TAILS);
      await waitFor(
        'the setting to change',
        () => vscode.workspace.getConfiguration('fluentd').get('cloudwatch.jsonMessages') === 'readable',
      );
      assert.equal(vscode.workspace.getConfiguration('fluentd').inspect('cloudwatch.jsonMessages')?.globalValue, 'readable');
      const marker = Date.now().toString(36);
      await putEvents(app.group, app.stream, [
        JSON.stringify({
          log: `${JSON.stringify({ level: 'info', msg: 'order placed', order_id: marker, items: 3 })}\n`,
          stream: 'stdout',
        }),
        JSON.stringify({
          log: `${JSON.stringify({ level: 'error', msg: 'payment declined', order_id: marker, card: { brand: 'visa' } })}\n`,
          stream: 'stdout',
        }),
      ]);
      await waitFor('the readable JSON lines', () => text().includes(`ERROR payment declined order_id=${marker} card.brand=visa`), 30_000);
      assert.match(text(), new RegExp(`checkout-6c9f8d7b5-abcde/app INFO order placed order_id=${marker} items=3`));
      await screenshot('cloudwatch-tail-readable-json');

      await answer(`$(debug-stop) Stop ${podName}`);
      await vscode.commands.executeCommand(SHOW_TAILS);
      await waitFor('the tail to stop', async () => !(await state()).tailing);
      assert.match(text(), /\[fluentd\] tail stopped/);
      st = await state();
      assert.equal(st.tails.length, 0);
    } finally {
      await vscode.commands.executeCommand(STOP_TAIL);
      await vscode.workspace.getConfiguration('fluentd').update('cloudwatch.jsonMessages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Tail Stream… in auto mode: Live Tail, then the handover to polling explained in plain words', async function () {
    this.timeout(120_000);
    const s = seeded();
    await tree();
    const unit = s.systemdStreams[0];
    const title = `${unit.unit}@${unit.host}`;
    const config = () => vscode.workspace.getConfiguration('fluentd');
    await config().update('cloudwatch.tailMode', 'auto', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the tail mode setting', () => config().get('cloudwatch.tailMode') === 'auto');
      await answer(s.systemdGroup, title);
      await vscode.commands.executeCommand(TAIL_STREAM);
      const text = await outputChannelText(`Fluentd: ${title}`);
      await waitFor('Live Tail and the handover', () => /closed by the endpoint/.test(text()), 30_000);
      assert.match(text(), /\[fluentd\] Live Tail started: new events appear as CloudWatch sends them/);
      assert.match(text(), /Nothing is wrong: new events keep coming, now by asking CloudWatch every 0\.5 s, and none is shown twice\./);
      assert.doesNotMatch(text(), /switched to polling/);
      assert.match(
        text(),
        new RegExp(`${unit.unit.replace('.', '\\.')}@${unit.host.replace(/\./g, '\\.')} ${unit.unit.replace('.', '\\.')} message 0`),
      );
    } finally {
      await vscode.commands.executeCommand(STOP_TAIL);
      await config().update('cloudwatch.tailMode', 'poll', vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Choose Region/Profile writes the user settings (not the workspace) and says where they went', async () => {
    await tree();
    const config = () => vscode.workspace.getConfiguration('fluentd');
    const before = { region: config().inspect('aws.region'), profile: config().inspect('aws.profile') };
    await answer('(default credential chain)', 'eu-west-1');
    await vscode.commands.executeCommand(CHOOSE_REGION_PROFILE);
    try {
      await waitFor('the region in the user settings', () => config().inspect('aws.region')?.globalValue === 'eu-west-1');
      assert.equal(config().inspect('aws.region')?.workspaceValue, before.region?.workspaceValue, 'the workspace settings are untouched');
      assert.equal(config().inspect('aws.profile')?.workspaceValue, undefined);
      const said = (await state()).prompts.map((p) => p.message);
      assert.ok(
        said.includes('Fluentd: AWS profile (default credential chain) and region eu-west-1 saved in your user settings.'),
        said.slice(-3).join('\n'),
      );
    } finally {
      await config().update('aws.region', before.region?.globalValue, vscode.ConfigurationTarget.Global);
      await config().update('aws.profile', before.profile?.globalValue, vscode.ConfigurationTarget.Global);
    }
  });
});
