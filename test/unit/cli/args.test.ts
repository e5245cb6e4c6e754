// fluentd-lint argument parsing: pure, every mistake a UsageError with a clear message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  defaultOutputOptions,
  OUTPUT_OPTIONS,
  parseArgs,
  parseOptions,
  UsageError,
  type Command,
  type OptionSpec,
  type OutputOptions,
} from '../../../src/cli/args';

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
    usageError(['--format', 'yaml', 'a'], /--format must be one of text, json, sarif, github \(got 'yaml'\)/);
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

describe('parseOptions (what every subcommand parses with)', () => {
  // a subcommand with the shared output options and one of its own, as simulate/test will be
  interface SimOptions extends OutputOptions {
    lines?: string;
  }
  const specs: OptionSpec<SimOptions>[] = [...OUTPUT_OPTIONS, { names: ['--lines'], value: 'FILE', set: (o, v) => void (o.lines = v) }];

  test('shared output options and the subcommand’s own, in any order', () => {
    const o: SimOptions = defaultOutputOptions();
    const rest: string[] = [];
    const flags = parseOptions(['--lines=l.txt', 'a.conf', '-f', 'sarif', '--max-warnings', '0', 'b'], specs, o, (p) => rest.push(p));
    assert.deepEqual(flags, { help: false, version: false });
    assert.deepEqual(o, { format: 'sarif', maxWarnings: 0, quiet: false, noColor: false, lines: 'l.txt' });
    assert.deepEqual(rest, ['a.conf', 'b']);
  });

  test('help and version for every subcommand; its own options in did-you-mean', () => {
    assert.deepEqual(
      parseOptions(['-h'], specs, defaultOutputOptions(), () => {}),
      { help: true, version: false },
    );
    assert.throws(
      () => parseOptions(['--line', 'x'], specs, defaultOutputOptions(), () => {}),
      (e: unknown) => e instanceof UsageError && /did you mean --lines\?/.test(e.message),
    );
    assert.throws(
      () => parseOptions(['--format', 'xml'], specs, defaultOutputOptions(), () => {}),
      (e: unknown) => e instanceof UsageError && /one of text, json, sarif, github/.test(e.message),
    );
  });
});
