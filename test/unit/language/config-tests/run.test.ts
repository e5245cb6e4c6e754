// Running config tests against real configs on disk: passes, failures that say what was received,
// errors where the simulator stops short, and the bounds (10k cases, a loop, a 100k-pod fixture,
// a catastrophic regexp in a condition) that end with a message instead of hanging.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { nodeTestHost } from '../../../../src/cli/test';
import { runTestFile, type TestResult } from '../../../../src/language/config-tests';
import { configDir } from '../../../helpers/config-dir';
import { appSource } from '../../../helpers/app-source';

const repo = join(__dirname, '..', '..', '..', '..');
const dirs: { cleanup(): void }[] = [];
after(() => dirs.forEach((d) => d.cleanup()));

const CONFIG = `${appSource()}<source>
  @type forward
  @id in_fwd
  @label @fwd
</source>
<filter app.**>
  @type record_transformer
  <record>
    host "#{ENV['NODE']}"
    n 1.0
  </record>
</filter>
<filter app.**>
  @type grep
  <exclude>
    key level
    pattern /^DEBUG$/
  </exclude>
</filter>
<match app.**>
  @type copy
  <store>
    @type cloudwatch_logs
    @id out_cw
    log_group_name "/app/#{ENV['NODE']}"
    use_tag_as_stream true
  </store>
  <store>
    @type kinesis_streams
    @id out_kinesis
    stream_name app-stream
  </store>
</match>
<label @fwd>
  <match **>
    @type elasticsearch
    @id out_es
    logstash_format true
    logstash_prefix fwd
  </match>
</label>
`;

function run(testYaml: string, files: Record<string, string> = {}, nowMs = 1_700_000_000_000): ReturnType<typeof runTestFile> {
  const d = configDir({ 'fluent.conf': CONFIG, ...files });
  dirs.push(d);
  const path = d.write('t.fluent-test.yaml', testYaml);
  return runTestFile(testYaml, path, nodeTestHost, {}, nowMs);
}

const byName = (rs: TestResult[]) => Object.fromEntries(rs.map((r) => [r.name, r]));

test('lines at an in_tail source and events at a label: passing expectations on fields, tag, count and destinations', () => {
  const o = run(`config: fluent.conf
env: { NODE: n1 }
tests:
  - name: info line
    input:
      source: in_app
      path: /var/log/app/web.log
      lines: [INFO started, DEBUG noise]
    expect:
      - output: out_cw
        count: 1
        tag: app.var.log.app.web.log
        fields:
          level: INFO
          msg: { contains: start }
          host: n1
          n: '1.0' # record_transformer writes text: "1.0", not the Float 1.0
          missing: { absent: true }
        destination: { log_group: /app/n1, log_stream: { matches: '^app\\.var' } }
      - output: out_kinesis
        destination: { stream: app-stream }
      - output: 'app.**'
        count: 2
  - name: forwarded
    input: { source: in_fwd, tag: x.y, time: '2024-03-05T10:11:12Z', record: { a: 1 } }
    expect:
      - output: out_es
        fields: { a: 1 }
        destination: { index: fwd-2024.03.05 }
    no_output_from: [out_cw]
  - name: unmatched at the root
    input: { tag: nothing.here, record: {} }
    unmatched: 1
`);
  assert.ok(o.prepared.ok, JSON.stringify(!o.prepared.ok && o.prepared.problems));
  const r = byName(o.results);
  for (const name of ['info line', 'forwarded', 'unmatched at the root'])
    assert.equal(r[name].status, 'passed', `${name}: ${JSON.stringify(r[name].failures)}`);
  assert.deepEqual(r['info line'].received, ['out_cw: 1 event', 'out_kinesis: 1 event']);
});

test('failures say what was expected, what was received, and point at the expectation', () => {
  const o = run(`config: fluent.conf
env: { NODE: n1 }
tests:
  - name: wrong values
    input: { source: in_app, lines: [INFO hello] }
    expect:
      - output: out_cw
        fields:
          msg: bye
          level: { matches: '^W' }
          host: { absent: true }
        destination: { log_group: /app/n2, stream: x }
  - name: nothing received
    input: { source: in_app, lines: [DEBUG x] }
    expect: [{ output: out_cw }]
  - name: unexpected output
    input: { source: in_app, lines: [INFO x] }
    no_output_from: [out_kinesis]
  - name: wrong count and unknown output
    input: { source: in_app, lines: [INFO a, INFO b] }
    expect:
      - { output: out_cw, count: 1 }
      - { output: out_nope }
    unmatched: 3
`);
  assert.ok(o.prepared.ok);
  const r = byName(o.results);
  const wrong = r['wrong values'];
  assert.equal(wrong.status, 'failed');
  assert.equal(wrong.failures.length, 1);
  const m = wrong.failures[0].message;
  assert.match(m, /field msg is "hello", not "bye"/);
  assert.match(m, /field level is "INFO", which does not match \/\^W\//);
  assert.match(m, /field host is present \("n1"\), expected absent/);
  assert.match(m, /destination's log_group is "\/app\/n1", not "\/app\/n2"/);
  assert.match(m, /the output writes to cloudwatch_logs, which has no stream/);
  assert.match(m, /"level": "INFO"/); // the received record follows
  assert.equal(wrong.failures[0].range.start.line, 6); // the expectation's `output`
  assert.match(r['nothing received'].failures[0].message, /out_cw received nothing\. No output received anything\./);
  assert.match(r['unexpected output'].failures[0].message, /out_kinesis received 1 event; expected none/);
  const counts = r['wrong count and unknown output'].failures.map((f) => f.message);
  assert.deepEqual(counts, [
    'out_cw received 2 events; expected 1.',
    "No output has @id or <match> pattern 'out_nope' in the config.",
    '0 events matched no <match>; expected 3.',
  ]);
});

test('an input the config cannot take, or a step not simulated, makes the test errored, not failed', () => {
  const o = run(
    `config: fluent.conf
tests:
  - name: unknown source
    input: { source: in_nope, lines: [x] }
    expect: [{ output: out_cw }]
  - name: lines at a forward source
    input: { source: in_fwd, lines: [x] }
    expect: [{ output: out_es }]
  - name: unknown label
    input: { tag: a, label: '@nope', record: {} }
    expect: [{ output: out_es }]
  - name: not simulated filter
    input: { source: in_fwd, tag: odd.x, record: { a: 1 } }
    expect: [{ output: out_es }]
`,
    {},
  );
  assert.ok(o.prepared.ok);
  const r = byName(o.results);
  assert.equal(r['unknown source'].status, 'errored');
  assert.match(r['unknown source'].failures[0].message, /No <source> has @id 'in_nope' \(the config has in_app, in_fwd\)/);
  assert.equal(r['lines at a forward source'].status, 'errored');
  assert.match(r['lines at a forward source'].failures[0].message, /'in_fwd' is @type forward: send a record instead/);
  assert.equal(r['unknown label'].status, 'errored');
  assert.match(r['unknown label'].failures[0].message, /No <label @nope>/);
  assert.equal(r['not simulated filter'].status, 'passed');
  // a plugin the simulator does not reproduce stops the event there: the test says so
  const dedot = run(
    `config: d.conf
tests:
  - name: dedot
    input: { tag: a, record: { a: 1 } }
    expect: [{ output: out }]
`,
    { 'd.conf': '<filter **>\n  @type dedot\n</filter>\n<match **>\n  @type stdout\n  @id out\n</match>\n' },
  );
  assert.ok(dedot.prepared.ok);
  assert.equal(dedot.results[0].status, 'errored');
  assert.match(dedot.results[0].notes[0], /not simulated: filter dedot is not simulated/);
  assert.match(dedot.results[0].failures[0].message, /out received nothing/);
});

test('a config Fluentd would refuse, a missing config or pod fixture: the file is unusable, with the reason at its place', () => {
  const missing = run('config: nope.conf\ntests:\n  - name: a\n    input: { tag: a, record: {} }\n    unmatched: 1\n');
  assert.ok(!missing.prepared.ok);
  assert.equal(missing.prepared.problems[0].code, 'test-config-missing');
  const refused = run('config: bad.conf\ntests:\n  - name: a\n    input: { tag: a, record: {} }\n    unmatched: 1\n', {
    'bad.conf': '<match **>\n  @type no_such_plugin_anywhere\n</match>\n',
  });
  assert.ok(!refused.prepared.ok);
  assert.match(
    refused.prepared.problems[0].message,
    /Fluentd would not start with this config: .*Unknown output plugin 'no_such_plugin_anywhere'/,
  );
  const kube = run('config: fluent.conf\nkube: pods.json\ntests:\n  - name: a\n    input: { tag: a, record: {} }\n    unmatched: 1\n', {
    'pods.json': '{ not json',
  });
  assert.ok(!kube.prepared.ok);
  assert.equal(kube.prepared.problems[0].code, 'test-kube-fixture');
  assert.equal(kube.prepared.problems[0].range.start.line, 1);
});

test('the demo workspace pipeline tests pass (ENV, clock, pod fixture, labels of the EKS config)', () => {
  const path = join(repo, 'demo', 'workspace', 'fluentd', 'tests', 'pipeline.fluent-test.yaml');
  const o = runTestFile(readFileSync(path, 'utf8'), path, nodeTestHost);
  assert.ok(o.prepared.ok, JSON.stringify(!o.prepared.ok && o.prepared.problems));
  assert.ok(o.results.length >= 4);
  for (const r of o.results) assert.equal(r.status, 'passed', `${r.name}: ${JSON.stringify(r.failures)}`);
});

test('bad input is bounded: a rewrite loop stops with a message, 10k cases run, a spent file budget skips the rest', () => {
  const loop = run(
    `config: loop.conf
tests:
  - name: loop
    input: { tag: a, record: { x: 1 } }
    expect: [{ output: never }]
`,
    {
      'loop.conf': `<match a>
  @type rewrite_tag_filter
  <rule>
    key x
    pattern /1/
    tag b
  </rule>
</match>
<match b>
  @type rewrite_tag_filter
  <rule>
    key x
    pattern /1/
    tag a
  </rule>
</match>
`,
    },
  );
  assert.ok(loop.prepared.ok);
  assert.equal(loop.results[0].status, 'errored');
  assert.ok(
    loop.results[0].notes.some((n) => /stopped: events go round without end/.test(n)),
    loop.results[0].notes.join('\n'),
  );

  const many = ['config: fluent.conf', 'env: { NODE: n }', 'tests:'];
  for (let i = 0; i < 10_000; i++)
    many.push(
      `  - name: case ${i}`,
      `    input: { source: in_app, lines: ['INFO m${i}'] }`,
      `    expect: [{ output: out_cw, fields: { msg: m${i} } }]`,
    );
  const big = run(many.join('\n'));
  assert.ok(big.prepared.ok);
  assert.equal(big.results.length, 10_000);
  assert.ok(big.results.every((r) => r.status === 'passed'));

  // the same file with no time left: every test is skipped, each saying why
  const d = configDir({ 'fluent.conf': CONFIG });
  dirs.push(d);
  const p = d.write('t.fluent-test.yaml', many.join('\n'));
  const spent = runTestFile(many.join('\n'), p, nodeTestHost, { limits: { test: { timeMs: 1000, steps: 1000 }, fileMs: 0 } });
  assert.ok(spent.results.every((r) => r.status === 'skipped' && /budget ran out/.test(r.notes[0])));
});

test('a pod fixture of 100k pods enriches through kubernetes_metadata', () => {
  const pods = [];
  for (let i = 0; i < 100_000; i++)
    pods.push({ metadata: { name: `p${i}`, namespace: 'ns', uid: `u${i}`, labels: { i: String(i) } }, spec: { nodeName: 'n' } });
  const o = run(
    `config: k.conf
kube: pods.json
tests:
  - name: pod 99999
    input:
      source: in_c
      path: /var/log/containers/p99999_ns_app-${'a'.repeat(64)}.log
      lines: ['{"log":"hi\\n","stream":"stdout","time":"2024-03-05T10:11:12Z"}']
    expect:
      - output: out
        fields: { $.kubernetes.labels.i: '99999', $.kubernetes.pod_name: p99999 }
`,
    {
      'pods.json': JSON.stringify({ items: pods }),
      'k.conf': `<source>
  @type tail
  @id in_c
  path /var/log/containers/*.log
  tag kubernetes.*
  <parse>
    @type json
  </parse>
</source>
<filter kubernetes.**>
  @type kubernetes_metadata
</filter>
<match **>
  @type stdout
  @id out
</match>
`,
    },
  );
  assert.ok(o.prepared.ok, JSON.stringify(!o.prepared.ok && o.prepared.problems));
  assert.equal(o.results[0].status, 'passed', JSON.stringify(o.results[0].failures));
});

test('a catastrophic regexp in a condition stops instead of hanging, and says so', () => {
  const o = run(`config: fluent.conf
env: { NODE: n }
tests:
  - name: evil
    input: { source: in_app, lines: ['INFO ${'a'.repeat(40)}!'] }
    expect:
      - output: out_cw
        fields: { msg: { matches: '^(a+)+$' } }
`);
  assert.ok(o.prepared.ok);
  assert.equal(o.results[0].status, 'failed');
  assert.match(o.results[0].failures[0].message, /was not checked: the regexp stopped .* can backtrack catastrophically/);
});
