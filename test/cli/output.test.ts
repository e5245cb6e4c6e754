// fluentd-lint's output contract: the JSON document, 1-based character positions, the
// text line format and summary, --quiet, --max-warnings and colours.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliPath, corpusRoot, parseReport, repoRoot, runCli, tempTree } from './harness';

const invalid01 = join(corpusRoot, 'invalid', '01-rejects-characters-after-double-quoted-s.conf');
const BAD_BYTE = Buffer.from([0xff]);

describe('JSON output', () => {
  const t = tempTree({
    // same error as invalid/01, after an astral character (2 UTF-16 units, 1 character)
    'emoji.conf': '<source>\n  @type forward\n</source>\n  k1 "😀" 1\n',
    'bmp.conf': '<source>\n  @type forward\n</source>\n  k1 "é" 1\n',
    'clean.conf': '# nothing but a comment\n',
  });
  after(t.cleanup);

  test('is exactly the documented shape and nothing else is on stdout', () => {
    const r = runCli(['--format', 'json', invalid01, join(t.dir, 'clean.conf')]);
    assert.equal(r.status, 1);
    const report = parseReport(r.stdout); // throws on anything but one JSON document
    assert.deepEqual(Object.keys(report), ['files']);
    assert.equal(report.files.length, 2);
    for (const f of report.files) {
      assert.deepEqual(Object.keys(f), ['path', 'diagnostics']);
      for (const d of f.diagnostics) {
        assert.deepEqual(Object.keys(d), ['severity', 'line', 'column', 'endLine', 'endColumn', 'code', 'message']);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
        for (const n of [d.line, d.column, d.endLine, d.endColumn]) assert.ok(Number.isInteger(n) && n >= 1, `${n} is not 1-based`);
        assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column));
        assert.equal(typeof d.code, 'string');
        assert.ok(d.message.length > 0);
      }
    }
    assert.equal(report.files[0].path, invalid01);
    assert.equal(report.files[1].path, join(t.dir, 'clean.conf'));
    assert.equal(r.stdout.trimEnd().split('\n').length, 1, 'one line of JSON');
    // no summary on stdout in JSON mode (and none on stderr either: machines read this)
    assert.doesNotMatch(r.stdout + r.stderr, /errors?, \d+ warnings? in/);
  });

  test('positions are 1-based: the stray value on line 1 of invalid/01 is at line 1', () => {
    const report = parseReport(runCli(['--format', 'json', invalid01]).stdout);
    const [err] = report.files[0].diagnostics.filter((d) => d.severity === 'error');
    assert.equal(err.line, 1);
    // the column names the offending character itself: `  k1 "a" 1` -> the `1`
    const text = readFileSync(invalid01, 'utf8').split('\n')[0];
    assert.equal([...text][err.column - 1], '1');
  });

  test('columns count characters, not UTF-16 units', () => {
    const [emoji, bmp] = parseReport(runCli(['--format', 'json', join(t.dir, 'emoji.conf'), join(t.dir, 'bmp.conf')]).stdout).files;
    const e = emoji.diagnostics.find((d) => d.severity === 'error');
    const b = bmp.diagnostics.find((d) => d.severity === 'error');
    assert.ok(e && b);
    assert.equal(e.line, 4);
    assert.equal(e.column, b.column, '😀 and é are one character each');
    assert.equal([...'  k1 "😀" 1'][e.column - 1], '1');
  });
});

describe('text output', () => {
  test('file:line:col: severity: message [code] on stdout, summary on stderr', () => {
    const r = runCli([invalid01]);
    assert.equal(r.status, 1);
    // other checks may add warnings to this file; the syntax error is the one we know
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) assert.match(l, /^(.+):(\d+):(\d+): (error|warning|information|hint): .+ \[[a-z0-9-]+\]$/);
    const errors = lines.filter((l) => l.includes(': error: '));
    assert.equal(errors.length, 1);
    assert.ok(errors[0].startsWith(`${invalid01}:1:`));
    const warnings = lines.filter((l) => l.includes(': warning: ')).length;
    assert.equal(r.stderr, `1 error, ${warnings} warning${warnings === 1 ? '' : 's'} in 1 file\n`);
  });

  test('relative paths are shown as given', () => {
    const r = runCli([join('..', 'shared', 'corpus', 'invalid', '01-rejects-characters-after-double-quoted-s.conf')], { cwd: repoRoot });
    assert.match(r.stdout, /^\.\.\/shared\/corpus\/invalid\/01-rejects-characters-after-double-quoted-s\.conf:1:\d+: error: /m);
  });

  test('no colours when stdout is not a terminal', () => {
    const r = runCli([invalid01]);
    assert.doesNotMatch(r.stdout + r.stderr, /\u001b\[/);
  });
});

describe('warnings: --max-warnings and --quiet', () => {
  // invalid UTF-8 is a warning the CLI itself guarantees; other checks may add more
  const t = tempTree({ 'a.conf': Buffer.concat([Buffer.from('# caf'), BAD_BYTE, Buffer.from('\n')]) });
  after(t.cleanup);
  const file = join(t.dir, 'a.conf');
  const warnings = parseReport(runCli(['--format', 'json', file]).stdout).files[0].diagnostics.filter(
    (d) => d.severity === 'warning',
  ).length;

  test('the fixture has warnings and no errors', () => {
    assert.ok(warnings >= 1);
    assert.equal(runCli([file]).status, 0);
  });

  test('exit 0 at the limit, 1 above it, with a message', () => {
    assert.equal(runCli(['--max-warnings', String(warnings), file]).status, 0);
    const over = runCli([`--max-warnings=${warnings - 1}`, file]);
    assert.equal(over.status, 1);
    assert.match(over.stderr, new RegExp(`too many warnings: ${warnings} \\(--max-warnings ${warnings - 1}\\)`));
  });

  test('--quiet prints errors only but still counts warnings', () => {
    const all = parseReport(runCli(['--format', 'json', file, invalid01]).stdout).files.flatMap((f) => f.diagnostics);
    const total = all.filter((d) => d.severity === 'warning').length;
    const quiet = runCli(['--quiet', file, invalid01]);
    assert.equal(quiet.status, 1);
    assert.doesNotMatch(quiet.stdout, /: warning: /);
    assert.match(quiet.stdout, /: error: /);
    assert.match(quiet.stderr, new RegExp(`^1 error, ${total} warnings? in 2 files$`, 'm'));
    const json = parseReport(runCli(['--quiet', '--format', 'json', file]).stdout);
    assert.deepEqual(json.files, [{ path: file, diagnostics: [] }]);
    assert.equal(runCli(['--quiet', '--max-warnings', '0', file]).status, 1);
  });
});

describe('colours on a terminal', () => {
  // `script` (util-linux, in every Debian) gives the CLI a real pseudo-terminal
  const hasScript = spawnSync('script', ['--version']).status === 0;
  const onTty = (args: string, env: Record<string, string> = {}): string => {
    const r = spawnSync('script', ['-qec', `${process.execPath} ${cliPath} ${args}`, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', TERM: 'xterm', ...env },
      timeout: 60_000,
    });
    return r.stdout;
  };

  test('coloured on a TTY', { skip: !hasScript && 'util-linux script is not installed' }, () => {
    const out = onTty(invalid01);
    assert.match(out, /\u001b\[31m/, 'red severity');
    assert.match(out, /01-rejects.*error.*\[expected-line-end\]/);
  });

  test('not with --no-color or NO_COLOR, even on a TTY', { skip: !hasScript && 'util-linux script is not installed' }, () => {
    for (const out of [onTty(`--no-color ${invalid01}`), onTty(invalid01, { NO_COLOR: '1' })]) {
      assert.match(out, /error: .*\[expected-line-end\]/);
      assert.doesNotMatch(out, /\u001b\[/);
    }
  });
});

describe('control characters from configs (issue 13)', () => {
  // a parameter name holding an OSC title sequence and a clear-screen, in a .conf and
  // as a YAML "\e" escape in a ConfigMap; and a file name with an escape in it
  const t = tempTree({
    'fluent.conf': '<match x>\n  @type null\n  fo\x1b]0;PWNED\x07o 1\n  ba\x1b[2Jr 2\n</match>\n',
    'cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  fluent.conf: "<match x>\\n  @type null\\n  fo\\e[2Jo 1\\n</match>\\n"\n',
    'bad\x1b[2Jname.conf': '<match x>\n  @type null\n  zz\u202eyy 1\n</match>\n',
  });
  after(t.cleanup);

  test('text output shows them escaped, on stdout and stderr', () => {
    const r = runCli(['fluent.conf', 'cm.yaml', 'bad\x1b[2Jname.conf', 'missing\x1b[2J.conf'], { cwd: t.dir });
    assert.doesNotMatch(r.stdout + r.stderr, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/, 'nothing but newlines is a control character');
    assert.match(r.stdout, /^fluent\.conf:3:\d+: .*fo\\e\]0;PWNED\\ao/m);
    assert.match(r.stdout, /^fluent\.conf:4:\d+: .*ba\\e\[2Jr/m);
    assert.match(r.stdout, /^cm\.yaml:\d+:\d+: .*fo\\e\[2Jo/m, 'a YAML \\e escape is a real ESC in the config, and escaped again');
    assert.match(r.stdout, /^bad\\e\[2Jname\.conf:3:\d+: .*zz\\u202eyy/m);
    assert.match(r.stderr, /missing\\e\[2J\.conf: /);
  });

  test('JSON output keeps the characters as JSON escapes (the same values)', () => {
    const r = runCli(['--format', 'json', 'fluent.conf', 'bad\x1b[2Jname.conf'], { cwd: t.dir });
    assert.doesNotMatch(r.stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    const report = parseReport(r.stdout);
    assert.ok(report.files[0].diagnostics.some((d) => d.message.includes('fo\x1b]0;PWNED\x07o')));
    assert.equal(report.files[1].path, 'bad\x1b[2Jname.conf');
    assert.ok(report.files[1].diagnostics.some((d) => d.message.includes('zz\u202eyy')));
  });
});
