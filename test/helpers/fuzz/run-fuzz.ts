// Runs a fuzz campaign: the worker (worker.ts) bundled with esbuild and run as a child
// process, watched for hangs (no new input within hangMs: the process is killed, the input
// reported, and the run goes on with the next one) and crashes. Used by `npm run fuzz`,
// `npm run bench` and the unit tier.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { emptyTotals, merge, type FuzzJob, type FuzzMessage, type Totals } from './totals';

export interface FuzzOptions {
  count: number;
  seed: number;
  /** First input index (default 0). */
  start?: number;
  /** Replay one input only. */
  only?: number;
  /** Calls over this much CPU time are listed as over the goal (default 200). */
  goalMs?: number;
  /** No new input for this long is a hang (default 20 s). */
  hangMs?: number;
  /** Progress lines (every 1,000 inputs). */
  log?: (line: string) => void;
}

export interface FuzzResult {
  seed: number;
  totals: Totals;
  hangs: number[];
  crashes: { index: number; error: string }[];
  wallSeconds: number;
}

/** The worker bundled where its imports of the shared corpus still resolve (test/helpers/). */
async function bundleWorker(): Promise<string> {
  const outfile = join(__dirname, '..', `.fuzz-worker-${process.pid}.js`);
  await esbuild.build({
    entryPoints: [join(__dirname, 'worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const bundle = await bundleWorker();
  const tmp = mkdtempSync(join(tmpdir(), 'fluentd-fuzz-'));
  const result: FuzzResult = { seed: opts.seed, totals: emptyTotals(), hangs: [], crashes: [], wallSeconds: 0 };
  const end = (opts.start ?? 0) + opts.count;
  let next = opts.only ?? opts.start ?? 0;
  let reported = 0;
  try {
    while (opts.only !== undefined ? next === opts.only : next < end) {
      const job: FuzzJob = {
        seed: opts.seed,
        start: next,
        count: opts.only !== undefined ? 1 : end - next,
        only: opts.only,
        tmp,
        goalMs: opts.goalMs ?? 200,
      };
      const outcome = await new Promise<{ kind: 'end' } | { kind: 'hang' | 'crash'; index: number; error: string }>((resolve) => {
        const child = fork(bundle, [], {
          env: { ...process.env, FUZZ_JOB: JSON.stringify(job) },
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
        let current = next;
        let settled = false;
        const settle = (v: { kind: 'end' } | { kind: 'hang' | 'crash'; index: number; error: string }) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          resolve(v);
        };
        const hang = () => settle({ kind: 'hang', index: current, error: `no progress for ${opts.hangMs ?? 20_000} ms` });
        let timer = setTimeout(hang, opts.hangMs ?? 20_000);
        child.on('message', (m: FuzzMessage) => {
          if (m.type === 'start') {
            current = m.index;
            clearTimeout(timer);
            timer = setTimeout(hang, opts.hangMs ?? 20_000);
          } else if (m.type === 'totals') {
            result.totals = merge(result.totals, m.totals);
            if (opts.log && result.totals.inputs - reported >= 1000) {
              reported = result.totals.inputs;
              const t = result.totals;
              opts.log(
                `${t.inputs} inputs, ${t.calls} calls; slowest ${t.maxCpu?.cpuMs.toFixed(1)} ms CPU / ${t.maxThreadCpu?.threadCpuMs?.toFixed(1)} ms main thread / ` +
                  `${t.maxWall?.wallMs.toFixed(1)} ms wall; ${t.overGoalCount} over ${job.goalMs} ms (${t.threadOverGoalCount} main thread); ${t.failures.length} failures; peak RSS ${Math.round(t.peakRssMb)} MB`,
              );
            }
          } else if (m.type === 'end') settle({ kind: 'end' });
          else if (m.type === 'crash') settle({ kind: 'crash', index: current, error: m.error });
        });
        child.on('exit', (code, signal) =>
          settle({ kind: 'crash', index: current, error: `worker exited (${code ?? signal}): ${stderr.slice(-1500)}` }),
        );
      });
      if (outcome.kind === 'end') break;
      if (outcome.kind === 'hang') result.hangs.push(outcome.index);
      else result.crashes.push({ index: outcome.index, error: outcome.error });
      next = outcome.index + 1; // go on after the input that hung or crashed
    }
  } finally {
    rmSync(bundle, { force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
  result.wallSeconds = (performance.now() - started) / 1000;
  return result;
}
