// "Trace this event": from a CloudWatch event back to the source, filters and match of a config.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem } from '../../../../src/language/node-file-system';
import { buildSimulation, loadConfigTree } from '../../../../src/language/simulate/route';
import { pathForTag, recordOfMessage, traceCloudWatchEvent } from '../../../../src/language/simulate/trace/trace-event';

const demo = join(__dirname, '..', '..', '..', '..', 'demo', 'workspace', 'fluentd', 'fluent.conf');
const HEX = '0123456789abcdef'.repeat(4);

function sim(env: Record<string, string>) {
  const tree = loadConfigTree(demo, nodeFileSystem)!;
  return buildSimulation(tree, { env: { now: { sec: 1700000000, nsec: 0 }, env, tz: 'UTC', hostname: 'vm' } });
}

test("in_tail: the file path a tag-named stream implies, through the source's path globs", () => {
  assert.equal(
    pathForTag('kubernetes.*', '/var/log/containers/*.log', `kubernetes.var.log.containers.web-1_default_app-${HEX}.log`),
    `/var/log/containers/web-1_default_app-${HEX}.log`,
  );
  assert.equal(pathForTag('app.*.raw', '/a/*.log,/b/*.txt', 'app.b.x.y.txt.raw'), '/b/x.y.txt');
  assert.equal(pathForTag('kubernetes.*', '/var/log/containers/*.log', 'systemd.kubelet'), undefined);
  assert.equal(pathForTag('fixed', '/x/*.log', 'fixed'), undefined);
});

test('a container event in the demo config: confirmed from in_tail through the metadata filter to its match', () => {
  const stream = `kubernetes.var.log.containers.web-1_default_app-${HEX}.log`;
  const r = traceCloudWatchEvent(sim({ LOG_GROUP_NAME: '/eks/demo' }), {
    logGroupName: '/eks/demo/containers',
    logStreamName: stream,
    timestamp: 1709633472123,
    message: '{"stream":"stdout","logtag":"F","message":"hello","time":"2024-03-05T10:11:12.123456789Z"}',
  });
  assert.equal(r.error, undefined);
  assert.equal(r.candidates.length, 1);
  const c = r.candidates[0];
  assert.ok(c.confirmed);
  assert.equal(c.source.title, '<source> @type tail (@id in_tail_container_logs)');
  assert.equal(c.path, `/var/log/containers/web-1_default_app-${HEX}.log`);
  assert.match(
    c.verdict,
    /Writes this event to \/eks\/demo\/containers › kubernetes\.var\.log.* through <match kubernetes\.\*\*> @type cloudwatch_logs \(@id out_cloudwatch_logs_containers\)/,
  );
  assert.deepEqual(
    c.rows.map((x) => x.kind),
    ['filter', 'match', 'deliver'],
  );
  assert.match(r.record!, /"message": "hello"/);
});

test("a systemd event: the unit's source is confirmed by its stream (record_transformer + ENV), the other unit is not shown", () => {
  const r = traceCloudWatchEvent(sim({ LOG_GROUP_NAME: '/eks/demo', K8S_NODE_NAME: 'ip-1' }), {
    logGroupName: '/eks/demo/systemd',
    logStreamName: 'kubelet-ip-1',
    timestamp: 1709633472000,
    message: '{"MESSAGE":"Started"}',
  });
  assert.deepEqual(
    r.candidates.map((c) => [c.source.title, c.confirmed]),
    [['<source> @type systemd (@id in_systemd_kubelet)', true]],
  );
});

test('no source writes there: the closest candidates, why they differ, and the ENV hint', () => {
  const r = traceCloudWatchEvent(sim({ K8S_NODE_NAME: 'ip-1' }), {
    logGroupName: '/eks/prod/systemd',
    logStreamName: 'kubelet-ip-1',
    timestamp: 0,
    message: 'plain text, not JSON',
  });
  assert.ok(r.candidates.length >= 2);
  assert.ok(r.candidates.every((c) => !c.confirmed));
  assert.match(r.candidates[0].verdict, /Would write to \/systemd › kubelet-ip-1, not to \/eks\/prod\/systemd › kubelet-ip-1/);
  assert.ok(r.notes.some((n) => /not a JSON record/.test(n)));
  assert.ok(r.notes.some((n) => /fluentd\.simulate\.env/.test(n)));
  assert.deepEqual(recordOfMessage('[1,2]'), { record: { message: '[1,2]' }, json: false });
});
