// Command-line parsing for fluentd-lint: argv in, a command out. Pure: no I/O, no
// process access; every mistake becomes a UsageError with a message a user can act on.

export type OutputFormat = 'text' | 'json';

export interface LintOptions {
  format: OutputFormat;
  /** Fail (exit 1) when more warnings than this are found; undefined = no limit. */
  maxWarnings: number | undefined;
  /** Report errors only (warnings, information and hints are counted but not printed). */
  quiet: boolean;
  /** --no-color given. NO_COLOR and the TTY check are the runner's business. */
  noColor: boolean;
  /** Files, directories, or `-` for stdin, in the order given. */
  paths: string[];
  /** --image: the fluentd-kubernetes-daemonset image the configs will run in; plugins it lacks are errors. */
  image?: string;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'lint'; options: LintOptions };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const FORMATS: readonly OutputFormat[] = ['text', 'json'];

export function parseArgs(argv: readonly string[]): Command {
  const options: LintOptions = { format: 'text', maxWarnings: undefined, quiet: false, noColor: false, paths: [] };
  let help = false;
  let version = false;
  let stdinSeen = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // after `--` everything is a path, even `-x` or `--format`
    if (arg === '--') {
      for (const p of argv.slice(i + 1)) addPath(p);
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      addPath(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq !== -1 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    };
    const noValue = (): void => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value (got '${arg}')`);
    };

    switch (name) {
      case '-h':
      case '--help':
        noValue();
        help = true;
        break;
      case '--version':
        noValue();
        version = true;
        break;
      case '-f':
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) {
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${v}')`);
        }
        options.format = v as OutputFormat;
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
          throw new UsageError(`--max-warnings needs a whole number of 0 or more (got '${v}')`);
        }
        options.maxWarnings = Number(v);
        break;
      }
      case '-q':
      case '--quiet':
        noValue();
        options.quiet = true;
        break;
      case '--no-color':
      case '--no-colour':
        noValue();
        options.noColor = true;
        break;
      case '--image': {
        const v = value().trim();
        if (!v || /\s/.test(v))
          throw new UsageError(
            `--image needs an image reference, e.g. fluent/fluentd-kubernetes-daemonset:v1.19-debian-kinesis-1 (got '${v}')`,
          );
        options.image = v;
        break;
      }
      default:
        throw new UsageError(`unknown option '${name}'${suggestion(name)}`);
    }
  }

  // --help and --version win over everything else, like in most tools
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  if (options.paths.length === 0) throw new UsageError('no files or directories given (use - to read stdin)');
  return { kind: 'lint', options };

  function addPath(p: string): void {
    if (p === '') throw new UsageError('an empty string is not a path');
    if (p === '-') {
      if (stdinSeen) throw new UsageError('- (stdin) can be given only once');
      stdinSeen = true;
    }
    options.paths.push(p);
  }
}

const KNOWN = ['--help', '--version', '--format', '--max-warnings', '--quiet', '--no-color', '--image'];

function suggestion(name: string): string {
  const bare = name.replace(/^-+/, '');
  const hit = KNOWN.find((k) => k.slice(2).startsWith(bare) || bare.startsWith(k.slice(2)));
  return hit && bare.length > 1 ? ` (did you mean ${hit}?)` : '';
}
