// Speed of the routing simulator:
//   simulate_10k_events_ms         10,000 container log lines (Docker JSON, 100 files of 100 lines)
//                                  read by in_tail_container_logs of the EKS DaemonSet config (the
//                                  corpus's v1.19 debian-cloudwatch tree, test/fixtures/simulate-route/eks):
//                                  parsed, tagged, through kubernetes_metadata to cloudwatch_logs with
//                                  its group and stream; median of 15 runs — goal ≤ 100
//   simulate_10k_events_cpu_ms     the CPU time of the same run (what the machine's load does not inflate)
//   simulate_10k_events_traced_ms  the same with a trace per event (the playground's view)
// The config is read and set up once (as the playground does between runs); measured as it ships,
// bundled by esbuild. Called by bench/bench.ts.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Route from '../src/language/simulate/route';
import type { nodeFileSystem as NodeFileSystem } from '../src/language/node-file-system';
import { bundled, median, round } from './util';

type Bundle = typeof Route & { nodeFileSystem: typeof NodeFileSystem };

const EKS = resolve(__dirname, '..', 'test', 'fixtures', 'simulate-route', 'eks', 'fluent.conf');

function files(): { path: string; lines: string[] }[] {
  const out: { path: string; lines: string[] }[] = [];
  for (let f = 0; f < 100; f++) {
    const path = `/var/log/containers/app-${f}-7d9f${f % 7}_ns-${f % 5}_app-${'0123456789abcdef'.repeat(4)}.log`;
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) {
      const log = i % 10 === 0 ? JSON.stringify({ level: 'info', msg: `request ${i}`, ms: i * 1.5 }) : `GET /api/items/${i} 200 ${i * 3}ms`;
      lines.push(
        JSON.stringify({
          log: `${log}\n`,
          stream: i % 3 ? 'stdout' : 'stderr',
          time: `2024-03-05T10:11:${String(i % 60).padStart(2, '0')}.${String(i * 1000 + f).padStart(9, '0')}Z`,
        }),
      );
    }
    out.push({ path, lines });
  }
  return out;
}

export async function benchSimulateRoute(): Promise<Record<string, number>> {
  const r = await bundled<Bundle>('simulate-route', [
    "export * from './src/language/simulate/route';",
    "export { nodeFileSystem } from './src/language/node-file-system';",
  ]);
  const env = {
    now: { sec: 1700000000, nsec: 0 },
    env: { KUBERNETES_SERVICE_HOST: '10.100.0.1', KUBERNETES_SERVICE_PORT: '443', LOG_GROUP_NAME: '/eks/bench/containers' },
    tz: 'UTC',
    hostname: 'bench',
  };
  const tree = r.loadConfigTree(EKS, r.nodeFileSystem, env.env);
  if (!tree) throw new Error(`cannot read ${EKS}`);
  const sim = r.buildSimulation(tree, { env });
  if (sim.configError) throw new Error(sim.configError);
  const input = files();
  const once = (trace: boolean) => {
    let delivered = 0;
    const t = performance.now();
    for (const f of input) {
      const res = r.runRoute(
        sim,
        { kind: 'tail', path: f.path, lines: f.lines, source: 'in_tail_container_logs' },
        { budget: r.DEFAULT_BUDGET, trace },
      );
      if ('configError' in res) throw new Error(res.configError);
      delivered += res.deliveries.length;
    }
    const ms = performance.now() - t;
    if (delivered !== 10_000) throw new Error(`expected 10000 deliveries, got ${delivered}`);
    return ms;
  };
  const measure = (trace: boolean) => {
    for (let i = 0; i < 5; i++) once(trace); // warm the JIT
    return median(Array.from({ length: 15 }, () => once(trace)));
  };
  const wall = measure(false);
  // on a shared, loaded machine the wall clock counts other processes' turns too: the CPU time this
  // process spent says what the simulator itself costs
  const cpu: number[] = [];
  for (let i = 0; i < 15; i++) {
    const c = process.cpuUsage();
    once(false);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return {
    simulate_10k_events_ms: round(wall, 1),
    simulate_10k_events_cpu_ms: round(median(cpu), 1),
    simulate_10k_events_traced_ms: round(measure(true), 1),
  };
}

if (require.main === module) void benchSimulateRoute().then((x) => console.log(x));
