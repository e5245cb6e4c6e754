// The CloudWatch view's welcome states (cloudwatch/welcome.ts) and the contributions that
// show them: the view is empty exactly when nothing is set up or there are no log groups,
// and package.json has welcome content for each state and for no kube context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TreeNode } from '../../../src/cloudwatch/tree-model';
import { CloudWatchTreeModel } from '../../../src/cloudwatch/tree-model';
import { classifyAwsError } from '../../../src/cloudwatch/errors';
import { Pager } from '../../../src/cloudwatch/pager';
import { welcomeState } from '../../../src/cloudwatch/welcome';
import { repoRoot } from '../../helpers/corpus';

/** A listing of one page: no items, or the error the service answers with. */
function pager(fail?: unknown): Pager<never, object> {
  return new Pager(
    async function* () {
      if (fail) throw fail;
      yield {};
    },
    () => ({ items: [] }),
    'DescribeLogGroups',
  );
}

function model(fail?: unknown): CloudWatchTreeModel {
  const m = new CloudWatchTreeModel({
    groupPager: () => pager(fail),
    streamPager: () => pager(),
    runningPods: async () => undefined,
    classify: (err: unknown) => classifyAwsError(err, {}),
  } as never);
  m.refresh('');
  return m;
}

test('no AWS region: the view is empty and shows the region/profile/endpoint welcome', async () => {
  const err = Object.assign(new Error('Region is missing'), { name: 'Error' });
  const roots = await model(err).roots();
  assert.equal(welcomeState(roots), 'no-region');
});

test('no log groups: the no-groups welcome; other problems and real groups stay nodes', async () => {
  assert.equal(welcomeState(await model().roots()), 'no-groups');
  const denied = Object.assign(new Error('User is not authorized to perform: logs:DescribeLogGroups'), { name: 'AccessDeniedException' });
  const roots = await model(denied).roots();
  assert.equal(roots.length, 1);
  assert.equal(welcomeState(roots), undefined, 'AccessDenied keeps its own message node');
  const group: TreeNode = { kind: 'group', id: 'group:/eks/x', group: { logGroupName: '/eks/x' } as never };
  assert.equal(welcomeState([group]), undefined);
});

test('package.json: welcome content for each state and for no kube context, with working command links', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const welcome: { view: string; contents: string; when: string }[] = pkg.contributes.viewsWelcome;
  const whens = welcome.filter((w) => w.view === 'fluentd.cloudwatch').map((w) => w.when);
  assert.deepEqual(whens, ['fluentd.cloudwatch.welcome == no-region', 'fluentd.cloudwatch.welcome == no-groups', 'fluentd.kube.noContext']);
  const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const w of welcome) {
    for (const [, id] of w.contents.matchAll(/\(command:([\w.]+)/g)) {
      assert.ok(commands.has(id) || id.startsWith('workbench.'), `${w.when}: ${id} is not a command`);
    }
  }
  assert.match(welcome[0].contents, /Choose AWS Region\/Profile…\]\(command:fluentd\.cloudwatch\.chooseRegionProfile\)/);
  assert.match(welcome[0].contents, /fluentd\.aws\.endpoint/);
});

test('package.json: the walkthrough opens a config, shows a diagnostic, tries a log line, browses CloudWatch, deploys', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const [walk] = pkg.contributes.walkthroughs;
  assert.deepEqual(
    walk.steps.map((s: { id: string }) => s.id),
    ['openConfig', 'seeDiagnostic', 'tryLogLine', 'browseCloudWatch', 'deploy'],
  );
  for (const s of walk.steps) {
    assert.ok(readFileSync(join(repoRoot, s.media.markdown), 'utf8').startsWith('# '), `${s.id}: media`);
    assert.ok(s.completionEvents.length, `${s.id}: completion events`);
    assert.match(s.description, /\n\[[^\]]+\]\(command:[\w.]+/, `${s.id}: a button`);
  }
  // the playground command of the simulator (fluentd.tryLogLines)
  assert.match(walk.steps[2].description, /\(command:fluentd\.tryLogLines\)/);
});
