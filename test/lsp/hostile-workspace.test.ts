// Issue 13: a repository must not hang the language server, which runs even in Restricted
// Mode. The BUILT server runs as a child process here (a hang fails the test by a time
// limit instead of stopping the runner).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ServerProcess } from './server-process';

const LIMIT_MS = 30_000;
const FRAGMENT = '<match k8s.**>\n  @type null\n  bogus_param 1\n</match>\n';

describe('device files and FIFOs in the workspace (item 1)', () => {
  let dir: string;
  let server: ServerProcess;
  before(async () => {
    // /tmp is where the root search stops: the workspace lives one folder below it
    dir = mkdtempSync(join(tmpdir(), 'fluentd-hostile-'));
    mkdirSync(join(dir, 'ws', 'k8s'), { recursive: true });
    writeFileSync(join(dir, 'ws', 'k8s', 'containers.conf'), FRAGMENT);
    // neighbours the root search reads: a link to /dev/zero, a FIFO; and one in the folder above
    symlinkSync('/dev/zero', join(dir, 'ws', 'k8s', 'neighbour.conf'));
    execFileSync('mkfifo', [join(dir, 'ws', 'k8s', 'pipe.conf')]);
    symlinkSync('/dev/zero', join(dir, 'ws', 'zero.conf'));
    server = new ServerProcess();
    await server.initialize({}, pathToFileURL(join(dir, 'ws')).href, LIMIT_MS);
  });
  after(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('opening a fragment next to them publishes its diagnostics', async () => {
    const d = await server.openAndWait(pathToFileURL(join(dir, 'ws', 'k8s', 'containers.conf')).href, FRAGMENT, LIMIT_MS);
    assert.ok(d.diagnostics.some((x) => x.code === 'unknown-param' || String(x.message).includes('bogus_param')));
  });

  test('an @include of /dev/zero and of a FIFO: diagnostics still come', async () => {
    const text = '@include k8s/neighbour.conf\n@include k8s/pipe.conf\n@include /dev/zero\n<match **>\n  @type null\n</match>\n';
    const d = await server.openAndWait(pathToFileURL(join(dir, 'ws', 'fluent.conf')).href, text, LIMIT_MS);
    assert.ok(Array.isArray(d.diagnostics));
  });
});
