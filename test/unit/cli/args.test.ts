// fluentd-lint argument parsing: pure, every mistake a UsageError with a clear message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseArgs, UsageError, type Command } from '../../../src/cli/args';

function lint(argv: string[]) {
  const c: Command = parseArgs(argv);
  assert.equal(c.kind, 'lint');
  return c.kind === 'lint' ? c.options : assert.fail();
}

function usageError(argv: string[], message: RegExp): void {
  assert.throws(
    () => parseArgs(argv),
    (err: unknown) => err instanceof UsageError && message.test(err.message),
  );
}

describe('parseArgs', () => {
  test('defaults', () => {
    assert.deepEqual(lint(['a.conf']), { format: 'text', maxWarnings: undefined, quiet: false, noColor: false, paths: ['a.conf'] });
  });

  test('every option, separate and = forms, paths in order', () => {
    assert.deepEqual(lint(['x', '--format', 'json', '--max-warnings', '3', '-q', '--no-color', 'dir/', '-']), {
      format: 'json',
      maxWarnings: 3,
      quiet: true,
      noColor: true,
      paths: ['x', 'dir/', '-'],
    });
    const o = lint(['--format=json', '--max-warnings=0', 'a']);
    assert.equal(o.format, 'json');
    assert.equal(o.maxWarnings, 0);
    assert.equal(lint(['-f', 'text', 'a']).format, 'text');
  });

  test('--image takes an image reference', () => {
    const image = 'fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1';
    assert.equal(lint(['--image', image, 'a']).image, image);
    assert.equal(lint([`--image=${image}`, 'a']).image, image);
    assert.equal(lint(['a']).image, undefined);
    usageError(['--image'], /--image needs a value/);
    usageError(['--image=', 'a'], /--image needs an image reference/);
  });

  test('the last repeated option wins', () => {
    assert.equal(lint(['--format', 'json', '--format', 'text', 'a']).format, 'text');
  });

  test('-- ends options', () => {
    assert.deepEqual(lint(['--', '--format', '-q']).paths, ['--format', '-q']);
  });

  test('--help and --version win, even with other arguments or none', () => {
    assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['a.conf', '-h', '--format', 'json']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
  });

  test('usage errors', () => {
    usageError([], /no files or directories given \(use - to read stdin\)/);
    usageError(['--format'], /--format needs a value/);
    usageError(['--format', 'yaml', 'a'], /--format must be one of text, json \(got 'yaml'\)/);
    usageError(['--max-warnings', '1.5', 'a'], /whole number of 0 or more \(got '1.5'\)/);
    usageError(['--max-warnings', '-1', 'a'], /got '-1'/);
    usageError(['--max-warnings', '99999999999999999999', 'a'], /whole number/);
    usageError(['--max-warnings='], /got ''/);
    usageError(['--quiet=yes', 'a'], /--quiet takes no value/);
    usageError(['--colour-me', 'a'], /unknown option '--colour-me'/);
    usageError(['-x', 'a'], /unknown option '-x'$/);
    usageError(['--form', 'json', 'a'], /did you mean --format\?/);
    usageError(['-', 'a', '-'], /- \(stdin\) can be given only once/);
    usageError([''], /empty string is not a path/);
  });
});
