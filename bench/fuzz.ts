// Fuzz at scale (issue 13): a seeded campaign of mutated configs, ConfigMap YAML and include
// trees (links, device files, cycles, huge globs) through the full service and fluentd-lint,
// run by test/helpers/fuzz/run-fuzz.ts in a child process watched for hangs and crashes.
//   fuzz_inputs              inputs run (BENCH_FUZZ_COUNT, default 10,000; seed BENCH_FUZZ_SEED, default 13)
//   fuzz_max_call_ms         the slowest call's process CPU time (also counts V8's GC and compiler helper threads)
//   fuzz_max_call_thread_ms  the slowest call's main-thread CPU time (the goal: none over 200 ms)
//   fuzz_max_call_wall_ms    the slowest call's wall-clock time (a loaded machine inflates it)
//   fuzz_calls_over_200ms    calls over 200 ms of CPU time
//   fuzz_calls_over_200ms_thread  calls over 200 ms of main-thread CPU time
//   fuzz_peak_rss_mb         the worker's peak resident memory
//   fuzz_failures            throws, failed checks, hangs and crashes (must be 0)
//   fuzz_slowest_call        which call that was, to replay with `npm run fuzz -- --seed S --only N`
// `npm run fuzz -- --count N --seed S` runs the same campaign with every slow call listed.
import { runFuzz } from '../test/helpers/fuzz/run-fuzz';
import { round } from './util';

export async function benchFuzz(): Promise<Record<string, number | string>> {
  const count = Number(process.env.BENCH_FUZZ_COUNT ?? 10_000);
  const seed = Number(process.env.BENCH_FUZZ_SEED ?? 13);
  const r = await runFuzz({ count, seed, goalMs: 200 });
  const t = r.totals;
  return {
    fuzz_inputs: t.inputs,
    fuzz_max_call_ms: round(t.maxCpu?.cpuMs ?? 0, 1),
    fuzz_max_call_thread_ms: round(t.maxThreadCpu?.threadCpuMs ?? 0, 1),
    fuzz_max_call_wall_ms: round(t.maxWall?.wallMs ?? 0, 1),
    fuzz_calls_over_200ms: t.overGoalCount,
    fuzz_calls_over_200ms_thread: t.threadOverGoalCount,
    fuzz_peak_rss_mb: Math.round(t.peakRssMb),
    fuzz_failures: t.failures.length + r.hangs.length + r.crashes.length,
    fuzz_slowest_call: t.maxCpu ? `${t.maxCpu.call} (seed ${seed}, input ${t.maxCpu.index})` : 'none',
  };
}
