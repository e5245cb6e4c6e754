// Entry point the extension host loads (extensionTestsPath): runs the Mocha suites that
// esbuild bundled next to this file (out/integration/*.test.js) and writes the results
// to the file named by VSCODE_FLUENTD_TEST_RESULTS (the harness's only trustworthy verdict:
// the extension host exits 0 whatever run() does). Also used by @vscode/test-cli.
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.VSCODE_FLUENTD_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(join(__dirname, f));
  }
  const resultsFile = process.env.VSCODE_FLUENTD_TEST_RESULTS;

  return new Promise((resolve, reject) => {
    const tests: TestResult[] = [];
    const runner = mocha.run((failures) => {
      const results = {
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        tests,
      };
      if (resultsFile) {
        // write-then-rename: the harness polls for this file and must never read half of it
        mkdirSync(dirname(resultsFile), { recursive: true });
        writeFileSync(`${resultsFile}.tmp`, JSON.stringify(results, null, 2));
        renameSync(`${resultsFile}.tmp`, resultsFile);
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (results.passed === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
    runner.on('pass', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('pending', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, err) =>
      tests.push({
        title: t.title,
        fullTitle: t.fullTitle(),
        state: 'failed',
        durationMs: t.duration,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      }),
    );
  });
}
