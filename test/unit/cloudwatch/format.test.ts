import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventFormatter, leadingLogText, messageText } from '../../../src/cloudwatch/format';
import { readableJson } from '../../../src/cloudwatch/readable-json';

const ID = 'f'.repeat(64);
const T = Date.UTC(2024, 4, 1, 12, 0, 0, 123);

test('Docker JSON / kubernetes_metadata records show their log text', () => {
  const f = new EventFormatter();
  const msg = JSON.stringify({ log: 'GET /health 200\n', stream: 'stdout', kubernetes: { pod_name: 'x' } });
  assert.equal(
    f.format({ logStreamName: `kubernetes.var.log.containers.api-1_shop_app-${ID}.log`, timestamp: T, message: msg }),
    '2024-05-01T12:00:00.123Z api-1/app GET /health 200',
  );
});

test('plain text, broken JSON and JSON without log stay as they are (one trailing newline removed)', () => {
  assert.equal(messageText('plain\r\n').text, 'plain');
  assert.equal(messageText('{not json').text, '{not json');
  assert.equal(messageText('{"level":"info"}').text, '{"level":"info"}');
  assert.equal(messageText('{"log":"a\\nb\\n"}').text, 'a\nb');
  assert.equal(messageText('{"MESSAGE":"Started kubelet"}').text, 'Started kubelet');
  // containerd lines parsed by Fluentd's cri parser show their message; an app's own JSON does not
  assert.equal(messageText('{"stream":"stdout","logtag":"F","message":"GET / 200\\n"}').text, 'GET / 200');
  assert.equal(messageText('{"level":"info","message":"started"}').text, '{"level":"info","message":"started"}');
  assert.equal(messageText('[1,2]').text, '[1,2]');
});

test('streams whose names say nothing use the record metadata for the pod/container prefix', () => {
  const f = new EventFormatter();
  const rec = JSON.stringify({ log: 'hi', kubernetes: { pod_name: 'web-1', container_name: 'nginx' } });
  assert.equal(f.format({ logStreamName: 'fluentd-stream', timestamp: T, message: rec }), '2024-05-01T12:00:00.123Z web-1/nginx hi');
  assert.equal(
    f.format({ logStreamName: 'fluentd-stream', timestamp: T, message: 'plain' }),
    '2024-05-01T12:00:00.123Z fluentd-stream plain',
  );
  assert.equal(
    f.format({ logStreamName: 'kubelet.service-n1', timestamp: T, message: 'x' }),
    '2024-05-01T12:00:00.123Z kubelet.service@n1 x',
  );
});

test('without the stream column, and with a broken timestamp', () => {
  const f = new EventFormatter({ showStream: false });
  assert.equal(f.format({ logStreamName: 's', timestamp: T, message: 'm' }), '2024-05-01T12:00:00.123Z m');
  assert.match(f.format({ logStreamName: 's', timestamp: NaN, message: 'm' }), /^\?{4}-/);
  assert.equal(
    f
      .formatAll([
        { logStreamName: 's', timestamp: T, message: 'a' },
        { logStreamName: 's', timestamp: T, message: 'b' },
      ])
      .split('\n').length,
    3,
  );
});

test('fast path for {"log":"…"} records agrees with a full parse, escapes included', () => {
  const cases = [
    { log: 'plain\n', stream: 'stdout' },
    { log: 'quote " and backslash \\ end\\', stream: 'stderr' },
    { log: 'ends with escaped backslash \\\\', x: 1 },
    { log: 'unicode é \u2028 \t tab', kubernetes: { pod_name: 'p' } },
    { log: '' },
  ];
  for (const c of cases) {
    const msg = JSON.stringify(c);
    assert.equal(leadingLogText(msg), messageText(msg).text, msg);
  }
  assert.equal(leadingLogText('{"stream":"stdout","log":"x"}'), undefined, 'log not first: full parse handles it');
  assert.equal(messageText('{"stream":"stdout","log":"x"}').text, 'x');
  assert.equal(leadingLogText('{"log":"unterminated'), undefined);
  // CloudWatch cuts events at 256 KB: the log text is still shown when it is complete
  assert.equal(leadingLogText('{"log":"complete\\n","kubernetes":{"pod_na'), 'complete');
});

test('readable JSON: level, message, then the other fields; applied inside Docker records too', () => {
  assert.equal(
    readableJson('{"time":"12:00","level":"info","msg":"listening","port":8080,"tls":false}'),
    'INFO listening time=12:00 port=8080 tls=false',
  );
  assert.equal(
    readableJson('{"severity":"ERROR","message":"db down\\n","err":{"code":"ECONNREFUSED","retry":3}}'),
    'ERROR db down err.code=ECONNREFUSED err.retry=3',
  );
  assert.equal(readableJson('{"level":50,"msg":"boom"}'), 'ERROR boom', 'pino numeric levels');
  assert.equal(readableJson('{"user":"a b","empty":"","list":[1,2],"nil":null}'), 'user="a b" empty="" list=[1,2] nil=null');
  assert.equal(readableJson('{"log":"x","kubernetes":{"pod_name":"p"},"docker":{"container_id":"c"}}'), 'x', 'metadata the label shows');
  for (const notObject of ['plain', '[1]', '{broken', '"s"', '']) assert.equal(readableJson(notObject), undefined, notObject);

  const f = new EventFormatter({ json: 'readable' });
  const app = JSON.stringify({ level: 'warn', msg: 'slow request', ms: 900 });
  const docker = JSON.stringify({ log: `${app}\n`, stream: 'stdout', kubernetes: { pod_name: 'api-1' } });
  const stream = `kubernetes.var.log.containers.api-1_shop_app-${ID}.log`;
  assert.equal(
    f.format({ logStreamName: stream, timestamp: T, message: docker }),
    '2024-05-01T12:00:00.123Z api-1/app WARN slow request ms=900',
  );
  assert.equal(f.format({ logStreamName: stream, timestamp: T, message: 'not json' }), '2024-05-01T12:00:00.123Z api-1/app not json');
  f.setOptions({ json: 'raw' });
  assert.equal(f.format({ logStreamName: stream, timestamp: T, message: docker }), `2024-05-01T12:00:00.123Z api-1/app ${app}`);
});
