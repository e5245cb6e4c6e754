// Names and shapes shared by the language server and the extension's Test Explorer for config
// tests (kept free of runtime imports: the extension bundle takes nothing else from here).
import type { Diagnostic, Range } from '../types';

/** Whether a path (or URI) names a config test file. */
export function isConfigTestPath(path: string): boolean {
  return /\.fluent-test\.ya?ml$/i.test(path.replace(/[?#].*$/, ''));
}

/** The tests of a test file (names and places): the Test Explorer's tree. */
export const DISCOVER_TESTS_REQUEST = 'fluentd/configTests/discover';
/** Runs some tests of a test file (by index) and answers their results. */
export const RUN_TESTS_REQUEST = 'fluentd/configTests/run';

export interface TestFileParams {
  uri: string;
  /** The file's text (the editor's, saved or not). */
  text: string;
}

export interface RunTestsParams extends TestFileParams {
  /** Indexes of the tests to run; all when absent. */
  only?: number[];
}

export interface DiscoverTestsResult {
  tests: { name: string; index: number; range: Range }[];
  configPath?: string;
  problems: Diagnostic[];
}

export interface RunTestsResult {
  /** Why the file could not be run (then `results` is empty). */
  problems: Diagnostic[];
  results: {
    name: string;
    index: number;
    range: Range;
    status: 'passed' | 'failed' | 'errored' | 'skipped';
    durationMs: number;
    failures: { message: string; range: Range }[];
    received: string[];
    notes: string[];
  }[];
}
