// Builds src/language/checks/image-plugins.data.json — which fluent/fluentd-kubernetes-daemonset
// variants ship each third-party plugin of the catalogue — from two shared facts:
//   ../shared/fluentd/image-gems.json  the gems of each v1.19 variant (from its Gemfile)
//   ../shared/fluentd/catalog.json     each plugin's repository
// The output is committed: the extension never reads ../shared at run time.
//
//   node scripts/build-image-plugins.mjs [image-gems.json] [catalog.json]
//
// A plugin's gem is its repository's name, except where the repository is named otherwise
// (GEM_OF_REPO). Fluentd's own plugins and the daemonset repository's (its plugins/ folder, copied
// into every variant) are in every image and are left out. A catalogue plugin whose gem no variant
// lists is kept with no variants: the check can then say that no variant has it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// ../shared next to the checkout (a worktree sits one level deeper)
const shared = [join(root, '..', 'shared', 'fluentd'), join(root, '..', '..', 'shared', 'fluentd')].find((d) => existsSync(d)) ?? '';
const gemsPath = resolve(process.argv[2] ?? join(shared, 'image-gems.json'));
const catalogPath = resolve(process.argv[3] ?? join(shared, 'catalog.json'));
const output = join(root, 'src', 'language', 'checks', 'image-plugins.data.json');

/** Repositories in every image. */
const IN_EVERY_IMAGE = new Set(['fluent/fluentd', 'fluent/fluentd-kubernetes-daemonset']);
/** Repositories whose gem has another name (checked against the gem's own gemspec). */
const GEM_OF_REPO = { 'awslabs/aws-fluent-plugin-kinesis': 'fluent-plugin-kinesis' };

const read = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.error(`build-image-plugins: cannot read ${path}: ${err.message}`);
    process.exit(1);
  }
};
const gems = read(gemsPath);
const catalog = read(catalogPath);

const variants = Object.keys(gems.variants).sort();
const plugins = {};
for (const [id, def] of Object.entries(catalog.plugins).sort(([a], [b]) => a.localeCompare(b))) {
  if (!def.repo || IN_EVERY_IMAGE.has(def.repo)) continue;
  const gem = GEM_OF_REPO[def.repo] ?? def.repo.split('/')[1];
  const having = variants.filter((v) => gem in gems.variants[v]);
  // "all" keeps the file short: most plugins are in every variant
  plugins[id] = { gem, variants: having.length === variants.length ? 'all' : having };
}

const data = {
  source: `${gems.source} at fluent/fluentd-kubernetes-daemonset@${gems.commit}`,
  repository: 'fluent/fluentd-kubernetes-daemonset',
  fluentd: gems.variants[variants[0]].fluentd ?? null,
  variants,
  plugins,
};
writeFileSync(output, JSON.stringify(data, null, 1) + '\n');
const orphans = Object.entries(plugins).filter(([, p]) => p.variants !== 'all' && !p.variants.length);
console.log(`build-image-plugins: ${variants.length} variants, ${Object.keys(plugins).length} third-party plugins -> ${output}`);
if (orphans.length) console.log(`  in no variant: ${orphans.map(([id, p]) => `${id} (${p.gem})`).join(', ')}`);
