// `npm run bench`: the speed numbers of the project. Prints a table (name, value, goal,
// must, status) and writes bench-results.json at the repository root.
//
//   parse_10k_ms     parse + syntax diagnostics of the ~10,000-line corpus config
//                    (bench/corpus10k.ts), median of 200 warm runs — goal ≤ 10, must ≤ 20
//   scan_10k_ms      text.split('\n') of the same text, run before and after each parse, median
//   parse_vs_scan    median over the runs of parse ÷ the mean of its two scans — goal ≤ 5, must ≤ 10
//   server_start_ms  spawn `node dist/server.js --stdio`, initialize, open a config with
//                    one mistake, until its first publishDiagnostics; median of 5
// Then the benches other parts own (bench/checks.ts, routing.ts, editor.ts, cloudwatch.ts, kube.ts,
// cluster.ts, simulate-parse.ts, simulate-route.ts, fuzz.ts: 10,000 fuzz inputs, several minutes)
// when they exist; a failing one records its error instead of numbers.
// BENCH_ONLY=parse,server (names: parse server checks routing editor cloudwatch kube cluster simulate-parse simulate-route simulate-editor fuzz) runs a part.
//
// The parser is measured as it ships: bundled by esbuild like dist/server.js. Run
// through tsx, every file is its own CommonJS module whose exports are getters, so
// each `CH.x` constant in the scanner costs a call and the numbers say more about
// the loader than about the parser.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import type { ParseResult } from '../src/language/parser';
import { corpus10k } from './corpus10k';
import { bundled, median, round, time } from './util';

type Value = number | string;
interface Goal {
  /** 'max': smaller is better; 'min': larger is better. */
  dir: 'max' | 'min';
  goal?: number;
  must?: number;
}

const ROOT = resolve(__dirname, '..');

/** Goals from the issues; other benches' numbers without an entry are printed for reference. */
const GOALS: Record<string, Goal> = {
  parse_10k_ms: { dir: 'max', goal: 10, must: 20 },
  parse_vs_scan: { dir: 'max', goal: 5, must: 10 },
  validate_10k_ms: { dir: 'max', goal: 50 },
  completion_p95_ms: { dir: 'max', goal: 5 },
  edit_to_diagnostics_p95_ms: { dir: 'max', goal: 30 },
  tail_engine_events_per_s: { dir: 'min', goal: 50_000 },
  tail_rss_growth_mb_per_1m: { dir: 'max', goal: 50 },
  tree_first_page_ms: { dir: 'max', goal: 1_000 },
  tail_put_to_sink_p95_ms: { dir: 'max', goal: 1_500 },
  tail_latency_vs_peer: { dir: 'max', goal: 0.7, must: 1 },
  deploy_topologies_apply_ms: { dir: 'max', goal: 5_000 },
  parse_playground_p95_ms: { dir: 'max', goal: 50 },
  simulate_10k_events_ms: { dir: 'max', goal: 100 },
  rollout_3_nodes_ms: { dir: 'max', goal: 10_000 },
  pod_log_lines_per_s: { dir: 'min', goal: 5_000 },
  playground_request_p95_ms: { dir: 'max', goal: 50 },
  // judged by main-thread CPU; process CPU (fuzz_max_call_ms) adds V8's helper threads (README, Fuzzing)
  fuzz_max_call_thread_ms: { dir: 'max', goal: 200 },
  fuzz_failures: { dir: 'max', must: 0 },
};

/** The parser bundled like the server bundles it (see the header). */
const bundledParse = async () =>
  (await bundled<{ parse: (text: string) => ParseResult }>('parse', ["export * from './src/language/parser';"])).parse;

async function benchParse(): Promise<Record<string, Value>> {
  const parse = await bundledParse();
  const text = corpus10k();
  const first = parse(text);
  const syntaxErrors = first.diagnostics.filter((d) => d.severity === 'error').length;
  if (syntaxErrors) throw new Error(`the 10k corpus config has ${syntaxErrors} syntax errors: the bench text is broken`);
  // Parse and scan alternate run by run, so that both meet the machine in the same
  // state: on a shared machine the speed changes from one second to the next, and
  // rounds of one then rounds of the other turned that into a ratio anywhere from 5
  // to 12. The ratio is the median of each parse's ratio to the scans around it.
  let lines = 0;
  const split = () => (lines = text.split('\n').length);
  for (let i = 0; i < 30; i++) {
    parse(text);
    split();
  }
  const parseRuns: number[] = [];
  const scanRuns: number[] = [];
  const ratios: number[] = [];
  let parseCpu = 0;
  for (let i = 0; i < 200; i++) {
    const before = time(split);
    const c = process.cpuUsage();
    const p = time(() => parse(text));
    const cpu = process.cpuUsage(c);
    parseCpu += (cpu.user + cpu.system) / 1000;
    const after = time(split);
    parseRuns.push(p);
    scanRuns.push(before, after);
    ratios.push(p / ((before + after) / 2));
  }
  return {
    parse_10k_ms: round(median(parseRuns), 2),
    scan_10k_ms: round(median(scanRuns), 3),
    parse_vs_scan: round(median(ratios), 1),
    parse_10k_best_ms: round(Math.min(...parseRuns), 2),
    // includes the garbage collector's helper threads
    parse_10k_cpu_ms: round(parseCpu / parseRuns.length, 2),
    corpus_10k_lines: lines - 1,
  };
}

/** One server start: spawn → first publishDiagnostics of the opened document. */
async function serverStartOnce(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = 'file:///bench/fluent.conf';
  try {
    const diagnostics = new Promise<number>((resolveDiag, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics within 20 s; stderr: ${stderr.slice(0, 500)}`)), 20_000);
      conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri !== uri) return;
        clearTimeout(timer);
        if (!p.diagnostics.some((d) => d.code === 'unclosed-element')) {
          reject(new Error(`first diagnostics miss the mistake: ${JSON.stringify(p.diagnostics)}`));
        }
        resolveDiag(performance.now() - t0);
      });
      child.on('exit', (code) => reject(new Error(`server exited (${code}) before diagnostics; stderr: ${stderr.slice(0, 500)}`)));
    });
    conn.listen();
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await conn.sendNotification(InitializedNotification.type, {});
    // one mistake: the <match> is never closed
    const text =
      '<source>\n  @type tail\n  path /var/log/containers/*.log\n  tag kubernetes.*\n  <parse>\n    @type json\n  </parse>\n</source>\n<match kubernetes.**>\n  @type stdout\n';
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'fluentd', version: 1, text } });
    const ms = await diagnostics;
    await conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await conn.sendNotification(ExitNotification.type).catch(() => undefined);
    return ms;
  } finally {
    conn.dispose();
    // the server exits on `exit`; make sure it is gone either way
    await new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      const kill = setTimeout(() => child.kill('SIGKILL'), 2_000);
      child.once('exit', () => {
        clearTimeout(kill);
        r();
      });
    });
  }
}

async function benchServerStart(): Promise<Record<string, Value>> {
  if (!existsSync(join(ROOT, 'dist/server.js'))) throw new Error('dist/server.js is missing: run node scripts/build.mjs');
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(await serverStartOnce());
  return { server_start_ms: round(median(runs), 1) };
}

/** Benches other parts own: module under bench/ and the function it exports. */
const OPTIONAL: [file: string, fn: string][] = [
  ['checks', 'benchChecks'],
  ['routing', 'benchRouting'],
  ['editor', 'benchEditor'],
  ['cloudwatch', 'benchCloudwatch'],
  ['kube', 'benchKube'],
  ['cluster', 'benchCluster'],
  ['simulate-parse', 'benchSimulateParse'],
  ['simulate-route', 'benchSimulateRoute'],
  ['simulate-editor', 'benchSimulateEditor'],
  ['fuzz', 'benchFuzz'],
];

async function runOptional(file: string, fn: string): Promise<Record<string, Value> | undefined> {
  if (!existsSync(join(__dirname, `${file}.ts`))) return undefined;
  const mod = (await import(`./${file}`)) as Record<string, unknown>;
  const run = mod[fn];
  if (typeof run !== 'function') return undefined;
  return (await run()) as Record<string, Value>;
}

function status(name: string, value: Value): string {
  const g = GOALS[name];
  if (!g) return '';
  if (typeof value !== 'number') return 'ERROR';
  const ok = (limit: number) => (g.dir === 'max' ? value <= limit : value >= limit);
  if (g.must !== undefined && !ok(g.must)) return 'FAIL (must)';
  if (g.goal !== undefined && !ok(g.goal)) return g.must !== undefined ? 'ok (must), goal missed' : 'goal missed';
  return 'ok';
}

function printTable(results: Record<string, Value>): void {
  const rows = [['name', 'value', 'goal', 'must', 'status']];
  const limit = (name: string, k: 'goal' | 'must') => {
    const g = GOALS[name];
    const v = g?.[k];
    return v === undefined ? '' : `${g.dir === 'max' ? '≤' : '≥'} ${v}`;
  };
  // long texts (versions, descriptions, errors) go below the table, not into its columns
  const notes: string[] = [];
  for (const [name, value] of Object.entries(results)) {
    if (typeof value === 'string' && value.length > 16) {
      rows.push([name, '(below)', limit(name, 'goal'), limit(name, 'must'), status(name, value)]);
      notes.push(`${name}: ${value}`);
    } else {
      rows.push([name, String(value), limit(name, 'goal'), limit(name, 'must'), status(name, value)]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(
      r
        .map((c, j) => (j === 1 ? c.padStart(widths[j]) : c.padEnd(widths[j])))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  if (notes.length) console.log(`\n${notes.join('\n')}`);
}

async function main(): Promise<void> {
  const results: Record<string, Value> = {};
  const record = async (name: string, run: () => Promise<Record<string, Value> | undefined>) => {
    const t = performance.now();
    process.stderr.write(`bench: ${name}…\n`);
    try {
      Object.assign(results, (await run()) ?? {});
    } catch (err) {
      results[`${name}_error`] = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
    process.stderr.write(`bench: ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  };
  const load = loadavg()[0];
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
  const wanted = (name: string) => !only || only.has(name);
  if (wanted('parse')) await record('parse', benchParse);
  if (wanted('server')) await record('server', benchServerStart);
  for (const [file, fn] of OPTIONAL) if (wanted(file)) await record(file, () => runOptional(file, fn));

  // the goals a missing number was meant for show as errors, not silently as absent
  const own = [
    ...(wanted('parse') ? ['parse_10k_ms', 'scan_10k_ms', 'parse_vs_scan'] : []),
    ...(wanted('server') ? ['server_start_ms'] : []),
  ];
  for (const name of own) if (!(name in results)) results[name] = 'missing (see *_error)';
  printTable(results);
  const out = {
    results,
    goals: GOALS,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      node: process.version,
      date: new Date().toISOString(),
      // the numbers are wall-clock: a busy machine makes them slower
      loadavg1mAtStart: round(load, 2),
      loadavg1mAtEnd: round(loadavg()[0], 2),
    },
  };
  writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote ${join(ROOT, 'bench-results.json')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
