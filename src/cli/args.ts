// Command-line parsing for fluentd-lint: argv in, a command out. Pure: no I/O, no
// process access; every mistake becomes a UsageError with a message a user can act on.
//
// Every subcommand parses its argv with parseOptions() against its own option table; the
// output options (format, quiet, max-warnings, colour) are one shared table, so every
// subcommand reports in the same formats with the same exit codes (report.ts).

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How findings are reported; the same for every subcommand. */
export interface OutputOptions {
  format: OutputFormat;
  /** Fail (exit 1) when more warnings than this are found; undefined = no limit. */
  maxWarnings: number | undefined;
  /** Report errors only (warnings, information and hints are counted but not printed). */
  quiet: boolean;
  /** --no-color given. NO_COLOR and the TTY check are the runner's business. */
  noColor: boolean;
}

export interface LintOptions extends OutputOptions {
  /** Files, directories, or `-` for stdin, in the order given. */
  paths: string[];
  /** --image: the fluentd-kubernetes-daemonset image the configs will run in; plugins it lacks are errors. */
  image?: string;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'lint'; options: LintOptions };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One option of a subcommand: its spellings, its value's name (none for a flag), what it sets. */
export interface OptionSpec<O> {
  names: readonly string[];
  /** The value's placeholder in help (e.g. 'N'); undefined for a flag. */
  value?: string;
  set(options: O, value: string | undefined): void;
}

export function defaultOutputOptions(): OutputOptions {
  return { format: 'text', maxWarnings: undefined, quiet: false, noColor: false };
}

export const OUTPUT_OPTIONS: readonly OptionSpec<OutputOptions>[] = [
  {
    names: ['-f', '--format'],
    value: OUTPUT_FORMATS.join('|'),
    set(o, v) {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(v!)) {
        throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got '${v}')`);
      }
      o.format = v as OutputFormat;
    },
  },
  {
    names: ['--max-warnings'],
    value: 'N',
    set(o, v) {
      if (!/^\d+$/.test(v!) || !Number.isSafeInteger(Number(v))) {
        throw new UsageError(`--max-warnings needs a whole number of 0 or more (got '${v}')`);
      }
      o.maxWarnings = Number(v);
    },
  },
  { names: ['-q', '--quiet'], set: (o) => void (o.quiet = true) },
  { names: ['--no-color', '--no-colour'], set: (o) => void (o.noColor = true) },
];

/**
 * Parses a subcommand's argv: options from `specs` (both `--name value` and `--name=value`),
 * `--help`/`-h` and `--version` for every subcommand, everything else (and all after `--`) to
 * `positional`. Unknown options are usage errors with a did-you-mean.
 */
export function parseOptions<O>(
  argv: readonly string[],
  specs: readonly OptionSpec<O>[],
  options: O,
  positional: (arg: string) => void,
): { help: boolean; version: boolean } {
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // after `--` everything is positional, even `-x` or `--format`
    if (arg === '--') {
      for (const p of argv.slice(i + 1)) positional(p);
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positional(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq !== -1 ? arg.slice(eq + 1) : undefined;
    if (name === '-h' || name === '--help' || name === '--version') {
      if (inline !== undefined) throw new UsageError(`${name} takes no value (got '${arg}')`);
      if (name === '--version') version = true;
      else help = true;
      continue;
    }
    const spec = specs.find((s) => s.names.includes(name));
    if (!spec) throw new UsageError(`unknown option '${name}'${suggestion(name, specs)}`);
    if (spec.value === undefined) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value (got '${arg}')`);
      spec.set(options, undefined);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      i++;
    }
    spec.set(options, value);
  }
  return { help, version };
}

/** `lint`'s options: the output options; subcommand-specific ones join this table. */
export const LINT_OPTIONS: readonly OptionSpec<LintOptions>[] = [
  ...OUTPUT_OPTIONS,
  {
    names: ['--image'],
    value: 'IMAGE',
    set(o, v) {
      const image = v!.trim();
      if (!image || /\s/.test(image)) {
        throw new UsageError(
          `--image needs an image reference, e.g. fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1 (got '${image}')`,
        );
      }
      o.image = image;
    },
  },
];

/** fluentd-lint [lint] [options] PATH… */
export function parseArgs(argv: readonly string[]): Command {
  const options: LintOptions = { ...defaultOutputOptions(), paths: [] };
  let stdinSeen = false;
  const { help, version } = parseOptions(argv, LINT_OPTIONS, options, (p) => {
    if (p === '') throw new UsageError('an empty string is not a path');
    if (p === '-') {
      if (stdinSeen) throw new UsageError('- (stdin) can be given only once');
      stdinSeen = true;
    }
    options.paths.push(p);
  });
  // --help and --version win over everything else, like in most tools
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  if (options.paths.length === 0) throw new UsageError('no files or directories given (use - to read stdin)');
  return { kind: 'lint', options };
}

function suggestion<O>(name: string, specs: readonly OptionSpec<O>[]): string {
  const bare = name.replace(/^-+/, '');
  const known = ['--help', '--version', ...specs.flatMap((s) => s.names.filter((n) => n.startsWith('--')))];
  const hit = known.find((k) => k.slice(2).startsWith(bare) || bare.startsWith(k.slice(2)));
  return hit && bare.length > 1 ? ` (did you mean ${hit}?)` : '';
}
