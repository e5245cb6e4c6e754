// fluentd-lint --format sarif: the built CLI's output validated against the official SARIF 2.1.0
// schema (draft-04, with its URI and date formats checked), and read back: rules, results,
// regions, levels, and artifact locations that resolve to the files checked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../src/cli/rules';
import { parseReport, runCli, tempTree } from './harness';

const schema = JSON.parse(readFileSync(join(__dirname, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(doc: unknown): void {
  const ok = validate(doc);
  assert.ok(ok, `not valid SARIF 2.1.0:\n${JSON.stringify(validate.errors, null, 2)}`);
}

const tree = tempTree({
  'fluent.conf': '<source>\n  @type tail\n  path /var/log/x.log\n  tag app.x\n  bogus_param 1\n</source>\n<match app.**>\n  @type stdout\n',
  'conf.d/with space #1.conf': '<match a>\n  @type nul\n</match>\n',
  'ok/clean.conf': '<match **>\n  @type stdout\n</match>\n',
  'k8s/configmap.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fluentd}\ndata:\n  fluent.conf: |\n    <match **>\n      @type stdout\n      unknown_x 1\n    </match>\n',
});
after(() => tree.cleanup());

describe('--format sarif', () => {
  test('is valid SARIF 2.1.0 and says what the JSON format says', () => {
    const sarif = runCli(['--format', 'sarif', '.'], { cwd: tree.dir });
    const json = runCli(['--format', 'json', '.'], { cwd: tree.dir });
    assert.equal(sarif.status, 1, sarif.stderr); // errors found
    assert.equal(sarif.stderr, '', 'machine formats print no summary');
    const doc = JSON.parse(sarif.stdout);
    assertValid(doc);
    assert.equal(doc.version, '2.1.0');
    const run = doc.runs[0];
    assert.equal(run.tool.driver.name, 'fluentd-lint');
    assert.equal(run.columnKind, 'unicodeCodePoints');

    const expected = parseReport(json.stdout).files.flatMap((f) => f.diagnostics.map((d) => ({ path: f.path, ...d })));
    assert.ok(expected.length >= 3, `fixture should have findings: ${json.stdout}`);
    assert.equal(run.results.length, expected.length);
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as Record<string, string>;
    run.results.forEach((r: any, i: number) => {
      const e = expected[i];
      assert.equal(r.ruleId, e.code);
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, e.code, 'ruleIndex points at the rule');
      assert.equal(r.level, level[e.severity]);
      assert.equal(r.message.text, e.message);
      const loc = r.locations[0].physicalLocation;
      assert.deepEqual(loc.region, { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn });
      // the artifact URI, resolved against %SRCROOT%, is the file that was checked
      const base = run.originalUriBaseIds[loc.artifactLocation.uriBaseId].uri;
      assert.equal(fileURLToPath(new URL(loc.artifactLocation.uri, base)), resolve(tree.dir, e.path));
    });
    // a path with a space and a '#' is percent-encoded, not cut at the '#'
    assert.ok(run.results.some((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'conf.d/with%20space%20%231.conf'));
  });

  test('carries every known rule with its help, and each result names one', () => {
    const r = runCli(['--format', 'sarif', 'ok'], { cwd: tree.dir });
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assertValid(doc);
    const rules = doc.runs[0].tool.driver.rules;
    assert.deepEqual(
      rules.map((x: any) => x.id),
      Object.keys(RULES),
    );
    for (const rule of rules) {
      assert.ok(rule.shortDescription.text.length > 5, rule.id);
      assert.ok(rule.help.text.length > 5, rule.id);
    }
    assert.deepEqual(doc.runs[0].results, []);
  });

  test('absolute paths become file URIs', () => {
    const r = runCli(['--format', 'sarif', join(tree.dir, 'fluent.conf')], { cwd: tree.dir });
    const doc = JSON.parse(r.stdout);
    assertValid(doc);
    const loc = doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(loc.uriBaseId, undefined);
    assert.equal(fileURLToPath(loc.uri), join(tree.dir, 'fluent.conf'));
  });

  test('the schema check itself rejects a broken document (so a pass means something)', () => {
    const r = runCli(['--format', 'sarif', 'fluent.conf'], { cwd: tree.dir });
    const doc = JSON.parse(r.stdout);
    delete doc.runs[0].results[0].locations[0].physicalLocation.region.startLine;
    doc.runs[0].results[0].level = 'fatal';
    assert.equal(validate(doc), false);
  });
});
