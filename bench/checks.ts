// Speed of the catalogue checks on the ~10,000-line corpus config (bench/corpus10k.ts),
// measured as they ship: bundled by esbuild like dist/server.js (through tsx every
// imported function is a getter call, which says more about the loader).
//
//   validate_10k_ms              parse + every catalogue check, fresh parse and fresh
//                                definitions each run (what an edit costs) — goal ≤ 50
//   validate_10k_cpu_ms          the same, CPU time (steadier on a loaded machine;
//                                includes GC threads)
//   validate_10k_checks_only_ms  the catalogue checks alone on a parse
//   validate_10k_service_ms      FluentdLanguageService.diagnostics (everything the
//                                service adds too), for reference
//
// Called by bench/bench.ts; alone: node --import tsx bench/checks.ts
import { performance } from 'node:perf_hooks';
import type { TextDocument as Doc } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../src/language/catalog';
import type { Check } from '../src/language/checks';
import type { ParseResult } from '../src/language/parser';
import type { FluentdLanguageService } from '../src/language/service';
import type { Diagnostic } from '../src/language/types';
import { corpus10k } from './corpus10k';
import { bundled, median, round } from './util';

interface Bundle {
  parse(text: string): ParseResult;
  catalogueChecks: Check[];
  Catalog: new (data: Catalog['data']) => Catalog;
  defaultCatalog(): Catalog;
  FluentdLanguageService: new () => FluentdLanguageService;
  TextDocument: { create(uri: string, lang: string, version: number, text: string): Doc };
}

const bundle = () =>
  bundled<Bundle>('checks', [
    "export { parse } from './src/language/parser';",
    "export { catalogueChecks } from './src/language/checks';",
    "export { Catalog, defaultCatalog } from './src/language/catalog';",
    "export { FluentdLanguageService } from './src/language/service';",
    "export { TextDocument } from 'vscode-languageserver-textdocument';",
  ]);

export async function benchChecks(): Promise<Record<string, number>> {
  const b = await bundle();
  const text = corpus10k();
  const document = b.TextDocument.create('file:///bench/fluent.conf', 'fluentd', 1, text);
  const data = b.defaultCatalog().data;
  const run = (parsed: ParseResult, catalog: Catalog): Diagnostic[] => {
    const out = [...parsed.diagnostics];
    for (const check of b.catalogueChecks) out.push(...check({ document, parsed, catalog }));
    return out;
  };
  const full: number[] = [];
  const cpu: number[] = [];
  const checksOnly: number[] = [];
  const service: number[] = [];
  let findings = 0;
  const svc = new b.FluentdLanguageService();
  for (let i = 0; i < 30; i++) {
    // a new Catalog instance has no resolved definitions cached: each run pays for them
    const u = process.cpuUsage();
    let t = performance.now();
    findings = run(b.parse(text), new b.Catalog(data)).length;
    const a = performance.now() - t;
    const du = process.cpuUsage(u);
    const parsed = b.parse(text);
    t = performance.now();
    run(parsed, new b.Catalog(data));
    const c = performance.now() - t;
    if (i >= 5) {
      full.push(a);
      cpu.push((du.user + du.system) / 1000);
      checksOnly.push(c);
    }
    if (i >= 25) {
      // the whole service is slower: a few runs are enough for a reference number
      t = performance.now();
      svc.diagnostics(b.TextDocument.create('file:///bench/service.conf', 'fluentd', i + 1, text));
      service.push(performance.now() - t);
    }
  }
  return {
    validate_10k_ms: round(median(full)),
    validate_10k_best_ms: round(Math.min(...full)),
    validate_10k_cpu_ms: round(median(cpu)),
    validate_10k_checks_only_ms: round(median(checksOnly)),
    validate_10k_service_ms: round(median(service)),
    validate_10k_findings: findings,
  };
}

if (process.argv[1] && /bench[\\/]checks\.ts$/.test(process.argv[1])) {
  benchChecks().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
