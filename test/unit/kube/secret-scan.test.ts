// Secrets in what a deploy packs (issue 13, items 6 and 8): every packed file is scanned for
// literal secrets — AWS keys under any of their names, tokens, private keys — findings never
// echo the value, and the scan is linear (a line of 1 MiB of spaces used to take minutes in the
// extension host, before the confirmation). Includes that leave the config folder through a
// symlink are refused on their real path.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectConfigFiles } from '../../../src/kube/config-collect';
import { ConfigFilesError } from '../../../src/kube/config-files';
import { renderManifests } from '../../../src/kube/render';
import { describeSecrets, findSecrets } from '../../../src/kube/secret-scan';
import { withDefaults } from '../../../src/kube/settings';
import { loadTemplates } from '../../../src/kube/templates';
import type { KubeObject } from '../../../src/kube/types';
import { nodeFileSystem } from '../../../src/language/node-file-system';
import { finishesWithin } from '../../helpers/finishes';

const scan = (text: string) => findSecrets([{ path: 'fluent.conf', text }]);
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('secret scan', () => {
  it('finds AWS keys under every name Fluentd plugins and AWS files use', () => {
    const text = [
      `aws_key_id ${AWS_ID}`,
      `aws_sec_key ${AWS_SECRET}`,
      '[default]',
      `aws_access_key_id = ${AWS_ID}`,
      `aws_secret_access_key=${AWS_SECRET}`,
      `  access_key_id "${AWS_ID}"`,
      `  secret_access_key '${AWS_SECRET}'`,
      `aws_session_token FwoGZXIvYXdzEJr`,
    ].join('\n');
    assert.deepEqual(
      scan(text).map((f) => [f.line, f.what]),
      [
        [1, 'aws_key_id'],
        [2, 'aws_sec_key'],
        [4, 'aws_access_key_id'],
        [5, 'aws_secret_access_key'],
        [6, 'access_key_id'],
        [7, 'secret_access_key'],
        [8, 'aws_session_token'],
      ],
    );
  });

  it('finds tokens, passwords, shared keys and private keys, in configs, YAML and kubeconfigs', () => {
    const text = [
      'shared_key s3cr3t-value',
      'password hunter2',
      '  token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
      'client-key-data: LS0tLS1CRUdJTiBSU0E=',
      'bearer_token_value x', // a key that merely starts like one is not a secret key
      '-----BEGIN RSA PRIVATE KEY-----',
      'github ghp_0123456789abcdefghijABCDEFGHIJ012345',
      `some words around ${AWS_ID} in a comment`,
      'sasl_password pw',
    ].join('\n');
    assert.deepEqual(
      scan(text).map((f) => [f.line, f.what]),
      [
        [1, 'shared_key'],
        [2, 'password'],
        [3, 'token'],
        [4, 'client-key-data'],
        [6, 'a private key'],
        [7, 'a GitHub token'],
        [8, 'an AWS access key id'],
        [9, 'sasl_password'],
      ],
    );
  });

  it('leaves references, empty values, comments and ordinary parameters alone', () => {
    const text = [
      `aws_key_id "#{ENV['AWS_ACCESS_KEY_ID']}"`,
      `shared_key "#{ENV['FLUENTD_SHARED_KEY']}"`,
      'password ${record["pw"]}',
      'password ""',
      'password',
      'token # set below',
      'private_key_path /fluentd/tls/tls.key',
      'log_stream_name_key stream',
      'tls_cert_path /fluentd/tls/ca.crt',
      '- key: tls.key',
      '  password: |',
      'checksum/config: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      'AKIA_NOT_A_KEY plain',
    ].join('\n');
    assert.deepEqual(scan(text), []);
  });

  it('never repeats the value it found', () => {
    const found = scan(`aws_sec_key ${AWS_SECRET}\nshared_key topsecretvalue\n`);
    const message = describeSecrets(found);
    assert.equal(message, 'aws_sec_key in fluent.conf:1, shared_key in fluent.conf:2');
    assert.ok(!message.includes(AWS_SECRET) && !message.includes('topsecretvalue'));
  });

  it('a rendered deploy refuses a config with a literal key, naming it without its value', () => {
    const settings = withDefaults({ clusterName: 'c', region: 'us-east-1' });
    const templates = loadTemplates();
    for (const line of [`aws_access_key_id ${AWS_ID}`, `aws_secret_access_key ${AWS_SECRET}`, `shared_key notenv`]) {
      assert.throws(
        () =>
          renderManifests({
            settings,
            templates,
            config: [{ path: 'fluent.conf', text: `<match **>\n  @type null\n  ${line}\n</match>\n` }],
          }),
        (e: unknown) => e instanceof ConfigFilesError && /in fluent\.conf:3/.test(e.message) && !e.message.includes(line.split(' ')[1]),
        line,
      );
    }
  });

  it('is linear: a 1 MiB line of spaces and a line of 40,000 spaces are scanned at once (hang guard)', async () => {
    const kube = join(__dirname, '..', '..', '..', 'src', 'kube');
    const settings = withDefaults({ clusterName: 'c', region: 'us-east-1' });
    const templates = loadTemplates();
    // the shapes that made `\s+(\S.*?)\s*$` backtrack: a key, a value, then a long run of spaces and a
    // non-space. A line of 1 MiB less 256 bytes: the most a ConfigMap holds with the rest of the file.
    const MIB = (1 << 20) - 256;
    for (const [name, line] of [
      ['40k spaces', `aws_key_id a${' '.repeat(40_000)}b`],
      ['1 MiB line', `aws_sec_key x${' '.repeat(MIB)}y`],
      ['1 MiB of spaces alone', ' '.repeat(MIB)],
    ] as const) {
      const config = [{ path: 'fluent.conf', text: `<match **>\n  @type null\n</match>\n${line}\n` }];
      const run = await finishesWithin<KubeObject[]>(join(kube, 'render.ts'), 'renderManifests', [{ settings, templates, config }], 60_000);
      assert.ok(run.finished, `${name}: the render did not finish within 60 s`);
      // a key with a value is a literal secret, refused; spaces alone render
      if (line.trim())
        assert.match(run.error ?? '', /ConfigFilesError: The config holds secrets \(aws_(key_id|sec_key) in fluent\.conf:4\)/, name);
      else assert.equal(run.error, undefined, `${name}: ${run.error}`);
      const scanned = await finishesWithin<unknown[]>(join(kube, 'secret-scan.ts'), 'findSecrets', [[{ path: 'f', text: line }]], 60_000);
      assert.ok(scanned.finished, `${name}: the scan did not finish within 60 s`);
    }
  });

  it('scans many lines in one pass (no search to the end of the file per line)', async () => {
    const modulePath = join(__dirname, '..', '..', '..', 'src', 'kube', 'secret-scan.ts');
    const text = 'key value\n'.repeat(200_000) + 'shared_key literal\n';
    const run = await finishesWithin<{ line: number }[]>(modulePath, 'findSecrets', [[{ path: 'f', text }]], 60_000);
    assert.ok(run.finished);
    assert.deepEqual(
      run.result?.map((f) => f.line),
      [200_001],
    );
  });
});

describe('config collection and symlinks', () => {
  let dir: string;
  let outside: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-collect-'));
    outside = join(dir, 'home');
    mkdirSync(outside);
    writeFileSync(join(outside, '.bashrc'), 'export PATH=/usr/bin\n');
    writeFileSync(join(outside, 'credentials'), `[default]\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const workspace = (name: string, links: Record<string, string>, extra: Record<string, string> = {}) => {
    const ws = join(dir, name);
    mkdirSync(join(ws, 'conf.d'), { recursive: true });
    writeFileSync(join(ws, 'fluent.conf'), '@include conf.d/*.conf\n<match **>\n  @type null\n</match>\n');
    for (const [file, text] of Object.entries(extra)) writeFileSync(join(ws, file), text);
    for (const [link, target] of Object.entries(links)) symlinkSync(target, join(ws, link));
    return join(ws, 'fluent.conf');
  };

  it('refuses an include that is a link to a file outside the config folder (real paths compared)', () => {
    const main = workspace('bashrc', { 'conf.d/z.conf': join(outside, '.bashrc') });
    assert.throws(
      () => collectConfigFiles(main, nodeFileSystem),
      (e: unknown) =>
        e instanceof ConfigFilesError && /conf\.d\/z\.conf .*is a link to .*\.bashrc, outside the config folder/.test(e.message),
    );
  });

  it('refuses a credentials file reached through a link, which parses as a config with no error', () => {
    const main = workspace('creds', { 'conf.d/aws.conf': join(outside, 'credentials') });
    assert.throws(
      () => collectConfigFiles(main, nodeFileSystem),
      (e: unknown) => e instanceof ConfigFilesError && /outside the config folder/.test(e.message) && !e.message.includes(AWS_SECRET),
    );
  });

  it('refuses a folder link that leads outside, and a device file', () => {
    const main = workspace('dirlink', { 'conf.d/ext': outside }, {});
    writeFileSync(join(outside, 'x.conf'), '# outside\n');
    const withInclude = join(dir, 'dirlink', 'fluent.conf');
    writeFileSync(withInclude, '@include conf.d/ext/*.conf\n');
    assert.throws(() => collectConfigFiles(main, nodeFileSystem), /is a link to .*outside the config folder/);
    const dev = workspace('device', { 'conf.d/zero.conf': '/dev/zero' });
    assert.throws(() => collectConfigFiles(dev, nodeFileSystem), /outside the config folder|not a regular file/);
  });

  it('accepts links that stay inside the folder, packed under the path Fluentd will read', () => {
    const main = workspace(
      'inside',
      { 'conf.d/b.conf': join(dir, 'inside', 'shared.inc') },
      { 'shared.inc': '<match b>\n  @type null\n</match>\n' },
    );
    const files = collectConfigFiles(main, nodeFileSystem);
    assert.deepEqual(
      files.map((f) => f.path),
      ['fluent.conf', 'conf.d/b.conf'],
    );
    assert.match(files[1].text, /<match b>/);
  });

  it('scans every packed file for secrets, not only the main one', () => {
    const main = workspace('secret-inside', {}, { 'conf.d/out.conf': `<match **>\n  @type s3\n  aws_sec_key ${AWS_SECRET}\n</match>\n` });
    assert.throws(
      () => collectConfigFiles(main, nodeFileSystem),
      (e: unknown) =>
        e instanceof ConfigFilesError && /aws_sec_key in conf\.d\/out\.conf:3/.test(e.message) && !e.message.includes(AWS_SECRET),
    );
  });
});
