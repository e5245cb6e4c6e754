// Speed of the parse playground:
//   parse_playground_p95_ms  an edit of a <parse> regexp section, then its 200 sample lines parsed
//                            again (the section recompiled: a new regexp each edit, no cache hit),
//                            p95 of 200 edits — goal ≤ 50 ms
//   parse_playground_median_ms  the median of the same runs
// Measured as it ships: bundled by esbuild. Called by bench/bench.ts.
import { performance } from 'node:perf_hooks';
import type { compileParseText as CompileParseText, environmentAt as EnvironmentAt } from '../src/language/simulate/parse';
import { bundled, round } from './util';

interface Bundle {
  compileParseText: typeof CompileParseText;
  environmentAt: typeof EnvironmentAt;
}

/** 200 access-log lines: most match, some do not (the playground shows why). */
function sampleLines(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 200; i++) {
    if (i % 10 === 9) out.push(`garbage line ${i} without the shape`);
    else
      out.push(
        `10.0.${i % 256}.${(i * 7) % 256} - user${i % 5} [05/Mar/2024:10:${String(i % 60).padStart(2, '0')}:12 +0000] "GET /api/v1/items/${i}?q=${'x'.repeat(i % 40)} HTTP/1.1" ${[200, 404, 500][i % 3]} ${i * 13} "-" "Mozilla/5.0 (X11; Linux x86_64) bench/${i}"`,
      );
  }
  return out;
}

export async function benchSimulateParse(): Promise<Record<string, number>> {
  const { compileParseText, environmentAt } = await bundled<Bundle>('simulate-parse', [
    "export { compileParseText, environmentAt } from './src/language/simulate/parse';",
  ]);
  const env = environmentAt(1700000000, {}, 'UTC');
  const lines = sampleLines();
  const section = (edit: number) =>
    `<parse>\n  @type regexp\n  expression /^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] "(?<method>\\S+)(?: +(?<path>[^ ]*) +\\S*)?" (?<code>[^ ]*) (?<size>[^ ]*)(?: "(?<referer>[^\\"]*)" "(?<agent>[^\\"]*)")?(?<edit${edit}>)$/\n  time_format %d/%b/%Y:%H:%M:%S %z\n  types code:integer,size:integer\n</parse>`;
  const runs: number[] = [];
  for (let edit = 0; edit < 220; edit++) {
    const t = performance.now();
    const c = compileParseText(section(edit), env);
    if (!c.ok) throw new Error(`bench section refused: ${JSON.stringify(c)}`);
    let records = 0;
    for (const line of lines) if (c.parser.parse(line).kind === 'record') records++;
    if (records !== 180) throw new Error(`expected 180 records, got ${records}`);
    if (edit >= 20) runs.push(performance.now() - t); // the first edits warm the JIT
  }
  runs.sort((a, b) => a - b);
  return {
    parse_playground_p95_ms: round(runs[Math.ceil(runs.length * 0.95) - 1], 2),
    parse_playground_median_ms: round(runs[runs.length >> 1], 2),
  };
}

if (require.main === module) void benchSimulateParse().then((r) => console.log(r));
