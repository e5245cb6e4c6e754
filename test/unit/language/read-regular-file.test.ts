// Issue 13, item 1: device files, FIFOs and /proc files pass a size check (size 0) and
// were read to their end: a committed `x.conf -> /dev/zero` or `@include /dev/zero` hung
// the server, fluentd-lint and deploy's config collection. Only regular files are read,
// up to a cap. Each hang-prone call runs in a child process with a time limit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pkg, runInChild, src } from '../../helpers/bounded-child';

const LIMIT_MS = 30_000;
const ROOT =
  '<source>\n  @type sample\n  tag app\n</source>\n@include zero.conf\n@include fifo.conf\n<match app>\n  @type null\n</match>\n';

describe('reading only regular files, capped', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fluentd-regular-'));
    execFileSync('mkfifo', [join(dir, 'fifo.conf')]);
    symlinkSync('/dev/zero', join(dir, 'zero.conf'));
    mkdirSync(join(dir, 'folder.conf'));
    writeFileSync(join(dir, 'fluent.conf'), ROOT);
    symlinkSync(join(dir, 'fluent.conf'), join(dir, 'link.conf'));
    writeFileSync(join(dir, 'huge.conf'), '');
    truncateSync(join(dir, 'huge.conf'), 17 * 1024 * 1024); // sparse: no disk used
    // a fragment whose folder also holds a link to /dev/zero: the root search looks at every *.conf here
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s', 'containers.conf'), '<match k8s.**>\n  @type null\n</match>\n');
    symlinkSync('/dev/zero', join(dir, 'k8s', 'neighbour.conf'));
    execFileSync('mkfifo', [join(dir, 'k8s', 'pipe.conf')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('readRegularFile: devices, FIFOs, directories and files over the cap are refused at once', () => {
    const r = runInChild<Record<string, string>>(
      `const { readRegularFile } = await import(${src('language/read-regular-file')});
       const out: Record<string, string> = {};
       for (const name of ['zero.conf', 'fifo.conf', 'folder.conf', 'huge.conf', 'fluent.conf', 'link.conf']) {
         try { out[name] = 'read ' + readRegularFile(${JSON.stringify(dir)} + '/' + name).length; }
         catch (e) { out[name] = e.reason + ': ' + e.message; }
       }
       try { out.dev = 'read ' + readRegularFile('/dev/zero').length; } catch (e) { out.dev = e.reason + ': ' + e.message; }
       // /proc files are regular files of size 0: read to their (real) end
       out.proc = 'read ' + (readRegularFile('/proc/self/status').length > 0);
       try { readRegularFile(${JSON.stringify(dir)} + '/missing.conf'); } catch (e) { out.missing = e.reason + ' ' + e.code; }
       return out;`,
      LIMIT_MS,
    );
    assert.equal(r.timedOut, false, 'reading returned');
    assert.deepEqual(r.value, {
      'zero.conf': 'not-regular: not a regular file (a character device): not read',
      'fifo.conf': 'not-regular: not a regular file (a FIFO (named pipe)): not read',
      'folder.conf': 'not-regular: not a regular file (a directory): not read',
      'huge.conf': 'too-large: larger than 16 MiB: not read',
      'fluent.conf': `read ${ROOT.length}`,
      'link.conf': `read ${ROOT.length}`,
      dev: 'not-regular: not a regular file (a character device): not read',
      proc: 'read true',
      missing: 'os ENOENT',
    });
  });

  test('a capped read stops at the cap even when the size said less', () => {
    const r = runInChild<string>(
      `const { readRegularFile } = await import(${src('language/read-regular-file')});
       try { readRegularFile('/proc/self/maps', 16); return 'read'; } catch (e) { return e.reason; }`,
      LIMIT_MS,
    );
    assert.equal(r.value, 'too-large');
  });

  test('the language service: @include of /dev/zero and a FIFO, and such neighbours of a fragment, do not hang', () => {
    const r = runInChild<{ root: string[]; fragment: string[]; unreadable: (string | undefined)[] }>(
      `const { FluentdLanguageService } = await import(${src('language/service')});
       const { nodeFileSystem } = await import(${src('language/node-file-system')});
       const { TextDocument } = await import(${pkg('vscode-languageserver-textdocument')});
       const { readFileSync } = await import('node:fs');
       const { pathToFileURL } = await import('node:url');
       const service = new FluentdLanguageService({ fileSystem: nodeFileSystem });
       const open = (p: string) => TextDocument.create(pathToFileURL(p).href, 'fluentd', 1, readFileSync(p, 'utf8'));
       const d = ${JSON.stringify(dir)};
       return {
         root: service.diagnostics(open(d + '/fluent.conf')).map((x) => x.code),
         fragment: service.diagnostics(open(d + '/k8s/containers.conf')).map((x) => x.code),
         unreadable: ['zero.conf', 'fifo.conf', 'folder.conf', 'k8s/neighbour.conf'].map((n) => nodeFileSystem.readFile(d + '/' + n)),
       };`,
      LIMIT_MS,
    );
    assert.equal(r.timedOut, false, `the service returned (stderr: ${r.stderr.slice(0, 300)})`);
    assert.ok(r.value, r.stderr.slice(0, 500));
    assert.ok(Array.isArray(r.value.root) && Array.isArray(r.value.fragment));
    assert.deepEqual(r.value.unreadable, [null, null, null, null], 'nothing but regular files is read');
  });

  test("deploy's config collection refuses an include that is not a regular file", () => {
    // a FIFO inside the config folder (a link to /dev/zero is refused earlier, as outside the folder)
    const d = join(dir, 'deploy');
    mkdirSync(d);
    execFileSync('mkfifo', [join(d, 'fifo.conf')]);
    writeFileSync(join(d, 'fluent.conf'), ROOT.replace('@include zero.conf\n', ''));
    const collect = (main: string) =>
      runInChild<string>(
        `const { collectConfigFiles } = await import(${src('kube/config-collect')});
         const { nodeFileSystem } = await import(${src('language/node-file-system')});
         try { collectConfigFiles(${JSON.stringify(main)}, nodeFileSystem); return 'collected'; }
         catch (e) { return e.name + ': ' + e.message; }`,
        LIMIT_MS,
      );
    const fifo = collect(join(d, 'fluent.conf'));
    assert.equal(fifo.timedOut, false);
    assert.match(fifo.value ?? '', /^ConfigFilesError: fifo\.conf .*not a regular file/);
    const zero = collect(join(dir, 'fluent.conf'));
    assert.equal(zero.timedOut, false);
    assert.match(zero.value ?? '', /^ConfigFilesError: .*zero\.conf/);
  });
});
