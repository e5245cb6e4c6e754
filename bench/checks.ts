// Speed of the catalogue checks on a ~10,000-line config (the shared corpus
// concatenated, bench/corpus10k.ts): parse + every check, as the server runs them
// on each edit. Goal: validate_10k_ms ≤ 50. Called by bench/bench.ts; also runnable
// alone: node --import tsx bench/checks.ts
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultChecks } from '../src/language/checks';
import { parse } from '../src/language/parser';
import { FluentdLanguageService } from '../src/language/service';
import { corpus10k } from './corpus10k';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchChecks(): Promise<Record<string, number>> {
  const text = corpus10k();
  const service = new FluentdLanguageService();
  const full: number[] = [];
  const checksOnly: number[] = [];
  let findings = 0;
  // every run is a new document version: a fresh parse and fresh catalogue resolution
  for (let i = 0; i < 25; i++) {
    const doc = TextDocument.create('file:///bench/fluent.conf', 'fluentd', i + 1, text);
    const t0 = performance.now();
    findings = service.diagnostics(doc).length;
    const t1 = performance.now();
    if (i >= 5) full.push(t1 - t0);
    const parsed = parse(text);
    const t2 = performance.now();
    for (const check of defaultChecks) check({ document: doc, parsed, catalog: service.catalog });
    if (i >= 5) checksOnly.push(performance.now() - t2);
  }
  return {
    validate_10k_ms: Number(median(full).toFixed(2)),
    validate_10k_checks_only_ms: Number(median(checksOnly).toFixed(2)),
    validate_10k_lines: text.split('\n').length - 1,
    validate_10k_findings: findings,
  };
}

if (process.argv[1] && /bench[\\/]checks\.ts$/.test(process.argv[1])) {
  benchChecks().then((r) => console.log(JSON.stringify(r, null, 2)));
}
