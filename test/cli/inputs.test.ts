// What fluentd-lint reads: files, directories (recursive, sorted), stdin, missing and
// unsupported paths, invalid UTF-8, usage errors, --help/--version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliPath, corpusRoot, parseReport, repoRoot, runCli, tempTree } from './harness';

const invalid01 = join(corpusRoot, 'invalid', '01-rejects-characters-after-double-quoted-s.conf');
const CLEAN = '<source>\n  @type forward\n</source>\n';
const UNCLOSED = '<filter x>\n  @type stdout\n';

describe('directories', () => {
  const t = tempTree({
    'b.conf': CLEAN,
    'a/z.conf': UNCLOSED,
    'a/y.CONF': CLEAN,
    'a-b.conf': CLEAN,
    'a/deep/er/x.conf': CLEAN,
    'a/.hidden/h.conf': UNCLOSED,
    '.git/config.conf': UNCLOSED,
    'node_modules/pkg/n.conf': UNCLOSED,
    'a/notes.txt': 'not a config',
    'a/configmap.yaml': 'kind: ConfigMap\n',
    'empty/readme.md': '# nothing here\n',
  });
  symlinkSync(t.dir, join(t.dir, 'a', 'loop')); // a cycle must neither hang nor duplicate
  after(t.cleanup);

  test('recursive, sorted by path, only *.conf and YAML, skipping hidden entries and node_modules', () => {
    const r = runCli(['--format', 'json', '.'], { cwd: t.dir });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(
      parseReport(r.stdout).files.map((f) => f.path),
      ['a-b.conf', 'a/configmap.yaml', 'a/deep/er/x.conf', 'a/y.CONF', 'a/z.conf', 'b.conf'],
    );
    // a ConfigMap without .conf keys has nothing to check
    assert.deepEqual(parseReport(r.stdout).files[1].diagnostics, []);
    const z = parseReport(r.stdout).files[4];
    assert.equal(z.path, 'a/z.conf');
    assert.ok(z.diagnostics.some((d) => d.severity === 'error' && d.line === 1 && d.code === 'unclosed-element'));
  });

  test('paths keep the directory as the user wrote it', () => {
    const r = runCli(['--format', 'json', join(t.dir, 'a', 'deep')]);
    assert.deepEqual(
      parseReport(r.stdout).files.map((f) => f.path),
      [join(t.dir, 'a', 'deep', 'er', 'x.conf')],
    );
  });

  test('a file named twice (directly and through its directory) is checked once', () => {
    const r = runCli(['--format', 'json', join(t.dir, 'b.conf'), t.dir]);
    const paths = parseReport(r.stdout).files.map((f) => f.path);
    assert.equal(paths.filter((p) => p.endsWith('b.conf') && !p.endsWith('a-b.conf')).length, 1);
    assert.equal(paths[0], join(t.dir, 'b.conf'), 'argument order first');
  });

  test('a directory without *.conf files: a notice, not an error, when other files were checked', () => {
    const r = runCli([join(t.dir, 'empty'), join(t.dir, 'b.conf')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /no \*\.conf, \*\.yaml, \*\.yml files found in .*empty/);
  });

  test('a run that checks nothing at all exits 2', () => {
    const r = runCli([join(t.dir, 'empty')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nothing to check/);
  });
});

describe('missing, unreadable and unsupported paths', () => {
  const t = tempTree({ 'cm.yaml': 'kind: ConfigMap\n', 'cm.yml': 'kind: ConfigMap\n' });
  after(t.cleanup);

  test('a missing file: exit 2 naming the file and the OS reason; the other file is still reported', () => {
    const missing = join(t.dir, 'nope.conf');
    const r = runCli([missing, invalid01]);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      new RegExp(`^fluentd-lint: ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file or directory \\(ENOENT\\)$`, 'm'),
    );
    assert.match(r.stdout, /01-rejects.*:1:\d+: error: /);
    assert.match(r.stderr, /^1 error, \d+ warnings? in 1 file$/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  test('also in JSON mode: stdout stays one JSON document', () => {
    const r = runCli(['--format', 'json', join(t.dir, 'nope.conf'), invalid01]);
    assert.equal(r.status, 2);
    assert.deepEqual(
      parseReport(r.stdout).files.map((f) => f.path),
      [invalid01],
    );
    assert.match(r.stderr, /nope\.conf: no such file or directory/);
  });

  test('an unreadable file: exit 2 with the OS reason', { skip: process.getuid?.() === 0 && 'root can read any file' }, () => {
    const u = tempTree({ 'secret.conf': CLEAN });
    try {
      spawnSync('chmod', ['000', join(u.dir, 'secret.conf')]);
      const r = runCli([join(u.dir, 'secret.conf')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /secret\.conf: permission denied \(EACCES\)/);
    } finally {
      u.cleanup();
    }
  });

  test('YAML named explicitly is read as Kubernetes manifests (no .conf key here: nothing to report)', () => {
    const r = runCli(['--format', 'json', join(t.dir, 'cm.yaml'), join(t.dir, 'cm.yml'), invalid01]);
    assert.equal(r.status, 1, r.stderr);
    const files = parseReport(r.stdout).files;
    assert.deepEqual(
      files.map((f) => [f.path.replace(/.*[\\/]/, ''), f.diagnostics.length > 0]),
      [
        ['cm.yaml', false],
        ['cm.yml', false],
        [invalid01.replace(/.*[\\/]/, ''), true],
      ],
    );
  });

  test('a file with another extension is checked as fluent.conf', () => {
    const u = tempTree({ 'td-agent.conf.tmpl': UNCLOSED });
    try {
      const r = runCli([join(u.dir, 'td-agent.conf.tmpl')]);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /td-agent\.conf\.tmpl:1:1: error: .*\[unclosed-element\]/);
    } finally {
      u.cleanup();
    }
  });
});

describe('stdin', () => {
  test('- reads stdin, shown as <stdin>', () => {
    const r = runCli(['-'], { input: UNCLOSED });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^<stdin>:1:1: error: .*\[unclosed-element\]$/m);
  });

  test('a clean config on stdin exits 0; stdin keeps its place among the paths', () => {
    assert.equal(runCli(['-'], { input: CLEAN }).status, 0);
    const r = runCli(['--format', 'json', invalid01, '-'], { input: CLEAN });
    assert.deepEqual(
      parseReport(r.stdout).files.map((f) => f.path),
      [invalid01, '<stdin>'],
    );
  });

  test('empty stdin is an empty config', () => {
    const r = runCli(['--format', 'json', '-'], { input: '' });
    assert.equal(r.status, 0);
    assert.equal(parseReport(r.stdout).files[0].path, '<stdin>');
  });
});

describe('invalid UTF-8', () => {
  // bad byte on line 3, after `  tag a` (7 characters): column 8
  const before = '<source>\n  @type forward\n  tag a';
  const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28]), Buffer.from('b\n</source>\n<filter x>\n')]);
  const t = tempTree({
    'bad.conf': bytes,
    'bom.conf': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# é\n'), Buffer.from([0x80])]),
  });
  after(t.cleanup);

  test('still linted; an invalid-utf8 warning at the first bad byte', () => {
    const r = runCli(['--format', 'json', join(t.dir, 'bad.conf')]);
    assert.equal(r.status, 1, 'the unclosed <filter> after the bad byte is still found');
    const ds = parseReport(r.stdout).files[0].diagnostics;
    const utf8 = ds.filter((d) => d.code === 'invalid-utf8');
    assert.equal(utf8.length, 1);
    assert.equal(utf8[0].severity, 'warning');
    assert.deepEqual([utf8[0].line, utf8[0].column], [3, 8]);
    assert.match(utf8[0].message, new RegExp(`byte offset ${Buffer.byteLength(before)}\\b`));
    assert.ok(ds.some((d) => d.severity === 'error' && d.line === 5 && d.code === 'unclosed-element'));
  });

  test('a byte order mark is not a column; a bad last byte is found', () => {
    const ds = parseReport(runCli(['--format', 'json', join(t.dir, 'bom.conf')]).stdout).files[0].diagnostics;
    const utf8 = ds.find((d) => d.code === 'invalid-utf8');
    assert.ok(utf8);
    assert.deepEqual([utf8.line, utf8.column], [2, 1]);
  });
});

describe('usage', () => {
  const usageCases: [string[], RegExp][] = [
    [[], /no files or directories given/],
    [['--bogus', 'x.conf'], /unknown option '--bogus'/],
    [['--max-warning', '1', 'x.conf'], /did you mean --max-warnings\?/],
    [['--format', 'xml', 'x.conf'], /--format must be one of text, json, sarif, github \(got 'xml'\)/],
    [['x.conf', '--format'], /--format needs a value/],
    [['--max-warnings', '-1', 'x.conf'], /--max-warnings needs a whole number/],
    [['--max-warnings=ten', 'x.conf'], /--max-warnings needs a whole number/],
    [['-', '-'], /only once/],
  ];
  for (const [args, message] of usageCases) {
    test(`exit 2: fluentd-lint ${args.join(' ')}`, () => {
      const r = runCli(args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Run 'fluentd-lint --help' for usage\./);
      assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, 'no stack trace');
    });
  }

  test('--help documents usage and exit codes, exit 0', () => {
    const r = runCli(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: fluentd-lint \[lint\] \[options\] PATH\.\.\./m);
    assert.match(r.stdout, /Exit status:/);
    for (const opt of ['--format', '--max-warnings', '--quiet', '--no-color', '--version']) assert.ok(r.stdout.includes(opt), opt);
  });

  test('--version prints package.json version; the bundle runs as an executable', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(runCli(['--version']).stdout, `${version}\n`);
    const direct = spawnSync(cliPath, ['--version'], { encoding: 'utf8' }); // shebang + exec bit
    assert.equal(direct.status, 0, direct.stderr);
    assert.equal(direct.stdout, `${version}\n`);
  });

  test('a closed stdout pipe (| head) ends quietly', () => {
    const lines = Array.from({ length: 40_000 }, () => '  k1 "a" 1').join('\n');
    const t = tempTree({ 'many.conf': lines });
    try {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cliPath}" many.conf | head -n 1`], {
        cwd: t.dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.match(r.stdout, /^many\.conf:1:\d+: (error|warning): /);
      assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
      assert.doesNotMatch(r.stderr, /Error|\n\s+at /, r.stderr);
    } finally {
      t.cleanup();
    }
  });
});

describe('files that are not regular files (issue 13, item 1)', () => {
  // /dev/zero and FIFOs pass a size check (size 0) and were read forever
  const t = tempTree({
    'fluent.conf':
      '<source>\n  @type sample\n  tag app\n</source>\n@include zero.conf\n@include fifo.conf\n<match app>\n  @type null\n</match>\n',
  });
  symlinkSync('/dev/zero', join(t.dir, 'zero.conf'));
  spawnSync('mkfifo', [join(t.dir, 'fifo.conf')]);
  after(t.cleanup);
  const LIMIT_MS = 30_000;

  test('an @include of /dev/zero or a FIFO is not read; the including file is still checked', () => {
    const r = runCli(['--format', 'json', 'fluent.conf'], { cwd: t.dir, timeoutMs: LIMIT_MS });
    assert.equal(r.status, 0);
    assert.equal(parseReport(r.stdout).files.length, 1);
  });

  test('named explicitly (or found through a link): exit 2, saying what the file is', () => {
    const r = runCli(['zero.conf', 'fifo.conf', 'fluent.conf'], { cwd: t.dir, timeoutMs: LIMIT_MS });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^fluentd-lint: zero\.conf: not a regular file \(a character device\): not read$/m);
    assert.match(r.stderr, /^fluentd-lint: fifo\.conf: not a regular file \(a FIFO \(named pipe\)\): not read$/m);
    assert.match(r.stderr, /in 1 file/);
  });

  test('a directory search skips them', () => {
    const r = runCli(['--format', 'json', '.'], { cwd: t.dir, timeoutMs: LIMIT_MS });
    assert.equal(r.status, 0);
    assert.deepEqual(
      parseReport(r.stdout).files.map((f) => f.path),
      ['fluent.conf'],
    );
  });

  test('stdin is read up to the cap', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = runCli(['-'], { timeoutMs: LIMIT_MS, stdin: zero });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^fluentd-lint: <stdin>: larger than 16 MiB: not read$/m);
    } finally {
      closeSync(zero);
    }
  });
});

describe('links out of a searched folder (found by the fuzzer, issue 13)', () => {
  // a repository's conf.d/up -> / made `fluentd-lint conf.d` search the whole machine;
  // a link to a file elsewhere printed findings quoting that file
  const t = tempTree({ 'conf.d/in.conf': CLEAN, 'conf.d/sub/deep.conf': CLEAN });
  const outside = tempTree({ 'secret.conf': '<match x>\n  @type null\n  aws_sec_key SECRET\n</match>\n', 'other/o.conf': CLEAN });
  symlinkSync(outside.dir, join(t.dir, 'conf.d', 'up'));
  symlinkSync(join(outside.dir, 'secret.conf'), join(t.dir, 'conf.d', 'cred.conf'));
  symlinkSync(join(t.dir, 'conf.d', 'sub'), join(t.dir, 'conf.d', 'inner'));
  after(() => {
    t.cleanup();
    outside.cleanup();
  });

  test('a folder search follows links only to what lies inside the folder, and says so', () => {
    const r = runCli(['--format', 'json', 'conf.d'], { cwd: t.dir, timeoutMs: 60_000 });
    assert.equal(r.status, 0);
    const paths = parseReport(r.stdout).files.map((f) => f.path);
    // inner -> sub lies inside: followed (the one file is checked once, under either name)
    assert.equal(paths.length, 2, paths.join(' '));
    assert.equal(paths[0], 'conf.d/in.conf');
    assert.match(paths[1], /^conf\.d\/(inner|sub)\/deep\.conf$/);
    assert.match(r.stderr, /conf\.d\/up: a link to outside conf\.d, not followed/);
    assert.match(r.stderr, /conf\.d\/cred\.conf: a link to outside conf\.d, not followed/);
    assert.doesNotMatch(r.stdout, /SECRET|secret\.conf|o\.conf/);
  });

  test('a link named explicitly is still checked', () => {
    const r = runCli(['--format', 'json', join('conf.d', 'cred.conf')], { cwd: t.dir, timeoutMs: 60_000 });
    assert.equal(parseReport(r.stdout).files.length, 1);
  });
});
