// Speed of the whole-config features:
//   route_analysis_10k_ms       routing analysis (tree + model + unmatched/dead/shadowed/
//                               unused) of the ~10,000-line corpus config (bench/corpus10k.ts),
//                               median of warm runs — goal ≤ 20 ms
//   route_analysis_10k_best_ms, route_analysis_10k_cpu_ms   best run, median user CPU time
//   route_analysis_10k_cold_ms  the first run in a fresh process (pattern automata built)
//   event_routes_10k_ms         the route of every <source> (what the code lenses show)
//   configmap_validate_ms       service.diagnostics of a ConfigMap YAML holding the
//                               DaemonSet image's whole config (19 keys) + its DaemonSet,
//                               a new document version each run (YAML read, keys parsed,
//                               checked in the tree, routing, ENV cross-check); also
//                               its best run and median user CPU time
//   route_analysis_{5k,10k,20k}_matches_cpu_ms   routing analysis of a config of that many
//                               <match> blocks of varied patterns (issue 13 item 5: the
//                               shadowed-match check was quadratic, 2.3 / 6.7 / 24 s), median user CPU of 3
// The code is measured as it ships: bundled by esbuild like dist/server.js (through
// tsx every module's exports are getters, which says more about the loader).
// Called by bench/bench.ts; `node --import tsx bench/routing.ts` runs it alone.
import { performance } from 'node:perf_hooks';
import type { TextDocument as TextDocumentType } from 'vscode-languageserver-textdocument';
import type { buildTree as BuildTree } from '../src/language/includes/tree';
import type { parse as Parse } from '../src/language/parser';
import type { analyzeRouting as AnalyzeRouting } from '../src/language/routing/analyze';
import type { eventRoutes as EventRoutes } from '../src/language/routing/event-route';
import type { FluentdLanguageService as Service } from '../src/language/service';
import { configMapManifest, daemonsetConfigMap } from '../test/helpers/config-map';
import { corpus10k } from './corpus10k';
import { bundled, median, round } from './util';

interface Bundle {
  parse: typeof Parse;
  buildTree: typeof BuildTree;
  analyzeRouting: typeof AnalyzeRouting;
  eventRoutes: typeof EventRoutes;
  FluentdLanguageService: typeof Service;
  TextDocument: typeof TextDocumentType;
}

const bundleRouting = () =>
  bundled<Bundle>('routing', [
    "export { parse } from './src/language/parser';",
    "export { buildTree } from './src/language/includes/tree';",
    "export { analyzeRouting } from './src/language/routing/analyze';",
    "export { eventRoutes } from './src/language/routing/event-route';",
    "export { FluentdLanguageService } from './src/language/service';",
    "export { TextDocument } from 'vscode-languageserver-textdocument';",
  ]);

export async function benchRouting(): Promise<Record<string, number>> {
  const { parse, buildTree, analyzeRouting, eventRoutes, FluentdLanguageService, TextDocument } = await bundleRouting();
  const text = corpus10k();
  const parsed = parse(text);
  const root = { path: '/bench/fluent.conf', uri: 'file:///bench/fluent.conf', text, parsed };

  let t = performance.now();
  let findings = analyzeRouting(buildTree(root, undefined)).length;
  const cold = performance.now() - t;
  const warm: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 40; i++) {
    const c = process.cpuUsage();
    t = performance.now();
    findings = analyzeRouting(buildTree(root, undefined)).length;
    warm.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push(used.user / 1000);
  }
  const routes: number[] = [];
  let sources = 0;
  for (let i = 0; i < 10; i++) {
    t = performance.now();
    sources = eventRoutes(buildTree(root, undefined)).length;
    routes.push(performance.now() - t);
  }

  const yaml = configMapManifest(daemonsetConfigMap());
  const service = new FluentdLanguageService();
  const validate: number[] = [];
  const validateCpu: number[] = [];
  let yamlFindings = 0;
  for (let i = 0; i < 25; i++) {
    const doc = TextDocument.create('file:///bench/fluentd-configmap.yaml', 'yaml', i + 1, yaml);
    const c = process.cpuUsage();
    t = performance.now();
    yamlFindings = service.diagnostics(doc).length;
    if (i >= 5) {
      validate.push(performance.now() - t);
      validateCpu.push(process.cpuUsage(c).user / 1000);
    }
  }
  const manyMatches: Record<string, number> = {};
  for (const n of [5_000, 10_000, 20_000]) {
    const shapes = (i: number) => [`app.${i}`, `app${i}.**`, `**.svc${i}`, `ns${i}.*.log`, `{a${i},b${i}}.x`, `kube.${i}.*`][i % 6];
    let conf = '<source>\n  @type sample\n  tag app.7\n</source>\n';
    for (let i = 0; i < n; i++) conf += `<match ${shapes(i)}>\n  @type null\n</match>\n`;
    const file = { path: '/bench/many.conf', uri: 'file:///bench/many.conf', text: conf, parsed: parse(conf) };
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c = process.cpuUsage();
      analyzeRouting(buildTree(file, undefined));
      runs.push(process.cpuUsage(c).user / 1000);
    }
    manyMatches[`route_analysis_${n / 1000}k_matches_cpu_ms`] = round(median(runs));
  }
  if (yamlFindings !== 0) throw new Error(`the DaemonSet ConfigMap should be clean, got ${yamlFindings} findings`);
  return {
    route_analysis_10k_ms: round(median(warm)),
    // on a loaded machine the wall clock mostly measures waiting: best run and CPU time too
    route_analysis_10k_best_ms: round(Math.min(...warm)),
    route_analysis_10k_cpu_ms: round(median(cpu)),
    route_analysis_10k_cold_ms: round(cold),
    route_analysis_10k_findings: findings,
    event_routes_10k_ms: round(median(routes)),
    event_routes_10k_sources: sources,
    configmap_validate_ms: round(median(validate)),
    configmap_validate_best_ms: round(Math.min(...validate)),
    configmap_validate_cpu_ms: round(median(validateCpu)),
    configmap_yaml_lines: yaml.split('\n').length - 1,
    ...manyMatches,
  };
}

if (process.argv[1] && /bench[\\/]routing\.ts$/.test(process.argv[1])) {
  benchRouting().then((r) => console.log(JSON.stringify(r, null, 2)));
}
