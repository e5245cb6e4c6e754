// A config test file as read (read.ts): every value with where it stands in the file, so
// failures, diagnostics and the Test Explorer point at the test, the input or the expectation.
import type { EventRecord, EventTime } from '../simulate/types';
import type { Range } from '../types';

export interface Located<T> {
  value: T;
  range: Range;
}

export interface Problem {
  range: Range;
  severity: 'error' | 'warning';
  /** Stable code, e.g. `test-unknown-key`, `test-yaml-syntax`, `test-unknown-source`. */
  code: string;
  message: string;
}

export type ConditionOp = 'equals' | 'contains' | 'matches' | 'absent';

export interface Condition {
  op: ConditionOp;
  /** equals/contains: a record value; matches: the regexp source; absent: whether the field must be absent. */
  value: unknown;
  range: Range;
}

export interface FieldCondition {
  /** A key, or a record accessor (`$.a.b`, `$['a.b']`). */
  field: string;
  range: Range;
  condition: Condition;
}

export interface TestInput {
  range: Range;
  source?: Located<string>;
  path?: string;
  lines?: string[];
  tag?: string;
  label?: Located<string>;
  time?: EventTime;
  record?: EventRecord;
}

export interface Expectation {
  range: Range;
  output: Located<string>;
  count?: number;
  tag?: Condition;
  fields: FieldCondition[];
  destination: { key: string; range: Range; condition: Condition }[];
}

export interface TestCase {
  name: string;
  /** 0-based position in the file's list. */
  index: number;
  /** The whole list item. */
  range: Range;
  nameRange: Range;
  inputs: TestInput[];
  expect: Expectation[];
  noOutputFrom: Located<string>[];
  unmatched?: Located<number>;
}

export interface TestFile {
  config?: Located<string>;
  env: Record<string, string>;
  timezone?: Located<string>;
  now?: EventTime;
  hostname?: string;
  kube?: Located<string>;
  tests: TestCase[];
  /** Syntax and format errors; a file with errors is not run. */
  problems: Problem[];
}
