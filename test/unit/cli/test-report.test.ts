// fluentd-lint test's reports: JUnit XML that CI test views read (escaped, counted), JSON, text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestResult } from '../../../src/language/config-tests';
import { formatTestJson, formatTestJunit, formatTestSummary, formatTestText, xmlText, type FileReport } from '../../../src/cli/test-report';

const r = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 9 } });
const result = (name: string, status: TestResult['status'], failures: string[] = [], notes: string[] = []): TestResult => ({
  name,
  index: 0,
  range: r(3),
  status,
  durationMs: 12.3456,
  failures: failures.map((message) => ({ message, range: r(7) })),
  received: status === 'passed' ? ['out: 1 event'] : [],
  notes,
});

const files: FileReport[] = [
  {
    path: 'ci/a.fluent-test.yaml',
    problems: [],
    results: [
      result('ok', 'passed'),
      result('bad <one> & "two"', 'failed', ['field msg is "a\u001b[31m", not "b"\nReceived:\n{}']),
      result('stuck', 'errored', [], ['not simulated: filter dedot']),
      result('later', 'skipped', [], ['cancelled']),
    ],
  },
  {
    path: 'ci/broken.fluent-test.yaml',
    problems: [{ range: r(0), severity: 'error', code: 'test-yaml-syntax', message: 'bad indentation' }],
    results: [],
  },
];

test('JUnit XML: suites per file, failures and errors with their messages, an unusable file as an error', () => {
  const xml = formatTestJunit(files);
  assert.match(
    xml,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="fluentd-lint test" tests="5" failures="1" errors="2" skipped="1"/,
  );
  assert.match(
    xml,
    /<testsuite name="ci\/a.fluent-test.yaml" tests="4" failures="1" errors="1" skipped="1" time="0.049" file="ci\/a.fluent-test.yaml">/,
  );
  assert.match(xml, /<testcase name="ok" classname="ci\/a.fluent-test.yaml" file="ci\/a.fluent-test.yaml" line="4" time="0.012" \/>/);
  assert.match(xml, /<testcase name="bad &lt;one&gt; &amp; &quot;two&quot;"/);
  assert.match(
    xml,
    /<failure message="field msg is &quot;a\\u001b\[31m&quot;, not &quot;b&quot;" type="failed">ci\/a.fluent-test.yaml:8:5: field msg/,
  );
  assert.match(xml, /<error message="not simulated: filter dedot" type="errored">note: not simulated: filter dedot<\/error>/);
  assert.match(xml, /<skipped message="cancelled" \/>/);
  assert.match(
    xml,
    /<testcase name="\(test file\)"[^>]*>\n\s*<error message="bad indentation" type="unusable">ci\/broken.fluent-test.yaml:1:5: bad indentation \[test-yaml-syntax\]<\/error>/,
  );
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml), 'no character XML 1.0 cannot hold');
  assert.equal(xmlText('\ud800x'), '\\ufffdx');
});

test('JSON and text reports, and the summary', () => {
  const json = JSON.parse(formatTestJson(files));
  assert.deepEqual(json.summary, { passed: 1, failed: 1, errored: 1, skipped: 1 });
  assert.deepEqual(json.files[0].tests[1].failures[0], {
    message: 'field msg is "a\u001b[31m", not "b"\nReceived:\n{}',
    line: 8,
    column: 5,
  });
  assert.deepEqual(json.files[1].problems[0], {
    severity: 'error',
    code: 'test-yaml-syntax',
    message: 'bad indentation',
    line: 1,
    column: 5,
  });
  const text = formatTestText(files, false);
  assert.match(
    text,
    /^ci\/a.fluent-test.yaml\n {2}PASS ok \(12 ms\)\n {2}FAIL bad <one> & "two" \(12 ms\)\n {6}ci\/a.fluent-test.yaml:8:5: field msg is "a\\u001b\[31m", not "b"\n {8}Received:\n/,
  );
  assert.match(text, / {2}ERROR stuck \(12 ms\)\n {6}note: not simulated: filter dedot\n {2}SKIP later\n/);
  assert.match(text, /ERROR ci\/broken.fluent-test.yaml:1:5: bad indentation \[test-yaml-syntax\]/);
  assert.equal(formatTestSummary(files, false), '1 passed, 1 failed, 1 errored, 1 skipped in 2 files (1 could not be run)\n');
});
