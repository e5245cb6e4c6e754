// Fluentd's own log, recognised and put on the config lines it concerns. The inputs are what real
// Fluentd 1.16.5 wrote running the configs beside them (test/fixtures/fluentd-logs/record.sh):
// each recording is read line by line and its problems located in the config that produced it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { FluentdConfigLinks, type LinkResult } from '../../../src/kube/fluentd-log/config-link';
import { FindingStore } from '../../../src/kube/fluentd-log/findings';
import { parseFluentdLine } from '../../../src/kube/fluentd-log/log-record';
import { field, FluentdLogReader, type FluentdProblem } from '../../../src/kube/fluentd-log/recognise';
import { nodeFileSystem } from '../../../src/language/node-file-system';

const DIR = resolve(__dirname, '../../fixtures/fluentd-logs');
const config = (name: string) => join(DIR, 'configs', `${name}.conf`);

function problems(log: string): FluentdProblem[] {
  const reader = new FluentdLogReader();
  const out: FluentdProblem[] = [];
  for (const line of readFileSync(join(DIR, `${log}.log`), 'utf8').split('\n')) {
    const ev = reader.read(line);
    if (ev?.type === 'problem') out.push(ev.problem);
  }
  return out;
}

/** The config line (1-based) and text each spot stands on. */
function where(configName: string, r: LinkResult): string[] {
  const lines = readFileSync(config(configName), 'utf8').split('\n');
  return r.spots.map((s) => `${s.range.start.line + 1}: ${lines[s.range.start.line].trim()}`);
}

const kinds = (ps: FluentdProblem[]) => [...new Set(ps.map((p) => `${p.kind} ${p.pluginId ?? p.tag ?? ''}`.trim()))];

describe('Fluentd log lines', () => {
  it('reads the text format: time, level, worker, plugin @id, message', () => {
    assert.deepEqual(
      parseFluentdLine(
        '2026-12-06 21:30:59 +0000 [warn]: #0 [in_tail_container_logs] pattern not matched: "this line is not in the CRI format"',
      ),
      {
        time: '2026-12-06 21:30:59 +0000',
        level: 'warn',
        worker: 0,
        pluginId: 'in_tail_container_logs',
        message: 'pattern not matched: "this line is not in the CRI format"',
      },
    );
    assert.deepEqual(parseFluentdLine('2026-12-06 21:30:58 +0000 [info]: starting fluentd-1.16.5 pid=8877 ruby="3.1.2"'), {
      time: '2026-12-06 21:30:58 +0000',
      level: 'info',
      message: 'starting fluentd-1.16.5 pid=8877 ruby="3.1.2"',
    });
    // continuation lines (backtraces, config dumps) and foreign text are not records
    assert.equal(parseFluentdLine("  2026-12-06 21:32:56 +0000 [error]: #0 /tmp/x.rb:77:in `initialize'"), undefined);
    assert.equal(parseFluentdLine('<parse>'), undefined);
    assert.equal(parseFluentdLine('GET /health 200'), undefined);
  });

  it('reads the JSON format of <system><log>format json', () => {
    assert.deepEqual(
      parseFluentdLine('{"time":"2026-12-06 21:30:59 +0000","level":"warn","message":"[out_x] failed to flush the buffer.","worker_id":0}'),
      {
        time: '2026-12-06 21:30:59 +0000',
        level: 'warn',
        worker: 0,
        pluginId: 'out_x',
        message: 'failed to flush the buffer.',
      },
    );
  });

  it('reads key=value fields with Ruby-quoted values', () => {
    const msg =
      'failed to flush the buffer. retry_times=0 error_class=Errno::ECONNREFUSED error="Connection refused - connect(2) for \\"127.0.0.1\\" port 1"';
    assert.equal(field(msg, 'retry_times'), '0');
    assert.equal(field(msg, 'error_class'), 'Errno::ECONNREFUSED');
    assert.equal(field(msg, 'error'), 'Connection refused - connect(2) for "127.0.0.1" port 1');
    assert.equal(field(msg, 'tag'), undefined);
  });
});

describe('recorded Fluentd logs, located in the configs that produced them', () => {
  it('in_tail: a rejected line on the <parse>, an untaken tag on the <source>, retries on the <match>', () => {
    const ps = problems('tail-routing');
    assert.deepEqual(kinds(ps), [
      'pattern-not-matched in_tail_container_logs',
      'no-patterns-matched kubernetes.tmp.fluentd-logs.containers.batch_jobs_report-4567.log',
      'buffer-retry out_forward_aggregator',
    ]);
    const retries = ps.filter((p) => p.kind === 'buffer-retry');
    assert.deepEqual(
      retries.map((p) => p.severity),
      ['warning', 'warning', 'warning', 'error'],
    );
    assert.equal(retries[0].errorClass, 'Errno::ECONNREFUSED');
    assert.match(retries[0].summary, /^could not flush \(retry 1\): ECONNREFUSED: Connection refused/);
    assert.match(retries[3].summary, /^could not flush \(gave up after 3 retries, chunks dropped\)/);

    const links = FluentdConfigLinks.fromFile(config('tail-routing'), nodeFileSystem)!;
    const at = (kind: string) => where('tail-routing', links.locate(ps.find((p) => p.kind === kind)!));
    assert.deepEqual(at('pattern-not-matched'), ['10: <parse>']);
    assert.deepEqual(at('no-patterns-matched'), ['3: <source>']);
    assert.deepEqual(at('buffer-retry'), ['16: <match kubernetes.**.app_**>']);
  });

  it('a config error at start-up: on the <parse> Fluentd dumped, or on the element whose plugin is unknown', () => {
    const [missing] = problems('config-error-missing-parameter');
    assert.equal(missing.kind, 'config-error');
    assert.equal(missing.severity, 'error');
    assert.equal(missing.pluginId, 'in_tail_container_logs');
    assert.equal(missing.section, 'parse');
    assert.equal(missing.summary, "Fluentd did not start: 'expression' parameter is required");
    const l1 = FluentdConfigLinks.fromFile(config('config-error-missing-parameter'), nodeFileSystem)!;
    assert.deepEqual(where('config-error-missing-parameter', l1.locate(missing)), ['6: <parse>']);

    const [unknown] = problems('config-error-unknown-plugin');
    assert.equal(unknown.kind, 'config-error');
    assert.equal(unknown.errorClass, 'Fluent::NotFoundPluginError');
    const l2 = FluentdConfigLinks.fromFile(config('config-error-unknown-plugin'), nodeFileSystem)!;
    assert.deepEqual(where('config-error-unknown-plugin', l2.locate(unknown)), ['5: <match app.**>']);
  });

  it('filter errors by tag: the record_transformer that failed to expand, the parser filter that rejected a field', () => {
    const ps = problems('filter-errors');
    const links = FluentdConfigLinks.fromFile(config('filter-errors'), nodeFileSystem)!;
    const expand = ps.find((p) => p.kind === 'plugin-error' && p.tag === 'app.web')!;
    assert.equal(expand.errorClass, 'RuntimeError');
    assert.deepEqual(where('filter-errors', links.locate(expand)), ['16: <filter app.web>']);
    const parser = ps.find((p) => p.kind === 'parser-error')!;
    assert.equal(parser.tag, 'app.api');
    assert.match(parser.summary, /pattern not matched with data 'POST \/orders 201'/);
    assert.deepEqual(where('filter-errors', links.locate(parser)), ['28: <parse>']);
    // in_sample's own warning names its @id: on that <source>
    const storage = ps.find((p) => p.pluginId === 'in_sample_api')!;
    assert.deepEqual(where('filter-errors', links.locate(storage)), ['9: <source>']);
  });

  it('buffer overflow: on the <buffer> of the output, found by its @id and by the refused tag', () => {
    const ps = problems('buffer-overflow');
    const links = FluentdConfigLinks.fromFile(config('buffer-overflow'), nodeFileSystem)!;
    const byId = ps.find((p) => p.kind === 'buffer-overflow' && p.pluginId === 'out_forward_tiny_buffer')!;
    const byTag = ps.find((p) => p.kind === 'buffer-overflow' && p.tag === 'app.flood')!;
    assert.match(byTag.summary, /buffer space has too many data/);
    assert.deepEqual(where('buffer-overflow', links.locate(byId)), ['12: <buffer>']);
    assert.deepEqual(where('buffer-overflow', links.locate(byTag)), ['12: <buffer>']);
  });

  it('CloudWatch: a missing log group and AccessDenied, on the cloudwatch_logs <match> by its @id', () => {
    const links = FluentdConfigLinks.fromFile(config('cloudwatch'), nodeFileSystem)!;
    const missing = problems('cloudwatch-not-found').find((p) => p.kind === 'resource-not-found')!;
    assert.equal(missing.summary, "Log group '/eks/demo/containers' does not exist");
    assert.deepEqual(where('cloudwatch', links.locate(missing)), ['10: <match kubernetes.**>']);
    const denied = problems('cloudwatch-access-denied').filter((p) => p.kind === 'access-denied');
    assert.ok(denied.length >= 2);
    assert.equal(denied[0].errorClass, 'Aws::CloudWatchLogs::Errors::AccessDeniedException');
    assert.match(
      denied[0].summary,
      /AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role\/eks-demo-node\/.* is not authorized to perform: logs:DescribeLogGroups/,
    );
    assert.ok(
      denied.some((p) => p.severity === 'error'),
      'giving up is an error',
    );
    assert.deepEqual(where('cloudwatch', links.locate(denied[0])), ['10: <match kubernetes.**>']);
  });

  it('an @id the config does not have goes on its first line, saying so', () => {
    const links = FluentdConfigLinks.fromFile(config('tail-routing'), nodeFileSystem)!;
    const [p] = problems('cloudwatch-not-found').filter((x) => x.kind === 'resource-not-found');
    const r = links.locate(p);
    assert.deepEqual(where('tail-routing', r), [
      '1: # in_tail with a CRI regexp: one line it cannot parse, files whose tags no <match> takes,',
    ]);
    assert.equal(r.approximate, 'no element has @id out_cloudwatch_logs_containers');
  });
});

describe('findings: counted, with the last sample, cleared when they stop', () => {
  const links = FluentdConfigLinks.fromFile(config('tail-routing'), nodeFileSystem)!;
  const [pnm] = problems('tail-routing');
  const retry = problems('tail-routing').find((p) => p.kind === 'buffer-retry')!;
  const a = { key: 'kube-system/fluentd-a', node: 'node-a', name: 'fluentd-a' };
  const b = { key: 'kube-system/fluentd-b', node: 'node-b', name: 'fluentd-b' };

  it('counts per place across pods and shows the last line', () => {
    const store = new FindingStore(links, 60_000);
    store.add(a, pnm, 1000, 'line 1');
    store.add(b, pnm, 2000, 'line 2');
    store.add(a, pnm, 3000, 'line 3');
    const [f] = store.list();
    assert.equal(f.count, 3);
    assert.equal(f.pods.size, 2);
    const [d] = store.diagnostics((ms) => `t${ms}`);
    assert.equal(d.code, 'fluentd-log/pattern-not-matched');
    assert.equal(d.severity, 'warning');
    assert.equal(d.range.start.line, 9);
    assert.equal(
      d.message,
      `Fluentd pods: the parser rejected a line: "this line is not in the CRI format"\n3× on 2 pods, last at t3000 on node-a/fluentd-a:\nline 3`,
    );
  });

  it('a pod that goes away takes its share; the last pod takes the finding', () => {
    const store = new FindingStore(links, 60_000);
    store.add(a, pnm, 1000, 'x');
    store.add(b, pnm, 1000, 'y');
    assert.equal(store.removePod(a.key), true);
    assert.equal(store.list()[0].count, 1);
    store.removePod(b.key);
    assert.deepEqual(store.list(), []);
  });

  it('expires when nothing repeats it; an output that recovers clears its retries', () => {
    const store = new FindingStore(links, 10_000);
    store.add(a, pnm, 1000, 'x');
    store.add(a, retry, 5000, 'r');
    assert.equal(store.expire(9000), false);
    assert.equal(store.expire(12_000), true);
    assert.deepEqual(
      store.list().map((f) => f.kind),
      ['buffer-retry'],
    );
    assert.equal(store.recovered('out_forward_aggregator'), true);
    assert.deepEqual(store.list(), []);
  });
});
