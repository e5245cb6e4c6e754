import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listProfiles, profileNames } from '../../../src/cloudwatch/aws-profiles';

test('profile names from config and credentials sections', () => {
  const config =
    '[default]\nregion = eu-west-1\n[profile dev]\nsso_session = corp\n[sso-session corp]\n[ profile  prod ] # main\n[services x]\n';
  assert.deepEqual(profileNames(config, 'config'), ['default', 'dev', 'prod']);
  assert.deepEqual(profileNames('[default]\naws_access_key_id=x\n[ci]\n', 'credentials'), ['default', 'ci']);
  assert.deepEqual(profileNames('no sections\n[broken\n', 'config'), []);
});

test('listProfiles merges both files (env paths honoured), default first, missing files ignored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aws-'));
  writeFileSync(join(dir, 'c'), '[profile zeta]\n[default]\n[profile alpha]\n');
  writeFileSync(join(dir, 'k'), '[alpha]\n[ci]\n');
  assert.deepEqual(await listProfiles({ AWS_CONFIG_FILE: join(dir, 'c'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'k') }), [
    'default',
    'alpha',
    'ci',
    'zeta',
  ]);
  assert.deepEqual(
    await listProfiles({ AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none2'), HOME: dir }),
    [],
  );
  rmSync(dir, { recursive: true, force: true });
});
