// Agreement with Fluentd on the shared corpus: no error on any config Fluentd 1.16.5
// starts with (and exactly the reviewed warnings), an error on the right line for
// every config it refuses, and a warning on the right line for the accepted-but-wrong
// configs — which go quiet once the suggested fix is applied.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCatalog } from '../../../../src/language/catalog';
import { catalogueChecks } from '../../../../src/language/checks';
import { parse } from '../../../../src/language/parser';
import type { Diagnostic } from '../../../../src/language/types';
import { acceptedButWrong, corpusAvailable, fluentdParseError, invalidCases, validConfigs } from '../../../helpers/corpus';

/** Syntax findings and those of the catalogue checks (routing and include analyses have their own tests). */
const lint = (text: string, name = 'fluent.conf'): Diagnostic[] => {
  const parsed = parse(text);
  const document = TextDocument.create(`file:///corpus/${name}`, 'fluentd', 1, text);
  return [...parsed.diagnostics, ...catalogueChecks.flatMap((check) => check({ document, parsed, catalog: defaultCatalog() }))];
};
const show = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}: ${d.severity} ${d.code} ${d.message}`).join('\n');
const skip = !corpusAvailable();

/**
 * Every warning the checks give on the configs Fluentd accepts, reviewed one by one
 * (file, 1-based line, code). Each is something Fluentd itself warns about or a
 * real mistake it passes over silently; see the comments.
 */
const REVIEWED_WARNINGS: [file: string, line: number, code: string][] = [
  // Fluentd warns: these parameters are deprecated in the plugin definitions
  ['fluent-plugins-nursery+fluent-plugin-cloudwatch-logs/example/fluentd.conf', 10, 'deprecated-param'],
  ['fluent+fluentd/example/v0_12_filter.conf', 25, 'deprecated-param'],
  ['fluent+fluentd/example/v0_12_filter.conf', 65, 'deprecated-param'],
  ['fluent+fluentd/example/out_copy.conf', 7, 'deprecated-param'],
  ['fluent+fluentd/example/in_udp.conf', 6, 'deprecated-param'],
  ['fluent+fluentd/example/in_udp.conf', 7, 'deprecated-param'],
  ['fluent+fluentd/example/in_tcp.conf', 7, 'deprecated-param'],
  ['fluent+fluentd/example/in_syslog.conf', 6, 'deprecated-param'],
  ['fluent+fluentd/example/in_syslog.conf', 7, 'deprecated-param'],
  ['fluent+fluent-package-builder/fluent-package/test-tools/s3.conf', 15, 'deprecated-param'],
  // `expire_dns_cache nil`: there is no nil literal; Fluentd reads 0 seconds (expire at once)
  ['fluent+fluentd/example/out_forward.conf', 32, 'surprising-value'],
  // Fluentd warns "parameter 'flush_method' in <buffer time> is not used" (a v0.12 leftover)
  ['fluent+fluent-package-builder/fluent-package/test-tools/fluentd.conf', 39, 'unknown-param'],
  ['fluent+fluent-package-builder/fluent-package/test-tools/fluentd.conf', 53, 'unknown-param'],
  ['fluent+fluent-package-builder/fluent-package/test-tools/fluentd.conf', 67, 'unknown-param'],
  // out_kinesis_streams 3.x has no include_time_key (no compat conversion): Fluentd warns it is not used
  ['fluent+fluentd-kubernetes-daemonset/docker-image/v1.19/debian-kinesis/conf/fluent.conf', 15, 'unknown-param'],
];

describe('valid corpus: Fluentd starts with these', { skip }, () => {
  const configs = skip ? [] : validConfigs().filter((c) => c.verdict === 'ok');
  it('has the configs', () => assert.ok(configs.length >= 150, `${configs.length} configs`));
  for (const c of configs) {
    it(`no error: ${c.name}`, () => {
      const errors = lint(c.text, c.name).filter((d) => d.severity === 'error');
      assert.equal(errors.length, 0, show(errors));
    });
  }
  it('only the reviewed warnings', () => {
    const got: string[] = [];
    for (const c of configs) {
      for (const d of lint(c.text, c.name)) if (d.severity === 'warning') got.push(`${c.name}:${d.range.start.line + 1}:${d.code}`);
    }
    assert.deepEqual(got.sort(), REVIEWED_WARNINGS.map(([f, l, code]) => `${f}:${l}:${code}`).sort());
  });
  it('skipped configs: the plugin outside the catalogue is named', () => {
    for (const c of validConfigs().filter((v) => v.verdict === 'skip' && /not in the catalogue/.test(v.reason))) {
      const plugin = /plugin '([^']+)'/.exec(c.reason)![1];
      const hits = lint(c.text, c.name).filter((d) => d.code === 'unknown-plugin' && (d.data as { name?: string })?.name === plugin);
      assert.equal(hits.length, 1, `${c.name}: ${plugin}`);
      assert.equal(hits[0].severity, 'warning', 'a plugin no catalogue knows may be installed: a warning');
    }
  });
});

/** Where each refused config goes wrong (1-based line) and the code that says so. */
const EXPECTED_ERRORS: Record<string, [line: number, code: string]> = {
  '14-missing-type.conf': [1, 'missing-type'],
  '15-label-twice.conf': [6, 'duplicate-label'],
  '16-root-label.conf': [1, 'root-label'],
  '17-label-without-match.conf': [6, 'label-without-match'],
  '18-undefined-label.conf': [4, 'undefined-label'],
  '19-unknown-plugin.conf': [2, 'unknown-plugin'],
  '20-bad-enum.conf': [5, 'invalid-value'],
  '21-bool-uppercase.conf': [6, 'invalid-value'],
  '22-tail-without-path.conf': [1, 'missing-required-param'],
  '23-time-key-without-timekey.conf': [3, 'buffer-time-without-timekey'],
  '24-flush-interval-with-immediate.conf': [6, 'flush-interval-with-flush-mode'],
  '25-regexp-without-named-captures.conf': [7, 'no-named-captures'],
  '26-duplicate-id.conf': [8, 'duplicate-id'],
  '27-tail-without-parse.conf': [1, 'missing-required-section'],
  '28-cloudwatch-bad-overflow.conf': [7, 'invalid-value'],
  '29-bad-regexp.conf': [7, 'invalid-value'],
  '30-rewrite-tag-filter-without-rule.conf': [1, 'missing-required-section'],
  '31-chunk-key-without-placeholder.conf': [3, 'missing-placeholder'],
};

describe('invalid corpus: Fluentd refuses these', { skip }, () => {
  const cases = skip ? [] : invalidCases();
  for (const c of cases) {
    const parseError = fluentdParseError(c.verdict);
    it(`${c.name} — ${c.verdict.slice(0, 90)}`, () => {
      const ds = lint(c.text, c.name);
      const errors = ds.filter((d) => d.severity === 'error');
      if (parseError) {
        // where a syntax error is reported is the parser's tests' business
        assert.ok(errors.length > 0, show(ds));
        return;
      }
      const expected = EXPECTED_ERRORS[c.name];
      assert.ok(expected, `expectation for ${c.name}`);
      const [line, code] = expected;
      assert.ok(
        errors.some((d) => d.code === code && d.range.start.line + 1 === line),
        `${code} on line ${line}:\n${show(ds)}`,
      );
      // and nothing else is called an error
      assert.deepEqual(
        errors.filter((d) => !(d.code === code && d.range.start.line + 1 === line)).map((d) => `${d.range.start.line + 1}: ${d.code}`),
        [],
      );
    });
  }
  it('says what Fluentd says', () => {
    const msg = (name: string) =>
      lint(cases.find((c) => c.name === name)!.text)
        .filter((d) => d.severity === 'error')
        .map((d) => d.message)
        .join('\n');
    assert.match(msg('20-bad-enum.conf'), /valid options are exponential_backoff,periodic but got sometimes/);
    assert.match(msg('21-bool-uppercase.conf'), /'read_from_head' parameter is required but nil is specified/);
    assert.match(msg('22-tail-without-path.conf'), /'path' parameter is required/);
    assert.match(msg('23-time-key-without-timekey.conf'), /argument includes 'time', but timekey is not configured/);
    assert.match(msg('26-duplicate-id.conf'), /Duplicated plugin id `input1`/);
    assert.match(msg('29-bad-regexp.conf'), /Invalid regexp in format_firstline: unmatched close parenthesis: \/\^\(\. Time\)\)\/m/);
    assert.match(msg('30-rewrite-tag-filter-without-rule.conf'), /missing rewriterules/);
    assert.match(msg('31-chunk-key-without-placeholder.conf'), /doesn't have tag placeholder/);
  });
  it('the near-miss plugin name carries its quick fix', () => {
    const d = lint(cases.find((c) => c.name === '19-unknown-plugin.conf')!.text).find((x) => x.code === 'unknown-plugin')!;
    assert.deepEqual(d.data, { kind: 'input', name: 'tial', replacement: 'tail' });
  });
});

/** Accepted-but-wrong configs the catalogue checks cover: [line, code] each. */
const EXPECTED_WARNINGS: Record<string, [line: number, code: string][]> = {
  '01-units.conf': [
    [7, 'surprising-value'],
    [8, 'surprising-value'],
    [9, 'surprising-value'],
  ],
  '02-integer-coerced.conf': [[3, 'surprising-value']],
  '03-env-not-evaluated.conf': [
    [3, 'literal-embedded-ruby'],
    [4, 'literal-embedded-ruby'],
  ],
  '07-misspelled-param.conf': [[7, 'unknown-param']],
};

/** Applies each finding's `data.replacement` to the text it points at (what the quick fix does). */
function applyReplacements(text: string, ds: Diagnostic[]): string {
  const lines = text.split('\n');
  const edits = ds
    .filter((d) => typeof (d.data as { replacement?: unknown })?.replacement === 'string' && !(d.data as { moveTo?: unknown }).moveTo)
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const d of edits) {
    const { start, end } = d.range;
    assert.equal(start.line, end.line);
    const l = lines[start.line];
    lines[start.line] = l.slice(0, start.character) + (d.data as { replacement: string }).replacement + l.slice(end.character);
  }
  return lines.join('\n');
}

describe('accepted but wrong: Fluentd starts, an editor should warn', { skip }, () => {
  const cases = skip ? [] : acceptedButWrong().filter((c) => EXPECTED_WARNINGS[c.name]);
  it('covers 01, 02, 03 and 07', () => assert.equal(cases.length, 4));
  for (const c of cases) {
    it(`${c.name}: ${c.problem}`, () => {
      const ds = lint(c.text, c.name);
      assert.deepEqual(
        ds.filter((d) => d.severity === 'error'),
        [],
      );
      const got = ds.filter((d) => d.severity === 'warning').map((d) => [d.range.start.line + 1, d.code]);
      assert.deepEqual(got, EXPECTED_WARNINGS[c.name], show(ds));
    });
  }
  it('01: says what Fluentd will use, and the fix is quiet', () => {
    const c = cases.find((x) => x.name === '01-units.conf')!;
    const ds = lint(c.text);
    assert.match(ds[0].message, /8 bytes/);
    assert.match(ds[1].message, /5 GiB/);
    assert.match(ds[2].message, /10 seconds/);
    assert.deepEqual(
      ds.map((d) => (d.data as { replacement?: string }).replacement),
      ['8m', '1536m', '10m'],
    );
    const fixed = applyReplacements(c.text, ds);
    assert.deepEqual(lint(fixed), [], fixed);
  });
  it('02: port abc is 0; a number is quiet', () => {
    const c = cases.find((x) => x.name === '02-integer-coerced.conf')!;
    assert.match(lint(c.text)[0].message, /will use 0/);
    assert.deepEqual(lint(c.text.replace('port abc', 'port 24224')), []);
  });
  it('03: the double-quoted form is evaluated, and quiet', () => {
    const c = cases.find((x) => x.name === '03-env-not-evaluated.conf')!;
    const ds = lint(c.text);
    assert.deepEqual(
      ds.map((d) => (d.data as { replacement?: string }).replacement),
      ['"#{ENV["AWS_REGION"]}"', '"#{ENV["LOG_GROUP"]}"'],
    );
    const fixed = applyReplacements(c.text, ds);
    assert.deepEqual(lint(fixed), [], fixed);
  });
  it('07: flush_intervall — did you mean flush_interval inside <buffer>; the fix is quiet', () => {
    const c = cases.find((x) => x.name === '07-misspelled-param.conf')!;
    const [d] = lint(c.text);
    assert.deepEqual(d.data, { name: 'flush_intervall', replacement: 'flush_interval', moveTo: 'buffer' });
    const fixed = c.text.replace('  flush_intervall 5s\n', '  <buffer>\n    flush_interval 5s\n  </buffer>\n');
    assert.notEqual(fixed, c.text);
    assert.deepEqual(lint(fixed), [], fixed);
  });
});
