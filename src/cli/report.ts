// The output plumbing every subcommand shares: findings (per file) and the inputs that could not
// be read, in the chosen format on stdout, notices and the summary on stderr, and the exit status.
// A subcommand (lint today; simulate and test to come) produces a Findings and calls report().
import { escapeControlChars } from '../language/escape-text';
import type { OutputFormat, OutputOptions } from './args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { count, formatJson, formatSummary, formatText, onlyErrors } from './format';
import { formatGithub } from './format-github';
import { formatSarif } from './format-sarif';
import type { FileResult } from './lint';

/** The process side the report writes to (a subset of io.ts's CliIo). */
export interface ReportIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface Findings {
  files: FileResult[];
  /** Inputs that could not be checked (missing, unreadable…): reported on stderr, exit 2. */
  problems: { path: string; message: string }[];
  /** Things worth saying that are not findings (an empty directory…), on stderr. */
  notices: string[];
}

export const PROG = 'fluentd-lint';

type Formatter = (files: readonly FileResult[], ctx: { color: boolean; version: string; cwd: string }) => string;

/** One entry per --format value; the type makes a new format impossible to forget here. */
const FORMATTERS: Record<OutputFormat, Formatter> = {
  text: (files, ctx) => formatText(files, ctx.color),
  json: (files) => formatJson(files),
  sarif: (files, ctx) => formatSarif(files, ctx),
  github: (files) => formatGithub(files),
};

/** Writes the findings in `options.format` and returns the exit status. */
export function report(findings: Findings, options: OutputOptions, io: ReportIo, version: string): number {
  writeFindings(findings, options, io, version);
  return summarize(findings, options, io);
}

/** The findings on stdout in `options.format`; notices and unreadable inputs on stderr. */
export function writeFindings(findings: Findings, options: OutputOptions, io: ReportIo, version: string): void {
  const shown = options.quiet ? onlyErrors(findings.files) : findings.files;
  io.stdout(FORMATTERS[options.format](shown, { color: colorFor(io.stdoutIsTTY, options.noColor, io.env), version, cwd: io.cwd }));
  for (const n of findings.notices) io.stderr(`${PROG}: ${escapeControlChars(n)}\n`);
  for (const p of findings.problems) io.stderr(`${PROG}: ${escapeControlChars(p.path)}: ${escapeControlChars(p.message)}\n`);
}

/** The text summary on stderr (text format only) and the exit status. */
export function summarize(findings: Findings, options: OutputOptions, io: ReportIo): number {
  const counts = count(findings.files);
  // machine formats keep stderr for what went wrong; the text summary is for people
  if (options.format === 'text') io.stderr(formatSummary(counts, colorFor(io.stderrIsTTY, options.noColor, io.env)));
  if (findings.problems.length) return EXIT_USAGE;
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
