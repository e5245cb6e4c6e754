// The tree's model against moto: what the CloudWatch Logs view shows at each level, paging with
// "Load more…", pods marked running/gone, pods not shipping logs, and errors as nodes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogsClient } from '../../src/cloudwatch/client';
import { classifyAwsError, type ClassifiedError } from '../../src/cloudwatch/errors';
import { logGroupPager } from '../../src/cloudwatch/log-groups';
import { logStreamPager } from '../../src/cloudwatch/log-streams';
import type { RunningPod } from '../../src/cloudwatch/pod-shipping';
import { CloudWatchTreeModel, type TreeNode } from '../../src/cloudwatch/tree-model';
import { FIXTURE_PODS, bigGroup, eksFixture, seedGroups, startMoto, type MotoServer } from '../harness/moto';

let moto: MotoServer;
const now = Date.now();
before(async () => {
  moto = await startMoto({ preload: [bigGroup('/eks/big/containers', 120, now)] });
  await seedGroups(moto.client(), [...eksFixture('demo', 2, now).groups, ...eksFixture('prod', 1, now).groups]);
});
after(async () => moto?.stop());

function model(running?: RunningPod[]) {
  const client = createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
  const errors: ClassifiedError[] = [];
  const m = new CloudWatchTreeModel({
    groupPager: (prefix) => logGroupPager(client, { prefix }),
    streamPager: (group) => logStreamPager(client, group),
    runningPods: running ? async () => running : undefined,
    classify: (e, ctx) => classifyAwsError(e, { ...ctx, region: moto.region }),
    onError: (e) => errors.push(e),
  });
  return { m, errors };
}

const labels = (nodes: TreeNode[]) =>
  nodes.map((n) => {
    switch (n.kind) {
      case 'group':
        return `group ${n.group.logGroupName}`;
      case 'pod':
        return `pod ${n.pod.key}${n.state ? ` (${n.state})` : ''}`;
      case 'stream':
        return `stream ${n.label}${n.detail ? ` @${n.detail}` : ''}`;
      case 'notShippingPod':
        return `not shipping ${n.pod.namespace}/${n.pod.name}${n.missingContainers ? ` [${n.missingContainers}]` : ''}`;
      case 'message':
        return `${n.severity}: ${n.text}`;
      default:
        return n.kind;
    }
  });

test('groups under the prefix, then pods, node services and other streams', async () => {
  const { m } = model();
  m.refresh('/eks/demo/');
  const roots = await m.roots();
  assert.deepEqual(labels(roots), ['group /eks/demo/containers', 'group /eks/demo/systemd']);
  const kids = await m.children(roots[0]);
  assert.deepEqual(
    labels(kids),
    [...FIXTURE_PODS.map((p) => `pod ${p.namespace}/${p.pod}`), 'otherStreams'],
    'pods newest first (the fixture ages one minute per stream), no cluster: no states',
  );
  const aws = kids.find((n) => n.kind === 'pod' && n.pod.pod.startsWith('aws-node'))!;
  assert.deepEqual(labels(await m.children(aws)), ['stream aws-node', 'stream aws-eks-nodeagent']);
  const sys = await m.children(roots[1]);
  assert.deepEqual(labels(sys), ['nodeServices']);
  const units = labels(await m.children(sys[0]));
  assert.equal(units.length, 6);
  assert.ok(
    units.every((u) => /^stream \w+\.service @ip-10-0-\d-\d+\.ec2\.internal$/.test(u)),
    units.join(),
  );
});

test('"Load more…" pages through a group with more than 50 streams', async () => {
  const { m } = model();
  m.refresh('/eks/big/');
  const [group] = await m.roots();
  let kids = await m.children(group);
  assert.equal(kids.at(-1)!.kind, 'loadMore');
  const streamsIn = (nodes: TreeNode[]) => nodes.reduce((n, k) => n + (k.kind === 'pod' ? k.pod.streams.length : 0), 0);
  assert.equal(streamsIn(kids), 50);
  let changed = 0;
  m.onDidChange(() => changed++);
  assert.equal(group.kind, 'group');
  const info = group.kind === 'group' ? group.group : undefined;
  await m.loadMore(info);
  await m.loadMore(info);
  kids = await m.children(group);
  assert.equal(streamsIn(kids), 120);
  assert.notEqual(kids.at(-1)!.kind, 'loadMore');
  assert.equal(changed, 2);
});

test('with a cluster: pods marked running/gone, and running pods that ship nothing listed', async () => {
  const [gone, partial, ...rest] = FIXTURE_PODS;
  const running: RunningPod[] = [
    { namespace: partial.namespace, name: partial.pod, containers: [...partial.containers, 'debug-sidecar'] },
    ...rest.map((p) => ({ namespace: p.namespace, name: p.pod, containers: p.containers })),
    { namespace: 'shop', name: 'search-5b7d-zz9', containers: ['app'] },
  ];
  const { m } = model(running);
  m.refresh('/eks/demo/');
  const [containers] = await m.roots();
  const kids = await m.children(containers);
  const l = labels(kids);
  assert.ok(l.includes(`pod ${gone.namespace}/${gone.pod} (gone)`), l.join('\n'));
  assert.ok(l.includes(`pod ${partial.namespace}/${partial.pod} (running)`));
  const ns = kids.find((n) => n.kind === 'notShipping')!;
  assert.deepEqual(labels(await m.children(ns)), [
    'not shipping shop/search-5b7d-zz9',
    `not shipping ${partial.namespace}/${partial.pod} [debug-sidecar]`,
  ]);
});

test('"not shipping" reads the remaining pages before answering', async () => {
  const big = bigGroup('/eks/big/containers', 120, now);
  const first = big.streams[119].name; // the oldest stream: not on the first page
  const pod = /_?([a-z0-9.-]+)_([a-z0-9-]+)_/.exec(first.replace('kubernetes.var.log.containers.', ''))!;
  const { m } = model([{ namespace: pod[2], name: pod[1], containers: ['app', 'sidecar', 'istio-proxy'] }]);
  m.refresh('/eks/big/');
  const [group] = await m.roots();
  const kids = await m.children(group);
  const ns = kids.find((n) => n.kind === 'notShipping')!;
  assert.deepEqual(labels(await m.children(ns)), ['info: All 1 running pods ship logs here']);
  assert.notEqual((await m.children(group)).at(-1)!.kind, 'loadMore', 'all pages were read');
});

test('errors become a node and are reported once; an empty prefix match says so', async () => {
  const client = createLogsClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
  const errors: ClassifiedError[] = [];
  const m = new CloudWatchTreeModel({
    groupPager: (prefix) => logGroupPager(client, { prefix }),
    streamPager: () => logStreamPager(client, '/does/not/exist'),
    classify: (e, ctx) => classifyAwsError(e, ctx),
    onError: (e) => errors.push(e),
  });
  m.refresh('/eks/demo/');
  const [group] = await m.roots();
  const kids = await m.children(group);
  assert.deepEqual(
    kids.map((n) => n.kind),
    ['message'],
  );
  assert.ok(kids[0].kind === 'message' && kids[0].severity === 'error' && /does not exist/.test(kids[0].text), labels(kids).join());
  await m.children(group); // asking again shows the node without another request or report
  assert.equal(errors.length, 1);
  m.refresh('/nothing/here/');
  assert.deepEqual(labels(await m.roots()), ['info: No log groups start with "/nothing/here/"']);
});
