// The routing engine's API beyond what the oracle records: traces, destinations, budgets and
// loops, not-simulated steps, the pod fixture of kubernetes_metadata, what concat still holds,
// ENV evaluation, in_tail tags. (What real Fluentd does is covered by recorded-fluentd.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileSystem } from '../../../../../src/language/file-system';
import {
  buildSimulation,
  DEFAULT_BUDGET,
  loadConfigTree,
  runRoute,
  tailTag,
  type BuildOptions,
  type RouteInput,
  type RouteResult,
  type Simulation,
  type TraceBranch,
  type TraceStep,
} from '../../../../../src/language/simulate/route';
import type { EventRecord, SimulationEnvironment } from '../../../../../src/language/simulate/types';

const ENV: SimulationEnvironment = { now: { sec: 1700000000, nsec: 0 }, env: { SIM_GROUP: 'grp' }, tz: 'UTC', hostname: 'node-1' };

/** Files in memory (absolute paths), with the glob @include needs for plain names and `*`. */
function memoryFs(files: Record<string, string>): FileSystem {
  return {
    glob(pattern) {
      const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      return Object.keys(files)
        .filter((p) => re.test(p))
        .sort();
    },
    readFile: (p) => files[p],
  };
}

function sim(text: string, options: Partial<BuildOptions> = {}, more: Record<string, string> = {}): Simulation {
  const fs = memoryFs({ '/etc/fluent/fluent.conf': text, ...more });
  const tree = loadConfigTree('/etc/fluent/fluent.conf', fs);
  assert.ok(tree);
  return buildSimulation(tree, { env: ENV, ...options });
}

function run(s: Simulation, input: RouteInput, opts: { trace?: boolean; steps?: number } = {}): RouteResult {
  const r = runRoute(s, input, { budget: { ...DEFAULT_BUDGET, steps: opts.steps ?? DEFAULT_BUDGET.steps }, trace: opts.trace });
  assert.ok(!('configError' in r), 'configError' in r ? r.configError : '');
  return r;
}

const events = (...list: [string, EventRecord][]): RouteInput => ({
  kind: 'events',
  events: list.map(([tag, record]) => ({ tag, time: { sec: 1709633472, nsec: 0 }, record })),
});

function kinds(b: TraceBranch): string[] {
  return b.steps.map((s: TraceStep) => (s.kind === 'filter' ? `filter:${s.outcome}` : s.kind));
}

test('a trace shows each filter with the record after it, the match, and the delivery with its destination', () => {
  const s = sim(`
<filter app.**>
  @type record_transformer
  <record>
    added \${tag_parts[1]}
  </record>
</filter>
<filter app.**>
  @type grep
  <exclude>
    key level
    pattern /debug/
  </exclude>
</filter>
<match app.**>
  @type cloudwatch_logs
  @id cw
  region us-east-1
  log_group_name /apps
  use_tag_as_stream true
</match>`);
  const r = run(s, events(['app.web', { level: 'info' }], ['app.web', { level: 'debug' }]), { trace: true });
  assert.equal(r.traces?.length, 2);
  const [kept, dropped] = r.traces!;
  assert.deepEqual(kinds(kept.root), ['filter:kept', 'filter:kept', 'match', 'deliver']);
  const first = kept.root.steps[0];
  assert.ok(first.kind === 'filter');
  assert.deepEqual(first.record, { level: 'info', added: 'web' });
  assert.match(first.ref.title, /<filter app\.\*\*> @type record_transformer/);
  const deliver = kept.root.steps[3];
  assert.ok(deliver.kind === 'deliver');
  assert.deepEqual(deliver.delivery.destination, {
    kind: 'cloudwatch_logs',
    group: '/apps',
    stream: 'app.web',
    notes: ['auto_create_stream is false: the group and stream must exist'],
  });
  assert.deepEqual(kinds(dropped.root), ['filter:kept', 'filter:dropped']);
  assert.equal(r.deliveries.length, 1);
});

test('trace snapshots are not changed by later in-place changes; copy forks the trace per store', () => {
  const s = sim(`
<match a>
  @type copy
  <store>
    @type relabel
    @label @MOD
  </store>
  <store>
    @type null
  </store>
</match>
<label @MOD>
  <filter **>
    @type record_modifier
    <record>
      later yes
    </record>
  </filter>
  <match **>
    @type stdout
  </match>
</label>`);
  const r = run(s, events(['a', { x: 1 }]), { trace: true });
  const fork = r.traces![0].root.steps.find((x) => x.kind === 'fork');
  assert.ok(fork && fork.kind === 'fork');
  assert.equal(fork.branches.length, 2);
  assert.deepEqual(kinds(fork.branches[0]), ['label', 'filter:kept', 'match', 'deliver']);
  assert.deepEqual(kinds(fork.branches[1]), ['deliver']);
  // the null store got the same (shared) record, changed in place later: as Fluentd's copy without copy_mode
  const nullDelivery = r.deliveries.find((d) => d.type === 'null');
  assert.deepEqual(nullDelivery?.record, { x: 1, later: 'yes' });
  assert.deepEqual(nullDelivery?.destination, { kind: 'discarded' });
});

test('destinations: CloudWatch from record keys and placeholders, Kinesis partition key, Elasticsearch index, S3 key', () => {
  const s = sim(`
<match cw.**>
  @type cloudwatch_logs
  region us-east-1
  log_group_name "/eks/#{ENV['SIM_GROUP']}/\${tag[1]}"
  log_stream_name_key stream
  remove_log_stream_name_key true
  auto_create_stream true
  <buffer tag>
  </buffer>
</match>
<match nokeys.**>
  @type cloudwatch_logs
  region us-east-1
  log_group_name /g/\${tag}
  log_stream_name s
  auto_create_stream true
</match>
<match ks.**>
  @type kinesis_streams
  region us-east-1
  stream_name logs
  partition_key pk
</match>
<match es.**>
  @type elasticsearch
  logstash_format true
  logstash_prefix App-\${tag}
</match>
<match s3.**>
  @type s3
  s3_bucket b
  path logs/\${tag}/
  <buffer tag,time>
    timekey 1h
  </buffer>
</match>`);
  const r = run(
    s,
    events(['cw.app.x', { stream: 's1' }], ['nokeys.a', {}], ['ks.a', { pk: 42 }], ['ks.b', {}], ['es.b', { v: 1 }], ['s3.c', { v: 1 }]),
  );
  const d = r.deliveries.map((x) => x.destination);
  assert.deepEqual(d[0], { kind: 'cloudwatch_logs', group: '/eks/grp/app', stream: 's1' });
  // remove_log_stream_name_key removes it when writing, not from what the output received
  assert.deepEqual(r.deliveries[0].record, { stream: 's1' });
  assert.equal(d[1]?.kind === 'cloudwatch_logs' && d[1].group, '/g/${tag}');
  assert.deepEqual(d[2], { kind: 'kinesis_streams', stream: 'logs', partitionKey: '42' });
  assert.equal(d[3]?.kind === 'kinesis_streams' && d[3].notes?.[0], 'the record has no pk: the plugin rejects it (KeyNotFoundError)');
  assert.deepEqual(d[4], { kind: 'elasticsearch', index: 'app-es.b-2024.03.05' });
  assert.equal(d[5]?.kind === 's3' && d[5].path, 'logs/s3.c/2024030510_0.gz');
});

test('a rewrite loop stops the run with the tags it went round, not a stack overflow', () => {
  const s = sim(`
<match a.**>
  @type rewrite_tag_filter
  <rule>
    key k
    pattern /.+/
    tag b.\${tag}
  </rule>
</match>
<match b.**>
  @type rewrite_tag_filter
  <rule>
    key k
    pattern /.+/
    tag a.\${tag}
  </rule>
</match>`);
  const r = run(s, events(['a', { k: 'v' }]));
  assert.equal(r.stopped?.reason, 'loop');
  assert.match(r.stopped!.message, /events go round without end \(a → b\.a → a\.b\.a → b\.a\.b\.a → …\)/);
});

test('a label cycle stops the run', () => {
  const s = sim(`
<match **>
  @type relabel
  @label @A
</match>
<label @A>
  <match **>
    @type relabel
    @label @B
  </match>
</label>
<label @B>
  <match **>
    @type relabel
    @label @A
  </match>
</label>`);
  const r = run(s, events(['x', {}]));
  assert.equal(r.stopped?.reason, 'loop');
  assert.match(r.stopped!.message, /@A:x → @B:x/);
});

test('the step budget stops a long run and says so; what was delivered before stays', () => {
  const s = sim('<match **>\n  @type null\n</match>');
  const many = events(...Array.from({ length: 50 }, (_, i): [string, EventRecord] => ['t', { i }]));
  const r = run(s, many, { steps: 10 });
  assert.equal(r.stopped?.reason, 'steps');
  assert.equal(r.deliveries.length, 10);
});

test('plugins and Ruby this engine does not reproduce are named as not simulated, never guessed', () => {
  const s = sim(`
<filter a>
  @type record_transformer
  enable_ruby true
  <record>
    x \${record["k"].gsub(/a/, 'b')}
  </record>
</filter>
<filter b>
  @type dedot
</filter>
<match **>
  @type stdout
</match>`);
  assert.equal(s.configError, undefined);
  const r = run(s, events(['a', { k: 'v' }], ['b', {}], ['c', {}]), { trace: true });
  assert.deepEqual(
    r.deliveries.map((d) => d.tag),
    ['c'],
  );
  assert.deepEqual(
    r.notSimulated.map((n) => n.what),
    [
      'record_transformer with enable_ruby: the Ruby of ${record["k"].gsub(/a/, \'b\')} is beyond this simulator',
      'filter dedot is not simulated',
    ],
  );
  assert.deepEqual(kinds(r.traces![0].root), ['filter:not-simulated']);
});

test('#{ENV} values come from the given environment; a missing ENV.fetch key is a config error like in Fluentd', () => {
  const ok = sim("<match **>\n  @type null\n  @id \"#{ENV['SIM_GROUP'] || 'dflt'}\"\n</match>");
  assert.equal(run(ok, events(['t', {}])).deliveries[0].id, 'grp');
  const bad = sim('<match **>\n  @type null\n  @id "#{ENV.fetch(\'NOT_SET\')}"\n</match>');
  assert.match(bad.configError ?? '', /KeyError: key not found: "NOT_SET"/);
});

test('in_tail tags: * is the path with / as ., squeezed, no leading dot; prefix and suffix kept', () => {
  assert.equal(tailTag('kubernetes.*', '/var/log/containers/a_b_c.log'), 'kubernetes.var.log.containers.a_b_c.log');
  assert.equal(tailTag('pre.*.suf', '/var//log/x.log'), 'pre.var.log.x.log.suf');
  assert.equal(tailTag('*', 'relative/x.log'), 'relative.x.log');
  assert.equal(tailTag('fixed', '/a/b'), 'fixed');
});

test('in_tail lines: parsed with the source <parse>, rejected ones become the warning in_tail logs', () => {
  const s = sim(`
<source>
  @type tail
  path /var/log/*.log
  tag app.*
  <parse>
    @type json
  </parse>
</source>
<match app.**>
  @type stdout
</match>`);
  const r = run(s, { kind: 'tail', path: '/var/log/x.log', lines: ['{"a":1}\n', 'broken "line"'] }, { trace: true });
  assert.deepEqual(
    r.deliveries.map((d) => [d.tag, d.record]),
    [['app.var.log.x.log', { a: 1 }]],
  );
  assert.deepEqual(r.warnings, ['pattern not matched: "broken \\"line\\""']);
  assert.equal(r.traces![1].root.steps[0].kind, 'parse');
});

test('kubernetes_metadata: identity without a pod fixture, enriched from one (100k pods indexed once)', () => {
  const conf = `
<filter kubernetes.**>
  @type kubernetes_metadata
  kubernetes_url https://10.0.0.1:443/api
</filter>
<match **>
  @type null
</match>`;
  const tag = `kubernetes.var.log.containers.web-1_prod_app-${'a'.repeat(64)}.log`;
  assert.deepEqual(run(sim(conf), events([tag, { log: 'x' }])).deliveries[0].record, { log: 'x' });
  const pods = Array.from({ length: 100_000 }, (_, i) => ({ metadata: { name: `p-${i}`, namespace: 'ns', uid: `u${i}` } }));
  pods.push({
    metadata: { name: 'web-1', namespace: 'prod', uid: 'uid-1', labels: { app: 'web' } },
    spec: { nodeName: 'node-a' },
    status: {
      podIP: '10.1.2.3',
      containerStatuses: [{ name: 'app', image: 'nginx:1', imageID: 'sha256:1', containerID: 'containerd://abc' }],
    },
  } as never);
  const rich = sim(conf, { kube: { pods, namespaces: [{ metadata: { name: 'prod', uid: 'ns-uid' } }] } });
  assert.deepEqual(run(rich, events([tag, { log: 'x' }])).deliveries[0].record, {
    log: 'x',
    docker: { container_id: 'abc' },
    kubernetes: {
      container_name: 'app',
      namespace_name: 'prod',
      pod_name: 'web-1',
      container_image: 'nginx:1',
      container_image_id: 'sha256:1',
      pod_id: 'uid-1',
      pod_ip: '10.1.2.3',
      host: 'node-a',
      labels: { app: 'web' },
      master_url: 'https://10.0.0.1:443/api',
      namespace_id: 'ns-uid',
    },
  });
  const missing = run(rich, events([`kubernetes.var.log.containers.gone-1_prod_app-${'b'.repeat(64)}.log`, {}]));
  assert.match(missing.notSimulated[0].what, /pod prod\/gone-1 is not in the pod fixture/);
});

test('concat: what it still holds at the end of the run is reported as pending, not delivered', () => {
  const s = sim(`
<filter **>
  @type concat
  key msg
  multiline_start_regexp /^Start/
  timeout_label @LATE
</filter>
<match **>
  @type null
</match>
<label @LATE>
  <match **>
    @type null
  </match>
</label>`);
  const r = run(s, events(['t', { msg: 'Start a' }], ['t', { msg: ' more' }], ['t', { msg: 'Start b' }], ['t', { msg: ' tail' }]));
  assert.deepEqual(
    r.deliveries.map((d) => d.record),
    [{ msg: 'Start a\n more' }],
  );
  assert.equal(r.pending.length, 1);
  assert.match(r.pending[0].message, /2 events of t:default held by concat: flushed after flush_interval to @LATE/);
});

test('config errors Fluentd stops on: a missing label, a missing @type, a syntax error', () => {
  assert.match(sim('<match **>\n  @type relabel\n  @label @NOPE\n</match>').configError ?? '', /ArgumentError: @NOPE label not found/);
  assert.match(sim('<match **>\n</match>').configError ?? '', /Missing '@type' parameter on <match> directive/);
  assert.match(sim('<match **>\n  @type null\n  x [1,\n</match>').configError ?? '', /^Fluent::ConfigParseError: /);
});

test('events sent at a label enter that label; a missing one is an error', () => {
  const s = sim(
    '<match **>\n  @type null\n  @id root\n</match>\n<label @L>\n  <match **>\n    @type null\n    @id in_l\n  </match>\n</label>',
  );
  const r = runRoute(s, { kind: 'events', events: [{ tag: 't', time: ENV.now, record: {}, label: '@L' }] }, { budget: DEFAULT_BUDGET });
  assert.ok(!('configError' in r));
  assert.equal(r.deliveries[0].id, 'in_l');
  const bad = runRoute(
    s,
    { kind: 'events', events: [{ tag: 't', time: ENV.now, record: {}, label: '@NOPE' }] },
    { budget: DEFAULT_BUDGET },
  );
  assert.deepEqual(bad, { configError: 'ArgumentError: @NOPE label not found' });
});

test('bad input: a 1 MB line, a tag of 10,000 parts, a record of 10,000 keys, a zero time budget', () => {
  const s = sim(`
<source>
  @type tail
  path /x/*.log
  tag big.*
  <parse>
    @type json
  </parse>
</source>
<filter **>
  @type record_transformer
  <record>
    last \${tag_parts[-1]}
  </record>
</filter>
<match **>
  @type null
</match>`);
  const huge = JSON.stringify({ log: 'x'.repeat(1024 * 1024) });
  const r1 = run(s, { kind: 'tail', path: '/x/a.log', lines: [huge, `{"a":${'['.repeat(5000)}`] });
  assert.equal(r1.deliveries.length, 1);
  // 5,000 open brackets: the parse engine says it cannot reproduce that line (never a crash)
  assert.match(r1.notSimulated[0].what, /too deeply nested/);
  const tag = Array.from({ length: 10_000 }, (_, i) => `p${i}`).join('.');
  const wide: EventRecord = {};
  for (let i = 0; i < 10_000; i++) wide[`k${i}`] = i;
  const r2 = run(s, events([tag, wide]));
  assert.equal((r2.deliveries[0].record as EventRecord).last, 'p9999');
  assert.equal(Object.keys(r2.deliveries[0].record).length, 10_001);
  const r3 = runRoute(s, events(...Array.from({ length: 2000 }, (): [string, EventRecord] => ['t', {}])), {
    budget: { timeMs: 0, steps: 1e9 },
  });
  assert.ok(!('configError' in r3));
  assert.equal(r3.stopped?.reason, 'time');
  assert.ok(r3.deliveries.length < 2000);
});

test('events at a source by @id enter where that source emits (its @label)', () => {
  const s = sim(`
<source>
  @type forward
  @id fwd
  @label @IN
</source>
<match **>
  @type null
  @id root_out
</match>
<label @IN>
  <match **>
    @type null
    @id label_out
  </match>
</label>`);
  const r = runRoute(
    s,
    { kind: 'events', events: [{ tag: 't', time: ENV.now, record: {}, source: 'fwd' }] },
    { budget: DEFAULT_BUDGET, trace: true },
  );
  assert.ok(!('configError' in r));
  assert.equal(r.deliveries[0].id, 'label_out');
  assert.equal(r.traces?.[0].root.label, '@IN');
});

test('<worker 0> is part of the simulated worker; a worker id beyond <system> workers is a config error', () => {
  const s = sim('<worker 0>\n  <match **>\n    @type null\n    @id w0\n  </match>\n</worker>');
  assert.equal(run(s, events(['t', {}])).deliveries[0].id, 'w0');
  const two = sim(
    '<system>\n  workers 2\n</system>\n<worker 1>\n  <match **>\n    @type null\n  </match>\n</worker>\n<match **>\n  @type null\n  @id all\n</match>',
  );
  assert.equal(run(two, events(['t', {}])).deliveries[0].id, 'all');
  assert.match(sim('<worker 1>\n  <match **>\n    @type null\n  </match>\n</worker>').configError ?? '', /worker id 1 .* between 0 and 0/);
});

test('a JSON line that is not an object reaches outputs as it is; a filter that reads a Hash is not simulated on it', () => {
  const s = sim(`
<source>
  @type tail
  path /var/log/a.log
  tag bare
  <parse>
    @type json
  </parse>
</source>
<filter bare>
  @type grep
  <regexp>
    key level
    pattern /x/
  </regexp>
</filter>
<match bare>
  @type cloudwatch_logs
  log_group_name g
  log_stream_name s
</match>`);
  const r = run(s, { kind: 'tail', path: '/var/log/a.log', lines: ['[1,2]', '{"level":"x"}'] }, { trace: true });
  assert.equal(r.deliveries.length, 1);
  assert.deepEqual(r.deliveries[0].record, { level: 'x' });
  assert.match(r.notSimulated[0].what, /not a Hash/);
  assert.deepEqual(kinds(r.traces![0].root), ['parse', 'filter:not-simulated']);
  const plain = sim(`<match bare>
  @type cloudwatch_logs
  log_group_name g
  log_stream_name s
</match>
<source>
  @type tail
  path /var/log/a.log
  tag bare
  <parse>
    @type json
  </parse>
</source>`);
  const r2 = run(plain, { kind: 'tail', path: '/var/log/a.log', lines: ['[1,2]'] });
  assert.deepEqual(r2.deliveries[0].record, [1, 2]);
  assert.match(
    r2.deliveries[0].destination && 'notes' in r2.deliveries[0].destination ? String(r2.deliveries[0].destination.notes) : '',
    /not a Hash/,
  );
});

test('hostile lines on a catastrophic regexp: the time budget is read after each slow line, not every 256 steps', () => {
  const s = sim(`
<source>
  @type tail
  path /x/*.log
  tag t
  <parse>
    @type regexp
    expression /^(?<a>(\\w+\\s?)+)$/
  </parse>
</source>
<match **>
  @type null
</match>`);
  const hostile = `${'word '.repeat(12)}word!`.replace(/ /g, 'x ');
  const lines = Array.from({ length: 40 }, () => `${'ab'.repeat(20)}${hostile}${'a'.repeat(30)}!`);
  const r = runRoute(s, { kind: 'tail', path: '/x/a.log', lines }, { budget: { timeMs: 500, steps: 1e9 } });
  assert.ok(!('configError' in r));
  assert.equal(r.stopped?.reason, 'time');
});
