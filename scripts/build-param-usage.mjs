// Builds src/language/param-docs/usage.data.json: how often the real configs of the shared
// corpus (../shared/corpus/valid, the repository root's sibling; another folder may be given)
// set each parameter, counted with the project's own parser and catalogue
// (src/language/param-docs/count-usage.ts). The output is committed; the unit tests check it
// still agrees with the corpus.
//
//   node scripts/build-param-usage.mjs [path/to/corpus/valid]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.argv[2] ?? join(root, '..', 'shared', 'corpus', 'valid'));
const output = join(root, 'src', 'language', 'param-docs', 'usage.data.json');

const { countParamUsage } = await tsImport('../src/language/param-docs/count-usage.ts', import.meta.url);
const { defaultCatalog } = await tsImport('../src/language/catalog/index.ts', import.meta.url);

function confFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...confFiles(p));
    else if (name.endsWith('.conf')) out.push(p);
  }
  return out;
}

const files = confFiles(corpus);
const usage = countParamUsage(
  files.map((f) => readFileSync(f, 'utf8')),
  defaultCatalog(),
);
writeFileSync(output, JSON.stringify(usage, null, 1) + '\n');
const top = Object.entries(usage.params).sort((a, b) => b[1][0] - a[1][0]);
console.log(`build-param-usage: ${files.length} configs, ${top.filter(([, [n]]) => n > 0).length} parameters set at least once`);
