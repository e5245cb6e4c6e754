// Runs a piece of TypeScript in a child process with a time limit, for regression tests
// of hangs: a call that never returns must fail its test, not stop the test runner.
// The child prints one JSON value on stdout (its last line is parsed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

export interface ChildOutcome<T> {
  /** The JSON value the child printed last; undefined when it timed out or failed. */
  value?: T;
  timedOut: boolean;
  status: number | null;
  stderr: string;
}

/**
 * `body` is the inside of an async function; `src(…)` in it is an absolute path under
 * src/ to import from (e.g. `const { glob } = await import(${src('language/glob')})`);
 * it ends with `return value`.
 */
export function runInChild<T>(body: string, timeoutMs: number, env: NodeJS.ProcessEnv = {}): ChildOutcome<T> {
  const dir = mkdtempSync(join(tmpdir(), 'fluentd-bounded-'));
  try {
    const file = join(dir, 'child.ts');
    writeFileSync(
      file,
      `(async () => {\n${body}\n})().then((v) => { process.stdout.write('\\n' + JSON.stringify(v) + '\\n'); process.exit(0); }, (e) => { console.error(e); process.exit(1); });\n`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    const timedOut = r.signal === 'SIGKILL' || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    const last = r.stdout?.trimEnd().split('\n').pop();
    let value: T | undefined;
    if (!timedOut && r.status === 0 && last !== undefined) value = JSON.parse(last) as T;
    return { value, timedOut, status: r.status, stderr: r.stderr ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An import path for the child: the absolute path of a module under src/, as a string literal. */
export function src(module: string): string {
  return JSON.stringify(join(repoRoot, 'src', module));
}

/** An import path for the child: a package installed in the repository, as a string literal. */
export function pkg(name: string): string {
  return JSON.stringify(require.resolve(name, { paths: [repoRoot] }));
}
