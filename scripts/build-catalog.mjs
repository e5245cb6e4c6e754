// Builds src/language/catalog/catalog.data.json — the compact plugin catalogue the
// extension ships — from the shared catalog.json (../shared/fluentd/catalog.json,
// the repository root's sibling; another path may be given as the first argument).
// The output is committed: the extension never reads ../shared at run time.
//
//   node scripts/build-catalog.mjs [path/to/catalog.json]
//
// Normalisation is the same code the service uses for extra catalogue files
// (src/language/catalog/normalize.ts), loaded through tsx. It drops what the
// service never reads (class helpers, commits per plugin, param_name); `declared_in` is kept short
// as `from` (the class that declares a parameter keys its description and usage count).
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? join(root, '..', 'shared', 'fluentd', 'catalog.json'));
const output = join(root, 'src', 'language', 'catalog', 'catalog.data.json');

const { normalizeCatalog } = await tsImport('../src/language/catalog/normalize.ts', import.meta.url);
const { applyKnownFacts } = await tsImport('../src/language/catalog/known-facts.ts', import.meta.url);

let raw;
try {
  raw = JSON.parse(readFileSync(input, 'utf8'));
} catch (err) {
  console.error(`build-catalog: cannot read ${input}: ${err.message}`);
  process.exit(1);
}
const { data, errors } = normalizeCatalog(raw);
if (errors.length) {
  console.error(`build-catalog: ${errors.length} problem(s) in ${input}:\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
const applied = applyKnownFacts(data);
const text = JSON.stringify(data);
writeFileSync(output, text + '\n');
const before = statSync(input).size;
console.log(
  `build-catalog: ${Object.keys(data.plugins).length} plugins; ${before} bytes -> ${text.length + 1} bytes ` +
    `(${((100 * (text.length + 1)) / before).toFixed(0)}%); ${applied.length} known fact(s) applied`,
);
for (const a of applied) console.log(`  + ${a}`);
