// The pure parts of pod logs: timestamped lines, the resume cursor that keeps a reconnect from
// repeating or losing lines, stern-style prefixes, and why a pod is not ready.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry } from '../../../src/kube/pod-logs/container-stream';
import { LinePrefixer } from '../../../src/kube/pod-logs/format';
import { LineSplitter, resumeSinceTime, splitTimestamp, timestampKey } from '../../../src/kube/pod-logs/log-lines';
import { ResumeCursor } from '../../../src/kube/pod-logs/resume-cursor';
import { podProblem } from '../../../src/kube/pod-problems';

describe('timestamped log lines', () => {
  it('sort keys order instants, whatever the fraction digits and zone', () => {
    const keys = [
      '2024-03-05T10:11:12Z',
      '2024-03-05T10:11:12.000000001Z',
      '2024-03-05T10:11:12.1Z',
      '2024-03-05T10:11:12.123456789Z',
      '2024-03-05T11:11:12.2+01:00', // 10:11:12.2Z
      '2024-03-05T10:11:13Z',
    ].map((t) => timestampKey(t)!);
    assert.deepEqual([...keys].sort(), keys);
    assert.equal(timestampKey('2024-03-05T10:11:12.5Z'), timestampKey('2024-03-05T10:11:12.500000000Z'));
    assert.equal(timestampKey('yesterday'), undefined);
  });

  it('splits the kubelet timestamp from the text; a line without one keeps its text', () => {
    assert.deepEqual(splitTimestamp('2024-03-05T10:11:12.5Z hello world'), {
      ts: '2024-03-05T10:11:12.5Z',
      key: timestampKey('2024-03-05T10:11:12.5Z'),
      text: 'hello world',
    });
    assert.deepEqual(splitTimestamp('2024-03-05T10:11:12Z '), {
      ts: '2024-03-05T10:11:12Z',
      key: timestampKey('2024-03-05T10:11:12Z'),
      text: '',
    });
    assert.deepEqual(splitTimestamp('no time here'), { ts: '', key: '', text: 'no time here' });
  });

  it('resumes from the whole second that holds the last line (what the API passes to the kubelet)', () => {
    assert.equal(resumeSinceTime('2024-03-05T10:11:12.987654321Z'), '2024-03-05T10:11:12Z');
    assert.equal(resumeSinceTime('2024-03-05T11:11:12.9+01:00'), '2024-03-05T10:11:12Z');
  });

  it('cuts chunks into lines, keeping a partial line for the next chunk and capping an endless one', () => {
    const s = new LineSplitter(5);
    assert.deepEqual(s.push('ab\ncd'), ['ab']);
    assert.deepEqual(s.push('e\nfghijklm'), ['cde', 'fghij']);
    assert.deepEqual(s.push('\n'), ['klm']);
  });
});

describe('ResumeCursor', () => {
  const line = (ts: string, text = '') => splitTimestamp(`${ts} ${text}`);

  it('after a reconnect skips what the second replays up to the last line, counting lines of one instant', () => {
    const c = new ResumeCursor();
    const first = ['12.1', '12.5', '12.5', '12.5'].map((f) => line(`2024-03-05T10:11:${f}Z`));
    assert.deepEqual(
      first.map((l) => c.accept(l)),
      [true, true, true, true],
    );
    c.beginReplay();
    // the resumed stream starts at 10:11:12: the 12.1 line and three 12.5 lines were seen, a fourth 12.5 is new
    const replay = ['12.1', '12.5', '12.5', '12.5', '12.5', '13.0'].map((f) => line(`2024-03-05T10:11:${f}Z`));
    assert.deepEqual(
      replay.map((l) => c.accept(l)),
      [false, false, false, false, true, true],
    );
  });

  it('without a reconnect, shows every line, late ones too, and does not move back', () => {
    const c = new ResumeCursor();
    assert.equal(c.accept(line('2024-03-05T10:11:13Z')), true);
    assert.equal(c.accept(line('2024-03-05T10:11:12Z')), true);
    assert.equal(c.last, '2024-03-05T10:11:13Z');
    assert.equal(c.accept(splitTimestamp('no timestamp')), true);
    c.beginReplay();
    assert.equal(c.accept(splitTimestamp('no timestamp')), false);
  });
});

describe('stern-style prefixes', () => {
  const entry = (pod: string, container: string, text: string, node = 'node-a'): LogEntry => ({
    ref: { namespace: 'ns', pod, container, node },
    ts: '2024-03-05T10:11:12Z',
    text,
  });

  it('node/pod, the container only when the pod has several, padded to the widest so far', () => {
    const p = new LinePrefixer({ containersOf: (_ns, pod) => (pod === 'two' ? 2 : 1) });
    assert.equal(
      p.formatAll([entry('fluentd-abc', 'fluentd', 'hello'), entry('x', 'c', 'hi', 'n')]),
      'node-a/fluentd-abc hello\nn/x                hi\n',
    );
    assert.equal(p.format(entry('two', 'sidecar', 'ok')), 'node-a/two/sidecar ok');
    assert.equal(new LinePrefixer({ timestamps: true }).format(entry('a', 'c', 't')), 'node-a/a 2024-03-05T10:11:12Z t');
  });
});

describe('why a pod is not ready, in the API’s words', () => {
  const pod = (status: object, extra: object = {}) => ({ metadata: { name: 'p', ...extra }, spec: { nodeName: 'node-a' }, status });

  it('a waiting container: its reason and message', () => {
    assert.equal(
      podProblem(
        pod({
          phase: 'Pending',
          conditions: [
            { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [fluentd]' },
          ],
          containerStatuses: [
            { name: 'fluentd', ready: false, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' } } },
          ],
        }),
      ),
      'fluentd: ImagePullBackOff: Back-off pulling image "x"',
    );
    assert.equal(
      podProblem(
        pod({
          phase: 'Running',
          containerStatuses: [{ name: 'c', ready: false, state: { terminated: { reason: 'Error', exitCode: 1 } } }],
        }),
      ),
      'c: Error',
    );
  });

  it('not scheduled: the scheduler’s reason; otherwise the Ready condition; ready pods have none', () => {
    assert.equal(
      podProblem(
        pod({
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }],
        }),
      ),
      'Unschedulable: 0/3 nodes are available',
    );
    assert.equal(
      podProblem(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady' }] })),
      'ReadinessGatesNotReady',
    );
    assert.equal(podProblem(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] })), undefined);
    assert.equal(
      podProblem(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }, { deletionTimestamp: 'x' })),
      'Terminating',
    );
  });
});
