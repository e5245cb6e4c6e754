// Pure pieces of the deploy report: rollout judgement, the apply summary (never silently
// half-deployed), the validation gate, and the unified diff used by Preview Deploy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatApplyReport } from '../../../src/kube/apply';
import { KubeError } from '../../../src/kube/errors';
import { rolloutState } from '../../../src/kube/rollout';
import type { KubeObject } from '../../../src/kube/types';
import { runValidationGate, formatFileDiagnostic } from '../../../src/kube/validation-gate';
import { unifiedDiff } from '../../../src/kube/text-diff';

const ds = (generation: number, status: Record<string, number>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'fluentd', namespace: 'kube-system', generation },
  status,
});

describe('kube rollout state', () => {
  it('waits for the controller to observe the new generation', () => {
    const s = rolloutState(ds(2, { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 3 }));
    assert.equal(s.done, false);
    assert.match(s.message, /generation 2/);
  });
  it('waits for updated pods, then ready pods', () => {
    assert.equal(
      rolloutState(ds(2, { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 1, numberReady: 3 })).message,
      '1 of 3 nodes run the new pod template',
    );
    assert.equal(
      rolloutState(ds(2, { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 2 })).message,
      '2 of 3 pods ready',
    );
    const done = rolloutState(ds(2, { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberReady: 3 }));
    assert.equal(done.done, true);
  });
  it('treats a DaemonSet with no status as not rolled out', () => {
    assert.equal(rolloutState(ds(1, {})).done, false);
  });
});

describe('kube apply report', () => {
  const forbidden = new KubeError('forbidden', 'Forbidden: user "x" may not "patch" on daemonsets.apps');
  it('lists every object and says when the cluster is partially deployed', () => {
    const text = formatApplyReport({
      phase: 'apply',
      ok: false,
      results: [
        { target: 'ServiceAccount kube-system/fluentd', outcome: 'created' },
        { target: 'ConfigMap kube-system/fluentd-config', outcome: 'configured' },
        { target: 'DaemonSet kube-system/fluentd', outcome: 'failed', error: forbidden },
        { target: 'Extra x', outcome: 'not-applied' },
      ],
    });
    assert.match(text, /^created {6}ServiceAccount kube-system\/fluentd$/m);
    assert.match(text, /^failed {7}DaemonSet kube-system\/fluentd: Forbidden/m);
    assert.match(
      text,
      /PARTIAL DEPLOY: applied ServiceAccount kube-system\/fluentd, ConfigMap kube-system\/fluentd-config; not applied DaemonSet kube-system\/fluentd, Extra x/,
    );
  });
  it('says nothing changed when the dry run refused', () => {
    const text = formatApplyReport({ phase: 'dry-run', ok: false, results: [{ target: 'A', outcome: 'failed', error: forbidden }] });
    assert.match(text, /nothing was changed in the cluster/);
    assert.doesNotMatch(text, /PARTIAL/);
  });
});

describe('kube validation gate', () => {
  const diag = (severity: 'error' | 'warning', line: number) => ({
    path: 'fluent.conf',
    diagnostic: { range: { start: { line, character: 2 }, end: { line, character: 5 } }, severity, code: 'c', message: `m${line}` },
  });
  it('blocks on errors, not on warnings', async () => {
    assert.equal((await runValidationGate([], () => [diag('warning', 1)])).ok, true);
    const r = await runValidationGate([], async () => [diag('warning', 1), diag('error', 4)]);
    assert.equal(r.ok, false);
    assert.equal(formatFileDiagnostic(r.errors[0]), 'fluent.conf:5:3: m4 [c]');
  });
  it('refuses when the checks themselves fail', async () => {
    const r = await runValidationGate([{ path: 'x.conf', text: '' }], () => {
      throw new Error('boom');
    });
    assert.equal(r.ok, false);
    assert.match(r.errors[0].diagnostic.message, /could not run: boom/);
  });
});

describe('kube unified diff', () => {
  it('is empty for equal texts and marks changes with context', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', { from: 'x', to: 'y' }), '');
    const lines = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const changed = [...lines];
    changed[10] = 'CHANGED';
    const d = unifiedDiff(lines.join('\n'), changed.join('\n'), { from: 'live', to: 'new' });
    assert.equal(
      d,
      ['--- live', '+++ new', '@@ -8,7 +8,7 @@', ' l7', ' l8', ' l9', '-l10', '+CHANGED', ' l11', ' l12', ' l13', ''].join('\n'),
    );
  });
  it('shows a new object as all additions', () => {
    assert.equal(unifiedDiff('', 'a\nb', { from: '/dev/null', to: 'new' }), '--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
  it('splits distant changes into separate hunks', () => {
    const a = Array.from({ length: 40 }, (_, i) => `l${i}`);
    const b = [...a];
    b[2] = 'X';
    b[35] = 'Y';
    assert.equal((unifiedDiff(a.join('\n'), b.join('\n'), { from: 'a', to: 'b' }).match(/^@@/gm) ?? []).length, 2);
  });
});
