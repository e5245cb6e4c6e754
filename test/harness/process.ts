// One lifecycle for every child process a harness starts (moto, etcd, kube-apiserver, the VS Code
// server, and whatever joins them): spawn into its own process group with output in a log file,
// wait until it is ready with a deadline measured from THAT process's spawn, stop it (TERM, then
// KILL, the whole group), and never leave one behind when the test process exits.
//
//   const p = spawnProcess({ name: 'etcd', command: etcdBin, args, logFile });
//   await waitReady(p, { probe: async () => (await get(`${url}/health`))?.status === 200, timeoutMs: 120_000 });
//   …
//   await p.stop();
//
// A start that can fail for reasons outside the code (a port taken between freePort() and
// listen(), a machine so loaded that a deadline passes) is wrapped in startWithRetry(): it is
// tried once more from scratch, and the first failure's log tail is printed, not swallowed.
//
// Why output goes to a file and not a pipe: a child blocks when the pipe to a busy parent is full;
// a file never blocks it, survives the parent for a post-mortem, and its tail goes into the error.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SpawnSpec {
  /** What the process is, for messages: "etcd", "kube-apiserver", "moto_server", "VS Code server". */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout and stderr are appended here; default: a temp file removed by stop(). */
  logFile?: string;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Date.now() just before spawn: every deadline for this process is measured from here. */
  readonly startedAt: number;
  /** Resolves when the process has exited, with how. */
  readonly exited: Promise<ExitInfo>;
  running(): boolean;
  /** Everything the process has written so far (the log file's text). */
  output(): string;
  /** The last `lines` lines of output (for error messages). */
  tail(lines?: number): string;
  /** SIGTERM to the process group; SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Raised when a process could not be started; carries the tail of its log. */
export class StartError extends Error {
  constructor(
    readonly processName: string,
    readonly reason: string,
    readonly logTail: string,
    readonly logFile?: string,
  ) {
    super(`${processName} ${reason}${logFile ? ` (log: ${logFile})` : ''}; last lines of its output:\n${indent(logTail)}`);
    this.name = 'StartError';
  }
}

/** For races against a child's exit: the child keeps the event loop alive, the timer need not. */
const sleepUnref = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
/** For polling: the caller is waiting on it, so it must keep the event loop alive. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Every live process, killed (whole group) when the test process exits, however it exits.

const live = new Set<ManagedProcess>();
let exitHooked = false;
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const p of live) signalGroup(p.child, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      // a caller with its own handler (the demo) stops its processes gracefully and exits itself
      if (process.listenerCount(sig) > 0) return;
      for (const p of live) signalGroup(p.child, 'SIGKILL');
      process.exit(130);
    });
  }
}

/** Signals the child's whole process group (servers fork helpers), falling back to the child alone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Starts a process in its own process group, its output appended to a log file. */
export function spawnProcess(spec: SpawnSpec): ManagedProcess {
  hookExit();
  let ownLogDir: string | undefined;
  let logFile = spec.logFile;
  if (!logFile) {
    ownLogDir = mkdtempSync(join(tmpdir(), 'vscode-fluentd-proc-'));
    logFile = join(ownLogDir, `${spec.name.replace(/[^\w.-]+/g, '_')}.log`);
  }
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  const startedAt = Date.now();
  let child: ChildProcess;
  try {
    child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', fd, fd],
      detached: true, // its own process group, so stop() reaches what it forks
    });
  } finally {
    closeSync(fd); // the child holds its own copy
  }
  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitInfo = { code, signal })));
    // spawn failures (ENOENT, EACCES) come as 'error' without 'exit'
    child.once('error', (e) => {
      appendNote(logFile!, `spawn failed: ${e.message}`);
      resolve((exitInfo ??= { code: null, signal: null }));
    });
  });
  let stopping: Promise<void> | undefined;
  const managed: ManagedProcess = {
    name: spec.name,
    pid: child.pid ?? -1,
    child,
    logFile,
    startedAt,
    exited,
    // no pid: the spawn itself failed (ENOENT, EACCES); 'error' follows
    running: () => child.pid !== undefined && exitInfo === undefined && child.exitCode === null && child.signalCode === null,
    output: () => readTail(logFile!, Infinity),
    tail: (lines = 30) => lastLines(readTail(logFile!, 64 * 1024), lines),
    stop: (graceMs = 5000) =>
      (stopping ??= (async () => {
        if (managed.running()) {
          signalGroup(child, 'SIGTERM');
          const gone = await Promise.race([exited.then(() => true), sleepUnref(graceMs).then(() => false)]);
          if (!gone) signalGroup(child, 'SIGKILL');
          await Promise.race([exited, sleepUnref(2000)]);
        }
        // helpers forked into the group may outlive the leader
        signalGroup(child, 'SIGKILL');
        live.delete(managed);
        if (ownLogDir) rmSync(ownLogDir, { recursive: true, force: true });
      })()),
  };
  live.add(managed);
  return managed;
}

export interface ReadyOptions {
  /** True once the process serves; called again until then (each call should bound its own wait). */
  probe: () => Promise<boolean>;
  /** Deadline from the process's own spawn (ManagedProcess.startedAt), not from the caller's start. */
  timeoutMs: number;
  /** Pause between probes (default 200 ms). */
  intervalMs?: number;
}

/**
 * Waits until `probe` says ready. Throws a StartError (with the log tail) when the process exits
 * first or the deadline passes. Returns the milliseconds from spawn to ready.
 */
export async function waitReady(p: ManagedProcess, opts: ReadyOptions): Promise<number> {
  const deadline = p.startedAt + opts.timeoutMs;
  for (;;) {
    if (!p.running()) {
      const how = await p.exited;
      throw new StartError(p.name, `exited (${how.signal ?? `code ${how.code}`}) before it was ready`, p.tail(), p.logFile);
    }
    const ok = await opts.probe().catch(() => false);
    if (ok) return Date.now() - p.startedAt;
    if (Date.now() > deadline) {
      throw new StartError(p.name, `was not ready ${Math.round(opts.timeoutMs / 1000)} s after it started`, p.tail(), p.logFile);
    }
    await sleep(opts.intervalMs ?? 200);
  }
}

export interface RetryOptions {
  /** Total attempts (default 2: the first and one retry). */
  attempts?: number;
  /** Where the failed attempt is reported (default: stderr). */
  log?: (message: string) => void;
}

/**
 * Runs a whole start-up (fresh ports, fresh folders: `start` must clean up after itself when it
 * throws) and, when it fails, once more. The failed attempt's error, with its log tail, is printed.
 */
export async function startWithRetry<T>(what: string, start: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 2;
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(attempt);
    } catch (e) {
      if (attempt >= attempts) throw e;
      const message = e instanceof Error ? e.message : String(e);
      log(`harness: starting ${what} failed (attempt ${attempt} of ${attempts}), trying again:\n${indent(message)}`);
    }
  }
}

/**
 * Resolves with the first match of `pattern` in the process's output, read as the log grows; with
 * undefined once the process has exited without printing it.
 */
export function watchOutput(p: ManagedProcess, pattern: RegExp, intervalMs = 250): Promise<RegExpExecArray | undefined> {
  return new Promise((resolve) => {
    let offset = 0;
    let carry = ''; // the end of the previous read, so a match may straddle two reads
    let exited = false;
    void p.exited.then(() => (exited = true));
    const check = (): void => {
      const wasExited = exited; // read before reading the file: output written before exit is then seen
      const { text, size } = readFrom(p.logFile, offset);
      offset = size;
      const window = carry + text;
      const m = pattern.exec(window);
      if (m) return resolve(m);
      carry = window.slice(-8192);
      if (wasExited) return resolve(undefined);
      setTimeout(check, intervalMs);
    };
    check();
  });
}

/** Stops several processes, last started first. */
export async function stopAll(processes: (ManagedProcess | undefined)[], graceMs?: number): Promise<void> {
  for (const p of [...processes].reverse()) await p?.stop(graceMs);
}

// ---------------------------------------------------------------------------------------------

/** Up to `maxBytes` from the end of a file (all of it for Infinity); '' when it cannot be read. */
export function readTail(file: string, maxBytes: number): string {
  if (!existsSync(file)) return '';
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buf, read, length - read, size - length + read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readFrom(file: string, offset: number): { text: string; size: number } {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size <= offset) return { text: '', size: Math.max(size, 0) };
    const buf = Buffer.alloc(size - offset);
    const n = readSync(fd, buf, 0, buf.length, offset);
    return { text: buf.subarray(0, n).toString('utf8'), size: offset + n };
  } catch {
    return { text: '', size: offset };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function lastLines(text: string, lines: number): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? all.slice(-lines) : all).join('\n') || '(no output)';
}

function appendNote(file: string, note: string): void {
  try {
    const fd = openSync(file, 'a');
    try {
      writeSync(fd, `[harness] ${note}\n`);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
