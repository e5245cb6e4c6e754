// Runs the BUILT fluentd-lint (dist/cli.js, produced by scripts/build.mjs) as a real
// process, and makes throw-away directories of real files for it to check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');
/** The shared corpus lives beside the repository: ../shared/corpus. */
export const corpusRoot = resolve(repoRoot, '..', 'shared', 'corpus');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stdin?: number } = {},
): CliRun {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run 'node scripts/build.mjs' first`);
  const env = { ...process.env, ...opts.env };
  if (opts.env && 'NO_COLOR' in opts.env && opts.env.NO_COLOR === undefined) delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    ...(opts.stdin !== undefined ? { stdio: [opts.stdin, 'pipe', 'pipe'] } : { input: opts.input ?? '' }),
    env,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000, // a hang is a failure, not a stuck test run
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`fluentd-lint ${args.join(' ')}: ${r.error.message}`, { cause: r.error });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonDiagnostic {
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  message: string;
}
export interface JsonReport {
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
}

/** Parses --format json output; throws (failing the test) if stdout is anything else. */
export function parseReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** A temporary directory filled with `files` (relative path -> content); call cleanup() after. */
export function tempTree(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-lint-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rows of a corpus .tsv without comment lines. */
export function corpusTsv(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}
