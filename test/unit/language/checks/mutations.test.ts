// Mutation tests: take a real config Fluentd accepts, make one realistic mistake,
// and require exactly that finding — code, severity, line and quick-fix data — and
// nothing else new.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCatalog } from '../../../../src/language/catalog';
import { catalogueChecks } from '../../../../src/language/checks';
import { parse } from '../../../../src/language/parser';
import type { Diagnostic, Severity } from '../../../../src/language/types';
import { corpusAvailable, corpusRoot } from '../../../helpers/corpus';

/** Syntax findings and those of the catalogue checks (other analyses have their own tests). */
const lint = (text: string): Diagnostic[] => {
  const parsed = parse(text);
  const document = TextDocument.create('file:///mutation/fluent.conf', 'fluentd', 1, text);
  return [...parsed.diagnostics, ...catalogueChecks.flatMap((check) => check({ document, parsed, catalog: defaultCatalog() }))];
};
const key = (d: Diagnostic) => `${d.severity} ${d.code} ${d.message}`;

interface Mutation {
  /** What goes wrong, in words. */
  mistake: string;
  /** Under corpus/valid/. */
  file: string;
  find: string;
  replace: string;
  expect: { code: string; severity: Severity; line: number; data?: Record<string, unknown> };
}

const DS = 'fluent+fluentd-kubernetes-daemonset/docker-image/v1.19/debian-cloudwatch/conf';
const RT = 'aws-samples+amazon-ecs-firelens-examples/examples/splitting-log-streams/fluentd/rewrite-tag.conf';
const CW = 'fluent-plugins-nursery+fluent-plugin-cloudwatch-logs/example/fluentd.conf';
const EX = 'fluent+fluentd/example';

const MUTATIONS: Mutation[] = [
  {
    mistake: 'plugin name one letter short',
    file: RT,
    find: '@type rewrite_tag_filter',
    replace: '@type rewrite_tag_filtr',
    expect: { code: 'unknown-plugin', severity: 'error', line: 2, data: { replacement: 'rewrite_tag_filter' } },
  },
  {
    mistake: 'unbalanced group in a rule pattern',
    file: RT,
    find: '    pattern /debug/',
    replace: '    pattern /(?<level>debug/',
    expect: { code: 'invalid-value', severity: 'error', line: 5 },
  },
  {
    mistake: 'a <rule> without its key',
    file: RT,
    find: '  <rule>\n    key log\n    pattern /debug/',
    replace: '  <rule>\n    pattern /debug/',
    expect: { code: 'missing-required-param', severity: 'error', line: 3, data: { name: 'key', type: 'string' } },
  },
  {
    mistake: 'capitalised boolean',
    file: RT,
    find: '  use_tag_as_stream true',
    replace: '  use_tag_as_stream True',
    expect: { code: 'invalid-value', severity: 'error', line: 33, data: { replacement: 'true' } },
  },
  {
    mistake: 'swapped letters in a parameter name',
    file: RT,
    find: '  region ap-south-1',
    replace: '  regoin ap-south-1',
    expect: { code: 'unknown-param', severity: 'warning', line: 34, data: { replacement: 'region' } },
  },
  {
    mistake: 'time chunk key without timekey',
    file: CW,
    find: '  auto_create_stream true\n</match>',
    replace: '  auto_create_stream true\n  <buffer tag,time>\n  </buffer>\n</match>',
    expect: { code: 'buffer-time-without-timekey', severity: 'error', line: 18 },
  },
  {
    mistake: 'a parser named as an output',
    file: CW,
    find: '  @type stdout',
    replace: '  @type json',
    expect: { code: 'wrong-plugin-kind', severity: 'error', line: 21, data: { expected: 'output' } },
  },
  {
    mistake: '10k where an integer is expected',
    file: CW,
    find: '  auto_create_stream true\n</match>',
    replace: '  auto_create_stream true\n  max_events_per_batch 10k\n</match>',
    expect: { code: 'surprising-value', severity: 'warning', line: 18, data: { value: 10 } },
  },
  {
    mistake: 'a buffer parameter written at the <match> level',
    file: CW,
    find: '  auto_create_stream true\n</match>',
    replace: '  auto_create_stream true\n  chunk_limit_size 2m\n</match>',
    expect: { code: 'unknown-param', severity: 'warning', line: 18, data: { moveTo: 'buffer' } },
  },
  {
    mistake: 'misspelled flat v0.12 format',
    file: `${EX}/in_tail.conf`,
    find: '  format none',
    replace: '  format nonee',
    expect: { code: 'unknown-plugin', severity: 'error', line: 3, data: { kind: 'parser', replacement: 'none' } },
  },
  {
    mistake: 'milliseconds where Fluentd reads minutes',
    file: `${EX}/in_tail.conf`,
    find: '  rotate_wait 5',
    replace: '  rotate_wait 500ms',
    expect: { code: 'surprising-value', severity: 'warning', line: 7, data: { value: 30000, replacement: '0.5' } },
  },
  {
    mistake: 'a flat format next to a written <parse>',
    file: `${EX}/in_tail.conf`,
    find: '  refresh_interval 60\n',
    replace: '  refresh_interval 60\n  <parse>\n    @type json\n  </parse>\n',
    expect: { code: 'unknown-param', severity: 'warning', line: 3, data: { moveTo: 'parse' } },
  },
  {
    mistake: 'misspelled flat buffer_type',
    file: `${EX}/out_file.conf`,
    find: '  buffer_type memory',
    replace: '  buffer_type memroy',
    expect: { code: 'unknown-plugin', severity: 'error', line: 9, data: { kind: 'buffer', replacement: 'memory' } },
  },
  {
    mistake: '${tag} in an out_file path without the tag chunk key',
    file: `${EX}/out_file.conf`,
    find: '  path /var/log/fluentd/out_file_test',
    replace: '  path /var/log/fluentd/${tag}/out_file_test',
    expect: { code: 'missing-placeholder', severity: 'error', line: 7 },
  },
  {
    mistake: 'flat flush_interval in minutes written upper case',
    file: `${EX}/out_forward_buf_file.conf`,
    find: '    flush_interval 5',
    replace: '    flush_interval 5M',
    expect: { code: 'surprising-value', severity: 'warning', line: 15, data: { value: 5, replacement: '5m' } },
  },
  {
    mistake: 'a <server> without host',
    file: `${EX}/out_forward_buf_file.conf`,
    find: '        host 127.0.0.1\n',
    replace: '',
    expect: { code: 'missing-required-param', severity: 'error', line: 19, data: { name: 'host' } },
  },
  {
    mistake: 'the removed flat host of out_forward',
    file: `${EX}/out_forward_buf_file.conf`,
    find: '    heartbeat_interval 1\n',
    replace: '    heartbeat_interval 1\n    host 10.0.0.1\n',
    expect: { code: 'obsoleted-param', severity: 'error', line: 19 },
  },
  {
    mistake: 'a worker id beyond `workers`',
    file: `${EX}/worker_section.conf`,
    find: '<worker 0>',
    replace: '<worker 4>',
    expect: { code: 'worker-id', severity: 'error', line: 18 },
  },
  {
    mistake: 'a second <system>',
    file: `${EX}/worker_section.conf`,
    find: '</worker>',
    replace: '</worker>\n<system>\n  log_level debug\n</system>',
    expect: { code: 'duplicate-system', severity: 'error', line: 37 },
  },
  {
    mistake: '@label with swapped letters',
    file: `${EX}/secondary_file.conf`,
    find: '  @label @raw',
    replace: '  @label @rwa',
    expect: { code: 'undefined-label', severity: 'error', line: 12, data: { replacement: '@raw' } },
  },
  {
    mistake: 'flush_mode immediate with flush_interval',
    file: `${EX}/secondary_file.conf`,
    find: '    flush_mode interval',
    replace: '    flush_mode immediate',
    expect: { code: 'flush-interval-with-flush-mode', severity: 'error', line: 29 },
  },
  {
    mistake: 'time chunk key after deleting timekey',
    file: `${EX}/secondary_file.conf`,
    find: '    timekey 2s\n',
    replace: '',
    expect: { code: 'buffer-time-without-timekey', severity: 'error', line: 24 },
  },
  {
    mistake: 'misspelled section name',
    file: `${EX}/secondary_file.conf`,
    find: '  <secondary>\n    @type secondary_file\n    directory log/secondary/\n    basename ${tag}_%Y%m%d%L_${message}\n  </secondary>',
    replace:
      '  <secundary>\n    @type secondary_file\n    directory log/secondary/\n    basename ${tag}_%Y%m%d%L_${message}\n  </secundary>',
    expect: { code: 'unknown-section', severity: 'warning', line: 37, data: { replacement: 'secondary' } },
  },
  {
    mistake: 'filter plugin name with a stray letter',
    file: 'aws-samples+amazon-ecs-firelens-examples/examples/fluentd/multiline-logs/extra.conf',
    find: '@type concat',
    replace: '@type concatt',
    expect: { code: 'unknown-plugin', severity: 'error', line: 2, data: { kind: 'filter', replacement: 'concat' } },
  },
  {
    mistake: 'old `type` instead of @type',
    file: `${DS}/kubernetes/kubelet.conf`,
    find: '    @type kubernetes',
    replace: '    type kubernetes',
    expect: { code: 'deprecated-type-name', severity: 'warning', line: 9, data: { replacement: '@type' } },
  },
  {
    mistake: 'environment lookup left unquoted',
    file: `${DS}/fluent.conf`,
    find: `  log_group_name "#{ENV['LOG_GROUP_NAME']}"`,
    replace: `  log_group_name #{ENV['LOG_GROUP_NAME']}`,
    expect: { code: 'literal-embedded-ruby', severity: 'warning', line: 13, data: { replacement: `"#{ENV['LOG_GROUP_NAME']}"` } },
  },
  {
    mistake: 'copy-pasted @id',
    file: `${DS}/systemd.conf`,
    find: '  @id in_systemd_docker',
    replace: '  @id in_systemd_kubelet',
    expect: { code: 'duplicate-id', severity: 'error', line: 22 },
  },
  {
    mistake: 'a regexp parser whose groups have no names',
    file: `${EX}/in_tail.conf`,
    find: '  format none',
    replace: '  format /^(\\S+) (.*)$/',
    expect: { code: 'no-named-captures', severity: 'error', line: 3 },
  },
  {
    mistake: 'a single section written twice',
    file: `${EX}/secondary_file.conf`,
    find: '  <server>\n',
    replace: '  <buffer>\n  </buffer>\n  <server>\n',
    expect: { code: 'duplicate-section', severity: 'error', line: 32 },
  },
];

describe('one realistic mistake per file', { skip: !corpusAvailable() }, () => {
  for (const m of MUTATIONS) {
    it(`${m.mistake} (${m.file.split('/').pop()})`, () => {
      const original = readFileSync(join(corpusRoot, 'valid', m.file), 'utf8');
      assert.ok(original.includes(m.find), `the corpus file still contains ${JSON.stringify(m.find)}`);
      const mutated = original.replace(m.find, m.replace);
      const before = new Map<string, number>();
      for (const d of lint(original)) before.set(key(d), (before.get(key(d)) ?? 0) + 1);
      const added: Diagnostic[] = [];
      for (const d of lint(mutated)) {
        const n = before.get(key(d)) ?? 0;
        if (n > 0) before.set(key(d), n - 1);
        else added.push(d);
      }
      const show = added.map((d) => `${d.range.start.line + 1}: ${key(d)}`).join('\n');
      assert.equal(added.length, 1, `exactly one new finding:\n${show}`);
      const [d] = added;
      assert.equal(d.code, m.expect.code, show);
      assert.equal(d.severity, m.expect.severity, show);
      assert.equal(d.range.start.line + 1, m.expect.line, show);
      for (const [k, v] of Object.entries(m.expect.data ?? {})) {
        assert.deepEqual((d.data as Record<string, unknown>)?.[k], v, `data.${k}: ${JSON.stringify(d.data)}`);
      }
    });
  }
});
