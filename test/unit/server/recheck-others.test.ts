// The re-check of the other open configs after an edit: once edits pause, each other open
// fluent.conf and config test once; never the edited one, never other YAML. Node's mock timers drive the clock.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { RecheckOthers } from '../../../src/server/recheck-others';

const open = [
  { uri: 'file:///a.conf', languageId: 'fluentd' },
  { uri: 'file:///b.conf', languageId: 'fluentd' },
  { uri: 'file:///c.yaml', languageId: 'yaml' },
  { uri: 'file:///d.conf', languageId: 'fluentd' },
  { uri: 'file:///e.fluent-test.yaml', languageId: 'yaml' },
];

test('after a pause in edits, every other open fluent.conf and config test is checked once', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const checked: string[] = [];
    const r = new RecheckOthers({ delayMs: () => 100, open: () => open, check: (d) => checked.push(d.uri) });
    r.changed('file:///a.conf');
    mock.timers.tick(100);
    r.changed('file:///a.conf'); // still typing: the pending re-check starts over
    mock.timers.tick(149);
    assert.deepEqual(checked, []);
    mock.timers.tick(1);
    assert.deepEqual(checked, ['file:///b.conf', 'file:///d.conf', 'file:///e.fluent-test.yaml']);
    mock.timers.tick(1000);
    assert.equal(checked.length, 3);
  } finally {
    mock.timers.reset();
  }
});

test('dispose cancels a pending re-check; a failing check does not escape the timer', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let calls = 0;
    const r = new RecheckOthers({ delayMs: () => 0, open: () => open, check: () => calls++ });
    r.changed('file:///b.conf');
    r.dispose();
    mock.timers.tick(1000);
    assert.equal(calls, 0);
    const failing = new RecheckOthers({
      delayMs: () => 0,
      open: () => open,
      check: () => {
        calls++;
        throw new Error('connection closed');
      },
    });
    failing.changed('file:///b.conf');
    assert.doesNotThrow(() => mock.timers.tick(50));
    assert.equal(calls, 1);
  } finally {
    mock.timers.reset();
  }
});
