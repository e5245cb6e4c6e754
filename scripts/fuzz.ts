// `npm run fuzz -- --count N [--seed S] [--start I] [--only I] [--goal-ms 200] [--json FILE]`:
// seeded fuzzing of the language service and fluentd-lint with mutated configs, ConfigMap
// YAML and include trees (test/helpers/fuzz/). The same seed gives the same inputs; a
// failing input is replayed alone with --only. Exit 1 when a call threw, a check failed
// inside the service, or an input hung; calls over the goal (CPU time) are listed.
import { writeFileSync } from 'node:fs';
import { runFuzz } from '../test/helpers/fuzz/run-fuzz';
import { percentile } from '../test/helpers/fuzz/totals';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, dflt?: number) => {
  const v = arg(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} wants a whole number, got '${v}'`);
  return n;
};

async function main(): Promise<number> {
  const seed = num('seed', process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (process.pid << 16)) >>> 0)!;
  const count = num('count', 1000)!;
  const only = num('only');
  const goalMs = num('goal-ms', 200)!;
  console.log(
    `fuzz: seed ${seed}, ${only !== undefined ? `input ${only} only` : `${count} inputs`} (replay: npm run fuzz -- --seed ${seed} --count ${count})`,
  );
  const r = await runFuzz({ seed, count, start: num('start', 0), only, goalMs, log: (l) => console.log(`fuzz: ${l}`) });
  const t = r.totals;
  const lines = [
    `inputs            ${t.inputs} (${Object.entries(t.kinds)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')})`,
    `calls             ${t.calls}`,
    `max call, CPU     ${t.maxCpu?.cpuMs.toFixed(1)} ms process (main thread ${t.maxCpu?.threadCpuMs?.toFixed(1)} ms)  (${t.maxCpu?.call}, input ${t.maxCpu?.index})`,
    `max call, thread  ${t.maxThreadCpu?.threadCpuMs?.toFixed(1) ?? 'n/a'} ms main-thread CPU (process ${t.maxThreadCpu?.cpuMs.toFixed(1)} ms)  (${t.maxThreadCpu?.call}, input ${t.maxThreadCpu?.index})`,
    `max call, wall    ${t.maxWall?.wallMs.toFixed(1)} ms  (${t.maxWall?.call}, input ${t.maxWall?.index})`,
    `p99 / p99.9 CPU   ${percentile(t, 0.99)} / ${percentile(t, 0.999)} ms process, ${percentile(t, 0.99, true)} / ${percentile(t, 0.999, true)} ms main thread`,
    `calls over ${goalMs} ms CPU  ${t.overGoalCount} process, ${t.threadOverGoalCount} main thread`,
    `peak RSS          ${Math.round(t.peakRssMb)} MB  (every 1,000 inputs: ${t.rssSamplesMb.join(' ')})`,
    `failures          ${t.failures.length}, hangs ${r.hangs.length}, crashes ${r.crashes.length}`,
    `time              ${Math.round(r.wallSeconds)} s`,
  ];
  console.log(lines.join('\n'));
  for (const s of t.overGoal)
    console.log(
      `  over the goal: input ${s.index} ${s.call}: ${s.cpuMs.toFixed(1)} ms CPU (main thread ${s.threadCpuMs?.toFixed(1) ?? 'n/a'} ms), ${s.wallMs.toFixed(1)} ms wall`,
    );
  for (const f of t.failures) console.log(`  FAILURE input ${f.index} [${f.applied.join(', ')}]: ${f.error.slice(0, 1500)}`);
  for (const h of r.hangs) console.log(`  HANG input ${h} (replay: npm run fuzz -- --seed ${seed} --only ${h})`);
  for (const c of r.crashes) console.log(`  CRASH input ${c.index}: ${c.error.slice(0, 1500)}`);
  const json = arg('json');
  if (json) writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  return t.failures.length || r.hangs.length || r.crashes.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
