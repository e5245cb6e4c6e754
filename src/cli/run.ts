// fluentd-lint from argv to exit status. All process access goes through CliIo so the
// flow can be driven in-process; main.ts supplies the real streams.
import { version } from '../../package.json';
import { parseArgs, UsageError, type Command } from './args';
import { searchedPatterns } from './file-kinds';
import { expandPaths } from './files';
import { count, formatJson, formatSummary, formatText, onlyErrors } from './format';
import { helpText } from './help';
import { lintTargets } from './lint';
import type { CliIo } from './io';
import { runSimulate } from './simulate';

export type { CliIo } from './io';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const PROG = 'fluentd-lint';

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'simulate') return runSimulate(argv.slice(1), io);
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${PROG}: ${err.message}\nRun '${PROG} --help' for usage.\n`);
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    io.stdout(helpText(version));
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }

  const { options } = command;
  const expansion = expandPaths(options.paths, io.cwd);
  let stdin: Uint8Array | Error | undefined;
  if (expansion.targets.some((t) => t.source === 'stdin')) {
    stdin = await io.readStdin().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  }
  const outcome = lintTargets(expansion.targets, { cwd: io.cwd, stdin });
  const problems = [...expansion.problems, ...outcome.problems];

  const shown = options.quiet ? onlyErrors(outcome.files) : outcome.files;
  if (options.format === 'json') io.stdout(formatJson(shown));
  else io.stdout(formatText(shown, colorFor(io.stdoutIsTTY, options.noColor, io.env)));

  const errColor = colorFor(io.stderrIsTTY, options.noColor, io.env);
  for (const n of expansion.notices) io.stderr(`${PROG}: ${n}\n`);
  for (const p of problems) io.stderr(`${PROG}: ${p.path}: ${p.message}\n`);
  if (outcome.files.length === 0 && problems.length === 0) {
    // a CI step that checks nothing (a mistyped directory) must not pass silently
    io.stderr(`${PROG}: nothing to check: no ${searchedPatterns()} files found\n`);
    return EXIT_USAGE;
  }
  const counts = count(outcome.files);
  if (options.format === 'text') io.stderr(formatSummary(counts, errColor));

  if (problems.length) return EXIT_USAGE;
  if (counts.errors) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) {
    io.stderr(`${PROG}: too many warnings: ${counts.warnings} (--max-warnings ${options.maxWarnings})\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** Colour only for a terminal, and never with --no-color, NO_COLOR (no-color.org) or TERM=dumb. */
export function colorFor(isTTY: boolean, noColor: boolean, env: Record<string, string | undefined>): boolean {
  if (!isTTY || noColor) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}
