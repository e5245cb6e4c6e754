// "Try log lines…" without the editor: the target at a position, per-line results (time,
// record, why a line was rejected), the route of a source's events, and the bounds.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { nodeFileSystem } from '../../../../../src/language/node-file-system';
import { parse } from '../../../../../src/language/parser';
import { tryLogLinesLenses } from '../../../../../src/language/simulate/playground/code-lenses';
import { runPlayground, samplePath } from '../../../../../src/language/simulate/playground/playground';
import type { PlaygroundParams } from '../../../../../src/language/simulate/playground/protocol';
import { loadConfigTree } from '../../../../../src/language/simulate/route';
import type { SimulationEnvironment } from '../../../../../src/language/simulate/types';
import { configDir } from '../../../../helpers/config-dir';
import { appSource } from '../../../../helpers/app-source';

const ENV: SimulationEnvironment = { now: { sec: 1700000000, nsec: 0 }, env: { GROUP: '/eks/demo' }, tz: 'UTC', hostname: 'node-1' };
const dirs: { cleanup(): void }[] = [];
after(() => dirs.forEach((d) => d.cleanup()));

const MAIN = `${appSource(['@type regexp', 'expression /^(?<time>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z) (?<level>[A-Z]+) (?<msg>.*)$/', 'time_format %Y-%m-%dT%H:%M:%S.%NZ'])}<source>
  @type http
  @id in_http
  tag web.hook
</source>
@include routes.conf
`;
const ROUTES = `<filter app.**>
  @type grep
  <regexp>
    key level
    pattern /^(INFO|WARN)$/
  </regexp>
</filter>
<match app.**>
  @type cloudwatch_logs
  @id out_cw
  log_group_name "#{ENV['GROUP']}/app"
  use_tag_as_stream true
</match>
<match web.**>
  @type kinesis_streams
  stream_name hooks
</match>
<filter bad.**>
  @type parser
  key_name log
  <parse>
    @type regexp
    expression /^(?<a>(\\w+\\s?)+)$/
  </parse>
</filter>
`;

function setup() {
  const d = configDir({ 'fluent.conf': MAIN, 'routes.conf': ROUTES });
  dirs.push(d);
  const tree = loadConfigTree(d.path('fluent.conf'), nodeFileSystem)!;
  const fileOf = (name: string) => tree.files.find((f) => f.path.endsWith(name))!;
  const play = (file: string, line: number, lines: string[], extra: Partial<PlaygroundParams> = {}) => {
    const self = fileOf(file);
    return runPlayground({ tree, self }, { textDocument: { uri: self.uri }, position: { line, character: 3 }, lines, ...extra }, ENV);
  };
  return { play };
}

test('an in_tail source: each line parsed (time to the nanosecond, record), then routed through included files', () => {
  const { play } = setup();
  const r = play(
    'fluent.conf',
    6,
    [
      '2024-03-05T10:11:12.123456789Z INFO started',
      '2024-03-05T10:11:12.5Z DEBUG noise',
      '2024-03-05T10:11:12Z INFO no fraction',
      'garbage',
    ],
    { path: '/var/log/app/web.log' },
  );
  assert.equal(r.error, undefined);
  assert.equal(r.target?.mode, 'tail');
  assert.equal(r.target?.tag, 'app.var.log.app.web.log');
  assert.equal(r.target?.parserType, 'regexp');
  const [ok, debug, timeError, bad] = r.lines;
  assert.equal(ok.kind, 'record');
  assert.equal(ok.time, '2024-03-05T10:11:12.123456789Z');
  assert.deepEqual(ok.timeParts, [1709633472, 123456789]);
  assert.equal(ok.record, '{\n  "level": "INFO",\n  "msg": "started"\n}');
  assert.equal(debug.kind, 'record');
  // the time does not fit time_format: Fluentd's ParserError, as it words it
  assert.equal(timeError.kind, 'error');
  assert.match(timeError.message!, /invalid time format/);
  assert.equal(bad.kind, 'nomatch');
  assert.ok(bad.why && bad.why.length > 0, 'a rejected line says where the regexp stopped');
  // the route: the grep filter keeps INFO, drops DEBUG; the match in routes.conf writes to the log group
  const route = r.route!;
  assert.equal(route.events.length, 4);
  const first = route.events[0].rows.map((x) => `${x.kind}:${x.title}`);
  assert.deepEqual(first.slice(0, 3), [
    'parse:parsed',
    'filter:<filter app.**> @type grep: kept',
    'match:matched by <match app.**> @type cloudwatch_logs',
  ]);
  const deliver = route.events[0].rows[3];
  assert.equal(deliver.kind, 'deliver');
  assert.equal(
    deliver.detail,
    'CloudWatch Logs: log group /eks/demo/app, stream app.var.log.app.web.log (auto_create_stream is false: the group and stream must exist)',
  );
  assert.ok(deliver.location?.uri.endsWith('routes.conf'));
  assert.deepEqual(
    route.events[1].rows.map((x) => `${x.kind}:${x.outcome ?? ''}`),
    ['parse:record', 'filter:dropped'],
  );
  assert.equal(route.events[2].rows[0].outcome, 'error');
  assert.equal(route.warnings.length, 2);
  assert.equal(route.warnings[1], 'pattern not matched: "garbage"');
});

test('the default file path of an in_tail source fills its glob; /var/log/containers takes the kubelet form', () => {
  assert.equal(samplePath('/var/log/app/*.log'), '/var/log/app/sample.log');
  assert.equal(samplePath('/var/log/containers/*.log'), `/var/log/containers/app-0_default_app-${'0'.repeat(64)}.log`);
  assert.equal(samplePath('/a/*.log, /b/*.log'), '/a/sample.log');
  assert.equal(samplePath(''), '/var/log/sample.log');
  const { play } = setup();
  assert.equal(play('fluent.conf', 2, []).target?.path, '/var/log/app/sample.log');
});

test("another source: each line is a JSON record, routed with the tag given (or the source's)", () => {
  const { play } = setup();
  const r = play('fluent.conf', 13, ['{"a": 1.0}', 'not json', '']);
  assert.equal(r.target?.mode, 'events');
  assert.equal(r.target?.tag, 'web.hook');
  assert.deepEqual(
    r.lines.map((l) => l.kind),
    ['record', 'bad-json'],
  );
  assert.equal(r.lines[0].record, '{\n  "a": 1.0\n}');
  assert.match(r.route!.events[0].rows.at(-1)!.detail!, /Kinesis stream hooks/);
  const other = play('fluent.conf', 13, ['{}'], { tag: 'nowhere' });
  assert.equal(other.route!.unmatched, 1);
});

test("a lone <parse> (a parser filter's): lines through the parser only, with a catastrophic-backtracking warning", () => {
  const { play } = setup();
  const r = play('routes.conf', 21, ['hello world', `${'a '.repeat(20)}!`]);
  assert.equal(r.target?.mode, 'parse');
  assert.equal(r.route, undefined);
  assert.ok(
    r.warnings.some((w) => /backtrack/.test(w)),
    r.warnings.join('\n'),
  );
  assert.equal(r.lines[0].kind, 'record');
  // the hostile line ends (stopped or rejected), it does not hang the run
  assert.ok(['nomatch', 'not-simulated'].includes(r.lines[1].kind));
});

test('outside any <source> or <parse>, and bad input: a clear message, bounded work', () => {
  const { play } = setup();
  assert.match(play('routes.conf', 9, ['x']).error!, /Put the cursor in a <source> or a <parse>/);
  // a 1 MB line: parsed, shown cut
  const huge = `2024-03-05T10:11:12.1Z INFO ${'x'.repeat(1024 * 1024)}`;
  const r = play('fluent.conf', 6, [huge]);
  assert.equal(r.lines[0].kind, 'record');
  assert.ok(r.lines[0].text.length < 3000);
  assert.match(r.lines[0].record!, /more characters not shown/);
  // more lines than the playground takes: the rest are not run, and it says so
  const many = play(
    'fluent.conf',
    6,
    Array.from({ length: 6000 }, (_, i) => `2024-03-05T10:11:12.1Z INFO ${i}`),
  );
  assert.equal(many.lines.length, 5000);
  assert.match(many.warnings[0], /Only the first 5000 of 6000 lines/);
});

test('a lens "Try log lines…" on every <source> and <parse>', () => {
  const lenses = tryLogLinesLenses(parse(MAIN).document, 'file:///x/fluent.conf');
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command.title, l.command.command]),
    [
      [0, 'Try log lines…', 'fluentd.tryLogLines'],
      [5, 'Try log lines…', 'fluentd.tryLogLines'],
      [11, 'Try log lines…', 'fluentd.tryLogLines'],
    ],
  );
  assert.deepEqual(lenses[1].command.arguments, ['file:///x/fluent.conf', { line: 5, character: 2 }]);
});
