// Individual check rules on small configs: what Fluentd refuses, what it only warns
// about, where flat v0.12 params are accepted, and the payloads quick fixes use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeCatalog } from '../../../../src/language/catalog';
import { defaultCatalog } from '../../../../src/language/catalog';
import { FluentdLanguageService } from '../../../../src/language/service';
import type { Diagnostic } from '../../../../src/language/types';

const service = new FluentdLanguageService();
let n = 0;
/** Codes the catalogue checks give (the service adds other analyses, tested elsewhere). */
const CODES = new Set(
  'missing-type wrong-plugin-kind unknown-plugin deprecated-type-name missing-required-param missing-required-section duplicate-section missing-section-argument unknown-param unknown-section deprecated-param obsoleted-param invalid-value surprising-value no-named-captures literal-embedded-ruby duplicate-id duplicate-label root-label label-without-match label-without-name undefined-label worker-without-id worker-id worker-child duplicate-system buffer-time-without-timekey flush-interval-with-flush-mode missing-placeholder secondary-nesting secondary-with-retry-forever'.split(
    ' ',
  ),
);
const lint = (lines: string[], svc = service): Diagnostic[] =>
  svc.diagnostics(TextDocument.create(`file:///rules/${++n}.conf`, 'fluentd', 1, lines.join('\n'))).filter((d) => CODES.has(d.code));
/** `line:code` (1-based) of every finding at or above a severity. */
const findings = (ds: Diagnostic[], severities = ['error', 'warning']) =>
  ds.filter((d) => severities.includes(d.severity)).map((d) => `${d.range.start.line + 1}:${d.code}`);
const find = (ds: Diagnostic[], code: string) => {
  const d = ds.find((x) => x.code === code);
  assert.ok(d, `${code} in:\n${ds.map((x) => `${x.range.start.line + 1} ${x.code} ${x.message}`).join('\n')}`);
  return d;
};

const OUT = ['<match **>', '  @type stdout', '</match>'];

describe('@type', () => {
  it('missing on a directive and in <store>; a <buffer> has a default', () => {
    const ds = lint(['<match a>', '  @type copy', '  <store>', '    path x', '  </store>', '</match>', '<filter **>', '</filter>']);
    assert.deepEqual(findings(ds, ['error']), ['3:missing-type', '7:missing-type']);
    assert.deepEqual(find(ds, 'missing-type').data, { kind: 'output' });
    assert.deepEqual(findings(lint(['<match **>', '  @type file', '  path /x', '  <buffer>', '  </buffer>', '</match>'])), []);
  });
  it('a required <parse> @type', () => {
    const ds = lint([
      '<source>',
      '  @type tail',
      '  path /x',
      '  tag t',
      '  <parse>',
      '    time_format %s',
      '  </parse>',
      '</source>',
      ...OUT,
    ]);
    assert.deepEqual(findings(ds), ['5:missing-type']);
  });
  it('is judged in every section kind: buffer, parse, format, secondary', () => {
    const ds = lint([
      '<match **>',
      '  @type file',
      '  path /x',
      '  <buffer>',
      '    @type fil',
      '  </buffer>',
      '  <format>',
      '    @type jsn',
      '  </format>',
      '  <secondary>',
      '    @type secondary_fil',
      '  </secondary>',
      '</match>',
    ]);
    assert.deepEqual(
      ds.filter((d) => d.code === 'unknown-plugin').map((d) => (d.data as { replacement: string }).replacement),
      ['file', 'json', 'secondary_file'],
    );
  });
  it('a plugin no catalogue knows is a warning', () => {
    const d = find(lint(['<match **>', '  @type kafka2', '  brokers x', '</match>']), 'unknown-plugin');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(findings(lint(['<match **>', '  @type kafka2', '  anything goes', '</match>'])), ['2:unknown-plugin']);
  });
});

describe('parameters and sections', () => {
  it('deprecated params carry the replacement', () => {
    const d = find(
      lint(['<match **>', '  @type copy', '  deep_copy true', '  <store>', '    @type stdout', '  </store>', '</match>']),
      'deprecated-param',
    );
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.data, { name: 'deep_copy', replacement: 'copy_mode' });
  });
  it('old reserved names id and log_level: deprecated, with the @ form; log_level in <system> is its own param', () => {
    const ds = lint([
      '<source>',
      '  @type forward',
      '  id in1',
      '  log_level debug',
      '</source>',
      '<system>',
      '  log_level debug',
      '</system>',
      ...OUT,
    ]);
    assert.deepEqual(findings(ds), ['3:deprecated-param', '4:deprecated-param']);
    assert.deepEqual(
      ds.map((d) => d.data),
      [
        { name: 'id', replacement: '@id' },
        { name: 'log_level', replacement: '@log_level' },
      ],
    );
  });
  it('flat rewriteruleN is refused by rewrite_tag_filter 2.x', () => {
    const ds = lint([
      '<match **>',
      '  @type rewrite_tag_filter',
      '  rewriterule1 log ^x$ x.tag',
      '  <rule>',
      '    key log',
      '    pattern /x/',
      '    tag y',
      '  </rule>',
      '</match>',
    ]);
    assert.deepEqual(findings(ds), ['3:obsoleted-param']);
  });
  it('exec_filter reads its own flat in_*/out_* keys', () => {
    const ds = lint([
      '<match **>',
      '  @type exec_filter',
      '  command cat',
      '  tag out',
      '  in_format json',
      '  out_format json',
      '</match>',
    ]);
    assert.deepEqual(findings(ds), []);
  });
  it('flat v0.12 params are used only by plugins that convert them', () => {
    // out_file converts buffer params; out_stdout does not
    assert.deepEqual(
      findings(lint(['<match **>', '  @type file', '  path /x', '  flush_interval 10s', '  buffer_chunk_limit 8m', '</match>'])),
      [],
    );
    const ds = lint(['<match **>', '  @type stdout', '  flush_interval 10s', '</match>']);
    assert.deepEqual(findings(ds), ['3:unknown-param']);
    assert.deepEqual(find(ds, 'unknown-param').data, { name: 'flush_interval', moveTo: 'buffer' });
  });
  it('flat params get the type of their target: buffer_chunk_limit is a size', () => {
    const ds = lint(['<match **>', '  @type file', '  path /x', '  buffer_chunk_limit 8 MB', '</match>']);
    assert.deepEqual(findings(ds), ['4:surprising-value']);
  });
  it('in_tail reads flat formatN for the multiline parser', () => {
    const ok = [
      '<source>',
      '  @type tail',
      '  path /x',
      '  tag t',
      '  format multiline',
      '  format_firstline /^\\d+/',
      '  format1 /^(?<time>\\d+) (?<msg>.*)/',
      '</source>',
      ...OUT,
    ];
    assert.deepEqual(findings(lint(ok)), []);
    const jump = lint(ok.map((l) => l.replace('format1 ', 'format2 ')));
    assert.deepEqual(findings(jump), ['7:invalid-value']);
    assert.match(find(jump, 'invalid-value').message, /Jump of format index found. format1 is missing/);
    const noNames = lint(ok.map((l) => l.replace('(?<time>\\d+) (?<msg>.*)', '(\\d+) (.*)')));
    assert.deepEqual(findings(noNames), ['7:no-named-captures']);
  });
  it('multiline parser without format1', () => {
    const ds = lint([
      '<source>',
      '  @type tail',
      '  path /x',
      '  tag t',
      '  <parse>',
      '    @type multiline',
      '  </parse>',
      '</source>',
      ...OUT,
    ]);
    assert.deepEqual(findings(ds), ['5:missing-required-param']);
    assert.equal((find(ds, 'missing-required-param').data as { name: string }).name, 'format1');
  });
  it('required nested sections and params: <server> host, <security> keys', () => {
    const ds = lint([
      '<match **>',
      '  @type forward',
      '  <server>',
      '    port 24224',
      '  </server>',
      '  <security>',
      '  </security>',
      '</match>',
    ]);
    assert.deepEqual(findings(ds), ['3:missing-required-param', '6:missing-required-param', '6:missing-required-param']);
  });
  it('an enum section argument: <transport tcp|tls>', () => {
    const ds = lint(['<source>', '  @type forward', '  <transport tsl>', '  </transport>', '</source>', ...OUT]);
    const d = find(ds, 'invalid-value');
    assert.equal(d.range.start.line, 2);
    assert.equal((d.data as { replacement: string }).replacement, 'tls');
  });
  it('hand-read sub-elements (<record>) accept any key', () => {
    const ds = lint([
      '<filter **>',
      '  @type record_transformer',
      '  <record>',
      '    anything "${tag}"',
      '  </record>',
      '</filter>',
      ...OUT,
    ]);
    assert.deepEqual(findings(ds), []);
  });
  it('@label on a plugin that does not emit events is not used', () => {
    const ds = lint(['<match **>', '  @type stdout', '  @label @x', '</match>', '<label @x>', ...OUT, '</label>']);
    assert.deepEqual(findings(ds), ['3:unknown-param']);
    assert.deepEqual(findings(lint(['<match **>', '  @type relabel', '  @label @x', '</match>', '<label @x>', ...OUT, '</label>'])), []);
  });
  it('an element that @includes its content is not judged incomplete', () => {
    assert.deepEqual(
      findings(lint(['<source>', '  @type tail', '  path /x', '  tag t', '  @include parse.conf', '</source>', ...OUT])),
      [],
    );
  });
  it('a file of bare sections is a fragment (information, not a warning)', () => {
    const ds = lint(['<parse>', '  @type json', '</parse>']);
    assert.deepEqual(findings(ds, ['information']), ['1:unknown-section']);
    assert.deepEqual(findings(ds), []);
  });
  it('a misspelled directive at the top level', () => {
    const d = find(lint(['<sourse>', '  @type forward', '</sourse>', ...OUT]), 'unknown-section');
    assert.deepEqual(d.data, { name: 'sourse', replacement: 'source' });
  });
});

describe('values', () => {
  it('a bool whose default is nil stays unset: a warning, not an error', () => {
    const ds = lint(['<system>', '  suppress_repeated_stacktrace TRUE', '</system>']);
    assert.deepEqual(findings(ds), ['2:surprising-value']);
  });
  it('strict_config_value turns coercions into errors', () => {
    const ds = lint([
      '<system>',
      '  strict_config_value true',
      '</system>',
      '<source>',
      '  @type forward',
      '  port abc',
      '</source>',
      ...OUT,
    ]);
    assert.deepEqual(findings(ds), ['6:invalid-value']);
  });
  it('values computed at start-up are not judged', () => {
    assert.deepEqual(findings(lint(['<source>', '  @type forward', '  port "#{ENV[\'PORT\']}"', '</source>', ...OUT])), []);
  });
  it('enum did-you-mean', () => {
    const d = find(
      lint(['<match **>', '  @type stdout', '  <buffer>', '    overflow_action drop_oldest', '  </buffer>', '</match>']),
      'invalid-value',
    );
    assert.deepEqual(d.data, {
      name: 'overflow_action',
      choices: ['throw_exception', 'block', 'drop_oldest_chunk'],
      replacement: 'drop_oldest_chunk',
    });
  });
});

describe('structure', () => {
  it('labels: @ERROR needs no definition; a nameless label is refused', () => {
    assert.deepEqual(findings(lint(['<source>', '  @type forward', '  @label @ERROR', '</source>', ...OUT])), []);
    assert.deepEqual(findings(lint(['<label>', ...OUT, '</label>'])), ['1:label-without-name']);
  });
  it('an undefined label is only a warning when an @include may define it', () => {
    const d = find(lint(['@include labels.conf', '<source>', '  @type forward', '  @label @x', '</source>']), 'undefined-label');
    assert.equal(d.severity, 'warning');
  });
  it('<source> inside <label> is ignored', () => {
    const ds = lint(['<label @x>', '  <source>', '    @type forward', '  </source>', ...OUT, '</label>']);
    assert.deepEqual(findings(ds), ['2:unknown-section']);
  });
  it('<worker> rules', () => {
    const sys = ['<system>', '  workers 2', '</system>'];
    assert.deepEqual(findings(lint([...sys, '<worker 0-1>', '  <source>', '    @type forward', '  </source>', '</worker>', ...OUT])), []);
    assert.deepEqual(findings(lint([...sys, '<worker 1-0>', '</worker>'])), ['4:worker-id']);
    assert.deepEqual(findings(lint([...sys, '<worker>', '</worker>'])), ['4:worker-without-id']);
    assert.deepEqual(findings(lint([...sys, '<worker 0>', '  <system>', '  </system>', '</worker>'])), ['5:worker-child']);
    assert.deepEqual(findings(lint([...sys, '<worker 0>', '</worker>', '<worker 0-1>', '</worker>'])), ['6:worker-id']);
  });
  it('the same @id in different workers is fine, in the same worker not', () => {
    const sys = ['<system>', '  workers 2', '</system>'];
    const src = (id: string) => ['  <source>', '    @type forward', `    @id ${id}`, '  </source>'];
    assert.deepEqual(findings(lint([...sys, '<worker 0>', ...src('a'), '</worker>', '<worker 1>', ...src('a'), '</worker>'])), []);
    assert.deepEqual(findings(lint([...sys, '<worker 0>', ...src('a'), ...src('a'), '</worker>'])), ['11:duplicate-id']);
  });
  it('<secondary> rules of Output#configure', () => {
    const base = ['<match **>', '  @type forward', '  <server>', '    host a', '  </server>'];
    assert.deepEqual(
      findings(lint([...base, '  <secondary>', '    @type secondary_file', '    directory /d', '  </secondary>', '</match>'])),
      [],
    );
    assert.deepEqual(
      findings(
        lint([
          ...base,
          '  <secondary>',
          '    @type secondary_file',
          '    directory /d',
          '    <buffer>',
          '    </buffer>',
          '  </secondary>',
          '</match>',
        ]),
      ),
      ['9:secondary-nesting'],
    );
    assert.deepEqual(
      findings(
        lint([
          ...base,
          '  <buffer>',
          '    retry_forever true',
          '  </buffer>',
          '  <secondary>',
          '    @type secondary_file',
          '    directory /d',
          '  </secondary>',
          '</match>',
        ]),
      ),
      ['9:secondary-with-retry-forever'],
    );
  });
  it('out_file chunk keys need placeholders', () => {
    const ok = ['<match **>', '  @type file', '  path /x/${tag}/${user}', '  <buffer tag,user>', '  </buffer>', '</match>'];
    assert.deepEqual(findings(lint(ok)), []);
    const ds = lint(ok.map((l) => l.replace('/${user}', '')));
    assert.deepEqual(findings(ds), ['3:missing-placeholder']);
    assert.match(ds[0].message, /doesn't have enough placeholders for keys user/);
  });
});

describe('custom catalogue', () => {
  it('the service uses the catalogue it is given', () => {
    const extra = normalizeCatalog({
      plugins: { 'output/acme': { params: [{ name: 'endpoint', type: 'string', required: true }], sections: {} } },
    }).data;
    const svc = new FluentdLanguageService({ catalog: defaultCatalog().merge(extra) });
    const conf = ['<match **>', '  @type acme', '  endpont x', '</match>'];
    assert.deepEqual(findings(lint(conf)), ['2:unknown-plugin'], 'the bundled catalogue does not know acme');
    const ds = lint(conf, svc);
    assert.deepEqual(findings(ds).sort(), ['1:missing-required-param', '3:unknown-param']);
    assert.equal((find(ds, 'unknown-param').data as { replacement: string }).replacement, 'endpoint');
  });
});

describe('robustness', () => {
  it('never throws on broken or odd input', () => {
    const odd = [
      '<match',
      '<source>\n@type\n<parse>\n@type multiline\nformat0 /x/\nformat21 (\n</parse>',
      '<match **>\n@type file\npath ${tag\n<buffer tag,,time,>\n</buffer>',
      '<worker 99999999999-0>\n</worker>',
      '<system>\nworkers abc\n</system>\n<worker 0>\n</worker>',
      '<label @x>\n<label @x>\n</label>\n</label>',
      '<match **>\n@type copy\n<store>\n<store>\n@type stdout\n</store>\n</store>\n</match>',
      '<filter **>\n@type parser\nkey_name log\nformat /(?<a/\n</filter>',
      '<source>\n@type tail\nformat1 /a\n</source>',
      'x'.repeat(10000),
    ];
    for (const text of odd) {
      const ds = service.diagnostics(TextDocument.create(`file:///odd/${++n}`, 'fluentd', 1, text));
      assert.ok(
        !ds.some((d) => d.code === 'internal-error'),
        `${JSON.stringify(text.slice(0, 60))}: ${ds.find((d) => d.code === 'internal-error')?.message}`,
      );
    }
  });
});
