// `fluentd-lint test` reports: text for people, JSON for scripts, JUnit XML for CI test views.
// Positions are 1-based (line, column) in the test file.
import type { Problem, TestResult, TestStatus } from '../language/config-tests';
import { visible } from '../language/simulate/view/record-text';

export interface FileReport {
  path: string;
  /** Set when the file could not be run (YAML or format errors, a config that cannot be read). */
  problems: Problem[];
  results: TestResult[];
}

export type Counts = Record<TestStatus, number>;

export function countResults(files: readonly FileReport[]): Counts {
  const c: Counts = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const f of files) for (const r of f.results) c[r.status]++;
  return c;
}

/** Control characters from test files and records made visible (a report must not drive the terminal). */
export { visible };

const MARK: Record<TestStatus, string> = { passed: 'PASS', failed: 'FAIL', errored: 'ERROR', skipped: 'SKIP' };
const COLOR: Record<TestStatus, string> = { passed: '\x1b[32m', failed: '\x1b[31m', errored: '\x1b[35m', skipped: '\x1b[33m' };

export function formatTestText(files: readonly FileReport[], color: boolean): string {
  const paint = (status: TestStatus, s: string) => (color ? `${COLOR[status]}${s}\x1b[0m` : s);
  let out = '';
  for (const f of files) {
    out += `${visible(f.path)}\n`;
    for (const p of f.problems)
      out += `  ${paint('errored', 'ERROR')} ${visible(f.path)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${visible(p.message)} [${p.code}]\n`;
    for (const r of f.results) {
      out += `  ${paint(r.status, MARK[r.status])} ${visible(r.name)}${r.status === 'skipped' ? '' : ` (${Math.round(r.durationMs)} ms)`}\n`;
      if (r.status === 'passed') continue;
      for (const x of r.failures) {
        const [first, ...rest] = visible(x.message).split('\n');
        out += `      ${visible(f.path)}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${first}\n`;
        for (const l of rest) out += `        ${l}\n`;
      }
      for (const n of r.notes) out += `      note: ${visible(n)}\n`;
    }
  }
  return out;
}

export function formatTestSummary(files: readonly FileReport[], color: boolean): string {
  const c = countResults(files);
  const unusable = files.filter((f) => f.problems.length).length;
  const parts = [`${c.passed} passed`, `${c.failed} failed`, `${c.errored} errored`, `${c.skipped} skipped`];
  const text = `${parts.join(', ')} in ${files.length} file${files.length === 1 ? '' : 's'}${unusable ? ` (${unusable} could not be run)` : ''}`;
  const bad = c.failed || c.errored || unusable;
  return `${color ? `${bad ? '\x1b[31m' : '\x1b[32m'}${text}\x1b[0m` : text}\n`;
}

export function formatTestJson(files: readonly FileReport[]): string {
  const pos = (r: { start: { line: number; character: number } }) => ({ line: r.start.line + 1, column: r.start.character + 1 });
  return `${JSON.stringify({
    files: files.map((f) => ({
      path: f.path,
      problems: f.problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message, ...pos(p.range) })),
      tests: f.results.map((r) => ({
        name: r.name,
        status: r.status,
        durationMs: Math.round(r.durationMs * 1000) / 1000,
        failures: r.failures.map((x) => ({ message: x.message, ...pos(x.range) })),
        received: r.received,
        notes: r.notes,
      })),
    })),
    summary: countResults(files),
  })}\n`;
}

/** Text safe in XML 1.0: markup escaped, characters XML cannot hold written as \uXXXX. */
export function xmlText(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      // lone surrogates are not characters
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\\ufffd')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function formatTestJunit(files: readonly FileReport[]): string {
  const total = countResults(files);
  const time = files.reduce((s, f) => s + f.results.reduce((t, r) => t + r.durationMs, 0), 0);
  const unusable = files.filter((f) => f.problems.length).length;
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="fluentd-lint test" tests="${total.passed + total.failed + total.errored + total.skipped + unusable}" failures="${total.failed}" errors="${total.errored + unusable}" skipped="${total.skipped}" time="${seconds(time)}">\n`;
  for (const f of files) {
    const c = countResults([f]);
    const p = xmlText(f.path);
    const tests = f.results.length + (f.problems.length ? 1 : 0);
    const errors = c.errored + (f.problems.length ? 1 : 0);
    const t = f.results.reduce((s, r) => s + r.durationMs, 0);
    out += `  <testsuite name="${p}" tests="${tests}" failures="${c.failed}" errors="${errors}" skipped="${c.skipped}" time="${seconds(t)}" file="${p}">\n`;
    if (f.problems.length) {
      const body = f.problems
        .map((x) => `${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${x.message} [${x.code}]`)
        .join('\n');
      out += `    <testcase name="(test file)" classname="${p}" file="${p}" time="0.000">\n`;
      out += `      <error message="${xmlText(f.problems[0].message)}" type="unusable">${xmlText(body)}</error>\n    </testcase>\n`;
    }
    for (const r of f.results) {
      out += `    <testcase name="${xmlText(r.name)}" classname="${p}" file="${p}" line="${r.range.start.line + 1}" time="${seconds(r.durationMs)}"`;
      if (r.status === 'passed') {
        out += ' />\n';
        continue;
      }
      out += '>\n';
      if (r.status === 'skipped') out += `      <skipped message="${xmlText(r.notes.join('; '))}" />\n`;
      else {
        const tag = r.status === 'failed' ? 'failure' : 'error';
        const body = [
          ...r.failures.map((x) => `${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${x.message}`),
          ...r.notes.map((n) => `note: ${n}`),
        ].join('\n');
        const first = (r.failures[0]?.message ?? r.notes[0] ?? '').split('\n')[0];
        out += `      <${tag} message="${xmlText(first)}" type="${r.status}">${xmlText(body)}</${tag}>\n`;
      }
      if (r.received.length) out += `      <system-out>${xmlText(`received: ${r.received.join('; ')}`)}</system-out>\n`;
      out += '    </testcase>\n';
    }
    out += '  </testsuite>\n';
  }
  return `${out}</testsuites>\n`;
}
