// Issue 13, item 4: `fluentd.catalogs` is a workspace setting that read any path. A path to
// /dev/zero hung `initialize`; a credentials file had its first bytes shown in a warning.
// Now: regular files only, capped; no message quotes the file; in Restricted Mode only
// files inside the workspace are read until the user grants trust. The BUILT server runs
// as a child process (a hang fails the test by a time limit).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { WORKSPACE_TRUSTED_NOTIFICATION } from '../../src/server/protocol';
import { ServerProcess } from './server-process';

const LIMIT_MS = 30_000;
const plugin = (name: string) => ({ plugins: { [`output/${name}`]: { params: [{ name: 'endpoint', type: 'string' }], sections: {} } } });
const CONFIG =
  '<source>\n  @type sample\n  tag app\n</source>\n<match app>\n  @type acme_inside\n</match>\n<match app.x>\n  @type acme_outside\n</match>\n';
const unknownPlugins = (d: { diagnostics: { code?: string | number; message: unknown }[] }) =>
  d.diagnostics
    .filter((x) => x.code === 'unknown-plugin')
    .map((x) => /'(\w+)'/.exec(String(x.message))?.[1])
    .sort();

describe('fluentd.catalogs (item 4)', () => {
  let dir: string;
  let ws: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fluentd-catalog-access-'));
    ws = join(dir, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, 'inside.json'), JSON.stringify(plugin('acme_inside')));
    writeFileSync(join(dir, 'outside.json'), JSON.stringify(plugin('acme_outside')));
    symlinkSync(join(dir, 'outside.json'), join(ws, 'link.json'));
    writeFileSync(join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = s3cr3t\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a path to /dev/zero: initialize answers, and the file is named as not regular', async () => {
    const server = new ServerProcess();
    try {
      await server.initialize({ catalogs: ['/dev/zero'] }, null, LIMIT_MS);
      const d = await server.openAndWait('file:///t/fluent.conf', CONFIG, LIMIT_MS);
      assert.ok(Array.isArray(d.diagnostics));
      assert.match(
        server.messages.map((m) => m.message).join('\n'),
        /\/dev\/zero: cannot read the catalogue file: not a regular file \(a character device\)/,
      );
    } finally {
      server.kill();
    }
  });

  test('a credentials file: reported as not a catalogue, without a byte of it', async () => {
    const server = new ServerProcess();
    try {
      await server.initialize({ catalogs: [join(dir, 'credentials')] }, null, LIMIT_MS);
      await server.openAndWait('file:///t/fluent.conf', CONFIG, LIMIT_MS);
      const text = server.messages.map((m) => m.message).join('\n');
      assert.match(text, /credentials: not valid JSON/);
      assert.doesNotMatch(text, /default|aws_|AKIA|s3cr3t/);
    } finally {
      server.kill();
    }
  });

  test('Restricted Mode: only files inside the workspace are read, until trust is granted', async () => {
    const server = new ServerProcess();
    try {
      await server.initialize(
        { catalogs: ['inside.json', join(dir, 'outside.json'), 'link.json'], workspaceTrusted: false },
        pathToFileURL(ws).href,
        LIMIT_MS,
      );
      const uri = pathToFileURL(join(ws, 'fluent.conf')).href;
      const first = await server.openAndWait(uri, CONFIG, LIMIT_MS);
      assert.deepEqual(unknownPlugins(first), ['acme_outside'], 'the workspace file is read, the outside one is not');
      const refusals = server.messages.filter((m) => /only catalogue files inside the workspace are read/.test(m.message));
      assert.equal(refusals.length, 2, 'outside.json and the link to it inside the workspace');
      await server.notify(WORKSPACE_TRUSTED_NOTIFICATION, {});
      const trusted = await server.waitFor(uri, (d) => unknownPlugins(d).length === 0, LIMIT_MS);
      assert.deepEqual(unknownPlugins(trusted), []);
    } finally {
      server.kill();
    }
  });
});
