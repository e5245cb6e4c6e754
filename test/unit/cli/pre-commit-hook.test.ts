// .pre-commit-hooks.yaml: the hook pre-commit reads from this repository runs the fluentd-lint
// package of this version, on the files fluentd-lint checks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');

test('the pre-commit hook runs this version of fluentd-lint on .conf and YAML files', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  assert.equal(hooks.length, 1);
  const [hook] = hooks;
  for (const key of ['id', 'name', 'entry', 'language']) assert.equal(typeof hook[key], 'string', key);
  assert.equal(hook.id, 'fluentd-lint');
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(hook.entry, `npx --yes fluentd-lint@${version}`);
  const files = new RegExp(hook.files as string);
  for (const f of ['fluent.conf', 'conf.d/a.conf', 'k8s/configmap.yaml', 'x.yml']) assert.ok(files.test(f), f);
  for (const f of ['README.md', 'fluent.conf.bak', 'a.json']) assert.ok(!files.test(f), f);
});
