// `fluentd-lint test [--format text|json|junit] [--no-color] [PATH…]`: runs config tests
// (*.fluent-test.yaml) for CI. Exit 0 when every test passed, 1 when one failed or errored,
// 2 on unusable input (a path that is missing or holds no test file, a test file with YAML or
// format errors, a config or pod fixture that cannot be read or that Fluentd would refuse).
import { readFileSync, statSync } from 'node:fs';
import { MAX_TEST_FILE_BYTES, runTestFile, type TestHost } from '../language/config-tests';
import { nodeFileSystem } from '../language/node-file-system';
import { loadConfigTree } from '../language/simulate/route/load';
import { MAX_KUBE_BYTES } from '../language/config-tests/run';
import type { CliIo } from './io';
import { colorFor } from './report';
import { findTestFiles } from './test-files';
import { formatTestJson, formatTestJunit, formatTestSummary, formatTestText, visible, type FileReport } from './test-report';

const USAGE = 'usage: fluentd-lint test [--format text|json|junit] [--no-color] [PATH...]';

const HELP = `${USAGE}

Runs config tests: *.fluent-test.yaml files that send log lines or events through a
fluent.conf (simulated as Fluentd 1.16 runs it) and check what the outputs receive.
PATH is a test file or a directory searched for *.fluent-test.yaml (default: .).

  -f, --format text|json|junit  Output format (default: text). junit is JUnit XML for CI.
      --no-color                No colours (also: NO_COLOR set, or output not a TTY).

Exit status: 0 every test passed; 1 a test failed or errored; 2 unusable input.
`;

type Format = 'text' | 'json' | 'junit';

/** Reads a file if it is a regular file no larger than `max` bytes. */
function readCapped(path: string, max: number): string | { error: string } {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { error: 'not a regular file' };
    if (st.size > max) return { error: `larger than ${Math.round(max / (1024 * 1024))} MB` };
    return readFileSync(path, 'utf8');
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message };
  }
}

export const nodeTestHost: TestHost = {
  loadConfig: (path) => loadConfigTree(path, nodeFileSystem),
  readText: (path) => readCapped(path, MAX_KUBE_BYTES),
};

export async function runTestCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let format: Format = 'text';
  let noColor = false;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      io.stdout(HELP);
      return 0;
    }
    if (a === '--no-color') noColor = true;
    else if (a === '-f' || a === '--format' || a.startsWith('--format=')) {
      const v = a.startsWith('--format=') ? a.slice(9) : argv[++i];
      if (v !== 'text' && v !== 'json' && v !== 'junit') {
        io.stderr(`fluentd-lint test: --format must be text, json or junit (got '${v ?? ''}')\n${USAGE}\n`);
        return 2;
      }
      format = v;
    } else if (a === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-')) {
      io.stderr(`fluentd-lint test: unknown option '${a}'\n${USAGE}\n`);
      return 2;
    } else paths.push(a);
  }
  const found = findTestFiles(paths.length ? paths : ['.'], io.cwd);
  const reports: FileReport[] = [];
  for (const t of found.targets) {
    const text = readCapped(t.absPath, MAX_TEST_FILE_BYTES);
    if (typeof text !== 'string') {
      found.problems.push({ path: t.path, message: text.error });
      continue;
    }
    const outcome = runTestFile(text, t.absPath, nodeTestHost);
    reports.push({ path: t.path, problems: outcome.prepared.ok ? [] : outcome.prepared.problems, results: outcome.results });
  }
  if (format === 'json') io.stdout(formatTestJson(reports));
  else if (format === 'junit') io.stdout(formatTestJunit(reports));
  else io.stdout(formatTestText(reports, colorFor(io.stdoutIsTTY, noColor, io.env)));
  for (const p of found.problems) io.stderr(`fluentd-lint test: ${visible(p.path)}: ${visible(p.message)}\n`);
  if (format === 'text') io.stderr(formatTestSummary(reports, colorFor(io.stderrIsTTY, noColor, io.env)));
  if (found.problems.length || reports.some((r) => r.problems.length) || !reports.length) return 2;
  return reports.some((r) => r.results.some((x) => x.status === 'failed' || x.status === 'errored')) ? 1 : 0;
}
