// fluentd-lint from argv to exit status. All process access goes through CliIo so the
// flow can be driven in-process; main.ts supplies the real streams.
//
//   fluentd-lint [lint] [options] PATH…      (lint is the default subcommand)
//
// A subcommand is a function from its argv to an exit status that reports through report.ts;
// SUBCOMMANDS is the registry (simulate and test join it).
import { version } from '../../package.json';
import { parseArgs, UsageError, type Command } from './args';
import { escapeControlChars } from '../language/escape-text';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';
import { searchedPatterns } from './file-kinds';
import { expandPaths } from './files';
import { helpText } from './help';
import { lintTargets } from './lint';
import type { CliIo } from './io';
import { PROG, summarize, writeFindings } from './report';
import { runSimulate } from './simulate';
import { runRouteCases } from './simulate-route';
import { runTestCommand } from './test';

export type { CliIo } from './io';
export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
export { colorFor } from './report';

export type Subcommand = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Subcommands by name; anything else is a path for the default subcommand, lint. */
export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  lint: (argv, io) => lint(argv, io),
  simulate: (argv, io) => runSimulate(argv, io, runRouteCases),
  test: (argv, io) => runTestCommand(argv, io),
};

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const sub = argv.length && Object.hasOwn(SUBCOMMANDS, argv[0]) ? SUBCOMMANDS[argv[0]] : undefined;
  try {
    return await (sub ? sub(argv.slice(1), io) : lint(argv, io));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${PROG}: ${escapeControlChars(err.message)}\nRun '${PROG} --help' for usage.\n`);
    return EXIT_USAGE;
  }
}

async function lint(argv: readonly string[], io: CliIo): Promise<number> {
  const command: Command = parseArgs(argv);
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
  const outcome = lintTargets(expansion.targets, { cwd: io.cwd, stdin, image: options.image });
  const findings = { files: outcome.files, problems: [...expansion.problems, ...outcome.problems], notices: expansion.notices };
  writeFindings(findings, options, io, version);
  if (findings.files.length === 0 && findings.problems.length === 0) {
    // a CI step that checks nothing (a mistyped directory) must not pass silently
    io.stderr(`${PROG}: nothing to check: no ${searchedPatterns()} files found\n`);
    return EXIT_USAGE;
  }
  return summarize(findings, options, io);
}
