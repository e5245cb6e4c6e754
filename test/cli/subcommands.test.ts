// The built CLI: `lint` named or not is the same command; the github format end to end; every
// format shares the exit codes.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { runCli, tempTree } from './harness';

const tree = tempTree({
  'bad.conf': '<match a>\n  @type stdout\n  nope 1\n</match>\n<source>\n',
  'warn.conf': '<match a>\n  @type stdout\n  nope 1\n</match>\n',
  'ok.conf': '<match a>\n  @type stdout\n</match>\n',
});
after(() => tree.cleanup());

describe('subcommands and formats', () => {
  test('`fluentd-lint lint PATH` is `fluentd-lint PATH`', () => {
    const named = runCli(['lint', '--format', 'json', '.'], { cwd: tree.dir });
    const bare = runCli(['--format', 'json', '.'], { cwd: tree.dir });
    assert.equal(named.status, 1);
    assert.deepEqual(named, bare);
    assert.match(runCli(['lint', '--help']).stdout, /Usage: fluentd-lint \[lint\]/);
    assert.equal(runCli(['lint']).status, 2);
  });

  test('--format github prints one annotation per finding and no summary', () => {
    const r = runCli(['--format', 'github', 'bad.conf'], { cwd: tree.dir });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => `::${l.split('::')[1]}`),
      [
        '::warning file=bad.conf,line=3,col=3,endLine=3,endColumn=7,title=fluentd-lint unknown-param',
        '::error file=bad.conf,line=5,col=1,endLine=5,endColumn=9,title=fluentd-lint unclosed-element',
        '::error file=bad.conf,line=5,col=1,endLine=5,endColumn=9,title=fluentd-lint missing-type',
      ],
    );
    assert.match(lines[0], /::parameter 'nope' in <match a> is not used.* \[unknown-param\]$/);
  });

  test('every format has the same exit codes', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      assert.equal(runCli(['--format', format, 'ok.conf'], { cwd: tree.dir }).status, 0, format);
      assert.equal(runCli(['--format', format, 'bad.conf'], { cwd: tree.dir }).status, 1, format);
      assert.equal(runCli(['--format', format, '--max-warnings', '0', 'warn.conf'], { cwd: tree.dir }).status, 1, format);
      assert.equal(runCli(['--format', format, 'missing.conf'], { cwd: tree.dir }).status, 2, format);
    }
  });
});
