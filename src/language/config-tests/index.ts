// Config tests (`*.fluent-test.yaml`): read a file, prepare its config, run its tests. The CLI
// (`fluentd-lint test`) and the language server (Test Explorer, diagnostics) both come here.
//
//   const outcome = runTestFile(text, '/repo/ci/pipeline.fluent-test.yaml', host);
//   if (!outcome.prepared.ok) … outcome.prepared.problems   // unusable: exit 2
//   else outcome.results                                   // passed / failed / errored / skipped
import type { TestFile } from './model';
import { readTestFile } from './read';
import { prepareFile, runPrepared, type PreparedFile, type RunOptions, type TestHost, type TestResult } from './run';

export { readTestFile, MAX_TEST_FILE_BYTES } from './read';
export type { TestFile, TestCase, Problem } from './model';
export type { TestHost, TestResult, TestStatus, PreparedFile, RunOptions, RunLimits } from './run';
export { DEFAULT_RUN_LIMITS, prepareFile, runPrepared } from './run';

export { isConfigTestPath } from './protocol';

export interface TestFileOutcome {
  file: TestFile;
  prepared: PreparedFile;
  results: TestResult[];
}

export function runTestFile(text: string, path: string, host: TestHost, options: RunOptions = {}, nowMs = Date.now()): TestFileOutcome {
  const file = readTestFile(text);
  const prepared = prepareFile(file, path, host, nowMs);
  return { file, prepared, results: prepared.ok ? runPrepared(prepared, options) : [] };
}
