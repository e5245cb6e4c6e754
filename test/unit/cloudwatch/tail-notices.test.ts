import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noticeText } from '../../../src/cloudwatch/tail-notices';

test('the handover to polling is explained in plain words, not as a failure', () => {
  const ended = noticeText({ kind: 'fallback', cause: 'ended' }, 1000);
  assert.doesNotMatch(ended, /switched|fail|error/i);
  assert.match(ended, /closed by the endpoint/);
  assert.match(ended, /Nothing is wrong: new events keep coming, now by asking CloudWatch every 1 s, and none is shown twice\./);
  const unavailable = noticeText({ kind: 'fallback', cause: 'unavailable', detail: 'AccessDenied: logs:StartLiveTail' }, 2500);
  assert.match(
    unavailable,
    /^Live Tail cannot be used here \(AccessDenied: logs:StartLiveTail\)\. New events still appear, by asking CloudWatch every 2\.5 s instead\.$/,
  );
});

test('engine start, throttling and retries read as durations in seconds', () => {
  assert.equal(noticeText({ kind: 'started', mode: 'poll' }, 1000), 'following new events by asking CloudWatch every 1 s');
  assert.equal(
    noticeText({ kind: 'throttled', delayMs: 2345 }, 1000),
    'CloudWatch asked us to slow down (throttling); next request in 2.3 s',
  );
  assert.equal(
    noticeText(
      { kind: 'error', fatal: false, retryInMs: 4000, error: { kind: 'network', message: 'Cannot reach x', detail: '', retryable: true } },
      1000,
    ),
    'Cannot reach x (retrying in 4 s)',
  );
});
